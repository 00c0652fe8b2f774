// Which flows start at a vantage point, and which probe each one needs. Pure: flows + topology +
// options in, an ordered plan out. The plan is also the safety boundary of `portolan probe`: every
// address a probe may contact is a destination of one of the topology's flows, an explicit
// `--target`, or the explicit `--resolver`; buildPlan refuses to return anything else.
import { unresolvedNames } from '../flows/unresolved.ts';
import { staticNat } from '../policy/nat.ts';
import { isIP } from 'node:net';
import type { Citation } from '../catalog/types.ts';
import { certificates } from '../certs/plan.ts';
import { dnsRecords, type DnsRecord, type DnsView } from '../dns/records.ts';
import { edgeNames, externalWebFqdn, hostAddress, publishedPool } from '../topology/names.ts';
import { parseAddress, type AddressRange } from '../net/address.ts';
import type { Flow } from '../flows/types.ts';
import type { Topology } from '../topology/model.ts';

export type VantageName = 'internet' | 'perimeter' | 'corporate';
export type Vantage = { kind: VantageName } | { kind: 'address'; address: string };
export type Side = 'internet' | 'perimeter' | 'corporate';

/** The A/V range is proved by a TURN relay port inside it, or by this sample: never by a scan. */
export const RTP_SAMPLE = 3;

export interface DnsQuery {
  type: 'SRV' | 'A' | 'AAAA';
  name: string;
  /** The records the topology needs; absent: any answer will do (the lab's own resolver). */
  expected?: { target: string; port: number }[] | string[];
}

/** What to send. Secrets (client key, TURN password, XMPP secret, CA) stay out of the plan. */
export type ProbeSpec =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'tcp-sample'; host: string; ports: number[] }
  | { kind: 'udp-echo'; host: string; port: number }
  | { kind: 'tls'; host: string; port: number; servername?: string; expectedNames?: string[]; clientCert: boolean }
  | { kind: 'sip'; host: string; port: number; transport: 'TLS' | 'MTLS' | 'TCP'; servername?: string; expectedNames?: string[] }
  | { kind: 'stun-udp'; host: string; port: number }
  | { kind: 'stun-tcp'; host: string; port: number; servername?: string }
  /** TURN Allocate with the context's credentials; with relayRange, the relay port must land in it. */
  | { kind: 'turn-relay'; host: string; port: number; transport: 'udp' | 'tcp' | 'tls'; relayRange?: [number, number]; servername?: string }
  | { kind: 'http'; host: string; port: number; scheme: 'http' | 'https'; hostHeader?: string; expectedNames?: string[]; expectedStatus?: number[] }
  | { kind: 'dns'; host: string; port: number; view: DnsView; queries: DnsQuery[] }
  /** starttls false: the stream features prove the path; no TLS upgrade. */
  | { kind: 'xmpp-s2s'; host: string; port: number; domain: string; starttls?: false }
  | { kind: 'xmpp-component'; host: string; port: number; component: string };

export interface PlannedProbe {
  flow: Flow;
  requirement: string;
  citations: Citation[];
  /** The address probed (a flow destination or a --target), or the flow's own destination text when not probed. */
  destination: string;
  /** What the probe does, in words (also for `not probed`). */
  method: string;
  /** Absent when the flow cannot be probed from here; `skipped` says why. */
  spec?: ProbeSpec;
  skipped?: string;
  /** A failure of a required flow makes `portolan probe` exit 1; the documents' "(Optional)" rows do not. */
  required: boolean;
}

export interface PlanOptions {
  vantage: Vantage;
  /** Explicit destinations for flows whose destination is Any (or a network). */
  targets?: string[];
  /** Resolver for DNS flows (overrides the flow's destination). */
  resolver?: { host: string; port: number };
  clientCert?: boolean;
  turnCredentials?: boolean;
  xmppSecret?: boolean;
}

export interface Plan {
  vantage: Vantage;
  probes: PlannedProbe[];
  /** Every address any probe of this plan may contact. */
  contacts: string[];
}

/** A `--from` value: a named vantage point or an IP address. Undefined when it is neither. */
export function parseVantage(text: string): Vantage | undefined {
  if (text === 'internet' || text === 'perimeter' || text === 'corporate') return { kind: text };
  return isIP(text) ? { kind: 'address', address: text } : undefined;
}

// --- address helpers ---

function range(text: string): AddressRange | undefined {
  try {
    return parseAddress(text);
  } catch {
    return undefined;
  }
}

