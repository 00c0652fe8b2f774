// Catalog × topology → concrete flows: each applicable requirement resolved to the deployment's
// addresses, split per edge node (and per server for host rows) and per address family.
import { CATALOG } from '../catalog/index.ts';
import type { Endpoint, Interface, PortSpec, Requirement, Selector } from '../catalog/types.ts';
import type { EdgePool, Topology } from '../topology/model.ts';
import { cidrFamily } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import { applyingCitations, isEdgeRequirement } from './applies.ts';
import { rowNotes } from '../catalog/define.ts';
import { resolveSelector, type Context, type Member } from './resolve.ts';
import type { AddressFamily } from '../net/family.ts';
import type { FirewallName, Flow } from './types.ts';

export const FIREWALL_ORDER: FirewallName[] = ['external', 'internal', 'host-edge', 'host-frontend', 'host-director', 'host-mediation', 'load-balancer', 'client'];

const FIREWALL_OF: Partial<Record<Interface, FirewallName>> = {
  'edge-external': 'external', 'hlb-external-vip': 'external', 'reverse-proxy-external': 'external',
  'edge-internal': 'internal', 'hlb-internal-vip': 'internal', 'reverse-proxy-internal': 'internal',
  'load-balancer': 'load-balancer', client: 'client',
};

/** Edge nodes and VIPs are the subject of their rows: one flow each, as the documents' per-node tables show. */
function splitsPerMember(s: Selector, r: Requirement, side: 'source' | 'destination'): boolean {
  if (s.kind !== 'endpoint') return false;
  if (/^(edge|vip)\./.test(s.endpoint)) return true;
  if (r.interface === 'server-host') return side === (r.direction === 'in' ? 'destination' : 'source');
  return false;
}

function onEdgeNode(s: Selector): boolean {
  return s.kind === 'endpoint' && s.endpoint.startsWith('edge.');
}

interface Group { any: boolean; name: string; addresses: string[]; host?: FirewallName }

function groups(r: Requirement, side: 'source' | 'destination', ctx: Context): Group[] {
  const s = r[side];
  const resolved = resolveSelector(s, ctx);
  if (resolved.any) return [{ any: true, name: 'Any', addresses: [] }];
  if (resolved.members.length === 0) return [];
  const asGroup = (ms: Member[]): Group => ({
    any: false,
    name: ms.map((m) => m.name).join(', '),
    addresses: [...new Set(ms.flatMap((m) => m.addresses))],
    ...(ms.length === 1 && ms[0].host ? { host: ms[0].host } : {}),
  });
  return splitsPerMember(s, r, side) ? resolved.members.map((m) => asGroup([m])) : [asGroup(resolved.members)];
}

/** 443 service ports move when the edge services share one address with distinct ports. */
function servicePort(r: Requirement, pool: EdgePool | undefined): PortSpec {
  const p = r.destinationPort;
  if (!pool || p === 'Any' || p.from !== 443 || p.to !== 443 || r.destination.kind !== 'endpoint') return p;
  const byEndpoint: Partial<Record<Endpoint, number>> = {
    'edge.access': pool.ports.access, 'vip.access': pool.ports.access,
    'edge.webconf': pool.ports.webConferencing, 'vip.webconf': pool.ports.webConferencing,
    'edge.av': pool.ports.av, 'vip.av': pool.ports.av,
  };
  const n = byEndpoint[r.destination.endpoint];
  return n === undefined ? p : { from: n, to: n };
}

// A group meets every group of the other side: split its addresses by family once.
const FAMILIES = new WeakMap<Group, Record<AddressFamily | 'unresolved' | 'resolved', string[]>>();

function byFamily(g: Group, f: AddressFamily | 'unresolved' | 'resolved'): string[] | 'Any' | undefined {
  if (g.any) return 'Any';
  let split = FAMILIES.get(g);
  if (!split) {
    split = { ipv4: [], ipv6: [], unresolved: [], resolved: [] };
    for (const a of g.addresses) {
      const family = cidrFamily(a);
      if (family) { split[family].push(a); split.resolved.push(a); } else if (isHostName(a)) split.unresolved.push(a);
    }
    FAMILIES.set(g, split);
  }
  const xs = split[f];
  return xs.length ? xs : undefined;
}

/**
 * The pairs of a requirement where one side is a host named by FQDN, not address: the unresolved
 * names of the source toward every destination, then the source's addresses toward the
 * destination's unresolved names (the two together cover each pair once).
 */
function unresolvedPairs(src: Group, dst: Group): [string[] | 'Any', string[] | 'Any'][] {
  const pairs: [string[] | 'Any', string[] | 'Any'][] = [];
  const srcNames = byFamily(src, 'unresolved');
  const dstNames = byFamily(dst, 'unresolved');
  const dstAll = dst.any ? 'Any' : [...(byFamily(dst, 'resolved') as string[] | undefined ?? []), ...(dstNames as string[] | undefined ?? [])];
  if (srcNames && srcNames !== 'Any' && dstAll.length) pairs.push([srcNames, dstAll]);
  const srcResolved = byFamily(src, 'resolved');
  if (dstNames && dstNames !== 'Any' && srcResolved) pairs.push([srcResolved, dstNames]);
  return pairs;
}

