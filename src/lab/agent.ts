// The lab's hands inside one namespace: `ip netns exec NS node --import tsx src/lab/agent.ts`.
// It reads JSON lines on stdin — {id, op:'listen', tcp, udp} to open echo listeners,
// {id, op:'probe', tasks, context} to run probes — and answers one JSON line per request.
// One long-lived agent per namespace keeps Node's start-up out of every verify run.
//
// Probes are the probe module's: each task's ProbeSpec runs through the probe runner with the
// task's own source address (and source port) as the bind context, so the firewall sees the
// flow's own source (an edge has several external addresses).
import dgram from 'node:dgram';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { runSpec, type ProbeContext } from '../probe/runner.ts';
import type { Verdict } from '../probe/verdict.ts';
import type { ProbeTask } from './tasks.ts';

/** What every probe of a verify run shares: the timeout and the lab's CA, client certificate and secrets. */
export type LabProbeContext = Omit<ProbeContext, 'source'>;

/** A forbidden flow's silence is expected: it need not wait as long as a required one. */
export const BLOCKED_TIMEOUT_MS = 400;

// Source ports walk through their range (from a random start) instead of being drawn at random:
// concurrent tasks of one agent never pick the same port, and reruns use fresh ports.
const cursor = new Map<string, number>();
function nextPort([lo, hi]: [number, number]): number {
  const key = `${lo}-${hi}`;
  const n = cursor.get(key) ?? Math.floor(Math.random() * (hi - lo + 1));
  cursor.set(key, n + 1);
  return lo + (n % (hi - lo + 1));
}

export function runTask(t: ProbeTask, ctx: LabProbeContext): Promise<Verdict> {
  const port = t.bindPort ?? (t.sport ? nextPort(t.sport) : undefined);
  const timeoutMs = t.expect === 'blocked' ? Math.min(ctx.timeoutMs, BLOCKED_TIMEOUT_MS) : ctx.timeoutMs;
  return runSpec(t.spec, { ...ctx, timeoutMs, source: port === undefined ? { address: t.bind } : { address: t.bind, port } });
}

const servers: (net.Server | dgram.Socket)[] = [];
async function listen(tcp: [string, number][], udp: [string, number][]): Promise<string[]> {
  const errors: string[] = [];
  for (const [host, port] of tcp) {
    const s = net.createServer((c) => { c.on('error', () => {}); c.pipe(c); });
    await new Promise<void>((ok) => { s.once('error', (e) => { errors.push(`tcp ${host}:${port} ${e.message}`); ok(); }); s.listen(port, host, () => ok()); });
    servers.push(s);
  }
  for (const [host, port] of udp) {
    const s = dgram.createSocket('udp4');
    s.on('message', (m, r) => s.send(m, r.port, r.address));
    await new Promise<void>((ok) => { s.once('error', (e) => { errors.push(`udp ${host}:${port} ${e.message}`); ok(); }); s.bind(port, host, () => ok()); });
    servers.push(s);
  }
  return errors;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rl = createInterface({ input: process.stdin });
  const reply = (x: unknown) => process.stdout.write(JSON.stringify(x) + '\n');
  rl.on('line', async (line) => {
    const req = JSON.parse(line) as { id: number; op: string; tcp?: [string, number][]; udp?: [string, number][]; tasks?: ProbeTask[]; context?: LabProbeContext };
    if (req.op === 'listen') reply({ id: req.id, errors: await listen(req.tcp ?? [], req.udp ?? []) });
    else if (req.op === 'probe') reply({ id: req.id, results: await Promise.all(req.tasks!.map((t) => runTask(t, req.context!))) });
    else reply({ id: req.id, error: `unknown op ${req.op}` });
  });
  rl.on('close', () => process.exit(0));
  reply({ id: 0, ready: true });
}
