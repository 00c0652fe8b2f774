// The deployment as a graph to draw: zones (Internet, perimeter network, internal network), the
// two perimeter firewalls between them, the topology's nodes grouped by pool, and one flow group
// per pair of ends. Pure; no layout and no SVG here.
import { portText } from '../flows/format.ts';
import type { Direction } from '../catalog/types.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import type { EdgeNode, ServerPool, Topology } from '../topology/model.ts';

export type NodeKind =
  | 'zone' | 'firewall' | 'any' | 'edge-pool' | 'edge-node' | 'edge-service' | 'vip'
  | 'pool' | 'server' | 'reverse-proxy' | 'proxy-side' | 'gateway' | 'network' | 'address';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** First line is the title; further lines are addresses labelled by what they are. */
  label: string[];
  children: DiagramNode[];
}

export interface FlowGroup {
  id: string;
  source: string;
  destination: string;
  /** The perimeter firewall the group crosses (drawn through it), if any. */
  via?: 'external' | 'internal';
  firewalls: FirewallName[];
  direction: Direction | 'mixed';
  /** `TCP 443, 5061`, `UDP 3478, 50000-59999`: one line per transport. */
  ports: string[];
  flows: Flow[];
}

export interface DiagramGraph {
  title: string;
  /** Top level, left to right: zones and firewalls. */
  nodes: DiagramNode[];
  groups: FlowGroup[];
}

const node = (id: string, kind: NodeKind, label: string[], children: DiagramNode[] = []): DiagramNode => ({ id, kind, label, children });
const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_');

const POOL_WORD: Record<ServerPool['kind'], string> = { frontEnd: 'Front End', director: 'Director', mediation: 'Mediation' };

/**
 * Pools with more members than this are drawn as one box per service listing the members: they
 * all need the same flows, and a drawing of hundreds of identical boxes helps nobody.
 */
export const COLLAPSE_ABOVE = 4;
const LISTED = 4;

type Own = (id: string, addrs: readonly string[] | undefined) => void;

function collapsed(id: string, kind: NodeKind, title: string, members: { name: string; addresses: string[] }[], own: Own): DiagramNode {
  for (const m of members) own(id, m.addresses);
  const lines = members.slice(0, LISTED).map((m) => `${m.name} ${m.addresses.join(' ')}`);
  return node(id, kind, [title, ...lines, ...(members.length > LISTED ? [`… and ${members.length - LISTED} more`] : [])]);
}

function collapsedEdgeNodes(pid: string, nodes: EdgeNode[], own: Own): DiagramNode[] {
  const n = nodes.length;
  for (const x of nodes) own(`${pid}-av`, x.avPublic);
  return [
    collapsed(`${pid}-access`, 'edge-service', `Access Edge, ${n} nodes (external)`, nodes.map((x) => ({ name: x.name, addresses: x.access })), own),
    collapsed(`${pid}-webconf`, 'edge-service', `Web Conferencing Edge, ${n} nodes (external)`, nodes.map((x) => ({ name: x.name, addresses: x.webConferencing })), own),
    collapsed(`${pid}-av`, 'edge-service', `A/V Edge, ${n} nodes (external)`, nodes.map((x) => ({ name: x.name, addresses: x.av })), own),
    collapsed(`${pid}-internal`, 'edge-service', `Edge internal interface, ${n} nodes`, nodes.map((x) => ({ name: x.name, addresses: x.internal })), own),
  ];
}

