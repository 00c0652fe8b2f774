// The catalog's vocabulary: every requirement row of the source documents as typed data.
import type { EdgeLoadBalancing, ProductVersion } from './products.ts';

export type Transport = 'TCP' | 'UDP';

/** Service roles, in the documents' words. */
export type Role =
  | 'Access'
  | 'Web Conferencing'
  | 'A/V'
  | 'XMPP'
  | 'Reverse Proxy'
  | 'Front End'
  | 'Director'
  | 'Mediation'
  | 'All Servers'
  | 'Office Web Apps'
  | 'Persistent Chat'
  | 'Load Balancer'
  | 'Client'
  | 'IP Phone';

/** Which interface (and so which firewall) a row belongs to. */
export type Interface =
  | 'edge-external' // Edge external interface (real servers)
  | 'edge-internal' // Edge internal interface (real servers)
  | 'hlb-external-vip' // hardware load balancer external VIPs
  | 'hlb-internal-vip' // hardware load balancer internal VIP
  | 'reverse-proxy-external'
  | 'reverse-proxy-internal'
  | 'server-host' // an internal server's own (Windows) firewall, 004
  | 'load-balancer' // load balancer virtual services, 004
  | 'client'; // client computers and IP phones, 004

/** A port or an inclusive range; 'Any' where the document says Any or gives no port. */
export type PortSpec = 'Any' | { from: number; to: number };

/** The document's direction word ("(in)", "(out)", "(in/out)", defined in 002). */
export type DirectionWord = 'in' | 'out' | 'in/out';

/** Direction of one concrete flow: in = less trusted → more trusted. */
export type Direction = 'in' | 'out';

/**
 * Things a selector can name. Each resolves against the topology to addresses (or to Any).
 * Edge and VIP endpoints are per node / per VIP; the rest are lists.
 */
export type Endpoint =
  | 'edge.access' // Edge Server Access Edge service public IP address (per node)
  | 'edge.webconf' // Web Conferencing Edge service public IP address (per node)
  | 'edge.av' // A/V Edge service public IP address (per node)
  | 'edge.internal' // Edge Server internal interface (per node)
  | 'vip.access' // HLB external VIP of the Access Edge service
  | 'vip.webconf'
  | 'vip.av'
  | 'vip.internal' // HLB internal VIP of the edge pool
  | 'reverse-proxy.external'
  | 'reverse-proxy.internal'
  | 'next-hop.servers' // servers of the edge pool's next hop pool (Director or Front End)
  | 'next-hop.vip' // the next hop pool's VIP, where it is hardware load balanced
  | 'frontend.servers' // every Front End Server
  | 'frontend.hlb-vip' // VIP of each Front End pool that uses only hardware load balancing
  | 'frontend.dnslb-vip' // web services VIP of each DNS load balanced Front End pool
  | 'frontend.cms' // Front End Servers of the pool holding the Central Management store
  | 'frontend.xmpp-gateway' // Front End Servers running the XMPP Gateway
  | 'frontend.xmpp-gateway-hlb-vip' // VIP of each hardware load balanced Front End pool running the XMPP Gateway
  | 'frontend.collocated-mediation' // Front End Servers that also run a collocated Mediation Server
  | 'published-pool.vip' // VIP of the pool whose web services the reverse proxy publishes
  | 'director.servers'
  | 'director.hlb-vip'
  | 'director.dnslb-vip'
  | 'mediation.servers'
  | 'mediation.hlb-vip'
  | 'internal-servers' // every internal server (Front End, Director, Mediation)
  | 'survivable-branches'
  | 'pstn-gateways'
  | 'e911-gateways'
  | 'clients'
  | 'ip-phones'
  | 'office-web-apps' // Office Web Apps Servers (not modelled by topologies yet)
  | 'persistent-chat'; // Persistent Chat Front End Servers (not modelled by topologies yet)

