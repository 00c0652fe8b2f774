// Resolves the documents' endpoints ("Edge Server Access Edge service public IP address",
// "next hop server(s)", …) to the addresses of one deployment.
import type { Endpoint, Selector } from '../catalog/types.ts';
import type { EdgePool, ServerPool, Topology } from '../topology/model.ts';
import type { FirewallName } from './types.ts';

/** One named thing with addresses: an edge node's service, a server, a pool VIP, a network. */
export interface Member {
  name: string;
  addresses: string[];
  /** The host firewall a server belongs to (for server host rows). */
  host?: FirewallName;
}

export interface Context {
  topology: Topology;
  edgePool?: EdgePool;
}

const HOST_FIREWALL: Record<ServerPool['kind'], FirewallName> = {
  frontEnd: 'host-frontend', director: 'host-director', mediation: 'host-mediation',
};
const POOL_WORD: Record<ServerPool['kind'], string> = {
  frontEnd: 'Front End pool', director: 'Director pool', mediation: 'Mediation pool',
};

function servers(pools: ServerPool[]): Member[] {
  return pools.flatMap((p) => p.servers.map((s) => ({ name: s.name, addresses: s.addresses, host: HOST_FIREWALL[p.kind] })));
}
function vips(pools: ServerPool[], lb?: ServerPool['loadBalancing']): Member[] {
  return pools.filter((p) => p.vip && (!lb || p.loadBalancing === lb)).map((p) => ({ name: `${POOL_WORD[p.kind]} ${p.name} VIP`, addresses: p.vip! }));
}
function allPools(t: Topology): ServerPool[] {
  return [...t.frontEndPools, ...t.directorPools, ...t.mediationPools];
}
function poolNamed(t: Topology, name: string | undefined): ServerPool | undefined {
  return name === undefined ? undefined : allPools(t).find((p) => p.name === name);
}

export function resolveEndpoint(e: Endpoint, ctx: Context): Member[] {
  const t = ctx.topology;
  const edge = ctx.edgePool;
  const nodes = edge?.nodes ?? [];
  const nextHop = poolNamed(t, edge?.nextHop);
  switch (e) {
    case 'edge.access': return nodes.map((n) => ({ name: `${n.name} Access Edge`, addresses: n.access }));
    case 'edge.webconf': return nodes.map((n) => ({ name: `${n.name} Web Conferencing Edge`, addresses: n.webConferencing }));
    case 'edge.av': return nodes.map((n) => ({ name: `${n.name} A/V Edge`, addresses: n.av }));
    case 'edge.internal': return nodes.map((n) => ({ name: `${n.name} internal`, addresses: n.internal }));
    case 'vip.access': return edge?.vips ? [{ name: `${edge.name} Access Edge VIP`, addresses: edge.vips.access }] : [];
    case 'vip.webconf': return edge?.vips ? [{ name: `${edge.name} Web Conferencing Edge VIP`, addresses: edge.vips.webConferencing }] : [];
    case 'vip.av': return edge?.vips ? [{ name: `${edge.name} A/V Edge VIP`, addresses: edge.vips.av }] : [];
    case 'vip.internal': return edge?.vips ? [{ name: `${edge.name} internal VIP`, addresses: edge.vips.internal }] : [];
    case 'reverse-proxy.external': return t.reverseProxy ? [{ name: `${t.reverseProxy.name} external`, addresses: t.reverseProxy.external }] : [];
    case 'reverse-proxy.internal': return t.reverseProxy ? [{ name: `${t.reverseProxy.name} internal`, addresses: t.reverseProxy.internal }] : [];
    case 'next-hop.servers': return nextHop ? servers([nextHop]) : [];
    case 'next-hop.vip': return nextHop && nextHop.loadBalancing === 'hardware' ? vips([nextHop]) : [];
    case 'frontend.servers': return servers(t.frontEndPools);
    case 'frontend.hlb-vip': return vips(t.frontEndPools, 'hardware');
    case 'frontend.dnslb-vip': return vips(t.frontEndPools, 'dns');
    case 'frontend.cms': return servers(t.frontEndPools.filter((p) => p.centralManagementStore));
    case 'frontend.xmpp-gateway': return servers(t.frontEndPools.filter((p) => p.xmppGateway));
    case 'frontend.xmpp-gateway-hlb-vip': return vips(t.frontEndPools.filter((p) => p.xmppGateway), 'hardware');
    case 'frontend.collocated-mediation': return servers(t.frontEndPools.filter((p) => p.collocatedMediation));
    case 'published-pool.vip': {
      const p = poolNamed(t, t.reverseProxy?.publishes);
      return p ? vips([p]) : [];
    }
    case 'director.servers': return servers(t.directorPools);
    case 'director.hlb-vip': return vips(t.directorPools, 'hardware');
    case 'director.dnslb-vip': return vips(t.directorPools, 'dns');
    case 'mediation.servers': return servers(t.mediationPools);
    case 'mediation.hlb-vip': return vips(t.mediationPools, 'hardware');
    case 'internal-servers': return servers(allPools(t));
    case 'survivable-branches': return t.survivableBranches.map((h) => ({ name: h.name, addresses: h.addresses }));
    case 'pstn-gateways': return t.pstnGateways.map((h) => ({ name: h.name, addresses: h.addresses }));
    case 'e911-gateways': return t.e911Gateways.map((h) => ({ name: h.name, addresses: h.addresses }));
    case 'clients': return t.clientNetworks.length ? [{ name: 'client networks', addresses: t.clientNetworks }] : [];
    case 'ip-phones': return t.ipPhoneNetworks.length ? [{ name: 'IP phone networks', addresses: t.ipPhoneNetworks }] : [];
    // Roles a topology cannot describe yet: their rows stay in the catalog and produce no flows.
    case 'office-web-apps': case 'persistent-chat': return [];
  }
}

/** A resolved side of a requirement: 'Any', or members (empty = absent from this topology). */
export type Side = { any: true; name: string } | { any: false; members: Member[] };

export function resolveSelector(s: Selector, ctx: Context): Side {
  if (s.kind === 'endpoint') return { any: false, members: resolveEndpoint(s.endpoint, ctx) };
  if (ctx.topology.tightenAny && s.tightenTo) {
    const members = s.tightenTo.flatMap((e) => resolveEndpoint(e, ctx));
    if (members.length > 0) return { any: false, members };
  }
  return { any: true, name: 'Any' };
}
