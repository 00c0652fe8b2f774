// Runs a plan's probes: at most `concurrency` at once, at most `ratePerSecond` started per second,
// each bounded by the per-probe timeout, with progress reported as they finish. Results come back
// in plan order whatever order the probes finish in, so reports are deterministic.
import { readFile } from 'node:fs/promises';
import type { PlannedProbe, ProbeSpec } from './plan.ts';
import type { Verdict } from './verdict.ts';
import { probeTcp } from './tcp.ts';
import type { ClientCertificate } from './tls.ts';
// The protocol probes load when a plan first needs them: a TCP-only run never pays for TLS,
// x509 or the SIP and STUN codecs.
const PROBES = {
  udpEcho: () => import('./udp-echo.ts'),
  tls: () => import('./tls.ts'),
  sip: () => import('./sip.ts'),
  stun: () => import('./stun.ts'),
  msturn: () => import('./msturn.ts'),
  turn: () => import('./turn.ts'),
  http: () => import('./http.ts'),
  dns: () => import('./dns.ts'),
  xmpp: () => import('./xmpp.ts'),
};
const MODULES_OF: Record<ProbeSpec['kind'], (keyof typeof PROBES)[]> = {
  tcp: [], 'tcp-sample': [], 'udp-echo': ['udpEcho'], tls: ['tls'], sip: ['sip'], 'stun-udp': ['stun', 'msturn'], 'stun-tcp': ['stun', 'msturn'],
  'turn-relay': ['turn'], http: ['http'], dns: ['dns'], 'xmpp-s2s': ['xmpp'], 'xmpp-component': ['xmpp'],
};
import { fromSource, type SourceBinding } from './source.ts';
import { paceToDescriptors } from './descriptors.ts';

export interface SchedulerOptions {
  /** Probes in flight at once (≥ 1). */
  concurrency: number;
  /** Probes started per second; 0 or absent = no limit. */
  ratePerSecond?: number;
  /** The clock the rate is kept by (default: the real one); tests give a virtual one. */
  clock?: SchedulerClock;
}

/** Time for the rate limit: milliseconds now, and a wait of some milliseconds. */
export interface SchedulerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: SchedulerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * Apply `work` to every item with bounded concurrency and start rate. Results are in item order.
 * `work` must not throw (probes turn network outcomes into verdicts); if it does, the run fails.
 */
