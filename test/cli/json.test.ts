// Every command's --format json output is one envelope {portolan, format, kind, ...} and valid
// against its kind's JSON Schema in docs/json/ (documented in docs/json.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { main } from '../../src/cli/main.ts';
import { JSON_FORMAT } from '../../src/cli/json.ts';
import { VERSION } from '../../src/cli/version.ts';
import { PORTOLAN, ROOT } from '../support/cli-process.ts';

const DIR = join(ROOT, 'docs', 'json');
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
for (const f of readdirSync(DIR).sort()) ajv.addSchema(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `examples/${f}`);

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

function valid(kind: string, text: string): Record<string, unknown> {
  const doc = JSON.parse(text) as Record<string, unknown>;
  assert.deepEqual([doc.portolan, doc.format, doc.kind], [VERSION, JSON_FORMAT, kind]);
  assert.deepEqual(Object.keys(doc).slice(0, 3), ['portolan', 'format', 'kind'], 'the envelope comes first');
  const validate = ajv.getSchema(`https://portolan.invalid/json/${kind}.schema.json`)!;
  assert.ok(validate(doc), `${kind}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return doc;
}

test('docs/json.md documents every schema file', () => {
  const md = readFileSync(join(ROOT, 'docs', 'json.md'), 'utf8');
  for (const f of readdirSync(DIR)) assert.ok(md.includes(`json/${f}`), f);
});

test('catalog and catalog --discrepancies', async () => {
  const c = valid('catalog', (await run('catalog', '--format', 'json')).out);
  const ports = (c.requirements as { destinationPort: unknown }[]).map((r) => r.destinationPort);
  assert.ok(ports.includes(443) && ports.includes(null) && ports.some((p) => typeof p === 'object' && p !== null));
  valid('discrepancies', (await run('catalog', '--discrepancies', '--format', 'json')).out);
});

for (const file of EXAMPLES) {
  test(`flows, check, dns, certs of ${file}`, async () => {
    const f = valid('flows', (await run('flows', file, '--format', 'json')).out);
    assert.ok((f.flows as unknown[]).length > 0);
    valid('check', (await run('check', file, '--format', 'json')).out);
    valid('dns', (await run('dns', file, '--format', 'json')).out);
    valid('certs', (await run('certs', file, '--format', 'json')).out);
  });
}

test('flows: ports as numbers, ranges and null for Any', async () => {
  const { flows } = valid('flows', (await run('flows', EXAMPLES.find((e) => e.includes('single'))!, '--format', 'json')).out) as { flows: { source_port: unknown; destination_port: unknown; destination: unknown }[] };
  assert.ok(flows.some((x) => x.destination_port === 443));
  assert.ok(flows.some((x) => JSON.stringify(x.source_port) === '{"from":50000,"to":59999}' || JSON.stringify(x.destination_port) === '{"from":50000,"to":59999}'));
  assert.ok(flows.some((x) => x.source_port === null && x.destination === null));
});

test('audit', async () => {
  const r = await run('audit', 'examples/lync2010-single-consolidated-edge.yaml', '--config', 'test/fixtures/audit/iptables-external.rules', '--platform', 'iptables', '--format', 'json');
  valid('audit', r.out);
});

test('version', async () => {
  valid('version', (await run('version', '--json')).out);
});

test('probe (in an empty network namespace: every probe fails fast, the report is complete)', () => {
  const r = spawnSync('unshare', ['--net', ...PORTOLAN, 'probe', 'examples/lync2010-single-consolidated-edge.yaml', '--from', 'internet', '--format', 'json', '--timeout', '500', '--target', '192.0.2.10'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const doc = valid('probe', r.stdout) as { results: unknown[] };
  assert.ok(doc.results.length > 0);
});

test('flows of an imported topology with hosts named by FQDN (family unresolved) and check of it', async () => {
  const file = 'test/fixtures/import/lync2013-director-mediation-pstn.xml';
  const f = valid('flows', (await run('flows', file, '--format', 'json')).out);
  assert.ok((f.flows as { family: string }[]).some((x) => x.family === 'unresolved'));
  valid('check', (await run('check', file, '--format', 'json')).out);
});
