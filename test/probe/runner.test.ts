// The runner against real loopback listeners and closed ports: results in plan order, at most
// `concurrency` probes in flight, starts spaced by the rate, and each probe bounded by the timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { Flow } from '../../src/flows/types.ts';
import type { PlannedProbe, ProbeSpec } from '../../src/probe/plan.ts';
import { exitStatus, runBounded, runPlan, type Progress } from '../../src/probe/runner.ts';
import { freePort } from '../support/servers.ts';
import { probeTcp } from '../../src/probe/tcp.ts';

const flow = (requirement: string): Flow => ({
  firewall: 'external', direction: 'in', role: 'Access', source: 'Any', sourcePort: 'Any', destination: ['127.0.0.1'],
  destinationPort: { from: 1, to: 1 }, transport: 'TCP', application: 'TCP', family: 'ipv4', requirement,
  citations: [{ document: '000', table: 'runner', row: 1 }], notes: [], sourceName: 'a', destinationName: 'b',
});
const planned = (spec: ProbeSpec | undefined, i: number, required = true): PlannedProbe => ({
  flow: flow(`r${i}`), requirement: `r${i}`, citations: [], destination: '127.0.0.1', method: spec?.kind ?? 'none', spec,
  ...(spec ? {} : { skipped: 'not probed (test)' }), required,
});

/** A TCP server that records when each connection arrives; it never speaks. */
async function silentServer(): Promise<{ port: number; server: Server; arrivals: number[] }> {
  const port = await freePort();
  const arrivals: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    arrivals.push(performance.now());
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => { for (const s of sockets) s.destroy(); return close(cb); }) as typeof server.close;
  return { port, server, arrivals };
}

test('results in plan order, with open, refused and not-probed outcomes', async () => {
  const srv = await silentServer();
  const closed = await freePort();
  const probes = [
    planned({ kind: 'tcp', host: '127.0.0.1', port: closed }, 0),
    planned({ kind: 'tcp', host: '127.0.0.1', port: srv.port }, 1),
    planned(undefined, 2),
    planned({ kind: 'tcp', host: '127.0.0.1', port: closed }, 3, false),
    planned({ kind: 'tcp-sample', host: '127.0.0.1', ports: [closed, srv.port] }, 4),
  ];
  const progress: Progress[] = [];
  const results = await runPlan(probes, { timeoutMs: 1000 }, { concurrency: 4, onProgress: (p) => progress.push(p) });
  srv.server.close();
  assert.deepEqual(results.map((r) => r.probe.requirement), ['r0', 'r1', 'r2', 'r3', 'r4']);
  assert.deepEqual(results.map((r) => r.outcome), ['fail', 'pass', 'not-probed', 'fail', 'pass']);
  assert.deepEqual(results.map((r) => r.verdict?.kind), ['refused', 'open', undefined, 'refused', 'open']);
  assert.equal(progress.length, 5);
  assert.deepEqual(progress.map((p) => p.done), [1, 2, 3, 4, 5]);
  assert.equal(exitStatus(results), 1);
  assert.equal(exitStatus(results.filter((r) => r.probe.requirement !== 'r0')), 0, 'an optional flow failing does not fail the run');
});

test('the A/V sample: RST from every sampled port is a pass with the path unproven', async () => {
  const a = await freePort();
  const b = await freePort();
  const [r] = await runPlan([planned({ kind: 'tcp-sample', host: '127.0.0.1', ports: [a, b] }, 0)], { timeoutMs: 1000 }, { concurrency: 1 });
  assert.equal(r!.verdict!.kind, 'refused');
  assert.equal(r!.verdict!.pathOpen, 'unknown');
  assert.equal(r!.outcome, 'pass');
});

test('concurrency: never more probes in flight than allowed, each ending at its timeout', async () => {
  const srv = await silentServer();
  // A TLS probe against a server that never answers the ClientHello holds its connection until the timeout.
  const probes = Array.from({ length: 9 }, (_, i) => planned({ kind: 'tls', host: '127.0.0.1', port: srv.port, servername: `n${i}.test`, clientCert: false }, i));
  const t0 = performance.now();
  const results = await runPlan(probes, { timeoutMs: 400 }, { concurrency: 3 });
  const elapsed = performance.now() - t0;
  srv.server.close();
  assert.equal(srv.arrivals.length, 9);
  // A fourth connection arrives only when one of the first three has timed out: in any window
  // shorter than the timeout there are at most three arrivals.
  for (let i = 0; i + 3 < srv.arrivals.length; i++) {
    assert.ok(srv.arrivals[i + 3]! - srv.arrivals[i]! >= 200, `arrivals ${i} and ${i + 3} only ${(srv.arrivals[i + 3]! - srv.arrivals[i]!).toFixed(0)} ms apart`);
  }
  for (const r of results) {
    assert.equal(r.verdict!.kind, 'tls-error', r.verdict!.summary);
    assert.ok(r.verdict!.elapsedMs >= 350 && r.verdict!.elapsedMs < 1500, `elapsed ${r.verdict!.elapsedMs}`);
  }
  // three waves of three, each bounded by the timeout
  assert.ok(elapsed >= 1150 && elapsed < 4000, `run took ${elapsed} ms`);
});

test('rate: starts are spaced by 1/rate even with spare concurrency', async () => {
  // Six closed ports; the start of each probe is recorded as the scheduler hands it out.
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const starts: number[] = [];
  const verdicts = await runBounded(ports, (port) => {
    starts.push(performance.now());
    return probeTcp({ host: '127.0.0.1', port, timeoutMs: 1000 });
  }, { concurrency: 6, ratePerSecond: 20 });
  assert.deepEqual(verdicts.map((v) => v.kind), Array(6).fill('refused'));
  const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
  for (const g of gaps) assert.ok(g >= 45, `gap ${g.toFixed(1)} ms below 1/rate = 50 ms`);
});

test('identical probes for two flows go on the wire once', async () => {
  const srv = await silentServer();
  const spec: ProbeSpec = { kind: 'tcp', host: '127.0.0.1', port: srv.port };
  const results = await runPlan([planned(spec, 0), planned({ ...spec }, 1)], { timeoutMs: 1000 }, { concurrency: 2 });
  srv.server.close();
  assert.equal(srv.arrivals.length, 1);
  assert.deepEqual(results.map((r) => [r.probe.requirement, r.outcome]), [['r0', 'pass'], ['r1', 'pass']]);
});

test('runBounded keeps item order when later items finish first', async () => {
  const delays = [50, 5, 30, 1];
  const out = await runBounded(delays, (d, i) => new Promise<number>((r) => setTimeout(() => r(i), d)), { concurrency: 4 });
  assert.deepEqual(out, [0, 1, 2, 3]);
});
