// From the validated YAML data to the model: defaults, derived names, feature atoms.
import type { ProductVersion } from '../catalog/products.ts';
import type { Feature } from '../catalog/types.ts';
import type { EdgePool, Host, Origin, ServerPool, Topology } from './model.ts';
import type { YamlPath } from './locate.ts';

type Addr = string | string[];
interface RawHost { name: string; fqdn?: string; address: Addr }
interface RawPool {
  name: string; fqdn?: string; loadBalancing?: 'none' | 'dns' | 'hardware'; vip?: Addr; servers: RawHost[];
  centralManagementStore?: boolean; xmppGateway?: boolean; collocatedMediation?: boolean; externalWebFqdn?: string;
}
export interface RawTopology {
  name?: string;
  version: ProductVersion;
  sipDomains: string[];
  features?: {
    remoteUserAccess?: boolean; sipFederation?: boolean; federationPartners?: ('ocs2007' | 'ocs2007r2' | 'lync2010' | 'lync2013')[];
    publicImConnectivity?: boolean; xmppFederation?: boolean; desktopSharingWithFederatedUsers?: boolean;
    fileTransferWithFederatedUsers?: boolean; multipleEdgePools?: boolean; hostedExchange?: boolean; centralizedLogging?: boolean;
    reverseProxyHttpRedirect?: boolean; remoteCallControl?: boolean;
  };
  tightenAny?: boolean;
  zones?: { internet?: string[]; perimeter?: string[]; corporate?: string[] };
  edgePools?: {
    name: string; loadBalancing?: 'none' | 'dns' | 'hardware'; nextHop?: string;
    fqdns?: { access?: string; webConferencing?: string; av?: string; internal?: string };
    ports?: { access?: number; webConferencing?: number; av?: number };
    vips?: { access: Addr; webConferencing: Addr; av: Addr; internal: Addr };
    snat?: { access?: boolean; webConferencing?: boolean; av?: boolean };
    avNat?: boolean; nat?: boolean; internalNat?: boolean;
    nodes: { name: string; fqdn?: string; external: { access: Addr; webConferencing: Addr; av: Addr; avPublic?: Addr; public?: { access: Addr; webConferencing: Addr; av: Addr } }; internal: Addr }[];
  }[];
  frontEndPools?: RawPool[];
  directorPools?: RawPool[];
  mediationPools?: RawPool[];
  pstnGateways?: RawHost[];
  survivableBranches?: RawHost[];
  e911Gateways?: RawHost[];
  reverseProxy?: { name?: string; external: Addr; internal: Addr; publishes?: string };
  clients?: { networks?: string[]; ipPhones?: string[] };
}

const FEATURE_KEYS: [keyof NonNullable<RawTopology['features']>, Feature][] = [
  ['remoteUserAccess', 'remote-user-access'],
  ['sipFederation', 'sip-federation'],
  ['publicImConnectivity', 'public-im-connectivity'],
  ['xmppFederation', 'xmpp-federation'],
  ['desktopSharingWithFederatedUsers', 'desktop-sharing-federated'],
  ['fileTransferWithFederatedUsers', 'file-transfer-federated'],
  ['multipleEdgePools', 'multiple-edge-pools'],
  ['hostedExchange', 'hosted-exchange'],
  // centralizedLogging: accepted, no feature (the 50001-50003 rows state no condition).
  ['reverseProxyHttpRedirect', 'reverse-proxy-http-redirect'],
  ['remoteCallControl', 'remote-call-control'],
];

const list = (v: Addr | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? [...v] : [v]);
const host = (h: RawHost): Host => ({ name: h.name, ...(h.fqdn ? { fqdn: h.fqdn } : {}), addresses: list(h.address) });

function pool(p: RawPool, kind: ServerPool['kind']): ServerPool {
  return {
    name: p.name, kind,
    ...(p.fqdn ? { fqdn: p.fqdn } : {}),
    servers: p.servers.map(host),
    ...(p.vip !== undefined ? { vip: list(p.vip) } : {}),
    loadBalancing: p.loadBalancing ?? (p.servers.length > 1 ? 'dns' : 'none'),
    ...(kind === 'frontEnd' ? {
      centralManagementStore: p.centralManagementStore ?? false,
      xmppGateway: p.xmppGateway ?? false,
      collocatedMediation: p.collocatedMediation ?? false,
    } : {}),
    ...(p.externalWebFqdn ? { externalWebFqdn: p.externalWebFqdn } : {}),
  };
}

