// The lab's address plan: which namespace owns which address, the links between namespaces,
// and the routes. Addresses come from the topology; the lab adds only what the documents leave
// to the network (firewall interface addresses, the internet side, a load balancer's own
// addresses), picked from free host numbers so they never collide with the topology's.
import { InputError } from '../errors.ts';
import type { Topology } from '../topology/model.ts';
import { parseCidr, formatHost } from '../net/address.ts';
import { staticNat } from '../policy/nat.ts';
import type { StaticNat } from '../policy/types.ts';

export type NsRole = 'internet' | 'firewall' | 'switch' | 'edge' | 'reverse-proxy' | 'load-balancer' | 'corporate';

export interface LabNs {
  name: string;
  role: NsRole;
  /** Firewalls and the load balancer route between their interfaces. */
  forwarding: boolean;
}

/** One end of a veth pair: its namespace, name, and addresses as CIDR (`10.45.16.10/24`). */
export interface LinkEnd {
  ns: string;
  ifname: string;
  addrs: string[];
}

export interface LabLink {
  a: LinkEnd;
  /** The far end; on a switch namespace it is a bridge port without addresses. */
  b: LinkEnd;
}

export interface LabRoute {
  ns: string;
  to: string; // 'default' or a CIDR
  via?: string;
  dev?: string;
}

/** A hardware load balancer VIP and the node addresses it forwards to (001). */
export interface Vip {
  address: string;
  service: 'access' | 'webConferencing' | 'av' | 'internal';
  targets: string[];
  /** Source NAT towards the nodes (001: Access and Web Conferencing only, never A/V). */
  snat: boolean;
}

export interface LabPlan {
  namespaces: LabNs[];
  links: LabLink[];
  /** Bridges inside switch namespaces and their ports. */
  bridges: { ns: string; ports: string[] }[];
  routes: LabRoute[];
  /** Address → namespace that owns it (VIPs belong to the load balancer). */
  owner: Map<string, string>;
  vips: Vip[];
  /** The internet side: an external user/partner client address, and the address standing in
   *  for "Any" destinations on the internet (partner servers, DNS, CRL). */
  internetClient: string;
  internetAny: string;
  /** A corporate address standing in for "Any" destinations on the corporate side. */
  corporateAny: string;
  internetNet: string;
  corporateNets: string[];
  perimeterExternalNet: string;
  perimeterInternalNet: string;
  /** Firewall interface names as the nftables renderer gets them. */
  interfaces: { external: { outside: string; inside: string }; internal: { outside: string; inside: string } };
  lbNs?: string;
  lbExternal?: string;
  lbInternal?: string;
  /** Static 1:1 NAT the external firewall performs (IPv4): the internet reaches the public addresses. */
  nat: StaticNat[];
  /** The external firewall's address on the perimeter side (a masquerading NAT would show it). */
  fwextInside: string;
}

export const NS = { internet: 'pl-inet', fwext: 'pl-fwext', swx: 'pl-swx', swi: 'pl-swi', fwint: 'pl-fwint', corp: 'pl-corp', rp: 'pl-rp', lb: 'pl-lb' } as const;
export const edgeNs = (node: string) => `pl-e-${node.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}`;

const v4 = (a: string) => parseCidr(a);
const fmt = (v: bigint) => formatHost('ipv4', v);
const isV4 = (a: string) => !a.includes(':');

export function contains(cidr: string, addr: string): boolean {
  const n = v4(cidr), a = v4(addr);
  return n.family === a.family && a.lo >= n.lo && a.hi <= n.hi;
}

/** The zone network holding `addr`, else its /24. */
function networkOf(zones: string[] | undefined, addr: string): string {
  const z = (zones ?? []).filter(isV4).find((c) => contains(c, addr));
  if (z) return fmt(v4(z).lo) + '/' + v4(z).prefix;
  return fmt(v4(`${addr}/24`).lo) + '/24';
}

/** Free host addresses of `net`, from the top down (the usual place for gateways). */
function freeHosts(net: string, used: Set<string>): () => string {
  const n = v4(net);
  let v = n.hi - 1n;
  return () => {
    while (v > n.lo && used.has(fmt(v))) v--;
    if (v <= n.lo) throw new Error(`no free address left in ${net}`);
    const a = fmt(v);
    used.add(a);
    v--;
    return a;
  };
}

const prefixOf = (net: string) => v4(net).prefix;

