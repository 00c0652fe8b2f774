// How every output cites a row: Microsoft's article title, the table heading and the row number,
// with the article's URL where one is known. The local file name appears in JSON records only.
import { source, sourceFileName, SOURCES, type SourceDocument } from './sources.ts';
import type { Citation } from './types.ts';

type Cited = Pick<Citation, 'document' | 'table' | 'row'>;

/** `Title, "Table", row N`. */
export function citationText(c: Cited): string {
  return `${source(c.document).title}, "${c.table}", row ${c.row}`;
}

// The row's note is not repeated here: flows and plans show the notes of their rows beside the citations.
const SAYS_ORDER = ['source', 'destination', 'port', 'transport', 'application', 'direction'] as const;

/** The row's own wording where it differs from the flow's reading: `source "…"; port "…"`. */
export function saysText(c: Pick<Citation, 'says'>): string {
  if (!c.says) return '';
  return SAYS_ORDER.filter((k) => c.says![k] !== undefined).map((k) => `${k} "${c.says![k]}"`).join('; ');
}

/** `Title, "Table", row N (this row says: source "…")`. */
export function citationDetail(c: Cited & Pick<Citation, 'says'>): string {
  const says = saysText(c);
  return says ? `${citationText(c)} (this row says: ${says})` : citationText(c);
}

/** Several citations grouped per article and table: `Title <URL>: "Table" rows 1, 5; "Other" row 2`. */
export function citationsText(citations: readonly Cited[]): string {
  const byDoc = new Map<string, Map<string, Set<number>>>();
  for (const c of citations) {
    if (!byDoc.has(c.document)) byDoc.set(c.document, new Map());
    const tables = byDoc.get(c.document)!;
    if (!tables.has(c.table)) tables.set(c.table, new Set());
    tables.get(c.table)!.add(c.row);
  }
  return [...byDoc.keys()].sort().map((id) => {
    const s = source(id);
    const tables = [...byDoc.get(id)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([t, rows]) => {
        const rs = [...rows].sort((a, b) => a - b);
        return `"${t}" row${rs.length > 1 ? 's' : ''} ${rs.join(', ')}`;
      });
    return `${s.title}${s.url ? ` <${s.url}>` : ''}: ${tables.join('; ')}`;
  }).join(' | ');
}

/** A citation as a JSON record: the article and its local file, both. */
export function citationRecord(c: Cited & Pick<Citation, 'says'>) {
  const s = source(c.document);
  return {
    document: c.document,
    title: s.title,
    table: c.table,
    row: c.row,
    ...(s.url ? { url: s.url } : {}),
    file: sourceFileName(c.document),
    ...(c.says ? { says: c.says } : {}),
  };
}

/** The registered documents the citations name, in registry order (for a "Sources" list). */
export function citedSources(documents: Iterable<string>): SourceDocument[] {
  const ids = new Set(documents);
  return SOURCES.filter((s) => ids.has(s.id));
}
