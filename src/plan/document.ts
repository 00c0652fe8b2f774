// The change-request document: a neutral model built once, printed as Markdown or HTML.
import { DISCREPANCIES } from '../catalog/discrepancies.ts';
import { PRODUCTS } from '../catalog/products.ts';
import { FIREWALL_ORDER } from '../flows/compile.ts';
import { basename } from 'node:path';
import { isPrivate } from '../dns/lint.ts';
import { addressBook } from '../topology/address-book.ts';
import { planRows } from './rows.ts';
import type { Flow } from '../flows/types.ts';
import { lintTopology, type Finding } from '../topology/lint.ts';
import type { Topology } from '../topology/model.ts';

export interface PlanSection {
  firewall: string;
  /** Flows of this firewall (rows group the members of a pool, so there may be fewer rows). */
  flows: number;
  rows: string[][];
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
  discrepancies: { id: string; summary: string; handling: string }[];
  /** Source documents cited by the flows, by file name. */
  sources: string[];
}

export const PLAN_COLUMNS = ['Role', 'Source address', 'Source port', 'Destination address', 'Destination port', 'Transport', 'Application', 'Notes', 'Citation', 'Direction'];
export const ADDRESS_COLUMNS = ['Address', 'What it is', 'Reachable from the internet'];

/** Addresses on the external side: every edge node's external services, the VIPs and the reverse proxy. */
function externalAddresses(t: Topology, book: ReturnType<typeof addressBook>): PlanDocument['externalAddresses'] {
  const notes: string[] = [];
  for (const p of t.edgePools) {
    if (p.vips) notes.push(`edge pool ${p.name}: hardware load balancing needs N+1 public addresses per service, ${p.nodes.length} × 3 + 3 = ${p.nodes.length * 3 + 3} (001)`);
  }
  const rows = [...book].filter(([, e]) => e.external).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([a, e]): [string, string, string] => [a, e.what, isPrivate(a) ? 'no: a private address (RFC 1918); publish it through NAT or use a public address' : 'yes: a public address']);
  const priv = rows.filter((r) => r[2].startsWith('no')).length;
  if (priv) notes.unshift(`${priv} of ${rows.length} are private addresses, as in the document's example; the internet reaches them only through NAT`);
  return { rows, note: notes.join('; ') };
}

function on(t: Topology): string {
  return t.features.size ? [...t.features].sort().join(', ') : 'none';
}

export function planDocument(t: Topology, flows: Flow[], meta: PlanMeta): PlanDocument {
  const book = addressBook(t);
  const sources = [...new Set(flows.flatMap((f) => f.citations.map((c) => c.document)))].sort();
  const title = `Firewall change request: ${t.name ?? basename(t.file)}`;
  const header: [string, string][] = [
    ['Deployment', t.name ?? '(no name: set `name:` in the topology)'],
    ['Topology file', t.file],
    ['Date', meta.date],
    ['Prepared with', `Portolan ${meta.version}`],
    ['Source documents', sources.join(', ') || 'none'],
  ];
  const summary: [string, string][] = [
    ['Product version', PRODUCTS[t.version].label],
    ['SIP domains', t.sipDomains.join(', ')],
    ['Features', on(t)],
    ['"Any (can be defined as …)"', t.tightenAny ? 'tightened to the named servers' : 'kept as Any (tightenAny: false)'],
    ...t.edgePools.map((p): [string, string] => [`Edge pool ${p.name}`, `${p.loadBalancing} load balancing, ${p.nodes.length} node(s): ${p.nodes.map((n) => `${n.name} (Access ${n.access.join(' ')}, Web Conferencing ${n.webConferencing.join(' ')}, A/V ${n.av.join(' ')}, internal ${n.internal.join(' ')})`).join('; ')}${p.vips ? `; VIPs Access ${p.vips.access.join(' ')}, Web Conferencing ${p.vips.webConferencing.join(' ')}, A/V ${p.vips.av.join(' ')}, internal ${p.vips.internal.join(' ')}` : ''}; next hop ${p.nextHop ?? '(none)'}`]),
    ...[...t.frontEndPools, ...t.directorPools, ...t.mediationPools].map((p): [string, string] => [`${p.kind === 'frontEnd' ? 'Front End' : p.kind === 'director' ? 'Director' : 'Mediation'} pool ${p.name}`, `${p.loadBalancing} load balancing; servers ${p.servers.map((s) => `${s.name} ${s.addresses.join(' ')}`).join(', ')}${p.vip ? `; VIP ${p.vip.join(' ')}` : ''}`]),
    ...(t.reverseProxy ? [['Reverse proxy', `${t.reverseProxy.name}: external ${t.reverseProxy.external.join(' ')}, internal ${t.reverseProxy.internal.join(' ')}, publishes ${t.reverseProxy.publishes ?? '(none)'}`] as [string, string]] : []),
    ['Flows', `${flows.length} in ${new Set(flows.map((f) => f.firewall)).size} firewall(s)`],
  ];
  const sections = FIREWALL_ORDER.map((firewall) => {
    const mine = flows.filter((f) => f.firewall === firewall);
    return { firewall, flows: mine.length, rows: planRows(mine, book) };
  }).filter((s) => s.rows.length > 0);
  const used = new Set(flows.map((f) => f.requirement));
  return {
    title,
    header,
    summary,
    externalAddresses: externalAddresses(t, book),
    findings: lintTopology(t),
    sections,
    discrepancies: DISCREPANCIES.filter((d) => d.requirements.some((r) => used.has(r))).map((d) => ({ id: d.id, summary: d.summary, handling: d.handling })),
    sources,
  };
}
