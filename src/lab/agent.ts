// The lab's hands inside one namespace: `ip netns exec NS node --import tsx src/lab/agent.ts`.
// It reads JSON lines on stdin — {id, op:'listen', tcp, udp} to open echo listeners,
// {id, op:'probe', tasks, timeoutMs, ...} to run probes — and answers one JSON line per request.
// One long-lived agent per namespace keeps Node's start-up out of every verify run.
//
// The project's probes take no local address, but the firewall must see the flow's own source
// (an edge has several external addresses). Every socket a task opens is therefore bound to the
// task's address through AsyncLocalStorage: net.Socket#connect and dgram Socket#bind read it.
import { AsyncLocalStorage } from 'node:async_hooks';
import dgram from 'node:dgram';
import { probeXmppComponent, probeXmppS2s } from '../probe/xmpp.ts';
import { LAB_COMPONENT_SECRET } from './servers/prosody.ts';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { probeTcp } from '../probe/tcp.ts';
import { probeTls } from '../probe/tls.ts';
import { probeSip } from '../probe/sip.ts';
import { probeTurnAllocate } from '../probe/turn.ts';
import { probeHttp } from '../probe/http.ts';
import { probeDns } from '../probe/dns.ts';
import type { Verdict } from '../probe/verdict.ts';
import type { ProbeTask } from './tasks.ts';