/** Builds the nodes and an index from each address (as written in the topology) to its node. */
function nodesOf(t: Topology): { zones: DiagramNode[]; byAddress: Map<string, string>; hasPerimeter: boolean } {
  const byAddress = new Map<string, string>();
  const own = (id: string, addrs: readonly string[] | undefined) => { for (const a of addrs ?? []) if (!byAddress.has(a)) byAddress.set(a, id); };

  const perimeter: DiagramNode[] = [];
  for (const p of t.edgePools) {
    const pid = `edgepool-${slug(p.name)}`;
    const children: DiagramNode[] = p.nodes.length > COLLAPSE_ABOVE ? collapsedEdgeNodes(pid, p.nodes, own) : p.nodes.map((n) => {
      const nid = `edge-${slug(n.name)}`;
      const svc = (key: string, title: string, addrs: string[], extra: string[] = []) => {
        own(`${nid}-${key}`, addrs);
        return node(`${nid}-${key}`, 'edge-service', [title, ...addrs.map((a) => `${key === 'internal' ? 'internal' : 'external'} ${a}`), ...extra]);
      };
      own(`${nid}-av`, n.avPublic);
      return node(nid, 'edge-node', [`Edge Server ${n.name}`, ...(n.fqdn ? [n.fqdn] : [])], [
        svc('access', 'Access Edge', n.access, p.ports.access !== 443 ? [`port ${p.ports.access}`] : []),
        svc('webconf', 'Web Conferencing Edge', n.webConferencing, p.ports.webConferencing !== 443 ? [`port ${p.ports.webConferencing}`] : []),
        svc('av', 'A/V Edge', n.av, [...(n.avPublic ? n.avPublic.map((a) => `public (NAT) ${a}`) : []), ...(p.ports.av !== 443 ? [`port ${p.ports.av}`] : [])]),
        svc('internal', 'Edge internal interface', n.internal),
      ]);
    });
    if (p.vips) {
      const vip = (key: string, title: string, addrs: string[]) => { own(`${pid}-vip-${key}`, addrs); return node(`${pid}-vip-${key}`, 'vip', [title, ...addrs.map((a) => `VIP ${a}`)]); };
      children.unshift(vip('access', 'Access Edge VIP', p.vips.access), vip('webconf', 'Web Conferencing Edge VIP', p.vips.webConferencing), vip('av', 'A/V Edge VIP', p.vips.av));
      children.push(vip('internal', 'Edge internal VIP', p.vips.internal));
    }
    perimeter.push(node(pid, 'edge-pool', [`Edge pool ${p.name}`, `${p.loadBalancing === 'none' ? 'single node' : `${p.loadBalancing === 'dns' ? 'DNS' : 'hardware'} load balancing`}`], children));
  }
  if (t.reverseProxy) {
    const r = t.reverseProxy;
    own('rp-external', r.external);
    own('rp-internal', r.internal);
    perimeter.push(node('rp', 'reverse-proxy', [`Reverse proxy ${r.name}`, ...(r.publishes ? [`publishes ${r.publishes}`] : [])], [
      node('rp-external', 'proxy-side', ['external', ...r.external.map((a) => `external ${a}`)]),
      node('rp-internal', 'proxy-side', ['internal', ...r.internal.map((a) => `internal ${a}`)]),
    ]));
  }

  const internal: DiagramNode[] = [node('any-internal', 'any', ['Any', 'servers and clients'])];
  for (const p of [...t.frontEndPools, ...t.directorPools, ...t.mediationPools]) {
    const pid = `pool-${slug(p.name)}`;
    const children = p.servers.length > COLLAPSE_ABOVE
      ? [collapsed(`${pid}-servers`, 'server', `${p.servers.length} servers`, p.servers.map((s) => ({ name: s.name, addresses: s.addresses })), own)]
      : p.servers.map((s) => { own(`${pid}-${slug(s.name)}`, s.addresses); return node(`${pid}-${slug(s.name)}`, 'server', [s.name, ...s.addresses.map((a) => `server ${a}`)]); });
    if (p.vip) { own(`${pid}-vip`, p.vip); children.push(node(`${pid}-vip`, 'vip', ['pool VIP', ...p.vip.map((a) => `VIP ${a}`)])); }
    internal.push(node(pid, 'pool', [`${POOL_WORD[p.kind]} pool ${p.name}`, `${p.loadBalancing === 'none' ? 'no' : p.loadBalancing === 'dns' ? 'DNS' : 'hardware'} load balancing`], children));
  }
  for (const [hosts, word] of [[t.pstnGateways, 'PSTN gateway'], [t.survivableBranches, 'Survivable Branch Appliance'], [t.e911Gateways, 'E9-1-1 gateway']] as const) {
    for (const h of hosts) { own(`gw-${slug(h.name)}`, h.addresses); internal.push(node(`gw-${slug(h.name)}`, 'gateway', [`${word} ${h.name}`, ...h.addresses.map((a) => `address ${a}`)])); }
  }
  if (t.clientNetworks.length) { own('clients', t.clientNetworks); internal.push(node('clients', 'network', ['Client networks', ...t.clientNetworks.map((a) => `network ${a}`)])); }
  if (t.ipPhoneNetworks.length) { own('ipphones', t.ipPhoneNetworks); internal.push(node('ipphones', 'network', ['IP phone networks', ...t.ipPhoneNetworks.map((a) => `network ${a}`)])); }

  const hasPerimeter = perimeter.length > 0;
  const zones: DiagramNode[] = [];
  if (hasPerimeter) {
    const partners = [...t.features].some((f) => f === 'sip-federation' || f === 'xmpp-federation' || f === 'public-im-connectivity');
    zones.push(node('zone-internet', 'zone', ['Internet'], [node('any-internet', 'any', ['Any', partners ? 'remote users, federated partners' : 'remote users'])]));
    zones.push(node('fw-external', 'firewall', ['external firewall']));
    zones.push(node('zone-perimeter', 'zone', ['Perimeter network'], perimeter));
    zones.push(node('fw-internal', 'firewall', ['internal firewall']));
  }
  zones.push(node('zone-internal', 'zone', ['Internal network'], internal));
  return { zones, byAddress, hasPerimeter };
}

