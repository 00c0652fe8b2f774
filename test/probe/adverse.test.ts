// Adverse targets judged for what they are: no route to a STUN / MS-TURN server or a resolver is
// *unreachable* (not a local error, not "refused"); a server that sends its headers and then a
// slow body has answered; and a thousand probes at once under `ulimit -n 256` pace themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { probeHttp } from '../../src/probe/http.ts';
import type { Verdict } from '../../src/probe/verdict.ts';
import { paceToDescriptors } from '../../src/probe/descriptors.ts';
import { callInNetns } from '../support/netns.ts';
import { freePort } from '../support/servers.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

test('STUN over UDP with no route: unreachable', async () => {
  const v = await callInNetns<Verdict>({ module: 'src/probe/stun.ts', fn: 'probeStunBinding', args: [{ host: '192.0.2.10', port: 3478, transport: 'udp', timeoutMs: 1500 }] });
  assert.equal(v.kind, 'unreachable', v.summary);
  assert.equal(v.evidence.code, 'ENETUNREACH');
});

test('MS-TURN over UDP with no route: unreachable', async () => {
  const v = await callInNetns<Verdict>({ module: 'src/probe/msturn.ts', fn: 'probeMsTurnAllocate', args: [{ host: '192.0.2.10', port: 3478, transport: 'udp', timeoutMs: 1500 }] });
  assert.equal(v.kind, 'unreachable', v.summary);
});

test('a resolver with no route: unreachable, not refused', async () => {
  const v = await callInNetns<Verdict>({ module: 'src/probe/dns.ts', fn: 'probeDns', args: [{ host: '192.0.2.53', name: 'sip.contoso.com', type: 'A', timeoutMs: 1500 }] });
  assert.equal(v.kind, 'unreachable', v.summary);
  assert.equal(v.evidence.code, 'ENETUNREACH');
});

test('headers, then a body slower than the timeout: the answer is judged on its status', async () => {
  const port = await freePort();
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html>'); // … and the rest never comes in time
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  try {
    const v = await probeHttp({ scheme: 'http', host: '127.0.0.1', port, path: '/', timeoutMs: 800 });
    assert.equal(v.kind, 'answered', v.summary);
    assert.equal(v.evidence.status, 200);
    assert.match(String(v.evidence.bodyIncomplete), /still arriving/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('concurrency is paced to the descriptor limit', () => {
  assert.equal(paceToDescriptors(1000, { limit: 256, open: 20 }), 106);
  assert.equal(paceToDescriptors(8, { limit: 256, open: 20 }), 8);
  assert.equal(paceToDescriptors(1000, { limit: 30, open: 20 }), 1);
  assert.equal(paceToDescriptors(1000, undefined), 1000);
});

test('--concurrency 1000 under ulimit -n 256: every one of 1,000 TCP probes runs, none fails with EMFILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-fd-'));
  const script = join(dir, 'run.mts');
  writeFileSync(script, `
import { createServer } from 'node:net';
import { runPlan } from ${JSON.stringify(join(ROOT, 'src/probe/runner.ts'))};
const server = createServer((s) => s.end());
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const flow = { firewall: 'external', direction: 'in', role: 'Access', source: 'Any', sourcePort: 'Any', destination: ['127.0.0.1'], destinationPort: { from: port, to: port }, transport: 'TCP', application: 'TCP', family: 'ipv4', requirement: 'r', citations: [], note: '', sourceName: 'a', destinationName: 'b' };
const probes = Array.from({ length: 1000 }, (_, i) => ({ flow, requirement: 'r' + i, citations: [], destination: '127.0.0.1', method: 'tcp', spec: { kind: 'tcp', host: '127.0.0.1', port, n: i }, required: true }));
const results = await runPlan(probes, { timeoutMs: 10000 }, { concurrency: 1000 });
const kinds = {};
for (const r of results) kinds[r.verdict?.kind + ' ' + (r.verdict?.evidence?.code ?? '')] = (kinds[r.verdict?.kind + ' ' + (r.verdict?.evidence?.code ?? '')] ?? 0) + 1;
console.log(JSON.stringify(kinds));
server.close();
`);
  const r = spawnSync('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" --import tsx "${script}"`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()!), { 'open ': 1000 });
});
