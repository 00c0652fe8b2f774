// The runner against real loopback listeners and closed ports: results in plan order, at most
// `concurrency` probes in flight, starts spaced by the rate, and each probe bounded by the timeout.
// No assertion reads the wall clock: concurrency is judged by the order of events, the rate by
// the scheduler's own (virtual) clock.
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
  // A TLS probe against a server that never answers the ClientHello holds its connection until
  // the timeout. One log of what happens, in the order it happens: connections arriving at the
  // server, probes reported done. No clock is read: only the order of events is asserted.
  const events: string[] = [];
  srv.server.on('connection', () => events.push('arrival'));
  const probes = Array.from({ length: 9 }, (_, i) => planned({ kind: 'tls', host: '127.0.0.1', port: srv.port, servername: `n${i}.test`, clientCert: false }, i));
  const results = await runPlan(probes, { timeoutMs: 300 }, { concurrency: 3, onProgress: () => events.push('done') });
  srv.server.close();
  assert.equal(events.filter((e) => e === 'arrival').length, 9);
  // The k-th connection can only arrive once k probes have started, and with at most three in
  // flight the k-th start waits for k - 3 of them to be done.
  let arrivals = 0, done = 0, fourthAfter = -1;
  for (const e of events) {
    if (e === 'done') { done++; continue; }
    arrivals++;
    assert.ok(done >= arrivals - 3, `connection ${arrivals} arrived with only ${done} probe(s) done: more than 3 in flight\n${events.join(' ')}`);
    if (arrivals === 4) fourthAfter = done;
  }
  assert.ok(fourthAfter >= 1, 'the fourth connection waited for a probe to end');
  // Each probe ended by its own timeout (the server never answers), not by an error of the run.
  for (const r of results) assert.equal(r.verdict!.kind, 'tls-error', r.verdict!.summary);
});

test('concurrency: the scheduler keeps exactly the allowed number of items in flight', async () => {
  // Work that yields to the event loop a few times before it ends; the log is the truth.
  const log: string[] = [];
  let inFlight = 0, most = 0;
  const out = await runBounded([...Array(12).keys()], async (i) => {
    inFlight++; most = Math.max(most, inFlight); log.push(`start ${i}`);
    for (let k = 0; k <= i % 4; k++) await new Promise((r) => setImmediate(r));
    inFlight--; log.push(`end ${i}`);
    return i * 10;
  }, { concurrency: 3 });
  assert.deepEqual(out, [...Array(12).keys()].map((i) => i * 10));
  assert.equal(most, 3, log.join(' '));
  // Every start after the third follows an end.
  let open = 0;
  for (const e of log) { open += e.startsWith('start') ? 1 : -1; assert.ok(open <= 3, log.join(' ')); }
});

/** A virtual clock: sleeping moves time on at once (by `late` more than asked, like a late timer). */
function virtualClock(late = 0) {
  let t = 1000;
  return { now: () => t, sleep: async (ms: number) => { t += ms + late; } };
}

test('rate: starts are spaced by 1/rate even with spare concurrency (the scheduler\'s own clock)', async () => {
  for (const late of [0, 7]) {
    const clock = virtualClock(late);
    const starts: number[] = [];
    const out = await runBounded([...Array(6).keys()], async (i) => { starts.push(clock.now()); return i; }, { concurrency: 6, ratePerSecond: 20, clock });
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5]);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // 1/rate = 50 ms between starts; a late timer delays the next start, and the ones after keep
    // their own 50 ms from it rather than bunching up to catch up.
    assert.deepEqual(gaps, Array(5).fill(50 + late), `late ${late}`);
  }
  // Without a rate the clock is never consulted: every start is at once.
  const clock = virtualClock();
  const starts: number[] = [];
  await runBounded([...Array(4).keys()], async () => { starts.push(clock.now()); }, { concurrency: 4, clock });
  assert.deepEqual(starts, [1000, 1000, 1000, 1000]);
});

test('rate: real TCP probes to closed ports start through the rate limit (the scheduler\'s clock)', async () => {
  const ports = await Promise.all(Array.from({ length: 4 }, () => freePort()));
  const clock = virtualClock();
  const starts: number[] = [];
  const verdicts = await runBounded(ports, (port) => {
    starts.push(clock.now());
    return probeTcp({ host: '127.0.0.1', port, timeoutMs: 1000 });
  }, { concurrency: 4, ratePerSecond: 10, clock });
  assert.deepEqual(verdicts.map((v) => v.kind), Array(4).fill('refused'));
  assert.deepEqual(starts.map((t) => t - starts[0]!), [0, 100, 200, 300]);
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
