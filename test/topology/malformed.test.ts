// Every malformed topology in test/fixtures/bad-topologies gives exit 2 and a file:line:col
// message naming the problem (expected position and words in each file's first line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'bad-topologies');
const ROOT = join(import.meta.dirname, '..', '..');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

async function check(file: string) {
  let out = '', err = '';
  const code = await main(['check', file], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

test('there are at least 25 malformed topologies', () => {
  assert.ok(files.length >= 25, `${files.length}`);
});

for (const name of files) {
  test(`malformed topology ${name}: exit 2 and a located message`, async () => {
    const path = relative(ROOT, join(DIR, name));
    const [, line, col, words] = /^# expect: (\d+):(\d+) (.*)$/.exec(readFileSync(join(DIR, name), 'utf8').split('\n')[0])!;
    const { code, out, err } = await check(path);
    assert.equal(code, 2);
    assert.equal(out, '');
    const lines = err.split('\n');
    assert.ok(lines.some((l) => l.includes(`${path}:${line}:${col}: `) && l.includes(words)), `expected ${path}:${line}:${col}: …${words}… in:\n${err}`);
    assert.ok(!/\n\s+at /.test(err), 'no stack trace');
  });
}

test('the real binary prints no stack trace for a user error and exits 2', () => {
  const r = spawnSync(join(ROOT, 'bin', 'portolan'), ['check', join(DIR, files[0])], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^portolan check: .*:\d+:\d+: YAML syntax/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('a missing file is a located input error', async () => {
  const { code, err } = await check('no/such/topology.yaml');
  assert.equal(code, 2);
  assert.match(err, /no\/such\/topology\.yaml:1:1: cannot read topology file: ENOENT/);
});