interface Local { address: string; port?: number }
const local = new AsyncLocalStorage<Local>();

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const l = local.getStore();
  // net.connect passes its normalized [options, cb] array (tagged with an internal symbol)
  const opts = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { path?: string; localAddress?: string; localPort?: number } | undefined;
  if (l && opts && typeof opts === 'object' && !opts.path) {
    opts.localAddress = l.address;
    if (l.port) opts.localPort = l.port;
  }
  return (origConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const origBind = dgram.Socket.prototype.bind;
dgram.Socket.prototype.bind = function (this: dgram.Socket, ...args: unknown[]) {
  const l = local.getStore();
  if (l) {
    const cb = args.find((a) => typeof a === 'function');
    return (origBind as (...a: unknown[]) => dgram.Socket).call(this, { address: l.address, port: l.port ?? 0 }, cb);
  }
  return (origBind as (...a: unknown[]) => dgram.Socket).apply(this, args);
} as typeof dgram.Socket.prototype.bind;

export interface ProbeOptions {
  timeoutMs: number;
  caFile?: string;
  clientCert?: { certPath: string; keyPath: string };
  turnUser?: string;
  turnPassword?: string;
  dnsName?: string;
  /** The XMPP domain prosody serves (the first SIP domain); the gateway is `xmppgw.` under it. */
  xmppDomain?: string;
}

/** UDP: send a datagram, wait for the echo. No answer is only meaningful next to a control. */
function udpEcho(host: string, port: number, timeoutMs: number): Promise<Verdict> {
  const started = performance.now();
  return new Promise((done) => {
    const s = dgram.createSocket('udp4');
    const finish = (v: Omit<Verdict, 'elapsedMs'>) => { clearTimeout(timer); try { s.close(); } catch { /* closed */ } done({ ...v, elapsedMs: Math.round(performance.now() - started) }); };
    const timer = setTimeout(() => finish({ kind: 'no-answer', pathOpen: 'unknown', ok: false, summary: `no UDP answer from ${host}:${port}`, evidence: {} }), timeoutMs);
    s.on('message', () => finish({ kind: 'answered', pathOpen: true, ok: true, summary: `UDP echo from ${host}:${port}`, evidence: {} }));
    s.on('error', (e) => finish({ kind: 'error', pathOpen: 'unknown', ok: false, summary: e.message, evidence: {} }));
    s.bind(() => s.send(Buffer.from('portolan-lab'), port, host));
  });
}

function runProbe(t: ProbeTask, o: ProbeOptions): Promise<Verdict> {
  const base = { host: t.host, port: t.port, timeoutMs: o.timeoutMs };
  switch (t.probe) {
    case 'tls': return probeTls({ ...base, caFile: o.caFile, clientCert: o.clientCert });
    case 'sip-tls': return probeSip({ ...base, transport: 'TLS', caFile: o.caFile });
    case 'sip-mtls': return probeSip({ ...base, transport: 'MTLS', caFile: o.caFile, clientCert: o.clientCert });
    case 'sip-tcp': return probeSip({ ...base, transport: 'TCP' });
    case 'turn': return probeTurnAllocate({ ...base, transport: t.transport === 'UDP' ? 'udp' : 'tcp', username: o.turnUser, password: o.turnPassword });
    case 'http': return probeHttp({ ...base, scheme: 'http', path: '/', expectedStatus: [200, 404] });
    case 'https': return probeHttp({ ...base, scheme: 'https', path: '/', caFile: o.caFile, expectedStatus: [200, 404] });
    case 'dns': return probeDns({ host: t.host, port: t.port, timeoutMs: o.timeoutMs, name: o.dnsName ?? 'sip.lab', type: 'A' });
    case 'udp-echo': return udpEcho(t.host, t.port, o.timeoutMs);
    // 23456 is the XMPP gateway's component port (XEP-0114 handshake); 5269 server-to-server.
    case 'xmpp': return t.port === 23456
      ? probeXmppComponent({ ...base, domain: `xmppgw.${o.xmppDomain ?? 'contoso.com'}`, secret: LAB_COMPONENT_SECRET })
      : probeXmppS2s({ ...base, domain: o.xmppDomain ?? 'contoso.com', starttls: false });
    default: return probeTcp(base);
  }
}

// Source ports walk through their range (from a random start) instead of being drawn at random:
// concurrent tasks of one agent never pick the same port, and reruns use fresh ports.
const cursor = new Map<string, number>();
function nextPort([lo, hi]: [number, number]): number {
  const key = `${lo}-${hi}`;
  const n = cursor.get(key) ?? Math.floor(Math.random() * (hi - lo + 1));
  cursor.set(key, n + 1);
  return lo + (n % (hi - lo + 1));
}

export async function runTask(t: ProbeTask, o: ProbeOptions): Promise<Verdict> {
  const port = t.bindPort ?? (t.sport ? nextPort(t.sport) : undefined);
  try {
    return await local.run({ address: t.bind, port }, () => runProbe(t, o));
  } catch (e) {
    return { kind: 'error', pathOpen: 'unknown', ok: false, summary: (e as Error).message, evidence: {}, elapsedMs: 0 };
  }
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
    await new Promise<void>((ok) => { s.once('error', (e) => { errors.push(`udp ${host}:${port} ${e.message}`); ok(); }); (origBind as (...a: unknown[]) => dgram.Socket).call(s, port, host, () => ok()); });
    servers.push(s);
  }
  return errors;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rl = createInterface({ input: process.stdin });
  const reply = (x: unknown) => process.stdout.write(JSON.stringify(x) + '\n');
  rl.on('line', async (line) => {
    const req = JSON.parse(line) as { id: number; op: string; tcp?: [string, number][]; udp?: [string, number][]; tasks?: ProbeTask[]; options?: ProbeOptions };
    if (req.op === 'listen') reply({ id: req.id, errors: await listen(req.tcp ?? [], req.udp ?? []) });
    else if (req.op === 'probe') {
      const results = await Promise.all(req.tasks!.map((t) => runTask(t, { ...req.options!, timeoutMs: t.expect === 'blocked' ? Math.min(req.options!.timeoutMs, 400) : req.options!.timeoutMs })));
      reply({ id: req.id, results });
    } else reply({ id: req.id, error: `unknown op ${req.op}` });
  });
  rl.on('close', () => process.exit(0));
  reply({ id: 0, ready: true });
}
