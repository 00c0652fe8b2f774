// Every table of the five source documents and of the pages in ../shared/sources/ that the
// catalog encodes: its heading (verbatim), what it covers and the deployments it describes. A
// row applies to a topology only through a table whose scope fits: a document that applies to
// its product version (products.ts) and, for edge rows, the edge load balancing and addressing
// (public or NAT'd) the table describes.
import { DOC, type DocumentId } from './documents.ts';
import type { EdgeLoadBalancing } from './products.ts';
import { PAGE_TABLES } from './data/page-tables.ts';

export interface SourceTable {
  key: string;
  /** Source document id (sources.ts gives its title, URL and file). */
  document: DocumentId;
  heading: string;
  /** Edge load balancing modes the table describes (edge tables only). */
  edgeLoadBalancing?: EdgeLoadBalancing[];
  /** How the edge's external addresses are given (edge tables only; absent: either). `public`: the
   * edge services hold public addresses; `nat`: private addresses behind 1:1 NAT. */
  addressing?: EdgeAddressing[];
  /** Number of data rows, as printed in the document (checked against the document by a test). */
  rows: number;
  /** Rows printed empty (no cells), which no requirement can cite. */
  emptyRows?: number[];
}

/** Public addresses on the edge services, or private addresses behind 1:1 NAT. */
export type EdgeAddressing = 'public' | 'nat';

const DNS_LB: EdgeLoadBalancing[] = ['none', 'dns'];
const HLB: EdgeLoadBalancing[] = ['hardware'];
const PUBLIC: EdgeAddressing[] = ['public'];

export const SEED_TABLES: SourceTable[] = [
  { key: '000-external', document: DOC.d000, edgeLoadBalancing: DNS_LB, addressing: PUBLIC, rows: 16,
    heading: 'Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)' },
  { key: '000-internal', document: DOC.d000, edgeLoadBalancing: DNS_LB, addressing: PUBLIC, rows: 11,
    heading: 'Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)' },
  { key: '000-federation', document: DOC.d000, edgeLoadBalancing: DNS_LB, addressing: PUBLIC, rows: 1,
    heading: 'Firewall Summary for Federation' },
  { key: '000-pic', document: DOC.d000, edgeLoadBalancing: DNS_LB, addressing: PUBLIC, rows: 6,
    heading: 'Firewall Summary – Public Instant Messaging Connectivity' },
  { key: '000-xmpp', document: DOC.d000, edgeLoadBalancing: DNS_LB, addressing: PUBLIC, rows: 3,
    heading: 'Firewall Summary for Extensible Messaging and Presence Protocol' },
  { key: '001-external', document: DOC.d001, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 11,
    heading: 'Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)' },
  { key: '001-internal', document: DOC.d001, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 8,
    heading: 'Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: Internal Interface Node 1 and Node 2' },
  { key: '001-external-vip', document: DOC.d001, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 8,
    heading: 'External Port Settings Required for Scaled Consolidated Edge, Hardware Load Balanced: External Interface Virtual IPs' },
  { key: '001-internal-vip', document: DOC.d001, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 6,
    heading: 'Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: Internal Interface Virtual IPs' },
  { key: '002-external-summary', document: DOC.d002, edgeLoadBalancing: DNS_LB, rows: 11,
    heading: 'Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface' },
  { key: '002-internal-summary', document: DOC.d002, edgeLoadBalancing: DNS_LB, rows: 6,
    heading: 'Firewall Details for Single/Scaled Consolidated Edge with DNS Load Balancing: Internal Interface' },
  { key: '002-rp-external', document: DOC.d002, rows: 2,
    heading: 'Firewall Details for Reverse Proxy Server: External Interface' },
  { key: '002-rp-internal', document: DOC.d002, rows: 1,
    heading: 'Firewall Details for Reverse Proxy Server: Internal Interface' },
  { key: '002-external', document: DOC.d002, edgeLoadBalancing: DNS_LB, rows: 15,
    heading: 'External Ports Settings Required for Single Consolidated Edge Topology' },
  { key: '002-internal', document: DOC.d002, edgeLoadBalancing: DNS_LB, rows: 9,
    heading: 'Internal Ports Settings Required for Single Consolidated Edge Topology' },
  // 003 is not specific to an edge topology: its rows bind every edge pool (see the
  // interpretation 'access-interface-behind-hlb' for which address they name there).
  { key: '003-federation', document: DOC.d003, rows: 1,
    heading: 'Firewall Summary - SIP Federation' },
  { key: '003-pic', document: DOC.d003, rows: 6,
    heading: 'Firewall Summary – Public Instant Messaging Connectivity' },
  { key: '003-xmpp', document: DOC.d003, rows: 3,
    heading: 'Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)' },
  { key: '004-server', document: DOC.d004, rows: 40,
    heading: 'Required Server Ports (by Server Role)' },
  { key: '004-hlb-only', document: DOC.d004, rows: 19,
    heading: 'Hardware Load Balancer Ports if Using Only Hardware Load Balancing' },
  { key: '004-hlb-dns', document: DOC.d004, rows: 7,
    heading: 'Hardware Load Balancer Ports if Using DNS Load Balancing' },
  { key: '004-client', document: DOC.d004, rows: 12,
    heading: 'Required Client Ports' },
];

export const TABLES: SourceTable[] = [...SEED_TABLES, ...PAGE_TABLES];

const BY_KEY = new Map(TABLES.map((t) => [t.key, t]));
const BY_HEADING = new Map(TABLES.map((t) => [`${t.document}\u0000${t.heading}`, t]));

export function table(key: string): SourceTable {
  const t = BY_KEY.get(key);
  if (!t) throw new Error(`unknown table key ${key}`);
  return t;
}

export function tableOf(document: string, heading: string): SourceTable {
  const t = BY_HEADING.get(`${document}\u0000${heading}`);
  if (!t) throw new Error(`unknown table ${document}: ${heading}`);
  return t;
}