function parentIndex(nodes: DiagramNode[], parent = new Map<string, DiagramNode>()): Map<string, DiagramNode> {
  for (const n of nodes) { for (const c of n.children) parent.set(c.id, n); parentIndex(n.children, parent); }
  return parent;
}

const EXTERNAL_SIDE = /-(access|webconf|av)$|^rp-external$|-vip-(access|webconf|av)$/;

/** Orders `TCP 443` before `TCP 5061` and `Any` last. */
function portsLines(flows: Flow[]): string[] {
  const by = new Map<string, Map<string, number>>();
  for (const f of flows) {
    const m = by.get(f.transport) ?? new Map<string, number>();
    m.set(portText(f.destinationPort), f.destinationPort === 'Any' ? Infinity : f.destinationPort.from);
    by.set(f.transport, m);
  }
  return [...by.keys()].sort().flatMap((tr) => wrap(tr, [...by.get(tr)!].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p)));
}

/** `TCP 80, 135, 443,` / `    444, 445` : port lists wrapped so labels stay narrow. */
function wrap(transport: string, ports: string[], width = 30): string[] {
  const out: string[] = [];
  let line = transport;
  ports.forEach((p, i) => {
    const piece = ` ${p}${i < ports.length - 1 ? ',' : ''}`;
    if (line.length + piece.length > width && line.trim() !== transport) { out.push(line); line = ' '.repeat(transport.length); }
    line += piece;
  });
  return [...out, line];
}

export function diagramGraph(t: Topology, flows: readonly Flow[], title = ''): DiagramGraph {
  const { zones, byAddress, hasPerimeter } = nodesOf(t);
  const parent = parentIndex(zones);
  const extra = new Map<string, DiagramNode>();

  const end = (addrs: string[] | 'Any', other: string | undefined, f: Flow): string => {
    if (addrs === 'Any') {
      if (!hasPerimeter) return 'any-internal';
      if (f.firewall === 'external') return 'any-internet';
      if (f.firewall === 'host-edge' && other && EXTERNAL_SIDE.test(other)) return 'any-internet';
      return 'any-internal';
    }
    const ids = [...new Set(addrs.map((a) => {
      const id = byAddress.get(a);
      if (id) return id;
      const aid = `addr-${slug(a)}`;
      if (!extra.has(aid)) extra.set(aid, node(aid, 'address', ['address', a]));
      return aid;
    }))];
    if (ids.length === 1) return ids[0];
    // Several servers of one pool: the pool itself.
    const parents = new Set(ids.map((i) => parent.get(i)?.id));
    return parents.size === 1 && [...parents][0] ? [...parents][0]! : ids.sort()[0];
  };

  const groups = new Map<string, FlowGroup>();
  for (const f of flows) {
    const dst0 = f.destination === 'Any' ? undefined : end(f.destination, undefined, f);
    const src = end(f.source, dst0, f);
    const dst = end(f.destination, src, f);
    const key = `${src}\u0000${dst}`;
    const g = groups.get(key) ?? { id: '', source: src, destination: dst, firewalls: [], direction: f.direction, ports: [], flows: [] };
    g.flows.push(f);
    if (!g.firewalls.includes(f.firewall)) g.firewalls.push(f.firewall);
    if (g.direction !== f.direction) g.direction = 'mixed';
    if (hasPerimeter && (f.firewall === 'external' || f.firewall === 'internal')) g.via = f.firewall;
    groups.set(key, g);
  }
  const internal = zones.find((z) => z.id === 'zone-internal')!;
  internal.children.push(...[...extra.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  // `Any` nodes nothing talks to are noise.
  const used = new Set([...groups.values()].flatMap((g) => [g.source, g.destination]));
  for (const z of zones) z.children = z.children.filter((c) => c.kind !== 'any' || used.has(c.id));
  const ordered = [...groups.values()].sort((a, b) => (a.source + '\u0000' + a.destination < b.source + '\u0000' + b.destination ? -1 : 1));
  ordered.forEach((g, i) => { g.id = `flow-${i + 1}`; g.ports = portsLines(g.flows); g.firewalls.sort(); });
  return { title, nodes: zones.filter((z) => z.kind !== 'zone' || z.children.length > 0 || z.id === 'zone-internal'), groups: ordered };
}

/** Every node, depth first (for counting and lookups). */
export function allNodes(nodes: readonly DiagramNode[]): DiagramNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

