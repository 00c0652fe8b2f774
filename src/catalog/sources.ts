// Where each DNS and certificate rule comes from. The five seed documents are port tables: they list the addresses
// but not the DNS records, so DNS rules cite Microsoft's DNS planning pages (found by title) and,
// where that is all we have, the team's notes/protocols.md. Say which, honestly.

export interface Source {
  /** Document title (Microsoft's page title, or a file of this project). */
  document: string;
  /** Section or table within it. */
  section?: string;
  url?: string;
  /** The page file (../shared/sources/) and the 1-based row of `section` the record is. */
  file?: string;
  row?: number;
}

export const MS_DETERMINE_DNS_2013: Source = {
  document: 'Determine DNS requirements for Lync Server 2013',
  url: 'https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-determine-dns-requirements',
};

export const MS_DNS_SUMMARY_2013_DNSLB: Source = {
  document: 'DNS summary - Scaled consolidated edge, DNS load balancing with public IP addresses in Lync Server 2013',
};

export const MS_DNS_SUMMARY_2013_HLB: Source = {
  document: 'DNS summary - Scaled consolidated edge with hardware load balancers in Lync Server 2013',
};

export const MS_DNS_SUMMARY_2010_RA1: Source = {
  document: 'Reference Architecture 1: DNS Summary for Single Consolidated Edge (Lync Server 2010)',
  url: 'https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg412787(v=ocs.14)',
};

export const MS_DNS_STANDARD_2010: Source = {
  document: 'DNS Requirements for Standard Edition Servers (Lync Server 2010)',
  section: 'Automatic client sign-in; A reverse proxy to support HTTP traffic',
  url: 'https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg425900(v=ocs.14)',
};

export const NOTES_DNS: Source = { document: 'notes/protocols.md', section: 'DNS' };

export const MS_SFB_EDGE_DNS_SINGLE: Source = {
  document: 'Edge Server environmental requirements in Skype for Business Server',
  section: 'DNS records for Single consolidated Edge Server scenarios',
  url: 'https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements',
};

export const MS_SFB_EDGE_DNS_SCALED: Source = { ...MS_SFB_EDGE_DNS_SINGLE, section: 'DNS records for Scaled DNS and hardware Edge Server scenarios' };

// Certificates: Microsoft's planning pages and the team's notes.
export const MS_EDGE_CERTS_2013: Source = {
  document: 'Plan for Edge Server certificates in Lync Server 2013',
  url: 'https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-plan-for-edge-server-certificates',
};
export const MS_CERT_SUMMARY_2013: Source = {
  document: 'Certificate summary - Scaled consolidated edge, DNS load balancing with private IP addresses using NAT in Lync Server 2013',
  url: 'https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-summary-scaled-consolidated-edge-dns-load-balancing-private-ip',
};
export const MS_CERT_SUMMARY_2010_RA1: Source = {
  document: 'Reference Architecture 1: Certificate Summary for Single Consolidated Edge (Lync Server 2010)',
  section: 'Certificates Required for Single Consolidated Edge Topology',
};
export const MS_CERT_INFRA_2013: Source = {
  document: 'Certificate infrastructure requirements for Lync Server 2013',
  section: 'All server certificates must support server authorization (Server EKU); 2048-bit keys recommended',
  url: 'https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-infrastructure-requirements',
};
export const MS_SFB_EDGE_CERTS: Source = {
  document: 'Edge Server environmental requirements in Skype for Business Server',
  section: 'Edge Certificate table',
  url: 'https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements',
};
export const NOTES_TLS: Source = { document: 'notes/protocols.md', section: 'TLS and certificates' };

export function renderSource(s: Source): string {
  return s.section ? `${s.document} (${s.section}${s.row ? `, row ${s.row}` : ''})` : s.document;
}
