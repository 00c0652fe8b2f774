// The source documents, by file name: every citation names one. The five seeds
// (../shared/seeds/) and Microsoft's pages (../shared/sources/, see its INDEX.md).

export const DOC = {
  d000: '000_c23ff52519b5b8f4.txt',
  d001: '001_2e1c46551e3382ad.txt',
  d002: '002_05efe164eb02fb9d.txt',
  d003: '003_eb0f73e4495f5ce0.txt',
  d004: '004_8b5a42377f2fcd8b.txt',
} as const;

/** Microsoft's pages in ../shared/sources/ (titles and addresses: data/sources-pages.ts). */
export const PAGE = {
  sfbEdge: 'sfb-edge-environmental-requirements.md',
  sfbPorts: 'sfb-ports-and-protocols.md',
  sfbDns: 'sfb-dns.md',
  sfbAdvancedDns: 'sfb-advanced-edge-server-dns.md',
  sfbXmpp: 'sfb-migrating-xmpp-federation.md',
  l13Internal: 'lync2013-ports-and-protocols-for-internal-servers.md',
  l13SingleNat: 'lync2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat.md',
  l13SinglePublic: 'lync2013-port-summary-single-consolidated-edge-with-public-ip-addresses.md',
  l13ScaledNat: 'lync2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat.md',
  l13ReverseProxy: 'lync2013-port-summary-reverse-proxy.md',
  l13DnsSingleNat: 'lync2013-dns-summary-single-consolidated-edge-with-private-ip-addresses-using-nat.md',
  l13DnsScaledNat: 'lync2013-dns-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat.md',
  l13DnsReverseProxy: 'lync2013-dns-summary-reverse-proxy.md',
  l13CertSingleNat: 'lync2013-certificate-summary-single-consolidated-edge-with-private-ip-addresses-using-nat.md',
  l13CertScaledNat: 'lync2013-certificate-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat.md',
} as const;

export type DocumentFile = (typeof DOC)[keyof typeof DOC] | (typeof PAGE)[keyof typeof PAGE];
