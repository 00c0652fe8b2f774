// Quoting the documents: the words of one table row, or of a passage of prose, verbatim.
// Discrepancies and interpretations are made of these; a test finds every quote in its document.
import { table } from './tables.ts';
import type { Reading } from './types.ts';

/** The words of one table row (cells joined by " | ", "…" marks an omission). */
export function at(tableKey: string, row: number, says: string): Reading {
  const t = table(tableKey);
  if (row < 1 || row > t.rows) throw new Error(`row ${row} out of range for ${tableKey}`);
  return { citation: { document: t.document, table: t.heading, row }, says };
}

/** The words of a passage of prose (`where` names the part of the document it is in). */
export function passage(document: string, where: string, says: string): Reading {
  return { citation: { document, table: where }, says };
}
