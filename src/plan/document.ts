// The change-request document: a neutral model built once, printed as Markdown or HTML.
import { DISCREPANCIES } from '../catalog/discrepancies.ts';
import { PRODUCTS } from '../catalog/products.ts';
import { FIREWALL_ORDER } from '../flows/compile.ts';
import { addressText, citationText, portText } from '../flows/format.ts';
import type { Flow } from '../flows/types.ts';
import { lintTopology, type Finding } from '../topology/lint.ts';
import type { Topology } from '../topology/model.ts';

export interface PlanSection {
  firewall: string;
  rows: string[][];
}

export interface PlanDocument {
  title: string;
  summary: [string, string][];
  publicAddresses: { count: number; addresses: string[]; note: string };
  findings: Finding[];
  sections: PlanSection[];
  discrepancies: { id: string; summary: string; handling: string }[];
}

export const PLAN_COLUMNS = ['Role', 'Source address', 'Source port', 'Destination address', 'Destination port', 'Transport', 'Application', 'Notes', 'Citation', 'Direction'];

/** Addresses on the external side: every edge node's external services, the VIPs and the reverse proxy. */
function publicAddresses(t: Topology): { count: number; addresses: string[]; note: string } {
  const addrs = new Set<string>();
  const notes: string[] = [];
  for (const p of t.edgePools) {
    for (const n of p.nodes) for (const a of n.public ? [...n.public.access, ...n.public.webConferencing, ...n.public.av] : [...n.access, ...n.webConferencing, ...(n.avPublic ?? n.av)]) addrs.add(a);
    if (p.nat) notes.push(`edge pool ${p.name}: 1:1 NAT on the external firewall, ${p.nodes.flatMap((n) => (['access', 'webConferencing', 'av'] as const).flatMap((k) => (n.public?.[k] ?? []).map((pub, i) => `${n[k][i]} ↔ ${pub}`))).join(', ')} (the firewall rules name the private addresses)`);
    if (p.vips) {
      for (const a of [...p.vips.access, ...p.vips.webConferencing, ...p.vips.av]) addrs.add(a);
      notes.push(`edge pool ${p.name}: hardware load balancing needs N+1 per service, ${p.nodes.length} × 3 + 3 = ${p.nodes.length * 3 + 3} (001)`);
    }
  }
  for (const a of t.reverseProxy?.external ?? []) addrs.add(a);
  const addresses = [...addrs].sort();
  return { count: addresses.length, addresses, note: notes.join('; ') };
}

function on(t: Topology): string {
  return t.features.size ? [...t.features].sort().join(', ') : 'none';
}

export function planDocument(t: Topology, flows: Flow[]): PlanDocument {
  const summary: [string, string][] = [
    ['Topology file', t.file],
    ['Product version', PRODUCTS[t.version].label],
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
    rows: flows.filter((f) => f.firewall === firewall).map((f) => [
      f.role, addressText(f.source), portText(f.sourcePort), addressText(f.destination), portText(f.destinationPort),
      f.transport, f.application, f.note, f.citations.map(citationText).join('; '), f.direction,
    ]),
  })).filter((s) => s.rows.length > 0);
  const used = new Set(flows.map((f) => f.requirement));
  return {
    title: `Firewall change request: ${t.file}`,
    summary,
    publicAddresses: publicAddresses(t),
    findings: lintTopology(t),
    sections,
    discrepancies: DISCREPANCIES.filter((d) => d.requirements.some((r) => used.has(r))).map((d) => ({ id: d.id, summary: d.summary, handling: d.handling })),
  };
}