/** Every IPv4 address the topology names. */
export function topologyAddresses(t: Topology): Set<string> {
  const s = new Set<string>();
  const add = (xs: string[] | undefined) => xs?.filter(isV4).forEach((x) => s.add(x.split('/')[0]!));
  for (const p of t.edgePools) {
    for (const n of p.nodes) [n.access, n.webConferencing, n.av, n.avPublic, n.public?.access, n.public?.webConferencing, n.public?.av, n.internal].forEach(add);
    if (p.vips) Object.values(p.vips).forEach(add);
  }
  for (const p of [...t.frontEndPools, ...t.directorPools, ...t.mediationPools]) {
    add(p.vip);
    p.servers.forEach((h) => add(h.addresses));
  }
  if (t.reverseProxy) { add(t.reverseProxy.external); add(t.reverseProxy.internal); }
  [...t.pstnGateways, ...t.survivableBranches, ...t.e911Gateways].forEach((h) => add(h.addresses));
  return s;
}

export function planLab(t: Topology): LabPlan {
  // The lab is built around the first edge pool's first node: without one it has nothing to show.
  if (t.edgePools.length === 0) throw new InputError('the lab needs a topology with an edge pool (edgePools is empty)', { file: t.file, line: 1, col: 1 });
  const used = topologyAddresses(t);
  const pool = t.edgePools[0]!;
  const node0 = pool.nodes[0]!;
  const where = (path: string) => t.origins.get(path) ?? { file: t.file, line: 1, col: 1 };
  if (!node0.access.some(isV4) && !node0.av.some(isV4)) throw new InputError(`the lab runs on IPv4: edge node ${node0.name} needs an IPv4 access or av address`, where('edgePools.0.nodes.0.external'));
  if (!node0.internal.some(isV4)) throw new InputError(`the lab runs on IPv4: edge node ${node0.name} needs an IPv4 internal address`, where('edgePools.0.nodes.0.internal'));
  const extSample = node0.access.find(isV4) ?? node0.av.find(isV4)!;
  const intSample = node0.internal.find(isV4)!;
  const corpHosts = [...t.frontEndPools, ...t.directorPools, ...t.mediationPools].flatMap((p) => [...(p.vip ?? []), ...p.servers.flatMap((h) => h.addresses)]).filter(isV4);
  const perimeterExternalNet = networkOf(t.zones?.perimeter, extSample);
  const perimeterInternalNet = networkOf(t.zones?.perimeter, intSample);
  const corporateNet = networkOf(t.zones?.corporate, corpHosts[0] ?? '192.168.10.1');
  const corporateNets = [...new Set([corporateNet, ...(t.zones?.corporate ?? []).filter(isV4)])];
  // The internet side: a documentation range the topology does not use.
  const internetNet = ['198.51.100.0/24', '192.0.2.0/24', '100.64.0.0/24'].find((n) => ![...used].some((a) => contains(n, a)) && ![perimeterExternalNet, perimeterInternalNet, ...corporateNets].some((z) => contains(z, fmt(v4(n).lo))))!;
  const inetHost = freeHosts(internetNet, used);

  const namespaces: LabNs[] = [];
  const links: LabLink[] = [];
  const routes: LabRoute[] = [];
  const owner = new Map<string, string>();
  const ns = (name: string, role: NsRole, forwarding = false) => namespaces.push({ name, role, forwarding });
  const own = (n: string, addrs: string[]) => addrs.forEach((a) => owner.set(a, n));
  const cidr = (a: string, net: string) => `${a}/${prefixOf(net)}`;

  // internet — external firewall
  ns(NS.internet, 'internet');
  ns(NS.fwext, 'firewall', true);
  const fwextOutside = inetHost();
  const internetClient = inetHost();
  const internetAny = inetHost();
  links.push({ a: { ns: NS.fwext, ifname: 'xout', addrs: [cidr(fwextOutside, internetNet)] }, b: { ns: NS.internet, ifname: 'eth0', addrs: [cidr(internetClient, internetNet), cidr(internetAny, internetNet)] } });
  own(NS.internet, [internetClient, internetAny]);
  routes.push({ ns: NS.internet, to: 'default', via: fwextOutside });

  // perimeter: two switched segments (external and internal side of the edge)
  ns(NS.swx, 'switch');
  ns(NS.swi, 'switch');
  const extHost = freeHosts(perimeterExternalNet, used);
  const intHost = freeHosts(perimeterInternalNet, used);
  const fwextInside = extHost();
  ns(NS.fwint, 'firewall', true);
  const fwintOutside = intHost();
  const bridges = [{ ns: NS.swx, ports: [] as string[] }, { ns: NS.swi, ports: [] as string[] }];
  const port = (sw: 0 | 1, end: LinkEnd) => {
    const p = `p${bridges[sw]!.ports.length}`;
    bridges[sw]!.ports.push(p);
    links.push({ a: end, b: { ns: bridges[sw]!.ns, ifname: p, addrs: [] } });
  };
  port(0, { ns: NS.fwext, ifname: 'xin', addrs: [cidr(fwextInside, perimeterExternalNet)] });
  port(1, { ns: NS.fwint, ifname: 'iout', addrs: [cidr(fwintOutside, perimeterInternalNet)] });

  // hardware load balancer: VIPs on both perimeter segments, in the path of the edge nodes
  const vips: Vip[] = [];
  let lbExternal: string | undefined, lbInternal: string | undefined;
  const hlb = t.edgePools.filter((p) => p.loadBalancing === 'hardware' && p.vips);
  if (hlb.length) {
    ns(NS.lb, 'load-balancer', true);
    lbExternal = extHost();
    lbInternal = intHost();
    const extV: string[] = [], intV: string[] = [];
    for (const p of hlb) {
      for (const s of ['access', 'webConferencing', 'av'] as const) {
        for (const a of p.vips![s].filter(isV4)) {
          vips.push({ address: a, service: s, targets: p.nodes.flatMap((n) => n[s]).filter(isV4), snat: p.snat[s] });
          extV.push(a);
        }
      }
      for (const a of p.vips!.internal.filter(isV4)) {
        vips.push({ address: a, service: 'internal', targets: p.nodes.flatMap((n) => n.internal).filter(isV4), snat: false });
        intV.push(a);
      }
    }
    port(0, { ns: NS.lb, ifname: 'ext', addrs: [lbExternal, ...extV].map((a) => cidr(a, perimeterExternalNet)) });
    port(1, { ns: NS.lb, ifname: 'int', addrs: [lbInternal, ...intV].map((a) => cidr(a, perimeterInternalNet)) });
    own(NS.lb, [...extV, ...intV]);
    routes.push({ ns: NS.lb, to: 'default', via: fwextInside });
    for (const c of corporateNets) routes.push({ ns: NS.lb, to: c, via: fwintOutside });
  }

  // edge nodes: per-service external addresses, one internal address; default route outside,
  // static routes to the corporate networks inside (routed, not NAT'd)
  for (const p of t.edgePools) {
    const viaLb = p.loadBalancing === 'hardware' && !!p.vips;
    for (const n of p.nodes) {
      const name = edgeNs(n.name);
      ns(name, 'edge');
      const ext = [...new Set([...n.access, ...n.webConferencing, ...n.av].filter(isV4))];
      const int = n.internal.filter(isV4);
      port(0, { ns: name, ifname: 'ext', addrs: ext.map((a) => cidr(a, perimeterExternalNet)) });
      port(1, { ns: name, ifname: 'int', addrs: int.map((a) => cidr(a, perimeterInternalNet)) });
      own(name, [...ext, ...int]);
      routes.push({ ns: name, to: 'default', via: viaLb ? lbExternal : fwextInside });
      for (const c of corporateNets) routes.push({ ns: name, to: c, via: viaLb ? lbInternal : fwintOutside });
    }
  }
  if (t.reverseProxy) {
    const rp = t.reverseProxy;
    ns(NS.rp, 'reverse-proxy');
    const ext = rp.external.filter(isV4), int = rp.internal.filter(isV4);
    port(0, { ns: NS.rp, ifname: 'ext', addrs: ext.map((a) => cidr(a, perimeterExternalNet)) });
    port(1, { ns: NS.rp, ifname: 'int', addrs: int.map((a) => cidr(a, perimeterInternalNet)) });
    own(NS.rp, [...ext, ...int]);
    routes.push({ ns: NS.rp, to: 'default', via: fwextInside });
    for (const c of corporateNets) routes.push({ ns: NS.rp, to: c, via: fwintOutside });
  }

  // internal firewall — corporate network (Front End servers, pool VIPs, Director): one namespace
  ns(NS.corp, 'corporate');
  const corpHost = freeHosts(corporateNet, used);
  const fwintInside = corpHost();
  const corporateAny = corpHost();
  const corpAddrs = [...new Set([...corpHosts, corporateAny])];
  links.push({
    a: { ns: NS.fwint, ifname: 'iin', addrs: [cidr(fwintInside, corporateNet)] },
    b: { ns: NS.corp, ifname: 'eth0', addrs: corpAddrs.map((a) => (contains(corporateNet, a) ? cidr(a, corporateNet) : `${a}/32`)) },
  });
  own(NS.corp, corpAddrs);
  routes.push({ ns: NS.corp, to: 'default', via: fwintInside });
  for (const c of corporateNets.filter((c) => c !== corporateNet)) routes.push({ ns: NS.fwint, to: c, dev: 'iin' });

  return {
    namespaces, links, bridges, routes, owner, vips,
    internetClient, internetAny, corporateAny, internetNet, corporateNets, perimeterExternalNet, perimeterInternalNet,
    interfaces: { external: { outside: 'xout', inside: 'xin' }, internal: { outside: 'iout', inside: 'iin' } },
    lbNs: hlb.length ? NS.lb : undefined, lbExternal, lbInternal,
    nat: staticNat(t).filter((m) => isV4(m.private)),
    fwextInside,
  };
}
