// Where Portolan's rules come from.
// 1. The source registry: every document whose rows the catalog encodes, by id, with Microsoft's
//    article title and public address, so every output names what a reader knows (the article),
//    not our file.
// 2. Microsoft's DNS and certificate planning pages (and the team's notes) that DNS and
//    certificate rules cite by title; no local copy of them is encoded.
import type { ProductVersion } from './products.ts';
import { PAGE_SOURCES } from './data/sources-pages.ts';

export interface SourceDocument {
  /** '000' … '004' for the seeds; the page's file stem for ../shared/sources pages. */
  id: string;
  products: ProductVersion[];
  /** Microsoft's article title, verbatim. */
  title: string;
  /** Public URL where known. */
  url?: string;
  /** Path relative to the shared folder, e.g. 'seeds/000_c23ff52519b5b8f4.txt'. */
  file: string;
}

// Where each title and URL was read:
// 000  front matter `title:` and `ms:mtpsurl:` of the document itself.
// 001  the document carries no title line. ../shared/sources/INDEX.md names the article whose
//      content 001 is ("Port summary - Scaled consolidated edge with hardware load balancers");
//      its Markdown original (MicrosoftDocs/OfficeDocs-SkypeForBusiness,
//      Lync/LyncServer/lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers.md,
//      commit 064524f04dc52af641bd53bb9838af18cec0322a) gives that `title:` and `ms:mtpsurl:`.
// 002  the closing line "Read the whole article on TechNet @> Reference Architecture 1: …" (no URL given).
// 003  the document's first line; URL from the `ms:mtpsurl:` of its Markdown original
//      (Lync/LyncServer/lync-server-2013-port-summary-sip-xmpp-federation-and-public-instant-messaging.md,
//      commit 000386e569cbd384d2b54bf0e83042493c24d951), whose text is the same.
// 004  the document's first line (Lync Server 2010; no URL given).
export const SEED_SOURCES: readonly SourceDocument[] = [
  {
    id: '000', products: ['lync2013'],
    title: 'Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses',
    url: 'https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)',
    file: 'seeds/000_c23ff52519b5b8f4.txt',
  },
  {
    id: '001', products: ['lync2013'],
    title: 'Port summary - Scaled consolidated edge with hardware load balancers',
    url: 'https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)',
    file: 'seeds/001_2e1c46551e3382ad.txt',
  },
  {
    id: '002', products: ['lync2010'],
    title: 'Reference Architecture 1: Port Summary for Single Consolidated Edge',
    file: 'seeds/002_05efe164eb02fb9d.txt',
  },
  {
    id: '003', products: ['lync2013'],
    title: 'Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013',
    url: 'https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)',
    file: 'seeds/003_eb0f73e4495f5ce0.txt',
  },
  {
    id: '004', products: ['lync2010'],
    title: 'Ports and Protocols for Internal Servers',
    file: 'seeds/004_8b5a42377f2fcd8b.txt',
  },
];

export const SOURCES: readonly SourceDocument[] = [...SEED_SOURCES, ...PAGE_SOURCES];

const BY_ID = new Map(SOURCES.map((s) => [s.id, s]));

export function source(id: string): SourceDocument {
  const s = BY_ID.get(id);
  if (!s) throw new Error(`unknown source document ${id}`);
  return s;
}

/**
 * The title a citation shows: the registry's for a source document; a citation outside the
 * registry (the RFC limits the outputs' own tools enforce) names its document itself.
 */
export function citedDocument(document: string): { title: string; url?: string } {
  const s = BY_ID.get(document);
  return s ? { title: s.title, ...(s.url ? { url: s.url } : {}) } : { title: document };
}

/** The local file's name (the last path segment), for JSON outputs. */
export function sourceFileName(id: string): string {
  const f = source(id).file;
  return f.slice(f.lastIndexOf('/') + 1);
}

// ---- DNS and certificate rules: the five seed documents are port tables: they list the addresses
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

/** The team's protocol notes: named as such, never as a Microsoft article (and never by a file name the user does not have). */
export const NOTES_DNS: Source = { document: "Portolan's protocol notes (not a Microsoft article)", section: 'DNS' };

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
export const NOTES_TLS: Source = { document: "Portolan's protocol notes (not a Microsoft article)", section: 'TLS and certificates' };

export function renderSource(s: Source): string {
  return s.section ? `${s.document} (${s.section}${s.row ? `, row ${s.row}` : ''})` : s.document;
}
