// '-' reads standard input, for TOPOLOGY and for audit's --config; errors name <stdin>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { withStdin } from '../support/cli-process.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

test('flows - reads the topology from standard input: same output as the file', async () => {
  const r = withStdin(readFileSync(REF, 'utf8'), ['flows', '-', '--format', 'csv']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, (await run('flows', REF, '--format', 'csv')).out);
});

test('check -: a bad topology on standard input is reported as <stdin>:line:col, exit 2', () => {
  const r = withStdin('version: lync2010\nsipDomains: [contoso.com]\nedgePools: 3\n', ['check', '-']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^portolan check: <stdin>:3:\d+: /m);
});

test('audit --config - reads the configuration from standard input', async () => {
  const config = 'test/fixtures/audit/iptables-external.rules';
  const r = withStdin(readFileSync(config, 'utf8'), ['audit', REF, '--config', '-', '--platform', 'iptables', '--format', 'json']);
  const fromFile = await run('audit', REF, '--config', config, '--platform', 'iptables', '--format', 'json');
  assert.equal(r.status, fromFile.code);
  assert.equal(r.stdout, fromFile.out.replaceAll(config, '<stdin>'));
});

test('only one input can be standard input', async () => {
  const r = await run('audit', '-', '--config', '-', '--platform', 'iptables');
  assert.equal(r.code, 2);
  assert.match(r.err, /only one input can be '-'/);
});
