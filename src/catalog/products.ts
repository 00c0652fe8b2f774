// The product versions Portolan knows, one profile each: what the documents give for that
// version (which source documents' tables apply, whether XMPP exists, which DNS and certificate
// summaries Microsoft published for it, which scenarios no table covers). Everything that
// differs between versions reads it from here, never from a comparison with a version name:
// adding a version is adding its name to ProductVersion, its record below (the compiler asks
// for it) and its data (rows in catalog/data, tables in tables.ts, sources in sources.ts).
import { DOC, PAGE, type DocumentId } from './documents.ts';
import {
  MS_CERT_SUMMARY_2010_RA1,
  MS_CERT_SUMMARY_2013,
  MS_DNS_SUMMARY_2010_RA1,
  MS_DNS_SUMMARY_2013_DNSLB,
  MS_DNS_SUMMARY_2013_HLB,
  MS_SFB_EDGE_CERTS,
  MS_SFB_EDGE_DNS_SCALED,
  MS_SFB_EDGE_DNS_SINGLE,
  type Source,
} from './sources.ts';

export type ProductVersion = 'lync2010' | 'lync2013' | 'sfb2015' | 'sfb2019' | 'sfbse';

/** How an edge pool is load balanced: a single edge, DNS load balancing, or hardware VIPs. */
export type EdgeLoadBalancing = 'none' | 'dns' | 'hardware';
export const EDGE_LOAD_BALANCING: readonly EdgeLoadBalancing[] = ['none', 'dns', 'hardware'];

/** A scenario the version's documents have no table for: what design lint says, and where. */
export interface NoTable {
  says: string;
  citation: { document: DocumentId; section: string };
}

export interface ProductProfile {
  /** Microsoft's name of the version, as the documents and reports write it. */
  label: string;
  /**
   * The source documents whose tables describe this version. A requirement row applies to a
   * topology of this version only through a table of one of these (flows/applies.ts), and the
   * catalog lists a requirement under the versions its citing documents belong to.
   */
  documents: readonly DocumentId[];
  /** XMPP federation and the XMPP Gateway exist in this version (new in Lync Server 2013; "no
   * longer supported in Skype for Business Server 2019"). */
  xmpp: boolean;
  /** Microsoft's Skype for Business Server pages (sources/sfb-*.md) describe this version: lint
   * and the DNS and certificate plans cite them. */
  skypeForBusinessPages: boolean;
  /** Microsoft's DNS summary for an edge pool of each load balancing mode. */
  dnsSummary: Readonly<Record<EdgeLoadBalancing, Source>>;
  /** Microsoft's certificate summary for the edge and reverse proxy. */
  certificateSummary: Source;
  /** Scenarios without a table in this version's documents: no flows are produced, lint warns. */
  noTable: {
    /** An edge pool behind hardware load balancers (reported per pool). */
    hardwareLoadBalancedEdge?: NoTable;
    /** A reverse proxy. */
    reverseProxy?: NoTable;
  };
  /** Scenarios whose rows come from an earlier version's table (no table of this version's own). */
  earlierTable?: { reverseProxy?: NoTable };
}

const SFB_DOCUMENTS: readonly DocumentId[] = [PAGE.sfbEdge, PAGE.sfbPorts, PAGE.l13ReverseProxy];
const SFB_REVERSE_PROXY: NoTable = {
  says: "the Skype for Business Server pages have no reverse proxy port table; the reverse proxy flows follow Lync Server 2013's",
  citation: { document: PAGE.l13ReverseProxy, section: 'Firewall Details for Reverse Proxy Server (Skype for Business Server has no reverse proxy port table; sources/INDEX.md "Not included")' },
};
const SFB_DNS = { none: MS_SFB_EDGE_DNS_SINGLE, dns: MS_SFB_EDGE_DNS_SCALED, hardware: MS_SFB_EDGE_DNS_SCALED };

/** Skype for Business Server 2019: the Skype for Business pages, no XMPP ("no longer supported"). */
const SFB_2019_PROFILE: ProductProfile = {
  label: 'Skype for Business Server 2019',
  documents: SFB_DOCUMENTS,
  xmpp: false,
  skypeForBusinessPages: true,
  dnsSummary: SFB_DNS,
  certificateSummary: MS_SFB_EDGE_CERTS,
  noTable: {},
  earlierTable: { reverseProxy: SFB_REVERSE_PROXY },
};

export const PRODUCTS: Readonly<Record<ProductVersion, ProductProfile>> = {
  lync2010: {
    label: 'Lync Server 2010',
    documents: [DOC.d002, DOC.d004],
    xmpp: false,
    skypeForBusinessPages: false,
    dnsSummary: { none: MS_DNS_SUMMARY_2010_RA1, dns: MS_DNS_SUMMARY_2010_RA1, hardware: MS_DNS_SUMMARY_2010_RA1 },
    certificateSummary: MS_CERT_SUMMARY_2010_RA1,
    noTable: {
      hardwareLoadBalancedEdge: {
        says: 'the Lync Server 2010 document covers single and DNS load balanced edges only; no edge flows are produced for a hardware load balanced 2010 edge',
        citation: { document: DOC.d002, section: 'Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing (the Lync Server 2010 tables cover DNS load balancing only)' },
      },
    },
  },
  lync2013: {
    label: 'Lync Server 2013',
    documents: [DOC.d000, DOC.d001, DOC.d003, PAGE.l13SinglePublic, PAGE.l13SingleNat, PAGE.l13ScaledNat, PAGE.l13ReverseProxy, PAGE.l13Internal],
    xmpp: true,
    skypeForBusinessPages: false,
    dnsSummary: { none: MS_DNS_SUMMARY_2013_DNSLB, dns: MS_DNS_SUMMARY_2013_DNSLB, hardware: MS_DNS_SUMMARY_2013_HLB },
    certificateSummary: MS_CERT_SUMMARY_2013,
    noTable: {},
  },
  sfb2015: {
    label: 'Skype for Business Server 2015',
    documents: SFB_DOCUMENTS,
    xmpp: true,
    skypeForBusinessPages: true,
    dnsSummary: SFB_DNS,
    certificateSummary: MS_SFB_EDGE_CERTS,
    noTable: {},
    earlierTable: { reverseProxy: SFB_REVERSE_PROXY },
  },
  sfb2019: SFB_2019_PROFILE,
  // Subscription Edition has no pages of its own here: the Skype for Business Server pages, read as 2019's.
  sfbse: { ...SFB_2019_PROFILE, label: 'Skype for Business Server Subscription Edition' },
};

/** Every version, in the order of PRODUCTS (oldest first). */
export const PRODUCT_VERSIONS = Object.keys(PRODUCTS) as ProductVersion[];

/** The versions whose documents include this one. */
export function versionsOfDocument(document: string): ProductVersion[] {
  return PRODUCT_VERSIONS.filter((v) => PRODUCTS[v].documents.includes(document as DocumentId));
}