export async function runBounded<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, o: SchedulerOptions): Promise<R[]> {
  const results = new Array<R>(items.length);
  const interval = o.ratePerSecond && o.ratePerSecond > 0 ? 1000 / o.ratePerSecond : 0;
  let next = 0;
  // Starts pass one at a time through this gate, each at least `interval` after the previous
  // actual start, so a late timer never lets the following starts bunch up.
  let gate: Promise<void> = Promise.resolve();
  let lastStart = -Infinity;
  const clock = o.clock ?? REAL_CLOCK;
  const admit = () => {
    gate = gate.then(async () => {
      for (let wait = lastStart + interval - clock.now(); wait > 0; wait = lastStart + interval - clock.now()) {
        await clock.sleep(Math.ceil(wait));
      }
      lastStart = clock.now();
    });
    return gate;
  };
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      if (interval > 0) await admit();
      results[i] = await work(items[i]!, i);
    }
  };
  const n = Math.max(1, Math.min(Math.floor(o.concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

/** What the runner hands the probes besides the plan: the timeout and the secrets. */
export interface ProbeContext {
  timeoutMs: number;
  /** PEM file of the CA the certificates must chain to. */
  caFile?: string;
  clientCert?: ClientCertificate;
  turn?: { username: string; password: string };
  xmppSecret?: string;
  /** Probe from this local address (and port): the lab's vantage namespaces hold several. */
  source?: SourceBinding;
}

export type Outcome = 'pass' | 'fail' | 'not-probed';

export interface ProbeResult {
  probe: PlannedProbe;
  outcome: Outcome;
  verdict?: Verdict;
}

export interface Progress {
  done: number;
  total: number;
  result: ProbeResult;
}

export interface RunOptions extends SchedulerOptions {
  onProgress?: (p: Progress) => void;
}

/** How many sequential network exchanges a probe may make; the watchdog allows each its timeout. */
function steps(spec: ProbeSpec): number {
  return spec.kind === 'stun-udp' || spec.kind === 'stun-tcp' || spec.kind === 'turn-relay' ? 2 : 1;
}

function verdictOf(kind: Verdict['kind'], ok: boolean, pathOpen: Verdict['pathOpen'], summary: string, evidence: Record<string, unknown>, elapsedMs: number): Verdict {
  return { kind, ok, pathOpen, summary, evidence, elapsedMs };
}

/** Run one probe spec with the module its protocol needs, from the context's source address
 *  when it has one. Never throws for network outcomes. */
export function executeSpec(spec: ProbeSpec, ctx: ProbeContext): Promise<Verdict> {
  return fromSource(ctx.source, () => execute(spec, ctx));
}

async function execute(spec: ProbeSpec, ctx: ProbeContext): Promise<Verdict> {
  const timeoutMs = ctx.timeoutMs;
  const { host } = spec;
  switch (spec.kind) {
    case 'tcp':
      return probeTcp({ host, port: spec.port, timeoutMs });
    case 'tcp-sample':
      return sampleVerdict(spec.ports, await Promise.all(spec.ports.map((port) => probeTcp({ host, port, timeoutMs }))));
    case 'udp-echo': {
      const { probeUdpEcho } = await PROBES.udpEcho();
      return probeUdpEcho({ host, port: spec.port, timeoutMs });
    }
    case 'tls': {
      const { probeTls } = await PROBES.tls();
      return probeTls({ host, port: spec.port, timeoutMs, servername: spec.servername, expectedNames: spec.expectedNames, caFile: ctx.caFile, clientCert: spec.clientCert ? ctx.clientCert : undefined });
    }
    case 'sip': {
      const { probeSip } = await PROBES.sip();
      return probeSip({ host, port: spec.port, timeoutMs, transport: spec.transport, servername: spec.servername, expectedNames: spec.expectedNames, caFile: ctx.caFile, clientCert: spec.transport === 'MTLS' ? ctx.clientCert : undefined });
    }
    case 'stun-udp': {
      const [{ probeStunBinding }, { probeMsTurnAllocate }] = await Promise.all([PROBES.stun(), PROBES.msturn()]);
      // A standards STUN server answers a Binding; a real A/V Edge may ignore it but answers an MS-TURN Allocate.
      const binding = await probeStunBinding({ host, port: spec.port, transport: 'udp', timeoutMs });
      if (binding.ok || binding.kind === 'refused' || binding.kind === 'unreachable') return binding;
      const ms = await probeMsTurnAllocate({ host, port: spec.port, transport: 'udp', timeoutMs });
      return { ...ms, evidence: { ...ms.evidence, binding: brief(binding) }, elapsedMs: ms.elapsedMs + binding.elapsedMs };
    }
    case 'stun-tcp': {
      const [{ probeStunBinding }, { probeMsTurnAllocate }] = await Promise.all([PROBES.stun(), PROBES.msturn()]);
      // The A/V Edge speaks MS-TURN after a pseudo-TLS hello on TCP 443; other TURN servers speak TLS there.
      const ms = await probeMsTurnAllocate({ host, port: spec.port, transport: 'tcp', pseudoTls: true, timeoutMs });
      if (ms.ok || ms.pathOpen === false || ms.kind === 'refused') return ms;
      const ca = ctx.caFile ? await readFile(ctx.caFile).catch(() => undefined) : undefined;
      const tls = await probeStunBinding({ host, port: spec.port, transport: 'tls', timeoutMs, servername: spec.servername, ca });
      return { ...tls, evidence: { ...tls.evidence, msturn: brief(ms) }, elapsedMs: tls.elapsedMs + ms.elapsedMs };
    }
    case 'turn-relay': {
      if (!ctx.turn) return verdictOf('error', false, 'unknown', 'TURN relay probe needs --turn-user and --turn-pass', {}, 0);
      const ca = ctx.caFile ? await readFile(ctx.caFile).catch(() => undefined) : undefined;
      const { probeTurnAllocate } = await PROBES.turn();
      return probeTurnAllocate({ host, port: spec.port, transport: spec.transport, timeoutMs: timeoutMs * 2, username: ctx.turn.username, password: ctx.turn.password, relayRange: spec.relayRange, servername: spec.servername, ca });
    }
    case 'http': {
      const { probeHttp } = await PROBES.http();
      return probeHttp({ host, port: spec.port, timeoutMs, scheme: spec.scheme, hostHeader: spec.hostHeader, servername: spec.scheme === 'https' ? spec.hostHeader : undefined, expectedNames: spec.expectedNames, caFile: spec.scheme === 'https' ? ctx.caFile : undefined, alpn: spec.scheme === 'https' ? ['http/1.1'] : undefined, ...(spec.expectedStatus ? { expectedStatus: spec.expectedStatus } : {}) });
    }
    case 'dns': {
      const { probeDns } = await PROBES.dns();
      return dnsVerdict(spec, await Promise.all(spec.queries.map((q) => probeDns(
        q.type === 'SRV'
          ? { host, port: spec.port, timeoutMs, name: q.name, type: 'SRV', expected: q.expected as { target: string; port: number }[] }
          : { host, port: spec.port, timeoutMs, name: q.name, type: q.type, expected: q.expected as string[] },
      ))));
    }
    case 'xmpp-s2s': {
      const ca = ctx.caFile ? await readFile(ctx.caFile).catch(() => undefined) : undefined;
      const { probeXmppS2s } = await PROBES.xmpp();
      return probeXmppS2s({ host, port: spec.port, domain: spec.domain, timeoutMs, ca, ...(spec.starttls === false ? { starttls: false } : {}) });
    }
    case 'xmpp-component': {
      const { probeXmppComponent } = await PROBES.xmpp();
      return probeXmppComponent({ host, port: spec.port, domain: spec.component, secret: ctx.xmppSecret, timeoutMs });
    }
  }
}

const brief = (v: Verdict) => ({ kind: v.kind, summary: v.summary });

/** The A/V range sample: any handshake or RST shows the range is not dropped; a silent port shows it is. */
function sampleVerdict(ports: number[], vs: Verdict[]): Verdict {
  const elapsedMs = Math.max(0, ...vs.map((v) => v.elapsedMs));
  const evidence = { sampled: ports.map((port, i) => ({ port, kind: vs[i]!.kind, summary: vs[i]!.summary })) };
  const silent = vs.find((v) => v.kind !== 'open' && v.kind !== 'refused');
  if (silent) return { ...silent, summary: `sampled ports ${ports.join(', ')}: ${silent.summary}`, evidence, elapsedMs };
  if (vs.some((v) => v.kind === 'open')) return verdictOf('open', true, true, `sampled ports ${ports.join(', ')}: a handshake completed`, evidence, elapsedMs);
  // An A/V Edge listens only on allocated relay ports, so an RST is what a working path shows,
  // though a firewall's "reject with tcp reset" would look the same.
  return verdictOf('refused', true, 'unknown', `sampled ports ${ports.join(', ')}: RST from each (no allocation there; not dropped by a drop policy)`, evidence, elapsedMs);
}

/** One verdict for a resolver's answers to all the records: the first fault, with every answer as evidence. */
function dnsVerdict(spec: Extract<ProbeSpec, { kind: 'dns' }>, vs: Verdict[]): Verdict {
  const elapsedMs = Math.max(0, ...vs.map((v) => v.elapsedMs));
  const evidence = { resolver: `${spec.host}:${spec.port}`, view: spec.view, records: vs.map((v, i) => ({ name: spec.queries[i]!.name, type: spec.queries[i]!.type, kind: v.kind, summary: v.summary })) };
  const bad = vs.filter((v) => !v.ok);
  if (bad.length === 0) return verdictOf('answered', true, true, `${spec.host}:${spec.port} answered all ${vs.length} ${spec.view} records as the topology needs`, evidence, elapsedMs);
  const first = bad[0]!;
  return { ...first, summary: `${bad.length}/${vs.length} records wrong; first: ${first.summary}`, evidence, elapsedMs };
}

/** Run one planned probe under the watchdog, so one stuck exchange cannot stall the run. */
export async function runProbe(p: PlannedProbe, ctx: ProbeContext): Promise<ProbeResult> {
  if (!p.spec) return { probe: p, outcome: 'not-probed' };
  const verdict = await runSpec(p.spec, ctx);
  return { probe: p, verdict, outcome: verdict.ok ? 'pass' : 'fail' };
}

/** One probe spec under the watchdog; a local failure becomes an error verdict. */
export async function runSpec(spec: ProbeSpec, ctx: ProbeContext): Promise<Verdict> {
  const budget = ctx.timeoutMs * steps(spec) + 2000;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => resolve(verdictOf('error', false, 'unknown', `probe exceeded its ${budget} ms budget`, {}, budget)), budget);
  });
  try {
    return await Promise.race([executeSpec(spec, ctx), watchdog]);
  } catch (e) {
    return verdictOf('error', false, 'unknown', `probe failed locally: ${(e as Error).message}`, {}, 0);
  } finally {
    clearTimeout(timer);
  }
}