function expand(r: Requirement, ctx: Context): Flow[] {
  const citations = applyingCitations(r, ctx.topology, ctx.edgePool);
  if (citations.length === 0) return [];
  const flows: Flow[] = [];
  const destinationPort = servicePort(r, ctx.edgePool);
  for (const src of groups(r, 'source', ctx)) {
    for (const dst of groups(r, 'destination', ctx)) {
      const firewall = FIREWALL_OF[r.interface] ?? src.host ?? dst.host;
      if (!firewall) throw new Error(`no firewall for ${r.id}`);
      const families: (AddressFamily | 'any')[] = src.any && dst.any ? ['any'] : ['ipv4', 'ipv6'];
      type Side = string[] | 'Any' | undefined;
      const sides: [Flow['family'], Side, Side][] = [
        ...families.map((family): [Flow['family'], Side, Side] => [family, family === 'any' ? 'Any' : byFamily(src, family), family === 'any' ? 'Any' : byFamily(dst, family)]),
        ...unresolvedPairs(src, dst).map(([s, d]): [Flow['family'], Side, Side] => ['unresolved', s, d]),
      ];
      for (const [family, source, destination] of sides) {
        if (source === undefined || destination === undefined) continue;
        const flow: Flow = {
          firewall, direction: r.direction, role: r.role,
          source, sourcePort: r.sourcePort, destination, destinationPort,
          transport: r.transport, application: r.application, family,
          requirement: r.id, citations, notes: rowNotes(r, citations),
          sourceName: src.name, destinationName: dst.name,
        };
        flows.push(flow);
        // The edge server's own firewall (Windows Firewall on the edge) sees the same traffic
        // to and from its real addresses: inbound when the edge node is the destination.
        const edgeSide = onEdgeNode(r.destination) ? 'in' : onEdgeNode(r.source) ? 'out' : undefined;
        if (edgeSide) flows.push({ ...flow, firewall: 'host-edge', direction: edgeSide });
      }
    }
  }
  return flows;
}

const CATALOG_INDEX = new Map(CATALOG.map((r, i) => [r.id, i]));

function text(x: string[] | 'Any'): string {
  return x === 'Any' ? 'Any' : x.join(' ');
}

// The same order as String.prototype.localeCompare (default locale and options), without
// building a collator per comparison; equal strings (a pool's long name, shared by its flows)
// answer at once.
const collator = new Intl.Collator().compare;
const collate = (a: string, b: string) => (a === b ? 0 : collator(a, b));

/**
 * A flow with its sort keys computed once (sorting compares each flow log n times); the address
 * texts, long for a pool of hundreds of servers, only when names tie, and once per address list.
 */
interface Keyed { flow: Flow; firewall: number; requirement: number }

function keyed(f: Flow): Keyed {
  return { flow: f, firewall: FIREWALL_ORDER.indexOf(f.firewall), requirement: CATALOG_INDEX.get(f.requirement)! };
}

const TEXTS = new WeakMap<string[], string>();
function addressKey(x: string[] | 'Any'): string {
  if (x === 'Any') return text(x);
  let t = TEXTS.get(x);
  if (t === undefined) TEXTS.set(x, (t = text(x)));
  return t;
}

function compareKeyed(a: Keyed, b: Keyed): number {
  return a.firewall - b.firewall || a.requirement - b.requirement
    || collate(a.flow.sourceName, b.flow.sourceName) || collate(a.flow.destinationName, b.flow.destinationName)
    || collate(addressKey(a.flow.source), addressKey(b.flow.source)) || collate(addressKey(a.flow.destination), addressKey(b.flow.destination))
    || collate(a.flow.family, b.flow.family);
}

/** Firewall, then catalog order, then names, addresses and family. */
export function compareFlows(a: Flow, b: Flow): number {
  return compareKeyed(keyed(a), keyed(b));
}

export function sortFlows(flows: Flow[]): Flow[] {
  return flows.map(keyed).sort(compareKeyed).map((k) => k.flow);
}

export function compileFlows(topology: Topology, catalog: readonly Requirement[] = CATALOG): Flow[] {
  const flows: Flow[] = [];
  for (const r of catalog) {
    if (!r.versions.includes(topology.version)) continue;
    if (isEdgeRequirement(r)) {
      for (const edgePool of topology.edgePools) flows.push(...expand(r, { topology, edgePool }));
    } else {
      flows.push(...expand(r, { topology }));
    }
  }
  return sortFlows(flows);
}
