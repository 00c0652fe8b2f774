// The source documents, by registry id: every citation names one. The five seeds
// (../shared/seeds/) and Microsoft's pages (../shared/sources/, see its INDEX.md), named by file
// stem. sources.ts gives each id's Microsoft title, URL and local file.

export const DOC = {
  d000: '000',
  d001: '001',
  d002: '002',
  d003: '003',
  d004: '004',
} as const;

/** Microsoft's pages in ../shared/sources/ (titles and addresses: data/sources-pages.ts). */
export const PAGE = {
  sfbEdge: 'sfb-edge-environmental-requirements',
  sfbPorts: 'sfb-ports-and-protocols',
  sfbDns: 'sfb-dns',
  sfbAdvancedDns: 'sfb-advanced-edge-server-dns',
  sfbXmpp: 'sfb-migrating-xmpp-federation',
  l13Internal: 'lync2013-ports-and-protocols-for-internal-servers',
  l13SingleNat: 'lync2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat',
  l13SinglePublic: 'lync2013-port-summary-single-consolidated-edge-with-public-ip-addresses',
  l13ScaledNat: 'lync2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat',
  l13ReverseProxy: 'lync2013-port-summary-reverse-proxy',
  l13DnsSingleNat: 'lync2013-dns-summary-single-consolidated-edge-with-private-ip-addresses-using-nat',
  l13DnsScaledNat: 'lync2013-dns-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat',
  l13DnsReverseProxy: 'lync2013-dns-summary-reverse-proxy',
  l13CertSingleNat: 'lync2013-certificate-summary-single-consolidated-edge-with-private-ip-addresses-using-nat',
  l13CertScaledNat: 'lync2013-certificate-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat',
} as const;

export type DocumentId = (typeof DOC)[keyof typeof DOC] | (typeof PAGE)[keyof typeof PAGE];
