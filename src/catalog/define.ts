// Small builders that keep the catalog data close to the documents' own rows.
import { PRODUCT_VERSIONS, versionsOfDocument, type ProductVersion } from './products.ts';
import { table } from './tables.ts';
import type { Citation, Condition, Direction, DirectionWord, Endpoint, Feature, Interface, PortSpec, Requirement, Role, Selector, Transport } from './types.ts';

export const ANY: Selector = { kind: 'any', text: 'Any' };

/** "Any", or "Any (can be defined as …)" when `tightenTo` is given. */
export function any(text = 'Any', tightenTo?: Endpoint[]): Selector {
  return tightenTo ? { kind: 'any', text, tightenTo } : { kind: 'any', text };
}

export function ep(endpoint: Endpoint, text: string): Selector {
  return { kind: 'endpoint', endpoint, text };
}

export function port(n: number): PortSpec {
  return { from: n, to: n };
}
export function range(from: number, to: number): PortSpec {
  return { from, to };
}

/** A citation of one row; `when` is that row's own condition. */
export function cite(tableKey: string, row: number, opts: Pick<Citation, 'when' | 'edgeLoadBalancing' | 'says' | 'versions'> = {}): Citation {
  const t = table(tableKey);
  if (row < 1 || row > t.rows) throw new Error(`row ${row} out of range for ${tableKey}`);
  const c: Citation = { document: t.document, table: t.heading, row };
  if (opts.when) c.when = opts.when;
  if (opts.edgeLoadBalancing) c.edgeLoadBalancing = opts.edgeLoadBalancing;
  if (opts.versions) c.versions = opts.versions;
  if (opts.says) c.says = opts.says;
  return c;
}

/** The row's own note: its `says.note` where it differs from the requirement's, else the requirement's. */
export function rowNote(r: Pick<Requirement, 'note'>, c: Pick<Citation, 'says'>): string {
  return c.says?.note ?? r.note;
}

/** The notes of the given rows, each once, in citation order ('' = the row has no note). */
export function rowNotes(r: Pick<Requirement, 'note'>, citations: readonly Pick<Citation, 'says'>[]): string[] {
  return [...new Set(citations.map((c) => rowNote(r, c)).filter((n) => n !== ''))];
}

/** Shorthand for a condition: any one of the features (each alone). */
export function anyOf(...features: Feature[]): Condition {
  return features.map((f) => [f]);
}

const PERIMETER_ENDPOINTS = new Set<Endpoint>([
  'edge.access', 'edge.webconf', 'edge.av', 'edge.internal',
  'vip.access', 'vip.webconf', 'vip.av', 'vip.internal',
  'reverse-proxy.external', 'reverse-proxy.internal',
]);

function inPerimeter(s: Selector): boolean {
  return s.kind === 'endpoint' && PERIMETER_ENDPOINTS.has(s.endpoint);
}

/**
 * Flow direction per 002's definition: (in) = less trusted → more trusted.
 * External side: Internet → perimeter is in. Internal side: perimeter → corporate is in.
 */
function deriveDirection(iface: Interface, source: Selector): Direction {
  switch (iface) {
    case 'edge-external': case 'hlb-external-vip': case 'reverse-proxy-external':
      return inPerimeter(source) ? 'out' : 'in';
    case 'edge-internal': case 'hlb-internal-vip': case 'reverse-proxy-internal':
      return inPerimeter(source) ? 'in' : 'out';
    default:
      return 'in';
  }
}

export function unionConditions(citations: Citation[]): Condition {
  if (citations.some((c) => !c.when || c.when.length === 0)) return [];
  const seen = new Map<string, Feature[]>();
  for (const c of citations) for (const clause of c.when!) {
    const sorted = [...clause].sort();
    seen.set(sorted.join('+'), sorted);
  }
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}

export interface RequirementSpec {
  id: string;
  role: Role;
  interface: Interface;
  source: Selector;
  sourcePort?: PortSpec;
  destination: Selector;
  destinationPort: PortSpec;
  transport: Transport;
  application: string;
  directionWord?: DirectionWord;
  direction?: Direction;
  note: string;
  citations: Citation[];
}

/** The versions a citation speaks for: those whose documents include its table's, narrowed by the row where it says so. */
export function citationVersions(c: Citation): ProductVersion[] {
  const versions = versionsOfDocument(table(keyOf(c)).document);
  return c.versions ? versions.filter((v) => c.versions!.includes(v)) : versions;
}

function versionsOf(citations: Citation[]): ProductVersion[] {
  const versions = new Set(citations.flatMap(citationVersions));
  return PRODUCT_VERSIONS.filter((v) => versions.has(v));
}

/** The requirement with more citations (versions and condition follow them). */
export function withCitations(r: Requirement, more: Citation[]): Requirement {
  const citations = [...r.citations, ...more];
  return { ...r, versions: versionsOf(citations), when: unionConditions(citations), citations };
}

export function requirement(spec: RequirementSpec): Requirement {
  return {
    id: spec.id,
    versions: versionsOf(spec.citations),
    role: spec.role,
    interface: spec.interface,
    source: spec.source,
    sourcePort: spec.sourcePort ?? 'Any',
    destination: spec.destination,
    destinationPort: spec.destinationPort,
    transport: spec.transport,
    application: spec.application,
    ...(spec.directionWord ? { directionWord: spec.directionWord } : {}),
    direction: spec.direction ?? deriveDirection(spec.interface, spec.source),
    when: unionConditions(spec.citations),
    note: spec.note,
    citations: spec.citations,
  };
}

import { TABLES } from './tables.ts';
const KEY_BY_HEADING = new Map(TABLES.map((t) => [`${t.document}\u0000${t.heading}`, t.key]));
/** The table key of a citation. */
export function keyOf(c: Pick<Citation, 'document' | 'table'>): string {
  const k = KEY_BY_HEADING.get(`${c.document}\u0000${c.table}`);
  if (!k) throw new Error(`citation of unknown table ${c.document}: ${c.table}`);
  return k;
}
