// The tables of Microsoft's pages (../shared/sources/) the catalog encodes, named as the page
// names them (a name a page repeats carries its parent heading), with the deployments each
// describes; and the tables deliberately not encoded as requirements, with the reason.
// Which product versions each page describes is the product profile's (products.ts documents).
import type { EdgeAddressing, SourceTable } from '../tables.ts';
import type { EdgeLoadBalancing } from '../products.ts';
import { PAGE } from '../documents.ts';
const SINGLE: EdgeLoadBalancing[] = ['none'];
const DNS_LB: EdgeLoadBalancing[] = ['none', 'dns'];
const SCALED_DNS: EdgeLoadBalancing[] = ['dns'];
const HLB: EdgeLoadBalancing[] = ['hardware'];
const PUBLIC: EdgeAddressing[] = ['public'];
const NAT: EdgeAddressing[] = ['nat'];

/** The five tables every Lync 2013 edge port summary page prints (external, internal, federation, public IM, XMPP). */
function lync2013EdgePage(prefix: string, document: SourceTable['document'], edgeLoadBalancing: EdgeLoadBalancing[], addressing: EdgeAddressing[],
  external: [string, number], internal: string): SourceTable[] {
  const scope = { document, edgeLoadBalancing, addressing };
  return [
    { key: `${prefix}-external`, ...scope, heading: external[0], rows: external[1] },
    { key: `${prefix}-internal`, ...scope, heading: internal, rows: 11 },
    { key: `${prefix}-federation`, ...scope, heading: 'Firewall Summary for Federation', rows: 1 },
    { key: `${prefix}-pic`, ...scope, heading: 'Firewall Summary – Public Instant Messaging Connectivity', rows: 6 },
    { key: `${prefix}-xmpp`, ...scope, heading: 'Firewall Summary for Extensible Messaging and Presence Protocol', rows: 3 },
  ];
}

export const PAGE_TABLES: SourceTable[] = [
  // Skype for Business Server edge: one pair of tables for single and DNS load balanced edges
  // ("Private IP using NAT" and "Public IP" readings in one cell), one set for hardware load balancing.
  { key: 'sfb-edge-external', document: PAGE.sfbEdge, edgeLoadBalancing: DNS_LB, rows: 14,
    heading: 'Port and firewall planning → External port firewall summary table' },
  { key: 'sfb-edge-internal', document: PAGE.sfbEdge, edgeLoadBalancing: DNS_LB, rows: 11,
    heading: 'Port and firewall planning → Internal port firewall summary table' },
  { key: 'sfb-hlb-external', document: PAGE.sfbEdge, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 9,
    heading: 'Hardware load balancers for Edge port tables → External port firewall summary table' },
  { key: 'sfb-hlb-internal', document: PAGE.sfbEdge, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 8,
    heading: 'Hardware load balancers for Edge port tables → Internal port firewall summary table' },
  { key: 'sfb-hlb-external-vip', document: PAGE.sfbEdge, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 8,
    heading: 'External interface Virtual IPs' },
  { key: 'sfb-hlb-internal-vip', document: PAGE.sfbEdge, edgeLoadBalancing: HLB, addressing: PUBLIC, rows: 5,
    heading: 'Internal interface Virtual IPs' },
  // Skype for Business Server internal servers.
  { key: 'sfb-server', document: PAGE.sfbPorts, rows: 53, heading: 'Required Server Ports (by Server Role)' },
  { key: 'sfb-hlb-only', document: PAGE.sfbPorts, rows: 20, heading: 'Hardware Load Balancer Ports if Using Only Hardware Load Balancing' },
  { key: 'sfb-hlb-dns', document: PAGE.sfbPorts, rows: 6, heading: 'Hardware Load Balancer Ports if Using DNS Load Balancing' },
  { key: 'sfb-client', document: PAGE.sfbPorts, rows: 12, heading: 'Required Client Ports' },
  // Lync Server 2013 internal servers.
  { key: 'l13-server', document: PAGE.l13Internal, rows: 52, heading: 'Required Server Ports (by Server Role)' },
  { key: 'l13-hlb-only', document: PAGE.l13Internal, rows: 20, heading: 'Hardware Load Balancer Ports if Using Only Hardware Load Balancing' },
  { key: 'l13-hlb-dns', document: PAGE.l13Internal, rows: 7, emptyRows: [6], heading: 'Hardware Load Balancer Ports if Using DNS Load Balancing' },
  { key: 'l13-client', document: PAGE.l13Internal, rows: 12, heading: 'Required Client Ports' },
  // Lync Server 2013 edge port summaries the seeds lack.
  ...lync2013EdgePage('l13-single-public', PAGE.l13SinglePublic, SINGLE, PUBLIC,
    ['Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface', 16],
    'Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface'),
  ...lync2013EdgePage('l13-single-nat', PAGE.l13SingleNat, SINGLE, NAT,
    ['Firewall Summary for Single Consolidated Edge with Private IP Addresses using NAT: External Interface', 16],
    'Firewall Summary for Single Consolidated Edge with Private IP Addresses Using NAT: Internal Interface'),
  ...lync2013EdgePage('l13-scaled-nat', PAGE.l13ScaledNat, SCALED_DNS, NAT,
    ['Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Private IP Addresses Using NAT: External Interface – Node 1 and Node 2 (Example)', 17],
    'Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Private IP Addresses Using NAT: Internal Interface – Node 1 and Node 2 (Example)'),
  // Lync Server 2013 reverse proxy; Skype for Business Server has no reverse proxy port table
  // (sources/INDEX.md, "Not included"), so its profiles list this page too (lint says so).
  { key: 'l13-rp-external', document: PAGE.l13ReverseProxy, rows: 2, heading: 'Firewall Details for Reverse Proxy Server: External Interface' },
  { key: 'l13-rp-internal', document: PAGE.l13ReverseProxy, rows: 3, heading: 'Firewall Details for Reverse Proxy Server: Internal Interface' },
];