/** Run every planned probe; results in plan order. Identical probes (one port answering for two
 *  flows, e.g. a perimeter rule and the edge's own host firewall rule) go on the wire once. */
export async function runPlan(probes: readonly PlannedProbe[], ctx: ProbeContext, o: RunOptions): Promise<ProbeResult[]> {
  // Load the protocol probes this plan uses before any timer starts, so loading never eats
  // into a probe's timeout.
  await Promise.all([...new Set(probes.flatMap((p) => (p.spec ? MODULES_OF[p.spec.kind] : [])))].map((m) => PROBES[m]()));
  let done = 0;
  const once = new Map<string, Promise<ProbeResult>>();
  return runBounded(probes, async (p) => {
    const key = p.spec ? JSON.stringify(p.spec) : undefined;
    let shared = key ? once.get(key) : undefined;
    if (!shared) {
      shared = runProbe(p, ctx);
      if (key) once.set(key, shared);
    }
    const r = { ...(await shared), probe: p };
    done++;
    o.onProgress?.({ done, total: probes.length, result: r });
    return r;
  }, { ...o, concurrency: paceToDescriptors(o.concurrency) });
}

/** Exit status of a run: 1 when a required flow failed. */
export function exitStatus(results: readonly ProbeResult[]): 0 | 1 {
  return results.some((r) => r.outcome === 'fail' && r.probe.required) ? 1 : 0;
}