function within(address: string, net: string): boolean {
  const a = range(address);
  const n = range(net);
  return !!a && !!n && a.family === n.family && a.lo >= n.lo && a.hi <= n.hi;
}

const isHost = (text: string) => isIP(text) !== 0;

/** Addresses of the edge and reverse proxy (the perimeter's own hosts), as written in the topology. */
function perimeterHosts(t: Topology): string[] {
  const out: string[] = [];
  for (const p of t.edgePools) {
    for (const n of p.nodes) out.push(...n.access, ...n.webConferencing, ...n.av, ...(n.avPublic ?? []), ...n.internal);
    if (p.vips) out.push(...p.vips.access, ...p.vips.webConferencing, ...p.vips.av, ...p.vips.internal);
  }
  if (t.reverseProxy) out.push(...t.reverseProxy.external, ...t.reverseProxy.internal);
  return out.map(hostAddress);
}

function corporateHosts(t: Topology): string[] {
  const pools = [...t.frontEndPools, ...t.directorPools, ...t.mediationPools];
  return [
    ...pools.flatMap((p) => [...p.servers.flatMap((s) => s.addresses), ...(p.vip ?? [])]),
    ...[...t.pstnGateways, ...t.survivableBranches, ...t.e911Gateways].flatMap((h) => h.addresses),
    ...t.clientNetworks, ...t.ipPhoneNetworks,
  ].map(hostAddress);
}

/** Which side of the perimeter an address sits on: zones first, then the topology's own hosts. */
export function sideOf(t: Topology, address: string): Side {
  const inAny = (nets: string[] | undefined) => (nets ?? []).some((n) => n === address || within(address, n));
  if (inAny(t.zones?.perimeter) || inAny(perimeterHosts(t))) return 'perimeter';
  if (inAny(t.zones?.corporate) || inAny(corporateHosts(t))) return 'corporate';
  return 'internet';
}

/** Edge internal interfaces (and their VIPs): Any towards them means the corporate side. */
function edgeInternalHosts(t: Topology): Set<string> {
  return new Set(t.edgePools.flatMap((p) => [...p.nodes.flatMap((n) => n.internal), ...(p.vips?.internal ?? [])]).map(hostAddress));
}

/** Where a flow whose source is Any starts, judged by the firewall it crosses and its direction. */
function anySourceSide(t: Topology, f: Flow): Side {
  if (f.firewall === 'external') return f.direction === 'in' ? 'internet' : 'perimeter';
  if (f.firewall === 'internal') return f.direction === 'out' ? 'corporate' : 'perimeter';
  if (f.firewall === 'host-edge') {
    // The edge's own firewall: Any reaches its external interface from the internet, its internal one from inside.
    if (f.direction === 'out') return 'perimeter';
    const internal = edgeInternalHosts(t);
    return f.destination !== 'Any' && f.destination.every((d) => internal.has(hostAddress(d))) ? 'corporate' : 'internet';
  }
  return 'corporate'; // internal servers' own firewalls, load balancers, clients
}

// --- vantage selection ---

/** The flows that start at the vantage point, in their compiled order. */
export function selectFlows(t: Topology, flows: readonly Flow[], vantage: Vantage): Flow[] {
  const perimeter = new Set(perimeterHosts(t));
  const fromPerimeter = (f: Flow) => f.source !== 'Any' && f.source.some((s) => perimeter.has(hostAddress(s)));
  switch (vantage.kind) {
    case 'internet':
      return flows.filter((f) => f.firewall === 'external' && f.direction === 'in' && f.source === 'Any');
    case 'perimeter':
      return flows.filter((f) => (f.firewall === 'external' || f.firewall === 'internal') && fromPerimeter(f));
    case 'corporate':
      return flows.filter((f) => f.firewall === 'internal' && f.direction === 'out' &&
        (f.source === 'Any' || f.source.some((s) => sideOf(t, hostAddress(s)) === 'corporate')));
    case 'address': {
      const a = vantage.address;
      const side = sideOf(t, a);
      return flows.filter((f) => f.source === 'Any'
        ? anySourceSide(t, f) === side
        : f.source.some((s) => s === a || within(a, s)));
    }
  }
}

// --- names the certificates and requests should carry ---

interface Names {
  servername?: string;
  expectedNames?: string[];
  /** Host header for the web services. */
  hostHeader?: string;
}

