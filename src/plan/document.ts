// The change-request document: a neutral model built once, printed as Markdown or HTML.
import { DISCREPANCIES } from '../catalog/discrepancies.ts';
import { INTERPRETATIONS } from '../catalog/interpretations.ts';
import { citedSources, saysText } from '../catalog/citation-text.ts';
import { source, SOURCES, type SourceDocument } from '../catalog/sources.ts';
import { PRODUCTS, type ProductVersion } from '../catalog/products.ts';
import type { Citation, Reading } from '../catalog/types.ts';
import { FIREWALL_ORDER } from '../flows/compile.ts';
import { basename } from 'node:path';
import { isPrivate } from '../dns/lint.ts';
import { addressBook } from '../topology/address-book.ts';
import { planRows } from './rows.ts';
import type { Flow } from '../flows/types.ts';
import type { Finding } from '../topology/lint.ts';
import { lintAll } from './lint.ts';
import { staticNat } from '../policy/nat.ts';
import type { Topology } from '../topology/model.ts';

/** A citation as the plan prints it: the article (linked where its URL is known), then the rest. */
export interface PlanCitation {
  title: string;
  url?: string;
  /** `"Table", row N` and, where the row words it differently, what it says. */
  rest: string;
}

export interface PlanRow {
  /** Every column of PLAN_COLUMNS except Citation (index CITATION_COLUMN), in order. */
  cells: string[];
  citations: PlanCitation[];
}

export interface PlanSection {
  firewall: string;
  /** Flows of this firewall (rows group the members of a pool, so there may be fewer rows). */
  flows: number;
  rows: PlanRow[];
}

/** A quote of a document with where it is, for the discrepancy and interpretation lists. */
export interface PlanQuote {
  citation: PlanCitation;
  says: string;
}

/** What the caller knows and the document cannot compute: the date and Portolan's version. */
export interface PlanMeta {
  date: string;
  version: string;
}

export interface PlanDocument {
  title: string;
  /** Deployment, topology file, date, Portolan version, source documents: what a signature covers. */
  header: [string, string][];
  summary: [string, string][];
  /** Addresses on the external side, each labelled with what it is and whether the internet can reach it. */
  externalAddresses: { rows: [string, string, string][]; note: string };
  findings: Finding[];
  sections: PlanSection[];
  discrepancies: { id: string; summary: string; readings: PlanQuote[]; handling: string }[];
  interpretations: { id: string; quotes: PlanQuote[]; reading: string; why: string }[];
  /**
   * Every document of the catalog (Microsoft's title, products, URL where known), those this plan
   * cites first: a reviewer sees what was cited and what else the catalog was built from.
   */
  sources: { document: SourceDocument; cited: boolean }[];
}

export const ADDRESS_COLUMNS = ['Address', 'What it is', 'Reachable from the internet'];
export const PLAN_COLUMNS = ['Role', 'Source address', 'Source port', 'Destination address', 'Destination port', 'Transport', 'Application', 'Notes', 'Citation', 'Direction'];
export const CITATION_COLUMN = PLAN_COLUMNS.indexOf('Citation');

function planCitation(c: Pick<Citation, 'document' | 'table' | 'row' | 'says'>): PlanCitation {
  const s = source(c.document);
  const says = saysText(c);
  return { title: s.title, ...(s.url ? { url: s.url } : {}), rest: `"${c.table}", row ${c.row}${says ? ` (this row says: ${says})` : ''}` };
}

function planQuote(r: Reading): PlanQuote {
  const s = source(r.citation.document);
  const where = r.citation.row === undefined ? `${r.citation.table}` : `"${r.citation.table}", row ${r.citation.row}`;
  return { citation: { title: s.title, ...(s.url ? { url: s.url } : {}), rest: where }, says: r.says };
}

/** Addresses on the external side: every edge node's external services, the VIPs and the reverse proxy. */
function externalAddresses(t: Topology, book: ReturnType<typeof addressBook>): PlanDocument['externalAddresses'] {
  const notes: string[] = [];
  const nat = staticNat(t);
  const published = new Map(nat.map((m) => [m.private, m.public]));
  if (nat.length) notes.push(`1:1 NAT on the external firewall, ${nat.map((m) => `${m.private} ↔ ${m.public}`).join(', ')} (the firewall rules name the private addresses)`);
  for (const p of t.edgePools) {
    if (p.vips) notes.push(`edge pool ${p.name}: hardware load balancing needs N+1 public addresses per service, ${p.nodes.length} × 3 + 3 = ${p.nodes.length * 3 + 3} (001)`);
  }
  const rows = [...book].filter(([, e]) => e.external).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([a, e]): [string, string, string] => [a, e.what, published.has(a) ? `yes: through the firewall's 1:1 NAT, as ${published.get(a)}`
      : isPrivate(a) ? 'no: a private address (RFC 1918); publish it through NAT or use a public address' : 'yes: a public address']);
  const priv = rows.filter((r) => r[2].startsWith('no')).length;
  if (priv) notes.unshift(`${priv} of ${rows.length} are private addresses with no NAT in the topology; the internet reaches them only through NAT`);
  return { rows, note: notes.join('; ') };
}