/** Records the position of every path the lint rules may point at. */
function collectOrigins(value: unknown, path: YamlPath, locate: (p: YamlPath) => Origin, out: Map<string, Origin>): void {
  out.set(path.join('.'), locate(path));
  if (Array.isArray(value)) value.forEach((v, i) => collectOrigins(v, [...path, i], locate, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectOrigins(v, [...path, k], locate, out);
}

export function buildTopology(raw: RawTopology, file: string, locate: (p: YamlPath) => Origin): Topology {
  const features = new Set<Feature>();
  for (const [key, feature] of FEATURE_KEYS) if (raw.features?.[key]) features.add(feature);
  for (const p of raw.features?.federationPartners ?? []) features.add(`federation-${p}` as Feature);
  const domain = raw.sipDomains[0];
  const edgePools: EdgePool[] = (raw.edgePools ?? []).map((p) => ({
    name: p.name,
    loadBalancing: p.loadBalancing ?? 'none',
    accessFqdn: p.fqdns?.access ?? `sip.${domain}`,
    webConferencingFqdn: p.fqdns?.webConferencing ?? `webcon.${domain}`,
    avFqdn: p.fqdns?.av ?? `av.${domain}`,
    ...(p.fqdns?.internal ? { internalFqdn: p.fqdns.internal } : {}),
    nodes: p.nodes.map((n) => ({
      name: n.name,
      ...(n.fqdn ? { fqdn: n.fqdn } : {}),
      access: list(n.external.access),
      webConferencing: list(n.external.webConferencing),
      av: list(n.external.av),
      ...(n.external.avPublic !== undefined ? { avPublic: list(n.external.avPublic) } : {}),
      ...(n.external.public ? { public: { access: list(n.external.public.access), webConferencing: list(n.external.public.webConferencing), av: list(n.external.public.av) } } : {}),
      internal: list(n.internal),
    })),
    ...(p.vips ? { vips: { access: list(p.vips.access), webConferencing: list(p.vips.webConferencing), av: list(p.vips.av), internal: list(p.vips.internal) } } : {}),
    ports: { access: p.ports?.access ?? 443, webConferencing: p.ports?.webConferencing ?? 443, av: p.ports?.av ?? 443 },
    snat: { access: p.snat?.access ?? false, webConferencing: p.snat?.webConferencing ?? false, av: p.snat?.av ?? false },
    avNat: p.avNat ?? false,
    nat: p.nat ?? false,
    internalNat: p.internalNat ?? false,
    ...(p.nextHop !== undefined ? { nextHop: p.nextHop } : {}),
  }));
  const origins = new Map<string, Origin>();
  collectOrigins(raw, [], locate, origins);
  return {
    file,
    ...(raw.name ? { name: raw.name } : {}),
    version: raw.version,
    sipDomains: [...raw.sipDomains],
    features,
    // Least privilege by default: "Any (can be defined as …)" becomes the named servers.
    tightenAny: raw.tightenAny ?? true,
    edgePools,
    frontEndPools: (raw.frontEndPools ?? []).map((p) => pool(p, 'frontEnd')),
    directorPools: (raw.directorPools ?? []).map((p) => pool(p, 'director')),
    mediationPools: (raw.mediationPools ?? []).map((p) => pool(p, 'mediation')),
    pstnGateways: (raw.pstnGateways ?? []).map(host),
    survivableBranches: (raw.survivableBranches ?? []).map(host),
    e911Gateways: (raw.e911Gateways ?? []).map(host),
    ...(raw.reverseProxy ? { reverseProxy: {
      name: raw.reverseProxy.name ?? 'reverse-proxy',
      external: list(raw.reverseProxy.external),
      internal: list(raw.reverseProxy.internal),
      ...(raw.reverseProxy.publishes !== undefined ? { publishes: raw.reverseProxy.publishes } : {}),
    } } : {}),
    clientNetworks: [...(raw.clients?.networks ?? [])],
    ipPhoneNetworks: [...(raw.clients?.ipPhones ?? [])],
    ...(raw.zones ? { zones: { ...raw.zones } } : {}),
    origins,
  };
}
