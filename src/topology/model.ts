// The deployment as Portolan understands it after the YAML is parsed and validated.
// Addresses are strings as written (IPv4, IPv6, or CIDR for networks); each field may hold
// several (an IPv4 and an IPv6 address, say). A host's address field may instead hold the host's
// FQDN while its address is unknown (`net/host-name.ts`): flows list it by that name and
// nothing that needs an address (rules, audit, lab) accepts it.
import type { Feature } from '../catalog/types.ts';
import type { EdgeLoadBalancing, ProductVersion } from '../catalog/products.ts';

/** Where a value came from in the topology file, for findings. */
export interface Origin {
  file: string;
  line: number;
  col: number;
}

export interface Host {
  name: string;
  fqdn?: string;
  addresses: string[];
}

export interface EdgeNode {
  name: string;
  fqdn?: string;
  /** External interface: one address per edge service (or one shared address with distinct ports). */
  access: string[];
  webConferencing: string[];
  av: string[];
  /** The A/V Edge service's public address when `av` is NAT'd (not allowed with hardware load balancing). */
  avPublic?: string[];
  /** With 1:1 NAT (`EdgePool.nat`): the public address mapped to each service's private address. */
  public?: { access: string[]; webConferencing: string[]; av: string[] };
  internal: string[];
}

export type PoolLoadBalancing = 'none' | 'dns' | 'hardware';

export interface EdgePool {
  name: string;
  /** Internal pool FQDN (edge internal interface), e.g. `edgepool.contoso.local`. */
  internalFqdn?: string;
  /** External service FQDNs, shared by all nodes; derived from the SIP domain when not given. */
  accessFqdn?: string;
  webConferencingFqdn?: string;
  avFqdn?: string;
  loadBalancing: EdgeLoadBalancing;
  nodes: EdgeNode[];
  /** Hardware load balancer VIPs (loadBalancing: hardware). */
  vips?: { access: string[]; webConferencing: string[]; av: string[]; internal: string[] };
  /** Service ports on the external interface (443 by default; distinct when services share an address). */
  ports: { access: number; webConferencing: number; av: number };
  /** Whether the hardware load balancer applies source NAT per service (001: never for A/V). */
  snat: { access: boolean; webConferencing: boolean; av: boolean };
  /** Whether the A/V Edge external address is translated by NAT. */
  avNat: boolean;
  /** Whether every external service address is private behind symmetric 1:1 NAT on the external firewall. */
  nat: boolean;
  /** Whether the internal interface is NAT'd (the documents require routing). */
  internalNat: boolean;
  /** The next hop: name of a Front End pool or Director pool. */
  nextHop?: string;
}

export interface ServerPool {
  name: string;
  kind: 'frontEnd' | 'director' | 'mediation';
  fqdn?: string;
  servers: Host[];
  /** Pool VIP. With hardware load balancing it carries every load-balanced port; with DNS load
   * balancing it carries only the web services ports (004: "Hardware Load Balancer Ports if Using
   * DNS Load Balancing"). */
  vip?: string[];
  loadBalancing: PoolLoadBalancing;
  /** Front End pool only. */
  centralManagementStore?: boolean;
  xmppGateway?: boolean;
  collocatedMediation?: boolean;
  /** External web services FQDN published by the reverse proxy. */
  externalWebFqdn?: string;
}

export interface ReverseProxy {
  name: string;
  external: string[];
  internal: string[];
  /** The pool whose web services it publishes (a Front End or Director pool name). */
  publishes?: string;
}

export interface Zones {
  internet?: string[];
  perimeter?: string[];
  corporate?: string[];
}

export interface Topology {
  file: string;
  /** The deployment's name, when the file gives one. */
  name?: string;
  version: ProductVersion;
  sipDomains: string[];
  features: Set<Feature>;
  /** Federation partner products switched on (also present as `federation-*` features). */
  tightenAny: boolean;
  edgePools: EdgePool[];
  frontEndPools: ServerPool[];
  directorPools: ServerPool[];
  mediationPools: ServerPool[];
  pstnGateways: Host[];
  survivableBranches: Host[];
  e911Gateways: Host[];
  reverseProxy?: ReverseProxy;
  clientNetworks: string[];
  ipPhoneNetworks: string[];
  zones?: Zones;
  /** Location of every YAML path (`edgePools.0.nodes.1.access`) for findings. */
  origins: Map<string, Origin>;
  /** What an imported file holds that Portolan does not model (Persistent Chat, SQL stores, …). */
  ignored?: IgnoredContent[];
}

export interface IgnoredContent {
  /** What it is, in the file's words: `Service RoleName="PersistentChatServer"`. */
  what: string;
  origin: Origin;
}
