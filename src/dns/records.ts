// Every DNS record a topology needs, per view (external, internal, perimeter), each with a note
// saying why it exists and the sources of the requirement. Pure: topology in, sorted records out.
import { isHostName } from '../net/host-name.ts';
import { hostFamily } from '../net/address.ts';
import type { EdgePool, ServerPool, Topology } from '../topology/model.ts';
import { accessTargetFor, edgeNames, externalWebFqdn, hostAddress, hostFqdn, poolFqdn, publishedPool, registrarPool, serverPoolNamed, simpleUrlNames, sipDomains, xmppTargetFor, type Name } from '../topology/names.ts';
import { MS_DETERMINE_DNS_2013, MS_DNS_STANDARD_2010, NOTES_DNS, type Source } from '../catalog/sources.ts';
import { PRODUCTS } from '../catalog/products.ts';
import { edgeDnsRow, internalDnsRow, type EdgeDnsRecord, type InternalDnsRecord } from './page-rows.ts';

export type DnsView = 'external' | 'internal' | 'perimeter';
export const DNS_VIEWS: readonly DnsView[] = ['external', 'internal', 'perimeter'];

interface RecordBase {
  view: DnsView;
  /** Owner name, lower case, no trailing dot. */
  name: string;
  /** Why the record exists. */
  note: string;
  sources: Source[];
  /** The owner name (or SRV target) was derived from a convention, not given in the topology. */
  derived: boolean;
}

export interface SrvRecord extends RecordBase {
  type: 'SRV';
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface AddressRecord extends RecordBase {
  type: 'A' | 'AAAA';
  address: string;
}

export type DnsRecord = SrvRecord | AddressRecord;

/** The record's data as one string (for sorting, tables and de-duplication). */
export function recordData(r: DnsRecord): string {
  return r.type === 'SRV' ? `${r.priority} ${r.weight} ${r.port} ${r.target}` : r.address;
}

/** Collects records, merging duplicates (same view, name, type, data) so each appears once. */
class Builder {
  private readonly byKey = new Map<string, DnsRecord>();

  add(r: DnsRecord): void {
    const key = `${r.view}|${r.name}|${r.type}|${recordData(r)}`;
    const have = this.byKey.get(key);
    if (!have) {
      this.byKey.set(key, r);
      return;
    }
    // The same record required twice: keep one, with both reasons.
    if (!have.note.includes(r.note)) have.note = `${have.note}; ${r.note}`;
    for (const s of r.sources) if (!have.sources.some((h) => h.document === s.document)) have.sources.push(s);
    have.derived = have.derived && r.derived;
  }

  addresses(view: DnsView, name: Name, addresses: string[], note: string, sources: Source[]): void {
    // A host still named by FQDN has no address to publish yet (check lists it as unresolved).
    for (const a of addresses.filter((x) => !isHostName(x)).map(hostAddress)) {
      this.add({ view, name: name.fqdn, type: hostFamily(a) === 'ipv6' ? 'AAAA' : 'A', address: a, note, sources: [...sources], derived: name.derived });
    }
  }

  srv(view: DnsView, name: string, port: number, target: Name, note: string, sources: Source[]): void {
    this.add({ view, name, type: 'SRV', priority: 0, weight: 0, port, target: target.fqdn, note, sources: [...sources], derived: target.derived });
  }