/** Per destination address, the names a client uses for it and the names its certificate must cover. */
function namesByAddress(t: Topology): Map<string, Names> {
  const m = new Map<string, Names>();
  let plans: ReturnType<typeof certificates> = [];
  try {
    plans = certificates(t);
  } catch {
    // no SIP domain: nothing to expect; the probes still judge the handshake
  }
  const certNames = (iface: string) => {
    const p = plans.find((c) => c.interface === iface);
    return p ? [...new Set([p.subject, ...p.sans])] : undefined;
  };
  const set = (addrs: string[], n: Names) => { for (const a of addrs) m.set(hostAddress(a), n); };
  for (const pool of t.edgePools) {
    let n;
    try { n = edgeNames(t, pool); } catch { continue; }
    const ext = certNames('edge-external');
    const vips = pool.vips;
    set([...pool.nodes.flatMap((x) => x.access), ...(vips?.access ?? [])], { servername: n.access.fqdn, expectedNames: ext });
    set([...pool.nodes.flatMap((x) => x.webConferencing), ...(vips?.webConferencing ?? [])], { servername: n.webConferencing.fqdn, expectedNames: ext });
    set([...pool.nodes.flatMap((x) => [...x.av, ...(x.avPublic ?? [])]), ...(vips?.av ?? [])], { servername: n.av.fqdn });
    set([...pool.nodes.flatMap((x) => x.internal), ...(vips?.internal ?? [])], { servername: n.internal.fqdn, expectedNames: certNames('edge-internal') });
  }
  const published = publishedPool(t);
  const web = published ? externalWebFqdn(t, published)?.fqdn : undefined;
  if (t.reverseProxy) {
    set(t.reverseProxy.external, { servername: web, hostHeader: web, expectedNames: certNames('reverse-proxy') });
  }
  if (published?.vip) set(published.vip, { servername: web, hostHeader: web });
  return m;
}

// --- the probe each application needs ---

function portsOf(f: Flow): { from: number; to: number } | undefined {
  return f.destinationPort === 'Any' ? undefined : f.destinationPort;
}

/** Low, middle and high port of a range: enough to see a drop rule that covers only part of it. */
export function samplePorts(from: number, to: number, n = RTP_SAMPLE): number[] {
  if (to - from + 1 <= n) return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return [...new Set([from, from + Math.floor((to - from) / 2), to])];
}

interface Mapped {
  method: string;
  spec?: ProbeSpec;
  skipped?: string;
}

function dnsQueries(t: Topology, view: DnsView): DnsQuery[] {
  let records: DnsRecord[] = [];
  try {
    records = dnsRecords(t).filter((r) => r.view === view);
  } catch {
    return [];
  }
  const byKey = new Map<string, DnsQuery>();
  for (const r of records) {
    const key = `${r.type} ${r.name}`;
    const q = byKey.get(key) ?? { type: r.type, name: r.name, expected: [] as string[] };
    if (r.type === 'SRV') (q.expected as { target: string; port: number }[]).push({ target: r.target, port: r.port });
    else (q.expected as string[]).push(r.address);
    byKey.set(key, q);
  }
  return [...byKey.values()];
}

/** The edge's TURN port for an A/V address: the STUN/MSTURN flow to the same address, UDP 3478 first. */
function turnPortFor(all: readonly Flow[], host: string, transport: 'TCP' | 'UDP'): number | undefined {
  const stun = all.filter((f) => f.application === 'STUN/MSTURN' && f.destination !== 'Any' &&
    f.destination.some((d) => hostAddress(d) === host) && f.destinationPort !== 'Any');
  const pick = stun.find((f) => f.transport === transport) ?? stun.find((f) => f.transport === 'UDP');
  return pick && pick.destinationPort !== 'Any' ? pick.destinationPort.from : undefined;
}