/** A table of the pages that holds no port requirement, or whose rows another part of Portolan reads. */
export interface TableNotEncoded { document: string; heading: string; reason: string }

const DNS_REASON = 'DNS records, not firewall rows: the dns command plans records';
/** The edge example tables the dns command cites row by row (src/dns/page-rows.ts; test/dns/pages.test.ts). */
const DNS_ROWS = 'DNS records, not firewall rows: the dns command cites these rows for the edge records it plans';
const CERT_REASON = 'certificate subjects, not firewall rows: the certs command cites these rows for the edge certificates it plans';

export const PAGE_TABLES_NOT_ENCODED: TableNotEncoded[] = [
  { document: PAGE.sfbEdge, heading: 'Summary of Edge Server topology options', reason: 'which topologies offer high availability and failover; no ports' },
  { document: PAGE.sfbEdge, heading: 'IP Address requirements for scaled consolidated Edge (IP Address per role)', reason: 'address counts, not firewall rows (the hlb-public-address-count lint checks the N+1 rule)' },
  { document: PAGE.sfbEdge, heading: 'IP Address requirements for scale consolidated Edge (Single IP address for all roles)', reason: 'address counts, not firewall rows' },
  { document: PAGE.sfbEdge, heading: 'DNS records for Single consolidated Edge Server scenarios', reason: DNS_ROWS },
  { document: PAGE.sfbEdge, heading: 'DNS records for Scaled DNS and hardware Edge Server scenarios', reason: DNS_ROWS },
  { document: PAGE.sfbEdge, heading: 'DNS record for federation (all scenarios)', reason: DNS_REASON },
  { document: PAGE.sfbEdge, heading: 'DNS records for extensible messaging and presence protocol', reason: DNS_ROWS },
  { document: PAGE.sfbEdge, heading: 'Edge Certificate table', reason: CERT_REASON },
  { document: PAGE.sfbEdge, heading: 'General protocol usage', reason: 'UDP preferred and TCP fallback for audio/video; no ports (the per-port rows carry both transports)' },
  { document: PAGE.sfbPorts, heading: 'Recommended IPsec Exceptions', reason: 'IPsec authentication exemptions for media (any port), not firewall openings' },
  { document: PAGE.sfbDns, heading: 'Internal DNS mappings', reason: DNS_REASON },
  { document: PAGE.sfbDns, heading: 'Perimeter network DNS mappings (both internal and external interfaces)', reason: DNS_REASON },
  { document: PAGE.sfbDns, heading: 'DNS record Requirements for Server/pool roles (presumes DNS load balancing)', reason: DNS_REASON },
  { document: PAGE.sfbAdvancedDns, heading: 'DNS disaster recovery', reason: DNS_REASON },
  { document: PAGE.sfbAdvancedDns, heading: 'DNS load balancing', reason: 'an uncaptioned example of DNS load balancing records; no ports' },
  ...[PAGE.l13DnsSingleNat, PAGE.l13DnsScaledNat].flatMap((document) => [
    { document, heading: 'Records Required for Federation', reason: DNS_REASON },
    { document, heading: 'DNS Summary for Extensible Messaging and Presence Protocol', reason: DNS_ROWS },
  ]),
  { document: PAGE.l13DnsSingleNat, heading: 'DNS Records Required for Single Consolidated Edge with Private IP Addresses Using NAT (Example)', reason: DNS_ROWS },
  { document: PAGE.l13DnsScaledNat, heading: 'DNS Records Required for Scaled Consolidated Edge, DNS Load Balancing with Private IP Addresses Using NAT (Example)', reason: DNS_ROWS },
  { document: PAGE.l13DnsScaledNat, heading: 'DNS Summary – Public Instant Messaging Connectivity', reason: DNS_REASON },
  { document: PAGE.l13DnsReverseProxy, heading: 'DNS Records Required for Reverse Proxy', reason: DNS_REASON },
  ...[PAGE.l13CertSingleNat, PAGE.l13CertScaledNat].flatMap((document) => [
    { document, heading: 'Certificate Summary – Public Instant Messaging Connectivity', reason: CERT_REASON },
    { document, heading: 'Certificate Summary for Extensible Messaging and Presence Protocol', reason: CERT_REASON },
  ]),
  { document: PAGE.l13CertSingleNat, heading: 'Certificates Required for Single Consolidated Edge with Private IP Addresses using NAT', reason: CERT_REASON },
  { document: PAGE.l13CertScaledNat, heading: 'Scaled Consolidated Edge, DNS Load Balancing with Private IP Addresses Using NAT', reason: CERT_REASON },
];
