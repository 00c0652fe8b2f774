// YAML that would crash the YAML library or blow up memory (an alias bomb, an alias with no
// anchor, nesting deeper than its stack) is a located input error in every command that loads a
// topology, the lab included: exit 2, file:line:col, no stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseTopology } from '../../src/topology/load.ts';
import { InputError, InputErrors } from '../../src/errors.ts';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BAD = join(ROOT, 'test', 'fixtures', 'bad-topologies');
const CONFIG = join(ROOT, 'test', 'fixtures', 'configs', 'iptables-edge.rules');

/** Every command that reads a topology, with the other arguments it needs. */
const COMMANDS: string[][] = [
  ['check'], ['flows'], ['render', '--target', 'nftables'], ['plan'], ['dns'], ['certs'], ['diagram'],
  ['audit', '--config', CONFIG, '--platform', 'iptables'], ['probe', '--from', 'internet'], ['lab', 'verify'],
];

const CASES: [string, RegExp][] = [
  ['31-alias-bomb.yaml', /:4:10: YAML: aliases expand to more than/],
  ['32-unresolved-alias.yaml', /:20:20: YAML: alias \*none refers to no anchor/],
  ['33-deep-block-nesting.yaml', /:67:127: YAML: nested more than 64 levels/],
  ['34-deep-flow-nesting.yaml', /:3:76: YAML: nested more than 64 levels/],
];

async function run(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

for (const [name, expected] of CASES) {
  test(`${name}: exit 2 with the location in every command that loads a topology`, async () => {
    const file = join(BAD, name);
    process.env.PORTOLAN_LAB_DIR ??= mkdtempSync(join(tmpdir(), 'pl-lab-'));
    for (const cmd of COMMANDS) {
      const args = cmd[0] === 'lab' ? [...cmd, file] : [cmd[0]!, file, ...cmd.slice(1)];
      const r = await run(args);
      if (r.code === 2 && /unknown command/.test(r.err)) continue; // a command this build does not have
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, expected, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
    }
  });
}

test('the real binary: lab verify on an alias bomb exits 2 with the location, no stack trace', () => {
  const r = spawnSync(join(ROOT, 'bin', 'portolan'), ['lab', 'verify', join(BAD, '31-alias-bomb.yaml')], { encoding: 'utf8', env: { ...process.env, PORTOLAN_LAB_DIR: mkdtempSync(join(tmpdir(), 'pl-lab-')) } });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /31-alias-bomb\.yaml:4:10: YAML: aliases expand/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('very deep nesting (20,000 levels, block, compact and flow) is refused before the YAML parser recurses', () => {
  const n = 20000;
  const texts = [
    Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join(''),
    `${'- '.repeat(n)}x\n`,
    `sipDomains: ${'['.repeat(n)}${']'.repeat(n)}\n`,
    `sipDomains: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
  ];
  for (const text of texts) {
    assert.throws(() => parseTopology(text, 'deep.yaml'), (e: unknown) => {
      const err = e instanceof InputErrors ? e.errors[0] : e;
      return err instanceof InputError && /nested more than 64 levels/.test(err.message) && err.location?.file === 'deep.yaml';
    });
  }
});

test('anchors and aliases used sensibly still load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-alias-'));
  const text = `version: lync2013
sipDomains: [contoso.com]
frontEndPools:
  - name: pool1
    servers: &servers
      - { name: fe1, address: 10.0.0.10 }
directorPools:
  - name: dir1
    servers: [{ name: d1, address: 10.0.0.20 }]
`;
  writeFileSync(join(dir, 't.yaml'), text);
  const t = parseTopology(text, 't.yaml');
  assert.equal(t.frontEndPools[0]!.servers.length, 1);
});