  records(): DnsRecord[] {
    return [...this.byKey.values()].sort(compareRecords);
  }
}

const VIEW_ORDER: Record<DnsView, number> = { external: 0, internal: 1, perimeter: 2 };
const TYPE_ORDER: Record<DnsRecord['type'], number> = { SRV: 0, A: 1, AAAA: 2 };

/** View, then name, then type, then data: a stable order for every output format. */
export function compareRecords(a: DnsRecord, b: DnsRecord): number {
  return (
    VIEW_ORDER[a.view] - VIEW_ORDER[b.view] ||
    cmp(a.name, b.name) ||
    TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
    cmp(recordData(a), recordData(b))
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The addresses behind an edge service name: the VIP with hardware load balancing, else every node's. */
function edgeAddresses(pool: EdgePool, service: 'access' | 'webConferencing' | 'av' | 'internal'): string[] {
  if (pool.loadBalancing === 'hardware' && pool.vips) return pool.vips[service];
  if (service === 'internal') return pool.nodes.flatMap((n) => n.internal);
  // A NAT'd edge is published under its public addresses (the ones clients reach; the pages'
  // DNS tables print "public: 131.107.155.10 private: 10.45.16.10" and publish the public one).
  if (pool.nat) return pool.nodes.flatMap((n) => n.public?.[service] ?? n[service]);
  if (service === 'av') return pool.nodes.flatMap((n) => n.avPublic ?? n.av);
  return pool.nodes.flatMap((n) => n[service]);
}

/** A pool name resolves to its VIP when hardware load balanced, else to every server (DNS load balancing). */
function poolAddresses(p: ServerPool): string[] {
  if (p.loadBalancing === 'hardware' && p.vip?.length) return p.vip;
  return p.servers.flatMap((s) => s.addresses);
}

/** Web services are always behind a load balancer VIP when there is one (004: DNS-LB pools keep an HLB for HTTP/HTTPS). */
function webAddresses(p: ServerPool): string[] {
  return p.vip?.length ? p.vip : p.servers.flatMap((s) => s.addresses);
}

function edgeRecords(t: Topology, pool: EdgePool, b: Builder, firstPool: boolean): void {
  const names = edgeNames(t, pool);
  const summary = PRODUCTS[t.version].dnsSummary[pool.loadBalancing];
  const ms = [summary, NOTES_DNS];
  const lbWhy =
    pool.loadBalancing === 'hardware'
      ? 'the hardware load balancer VIP'
      : pool.nodes.length > 1
        ? 'one record per node (DNS load balancing)'
        : 'the Edge Server';
  const xmpp = PRODUCTS[t.version].xmpp && t.features.has('xmpp-federation');
  // The page row this record is, where a page prints the scenario's records, before the summaries.
  const at = (record: EdgeDnsRecord, rest: Source[] = ms): Source[] => {
    const row = edgeDnsRow(t.version, pool, record);
    return row ? [row, ...rest.filter((x) => x.document !== row.document || x.section !== row.section)] : rest;
  };

  // Only one edge pool can be the federation and remote access route of a SIP domain: the SRV
  // records (and the sip.<domain> names of further SIP domains) point at the first pool.
  if (firstPool) {
    for (const d of sipDomains(t)) {
      const target = accessTargetFor(t, pool, d);
      // The Access Edge's client port: 443, or the port Topology Builder gave it (one external address).
      b.srv('external', `_sip._tls.${d}`, pool.ports.access, target,
        `remote user sign-in: Lync clients outside find the Access Edge service (TLS ${pool.ports.access})`, at('sip-srv'));
      b.srv('external', `_sipfederationtls._tcp.${d}`, 5061, target,
        `federation: partners discover the Access Edge service (MTLS 5061)`, at('federation-srv'));
      b.addresses('external', target, edgeAddresses(pool, 'access'),
        `Access Edge service of ${pool.name}: ${lbWhy}; SRV target for ${d}`, at('access'));
      if (xmpp) {
        const x = xmppTargetFor(t, pool, d);
        b.srv('external', `_xmpp-server._tcp.${d}`, 5269, x,
          `XMPP federation: XMPP partners find the XMPP proxy on the Access Edge (5269)`,
          at('xmpp-srv', [MS_DETERMINE_DNS_2013, NOTES_DNS]));
        b.addresses('external', x, edgeAddresses(pool, 'access'),
          `XMPP proxy runs on the Access Edge service of ${pool.name}: ${lbWhy}`, at('xmpp-a', [MS_DETERMINE_DNS_2013, NOTES_DNS]));
      }
    }
  }
  b.addresses('external', names.access, edgeAddresses(pool, 'access'), `Access Edge service of ${pool.name}: ${lbWhy}`, at('access'));
  b.addresses('external', names.webConferencing, edgeAddresses(pool, 'webConferencing'),
    `Web Conferencing Edge service of ${pool.name}: ${lbWhy}`, at('webConferencing'));
  b.addresses('external', names.av, edgeAddresses(pool, 'av'),
    `A/V Edge service of ${pool.name}: ${lbWhy}${pool.nat || pool.nodes.some((n) => n.avPublic) ? ' (public NAT address)' : ''}`, at('av'));

  // Internal side: the Front End pool and next hop talk to the edge pool by its internal pool FQDN,
  // and to every node by its own FQDN (replication on 4443, per-node connections).
  b.addresses('internal', names.internal, edgeAddresses(pool, 'internal'),
    `edge pool internal FQDN of ${pool.name}: ${pool.loadBalancing === 'hardware' ? 'the internal VIP' : 'one record per node internal interface'}`, at('internal'));
  pool.nodes.forEach((n, i) => {
    b.addresses('internal', names.nodes[i]!, n.internal,
      `Edge Server ${n.name}: internal interface, for per-node traffic (Central Management store replication)`, ms);
  });
}

function reverseProxyRecords(t: Topology, b: Builder): void {
  const rp = t.reverseProxy;
  if (!rp) return;
  const ms = [PRODUCTS[t.version].dnsSummary[t.edgePools[0]?.loadBalancing ?? 'none'], MS_DNS_STANDARD_2010, NOTES_DNS];
  const urls = simpleUrlNames(t);
  for (const n of urls.lyncdiscover) {
    b.addresses('external', n, rp.external, `mobility autodiscover for external clients, published by reverse proxy ${rp.name}`,
      [MS_DETERMINE_DNS_2013, NOTES_DNS]);
  }
  for (const n of urls.meet) b.addresses('external', n, rp.external, `Meet simple URL, published by reverse proxy ${rp.name}`, ms);
  b.addresses('external', urls.dialin, rp.external, `Dial-in simple URL, published by reverse proxy ${rp.name}`, ms);
  for (const p of [...t.frontEndPools, ...t.directorPools]) {
    const web = externalWebFqdn(t, p);
    if (web) b.addresses('external', web, rp.external, `external web services of pool ${p.name}, published by reverse proxy ${rp.name}`, ms);
  }
}

function internalRecords(t: Topology, b: Builder): void {
  const sign = registrarPool(t);
  // Skype for Business Server: the row of its internal DNS table; earlier versions: the Lync pages.
  const std = (record: InternalDnsRecord, lync: Source[] = [MS_DNS_STANDARD_2010, MS_DETERMINE_DNS_2013]): Source[] => {
    const row = internalDnsRow(t.version, record);
    return [...(row ? [row] : lync), NOTES_DNS];
  };
  for (const p of [...t.frontEndPools, ...t.directorPools]) {
    const director = p.kind === 'director';
    const fqdn = poolFqdn(t, p);
    b.addresses('internal', fqdn, poolAddresses(p),
      `${director ? 'Director' : 'Front End'} pool ${p.name}: ${p.loadBalancing === 'hardware' ? 'the pool VIP' : 'one record per server (DNS load balancing)'}`, std(director ? 'directorPool' : 'frontEndPool'));
    for (const s of p.servers) b.addresses('internal', hostFqdn(t, s), s.addresses, `server ${s.name} of pool ${p.name}`, std(director ? 'director' : 'frontEndServer'));
  }
  if (!sign) return;
  const signFqdn = poolFqdn(t, sign);
  for (const d of sipDomains(t)) {
    // Strict domain rule: the target must be in the SRV record's own domain, so other SIP domains
    // point at sip.<domain>, which resolves internally to the same pool.
    const inDomain = signFqdn.fqdn.endsWith(`.${d}`);
    const target: Name = inDomain ? signFqdn : { fqdn: `sip.${d}`, derived: true };
    b.srv('internal', `_sipinternaltls._tcp.${d}`, 5061, target, `automatic client sign-in inside: clients find pool ${sign.name}`, std('sipinternaltls'));
    if (!inDomain) b.addresses('internal', target, poolAddresses(sign), `SRV target for ${d} inside: pool ${sign.name}`, std('sip'));
  }
  const web = publishedPool(t) ?? sign;
  const urls = simpleUrlNames(t);
  for (const n of urls.lyncdiscoverinternal) {
    b.addresses('internal', n, webAddresses(web), `mobility autodiscover for internal clients: web services of pool ${web.name}`, std('lyncdiscoverinternal', [MS_DETERMINE_DNS_2013]));
  }
}

function perimeterRecords(t: Topology, b: Builder): void {
  // Edge Servers and the reverse proxy are not domain members: they resolve the internal names they
  // connect to through perimeter DNS (or a hosts file).
  const why: [ServerPool, string][] = [];
  for (const e of t.edgePools) {
    const hop = serverPoolNamed(t, e.nextHop);
    if (hop) why.push([hop, `next hop of edge pool ${e.name}`]);
  }
  const pub = t.reverseProxy ? publishedPool(t) : undefined;
  if (pub) why.push([pub, `published by reverse proxy ${t.reverseProxy!.name}`]);
  const src = [PRODUCTS[t.version].dnsSummary[t.edgePools[0]?.loadBalancing ?? 'none'], NOTES_DNS];
  for (const [p, reason] of why) {
    b.addresses('perimeter', poolFqdn(t, p), poolAddresses(p), `pool ${p.name}, ${reason}`, src);
    for (const s of p.servers) b.addresses('perimeter', hostFqdn(t, s), s.addresses, `server ${s.name} of pool ${p.name}, ${reason}`, src);
  }
}

/** Every record the topology needs, sorted by view, name, type and data. */
export function dnsRecords(t: Topology): DnsRecord[] {
  const b = new Builder();
  t.edgePools.forEach((p, i) => edgeRecords(t, p, b, i === 0));
  reverseProxyRecords(t, b);
  internalRecords(t, b);
  perimeterRecords(t, b);
  return b.records();
}

/** The records of one view. */
export function recordsOfView(records: DnsRecord[], view: DnsView): DnsRecord[] {
  return records.filter((r) => r.view === view);
}