/**
 * A source or destination as a document states it.
 * - `any`: the document says Any (or names outside parties, e.g. "Public IM connectivity partners").
 *   With `tightenTo`, the row reads "Any (can be defined as …)": a topology may tighten it.
 * - `endpoint`: named addresses of the deployment.
 */
export type Selector =
  | { kind: 'any'; text: string; tightenTo?: Endpoint[] }
  | { kind: 'endpoint'; endpoint: Endpoint; text: string };

/** Feature switches, in the documents' words; a row applies when its condition holds. */
export type Feature =
  | 'remote-user-access'
  | 'sip-federation'
  | 'federation-ocs2007'
  | 'federation-ocs2007r2'
  | 'federation-lync2010'
  | 'federation-lync2013'
  | 'public-im-connectivity'
  | 'xmpp-federation'
  | 'desktop-sharing-federated'
  | 'file-transfer-federated'
  | 'multiple-edge-pools'
  | 'hosted-exchange'
  | 'reverse-proxy-http-redirect'
  | 'remote-call-control';

/** Disjunctive normal form: the row applies if every feature of any one clause is on. [] = always. */
export type Condition = Feature[][];

export interface Citation {
  /** Source document id, e.g. `002` (sources.ts gives its title, URL and file). */
  document: string;
  /** The table heading, verbatim. */
  table: string;
  /** 1-based row number in that table (header excluded). */
  row: number;
  /** The row's own condition, as the row or its table states it (absent = the row always applies). */
  when?: Condition;
  /**
   * Edge load balancing modes this row binds, where Portolan's reading narrows a table that names
   * no topology (each use is an interpretation in interpretations.ts). Absent = the table's scope.
   */
  edgeLoadBalancing?: EdgeLoadBalancing[];
  /** The row applies only to these of its table's versions (the row says so, e.g. "Not supported
   * in Skype for Business Server 2019"). */
  versions?: ProductVersion[];
  /**
   * What this table's row says where it differs from the requirement's main reading. `note` is the
   * row's own note verbatim ('' when the row has none): a flow shows the notes of its applying rows.
   */
  says?: Partial<Record<'source' | 'destination' | 'port' | 'transport' | 'application' | 'note' | 'direction', string>>;
}

export interface Requirement {
  /** Stable identifier, e.g. `2010.edge-external.access.sip-tls-443.in`. */
  id: string;
  versions: ProductVersion[];
  role: Role;
  interface: Interface;
  source: Selector;
  sourcePort: PortSpec;
  destination: Selector;
  destinationPort: PortSpec;
  transport: Transport;
  /** Application in the documents' words: `SIP (TLS)`, `PSOM (MTLS)`, `STUN/MSTURN`, `RTP`, … */
  application: string;
  /** The direction word where a document gives one. */
  directionWord?: DirectionWord;
  /** Flow direction relative to trust (derived from the interface and which side is the edge). */
  direction: Direction;
  /** Union of the citing rows' conditions (for display; applicability is decided per citation). */
  when: Condition;
  note: string;
  citations: Citation[];
}

/** Where a quote is: a table row, or (without `row`) a passage of prose under `table`'s words. */
export interface QuotePlace {
  document: string;
  /** The table heading, verbatim; for prose, where the passage is (e.g. `introduction`). */
  table: string;
  /** 1-based row; absent for a passage of prose. */
  row?: number;
}

/** The document's own words at a place, verbatim (cells joined by " | ", "…" marks an omission). */
export interface Reading {
  citation: QuotePlace;
  says: string;
}

/** A recorded disagreement between tables (or a slip inside one), with both readings. */
export interface Discrepancy {
  id: string;
  summary: string;
  readings: Reading[];
  /** What Portolan does with it, so nothing is smoothed over silently. */
  handling: string;
  requirements: string[];
}

/**
 * Where Portolan reads more into a row than its words (a transport the row does not name, an
 * address it narrows to): the quote, the reading and why. An interpretation never removes a flow
 * the row requires unless the topology says so.
 */
export interface Interpretation {
  id: string;
  quotes: Reading[];
  reading: string;
  why: string;
  requirements: string[];
}
