// The rows of Microsoft's DNS tables (../shared/sources/) each edge record is: the Skype for
// Business edge page's example tables, and the Lync Server 2013 DNS summaries for edges with
// private addresses behind NAT. Cited row by row where a page exists for the scenario.
import { PAGE, PAGE_SOURCES } from '../catalog/data/sources-pages.ts';
import { isSkypeForBusiness, xmppAvailable } from '../catalog/versions.ts';
import { PRODUCTS, type ProductVersion } from '../catalog/products.ts';
import type { EdgePool } from '../topology/model.ts';
import type { Source } from '../catalog/sources.ts';

export type EdgeDnsRecord = 'access' | 'webConferencing' | 'av' | 'sip-srv' | 'federation-srv' | 'internal' | 'xmpp-srv' | 'xmpp-a';

/** The order of the six rows every one of these example tables prints. */
const EXAMPLE_ROW: Partial<Record<EdgeDnsRecord, number>> = { access: 1, webConferencing: 2, av: 3, 'sip-srv': 4, 'federation-srv': 5, internal: 6 };
const XMPP_ROW: Partial<Record<EdgeDnsRecord, number>> = { 'xmpp-srv': 1, 'xmpp-a': 2 };

function cite(file: string, section: string, row: number): Source {
  const page = PAGE_SOURCES.find((p) => p.id === file)!;
  return { document: page.title, section, ...(page.url ? { url: page.url } : {}), file, row };
}

/** The page row for one edge record of this scenario, or undefined where no page has one. */
export function edgeDnsRow(version: ProductVersion, pool: EdgePool, record: EdgeDnsRecord): Source | undefined {
  const nat = pool.nat || pool.avNat;
  let example: [string, string] | undefined, xmpp: [string, string] | undefined;
  if (isSkypeForBusiness(version)) {
    example = [PAGE.sfbEdge, pool.loadBalancing === 'none' ? 'DNS records for Single consolidated Edge Server scenarios' : 'DNS records for Scaled DNS and hardware Edge Server scenarios'];
    if (xmppAvailable(version)) xmpp = [PAGE.sfbEdge, 'DNS records for extensible messaging and presence protocol'];
  } else if (nat && pool.loadBalancing !== 'hardware' && PRODUCTS[version].documents.includes(pool.loadBalancing === 'none' ? PAGE.l13SingleNat : PAGE.l13ScaledNat)) {
    // A version whose documents are the Lync 2013 NAT port summaries has their DNS summaries too.
    const file = pool.loadBalancing === 'none' ? PAGE.l13DnsSingleNat : PAGE.l13DnsScaledNat;
    example = [file, pool.loadBalancing === 'none'
      ? 'DNS Records Required for Single Consolidated Edge with Private IP Addresses Using NAT (Example)'
      : 'DNS Records Required for Scaled Consolidated Edge, DNS Load Balancing with Private IP Addresses Using NAT (Example)'];
    xmpp = [file, 'DNS Summary for Extensible Messaging and Presence Protocol'];
  }
  if (EXAMPLE_ROW[record] && example) return cite(example[0], example[1], EXAMPLE_ROW[record]!);
  if (XMPP_ROW[record] && xmpp) return cite(xmpp[0], xmpp[1], XMPP_ROW[record]!);
  return undefined;
}

export type InternalDnsRecord = 'frontEndPool' | 'frontEndServer' | 'directorPool' | 'director' | 'sip' | 'lyncdiscoverinternal' | 'sipinternaltls';

/** The rows of "DNS requirements for Skype for Business Server", "Internal DNS mappings", that name each kind of internal record. */
const INTERNAL_ROW: Record<InternalDnsRecord, number> = {
  frontEndPool: 1, frontEndServer: 2, directorPool: 7, director: 8, lyncdiscoverinternal: 12, sip: 14, sipinternaltls: 16,
};

/** The page row for an internal record, for versions whose documents include that page (Skype for Business Server). */
export function internalDnsRow(version: ProductVersion, record: InternalDnsRecord): Source | undefined {
  if (!isSkypeForBusiness(version)) return undefined;
  return cite(PAGE.sfbDns, 'Internal DNS mappings', INTERNAL_ROW[record]);
}