function mapFlow(t: Topology, all: readonly Flow[], f: Flow, host: string, o: PlanOptions, names: Names, domain: string): Mapped {
  const ports = portsOf(f);
  if (!ports) return { method: 'none', skipped: 'not probed (destination port Any)' };
  const single = ports.from === ports.to ? ports.from : undefined;
  const app = f.application;

  if (app === 'RTP' || single === undefined) {
    // Media ranges are never scanned (docs/probe.md "The 50000–59999 policy").
    const turnPort = app === 'RTP' ? turnPortFor(all, host, f.transport) : undefined;
    if (turnPort !== undefined && o.turnCredentials) {
      const transport = f.transport === 'UDP' || turnPort === 3478 ? 'udp' : 'tls';
      return {
        method: `TURN Allocate on ${transport.toUpperCase()} ${turnPort}, relay port must land in ${ports.from}-${ports.to}`,
        spec: { kind: 'turn-relay', host, port: turnPort, transport, relayRange: [ports.from, ports.to], servername: names.servername },
      };
    }
    if (f.transport === 'UDP') {
      return { method: 'none', skipped: `not probed (UDP ${ports.from}-${ports.to}: silence proves nothing; give --turn-user/--turn-pass${turnPort === undefined ? ' for an A/V Edge address' : ''})` };
    }
    const sample = samplePorts(ports.from, ports.to);
    return { method: `TCP connect to sampled ports ${sample.join(', ')}`, spec: { kind: 'tcp-sample', host, ports: sample } };
  }

  const port = single;
  const tcp: Mapped = { method: `TCP connect ${port}`, spec: { kind: 'tcp', host, port } };
  if (f.transport === 'UDP') {
    if (app === 'STUN/MSTURN') return { method: `STUN Binding, then MS-TURN Allocate, UDP ${port}`, spec: { kind: 'stun-udp', host, port } };
    if (app === 'DNS') return dnsMapped(t, f, host, port, o);
    return { method: 'none', skipped: `not probed (UDP ${app}: no probe speaks it, and UDP silence proves nothing)` };
  }
  switch (app) {
    case 'SIP (TLS)':
      return { method: `SIP OPTIONS over TLS ${port}`, spec: { kind: 'sip', host, port, transport: 'TLS', ...certNames(names) } };
    case 'SIP (MTLS)':
      return o.clientCert
        ? { method: `SIP OPTIONS over MTLS ${port} (client certificate)`, spec: { kind: 'sip', host, port, transport: 'MTLS', ...certNames(names) } }
        : { method: `TLS handshake + SIP OPTIONS ${port} (no client certificate)`, spec: { kind: 'sip', host, port, transport: 'TLS', ...certNames(names) } };
    case 'PSOM (TLS)':
    case 'PSOM (MTLS)':
    case 'MTLS':
      return { method: `TLS handshake ${port}`, spec: { kind: 'tls', host, port, ...certNames(names), clientCert: app !== 'PSOM (TLS)' && !!o.clientCert } };
    case 'STUN/MSTURN':
      return { method: `MS-TURN Allocate over pseudo-TLS, then STUN Binding over TLS, TCP ${port}`, spec: { kind: 'stun-tcp', host, port, servername: names.servername } };
    case 'HTTP':
    case 'HTTPS': {
      const scheme = app === 'HTTP' ? 'http' : 'https';
      return {
        method: `${scheme.toUpperCase()} GET / on ${port}`,
        spec: { kind: 'http', host, port, scheme, hostHeader: names.hostHeader, ...(scheme === 'https' ? { expectedNames: names.expectedNames } : {}) },
      };
    }
    case 'DNS':
      return dnsMapped(t, f, host, port, o);
    case 'XMPP':
      return { method: `XMPP server-to-server stream open ${port}`, spec: { kind: 'xmpp-s2s', host, port, domain } };
    case 'XMPP (MTLS)':
      return o.xmppSecret
        ? { method: `XMPP component handshake (XEP-0114) ${port}`, spec: { kind: 'xmpp-component', host, port, component: `xmpp.${domain}` } }
        : { ...tcp, method: `TCP connect ${port} (no --xmpp-secret for the component handshake)` };
    default:
      return tcp;
  }
}

function certNames(n: Names): { servername?: string; expectedNames?: string[] } {
  return { ...(n.servername ? { servername: n.servername } : {}), ...(n.expectedNames ? { expectedNames: n.expectedNames } : {}) };
}

function dnsMapped(t: Topology, f: Flow, host: string, port: number, o: PlanOptions): Mapped {
  // External queries go to the public zone; a corporate resolver serves the internal one.
  const view: DnsView = f.firewall === 'internal' || f.firewall.startsWith('host-') && f.firewall !== 'host-edge' ? 'internal' : 'external';
  const queries = dnsQueries(t, view);
  const r = o.resolver ?? { host, port };
  if (queries.length === 0) return { method: `TCP connect ${port}`, spec: { kind: 'tcp', host, port } };
  return {
    method: `DNS: ${queries.length} ${view} records of the topology asked of ${r.host}:${r.port}`,
    spec: { kind: 'dns', host: r.host, port: r.port, view, queries },
  };
}

