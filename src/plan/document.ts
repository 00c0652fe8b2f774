// The change-request document: a neutral model built once, printed as Markdown or HTML.
import { DISCREPANCIES } from '../catalog/discrepancies.ts';
import { INTERPRETATIONS } from '../catalog/interpretations.ts';
import { citedSources, saysText } from '../catalog/citation-text.ts';
import { source, SOURCES, type SourceDocument } from '../catalog/sources.ts';
import { PRODUCTS, type ProductVersion } from '../catalog/products.ts';
import type { Citation, Reading } from '../catalog/types.ts';
import { FIREWALL_ORDER } from '../flows/compile.ts';
import { addressText, notesText, portText } from '../flows/format.ts';
import type { Flow } from '../flows/types.ts';
import type { Finding } from '../topology/lint.ts';
import { lintAll } from './lint.ts';
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
  rows: PlanRow[];
}

/** A quote of a document with where it is, for the discrepancy and interpretation lists. */
export interface PlanQuote {
  citation: PlanCitation;
  says: string;
}

export interface PlanDocument {
  title: string;
  summary: [string, string][];
  publicAddresses: { count: number; addresses: string[]; note: string };
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
function publicAddresses(t: Topology): { count: number; addresses: string[]; note: string } {
  const addrs = new Set<string>();
  const notes: string[] = [];
  for (const p of t.edgePools) {
    for (const n of p.nodes) for (const a of [...n.access, ...n.webConferencing, ...(n.avPublic ?? n.av)]) addrs.add(a);
    if (p.vips) {
      for (const a of [...p.vips.access, ...p.vips.webConferencing, ...p.vips.av]) addrs.add(a);
      notes.push(`edge pool ${p.name}: hardware load balancing needs N+1 per service, ${p.nodes.length} × 3 + 3 = ${p.nodes.length * 3 + 3} (001)`);
    }
  }
  for (const a of t.reverseProxy?.external ?? []) addrs.add(a);
  const addresses = [...addrs].sort();
  return { count: addresses.length, addresses, note: notes.join('; ') };
}

/** The product's name as Microsoft writes it (products.ts). */
export function productName(p: ProductVersion): string {
  return PRODUCTS[p].label;
}

function on(t: Topology): string {
  return t.features.size ? [...t.features].sort().join(', ') : 'none';
}

export function planDocument(t: Topology, flows: Flow[]): PlanDocument {
  const summary: [string, string][] = [
    ['Topology file', t.file],
    ['Product version', productName(t.version)],
    ['SIP domains', t.sipDomains.join(', ')],
    ['Features', on(t)],
    ['"Any (can be defined as …)"', t.tightenAny ? 'tightened to the named servers' : 'kept as Any (tightenAny: false)'],
    ...t.edgePools.map((p): [string, string] => [`Edge pool ${p.name}`, `${p.loadBalancing} load balancing, ${p.nodes.length} node(s): ${p.nodes.map((n) => `${n.name} (Access ${n.access.join(' ')}, Web Conferencing ${n.webConferencing.join(' ')}, A/V ${n.av.join(' ')}, internal ${n.internal.join(' ')})`).join('; ')}${p.vips ? `; VIPs Access ${p.vips.access.join(' ')}, Web Conferencing ${p.vips.webConferencing.join(' ')}, A/V ${p.vips.av.join(' ')}, internal ${p.vips.internal.join(' ')}` : ''}; next hop ${p.nextHop ?? '(none)'}`]),
    ...[...t.frontEndPools, ...t.directorPools, ...t.mediationPools].map((p): [string, string] => [`${p.kind === 'frontEnd' ? 'Front End' : p.kind === 'director' ? 'Director' : 'Mediation'} pool ${p.name}`, `${p.loadBalancing} load balancing; servers ${p.servers.map((s) => `${s.name} ${s.addresses.join(' ')}`).join(', ')}${p.vip ? `; VIP ${p.vip.join(' ')}` : ''}`]),
    ...(t.reverseProxy ? [['Reverse proxy', `${t.reverseProxy.name}: external ${t.reverseProxy.external.join(' ')}, internal ${t.reverseProxy.internal.join(' ')}, publishes ${t.reverseProxy.publishes ?? '(none)'}`] as [string, string]] : []),
    ['Flows', `${flows.length} in ${new Set(flows.map((f) => f.firewall)).size} firewall(s)`],
  ];
  const sections = FIREWALL_ORDER.map((firewall) => ({
    firewall,
    rows: flows.filter((f) => f.firewall === firewall).map((f) => ({
      cells: [
        f.role, addressText(f.source), portText(f.sourcePort), addressText(f.destination), portText(f.destinationPort),
        f.transport, f.application, notesText(f), f.direction,
      ],
      citations: f.citations.map(planCitation),
    })),
  })).filter((s) => s.rows.length > 0);
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
  return {
    title: `Firewall change request: ${t.file}`,
    summary,
    publicAddresses: publicAddresses(t),
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
