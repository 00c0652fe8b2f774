// The rows of Microsoft's certificate tables (../shared/sources/) each edge certificate is: the
// Skype for Business edge page's "Edge Certificate table", and the Lync Server 2013 certificate
// summaries for edges with private addresses behind NAT.
import { PAGE, PAGE_SOURCES } from '../catalog/data/sources-pages.ts';
import { isSkypeForBusiness } from '../catalog/versions.ts';
import { PRODUCTS } from '../catalog/products.ts';
import type { Topology, EdgePool } from '../topology/model.ts';
import type { Source } from '../catalog/sources.ts';

function cite(file: string, section: string, row: number): Source {
  const page = PAGE_SOURCES.find((p) => p.id === file)!;
  return { document: page.title, section, ...(page.url ? { url: page.url } : {}), file, row };
}

/** The page rows for the edge's external or internal certificate, where a page has the scenario. */
export function edgeCertRows(t: Topology, pool: EdgePool, side: 'external' | 'internal', xmpp: boolean): Source[] {
  const row = side === 'external' ? 1 : 2;
  if (isSkypeForBusiness(t.version)) return [cite(PAGE.sfbEdge, 'Edge Certificate table', row)];
  if (!(pool.nat || pool.avNat) || pool.loadBalancing === 'hardware') return [];
  // A version whose documents are the Lync 2013 NAT port summaries has their certificate summaries too.
  if (!PRODUCTS[t.version].documents.includes(pool.loadBalancing === 'none' ? PAGE.l13SingleNat : PAGE.l13ScaledNat)) return [];
  const [file, table] = pool.loadBalancing === 'none'
    ? [PAGE.l13CertSingleNat, 'Certificates Required for Single Consolidated Edge with Private IP Addresses using NAT']
    : [PAGE.l13CertScaledNat, 'Scaled Consolidated Edge, DNS Load Balancing with Private IP Addresses Using NAT'];
  const out = [cite(file, table, row)];
  if (side === 'external' && t.features.has('public-im-connectivity')) out.push(cite(file, 'Certificate Summary – Public Instant Messaging Connectivity', 1));
  if (side === 'external' && xmpp) out.push(cite(file, 'Certificate Summary for Extensible Messaging and Presence Protocol', 1));
  return out;
}