// --- the plan ---

/** Which addresses a flow's probes go to, or why it has none. */
function destinationsOf(f: Flow, o: PlanOptions): { hosts: string[]; skipped?: string } {
  // A host named only by FQDN (an imported file's 0.0.0.0): never resolved here behind the user's back.
  if (f.family === 'unresolved') return { hosts: [], skipped: `not probed (${unresolvedNames([f]).join(', ')}: no address in the topology; give it, or import with --resolve)` };
  const targets = (o.targets ?? []).filter((x) => f.family === 'any' || (isIP(x) === 4 ? 'ipv4' : 'ipv6') === f.family);
  if (f.application === 'DNS' && o.resolver) return { hosts: [o.resolver.host] };
  if (f.destination === 'Any') {
    return targets.length ? { hosts: targets } : { hosts: [], skipped: 'not probed (destination Any: give --target)' };
  }
  const hosts: string[] = [];
  for (const d of f.destination) {
    if (isHost(hostAddress(d))) hosts.push(hostAddress(d));
    else hosts.push(...targets.filter((x) => within(x, d))); // a network: only explicit targets inside it
  }
  return hosts.length ? { hosts: [...new Set(hosts)] } : { hosts: [], skipped: `not probed (destination ${f.destination.join(' ')} is a network: give --target)` };
}

/** The Microsoft tables mark a few rows "(Optional)"; every other compiled flow is required. */
export function isRequired(f: Flow): boolean {
  return f.notes.length === 0 || !f.notes.every((n) => /^\s*\(optional\)/i.test(n));
}

/** Addresses the plan may contact: destinations of the topology's flows, plus the explicit overrides. */
export function allowedContacts(flows: readonly Flow[], o: Pick<PlanOptions, 'targets' | 'resolver'>): Set<string> {
  const s = new Set<string>();
  for (const f of flows) if (f.destination !== 'Any') for (const d of f.destination) if (isHost(hostAddress(d))) s.add(hostAddress(d));
  for (const x of o.targets ?? []) s.add(x);
  if (o.resolver) s.add(o.resolver.host);
  return s;
}

/** From the internet, a NAT'd edge service is reached at its public address (the external
 *  firewall DNATs it to the private address the flow names). */
function publicHosts(t: Topology, f: Flow, o: PlanOptions, hosts: string[]): string[] {
  const fromInternet = o.vantage.kind === 'internet' || (o.vantage.kind === 'address' && sideOf(t, o.vantage.address) === 'internet');
  if (!fromInternet || f.firewall !== 'external' || f.direction !== 'in') return hosts;
  const nat = staticNat(t);
  return hosts.map((h) => nat.find((m) => hostAddress(m.private) === h)?.public ?? h);
}

export function buildPlan(t: Topology, flows: readonly Flow[], o: PlanOptions): Plan {
  for (const x of o.targets ?? []) if (!isIP(x)) throw new Error(`--target must be an IP address, got '${x}'`);
  const names = namesByAddress(t);
  const domain = t.sipDomains[0]?.toLowerCase() ?? 'invalid';
  const probes: PlannedProbe[] = [];
  for (const f of selectFlows(t, flows, o.vantage)) {
    const base = { flow: f, requirement: f.requirement, citations: f.citations, required: isRequired(f) };
    const d = destinationsOf(f, o);
    if (d.skipped) {
      probes.push({ ...base, destination: f.destination === 'Any' ? 'Any' : f.destination.join(' '), method: 'none', skipped: d.skipped });
      continue;
    }
    // From an address, a flow to that same address is not a path through anything.
    const hosts = publicHosts(t, f, o, o.vantage.kind === 'address' ? d.hosts.filter((h) => h !== (o.vantage as { address: string }).address) : d.hosts);
    for (const host of hosts) probes.push({ ...base, destination: host, ...mapFlow(t, flows, f, host, o, names.get(host) ?? {}, domain) });
  }
  // The safety property: nothing outside the topology's flow addresses and the explicit overrides.
  const allowed = allowedContacts(flows, o);
  for (const m of staticNat(t)) allowed.add(hostAddress(m.public));
  const contacts = [...new Set(probes.flatMap((p) => (p.spec ? [p.spec.host] : [])))];
  const stray = contacts.filter((c) => !allowed.has(c));
  if (stray.length) throw new Error(`internal error: plan would contact ${stray.join(', ')}, outside the topology and --target`);
  return { vantage: o.vantage, probes, contacts };
}