/** The product's name as Microsoft writes it (products.ts). */
export function productName(p: ProductVersion): string {
  return PRODUCTS[p].label;
}

function on(t: Topology): string {
  return t.features.size ? [...t.features].sort().join(', ') : 'none';
}

export function planDocument(t: Topology, flows: Flow[], meta: PlanMeta): PlanDocument {
  const book = addressBook(t);
  const title = `Firewall change request: ${t.name ?? basename(t.file)}`;
  const header: [string, string][] = [
    ['Deployment', t.name ?? '(no name: set `name:` in the topology)'],
    ['Topology file', t.file],
    ['Date', meta.date],
    ['Prepared with', `Portolan ${meta.version}`],
  ];
  const summary: [string, string][] = [
    ['Product version', productName(t.version)],
    ['SIP domains', t.sipDomains.join(', ')],
    ['Features', on(t)],
    ['"Any (can be defined as …)"', t.tightenAny ? 'tightened to the named servers' : 'kept as Any (tightenAny: false)'],
    ...t.edgePools.map((p): [string, string] => [`Edge pool ${p.name}`, `${p.loadBalancing} load balancing, ${p.nodes.length} node(s): ${p.nodes.map((n) => `${n.name} (Access ${n.access.join(' ')}, Web Conferencing ${n.webConferencing.join(' ')}, A/V ${n.av.join(' ')}, internal ${n.internal.join(' ')}${n.public ? `; public through NAT: Access ${n.public.access.join(' ')}, Web Conferencing ${n.public.webConferencing.join(' ')}, A/V ${n.public.av.join(' ')}` : n.avPublic ? `; A/V public through NAT ${n.avPublic.join(' ')}` : ''})`).join('; ')}${p.vips ? `; VIPs Access ${p.vips.access.join(' ')}, Web Conferencing ${p.vips.webConferencing.join(' ')}, A/V ${p.vips.av.join(' ')}, internal ${p.vips.internal.join(' ')}` : ''}; next hop ${p.nextHop ?? '(none)'}`]),
    ...[...t.frontEndPools, ...t.directorPools, ...t.mediationPools].map((p): [string, string] => [`${p.kind === 'frontEnd' ? 'Front End' : p.kind === 'director' ? 'Director' : 'Mediation'} pool ${p.name}`, `${p.loadBalancing} load balancing; servers ${p.servers.map((s) => `${s.name} ${s.addresses.join(' ')}`).join(', ')}${p.vip ? `; VIP ${p.vip.join(' ')}` : ''}`]),
    ...(t.reverseProxy ? [['Reverse proxy', `${t.reverseProxy.name}: external ${t.reverseProxy.external.join(' ')}, internal ${t.reverseProxy.internal.join(' ')}, publishes ${t.reverseProxy.publishes ?? '(none)'}`] as [string, string]] : []),
    ['Flows', `${flows.length} in ${new Set(flows.map((f) => f.firewall)).size} firewall(s)`],
  ];
  const sections = FIREWALL_ORDER.map((firewall) => {
    const mine = flows.filter((f) => f.firewall === firewall);
    return { firewall, flows: mine.length, rows: planRows(mine, book, planCitation) };
  }).filter((s) => s.rows.length > 0);
  const used = new Set(flows.map((f) => f.requirement));
  const findings = lintAll(t);
  const discrepancies = DISCREPANCIES.filter((d) => d.requirements.some((r) => used.has(r)));
  const interpretations = INTERPRETATIONS.filter((x) => x.requirements.some((r) => used.has(r)));
  const cited = [
    ...flows.flatMap((f) => f.citations.map((c) => c.document)),
    ...findings.map((f) => f.citation.document),
    ...discrepancies.flatMap((d) => d.readings.map((r) => r.citation.document)),
    ...interpretations.flatMap((x) => x.quotes.map((q) => q.citation.document)),
  ];
  // What a signature covers includes the articles the rows cite.
  header.push(['Source documents', citedSources(flows.flatMap((f) => f.citations.map((c) => c.document))).map((d) => d.title).join('; ') || 'none']);
  return {
    title,
    header,
    summary,
    externalAddresses: externalAddresses(t, book),
    findings,
    sections,
    discrepancies: discrepancies.map((d) => ({ id: d.id, summary: d.summary, readings: d.readings.map(planQuote), handling: d.handling })),
    interpretations: interpretations.map((x) => ({ id: x.id, quotes: x.quotes.map(planQuote), reading: x.reading, why: x.why })),
    sources: [
      ...citedSources(cited).map((document) => ({ document, cited: true })),
      ...SOURCES.filter((s) => !cited.includes(s.id)).map((document) => ({ document, cited: false })),
    ],
  };
}
