// Many rows of the later pages restate a row already encoded (the Lync 2013 single edge pages
// repeat 000's rows; the Skype for Business pages repeat Lync 2013's). A restatement says which
// row a page row repeats: the requirements citing that row then cite the page row too, with the
// page row's own condition and wording where it differs. A test checks every restated row against
// the row it names, word for word, except where the restatement records what the page says.
import { cite, keyOf, withCitations } from './define.ts';
import type { Citation, Condition, Requirement } from './types.ts';
import type { ProductVersion } from './products.ts';

export interface RowReading {
  /** The page row's own condition ([] = always), where it differs from the row it repeats. */
  when?: Condition;
  /** The page row's wording where it differs from the requirement's main reading. */
  says?: Citation['says'];
  /** The row applies only to these versions of its table. */
  versions?: ProductVersion[];
}

export interface Restatement extends RowReading {
  table: string;
  row: number;
  /** The table key and row it repeats. */
  of: { table: string; row: number };
}

/**
 * `restates('l13-single-public-external', '000-external', [1, 2, …])`: row i+1 of the first table
 * repeats the given row of the second; `[row, reading]` records how the page row differs.
 */
export function restates(tableKey: string, ofKey: string, rows: (number | [number, RowReading])[], common: RowReading = {}): Restatement[] {
  return rows.map((r, i) => {
    const [of, reading] = typeof r === 'number' ? [r, {}] : r;
    return { table: tableKey, row: i + 1, of: { table: ofKey, row: of }, ...common, ...reading };
  });
}

/** The requirements with the restating rows cited; in order, so a page may restate a restating page. */
export function applyRestatements(requirements: readonly Requirement[], restatements: readonly Restatement[]): Requirement[] {
  const out = [...requirements];
  // Which requirements cite each table row, kept current as restating rows are cited (one pass, not a scan per row).
  const citing = new Map<string, number[]>();
  const cites = (key: string, i: number) => {
    const list = citing.get(key);
    if (!list) citing.set(key, [i]);
    else if (!list.includes(i)) list.push(i);
  };
  out.forEach((r, i) => { for (const c of r.citations) cites(`${keyOf(c)}#${c.row}`, i); });
  for (const s of restatements) {
    const found = citing.get(`${s.of.table}#${s.of.row}`);
    if (!found) throw new Error(`${s.table} row ${s.row} restates ${s.of.table} row ${s.of.row}, which no requirement cites`);
    for (const i of [...found]) {
      const r = out[i]!;
      const original = r.citations.find((c) => c.row === s.of.row && keyOf(c) === s.of.table)!;
      const when = s.when ?? original.when;
      // `says: {}`: the page row reads as the requirement does, though the repeated row did not.
      const says = s.says ? (Object.keys(s.says).length ? s.says : undefined) : original.says;
      out[i] = withCitations(r, [cite(s.table, s.row, { ...(when ? { when } : {}), ...(says ? { says } : {}), ...(s.versions ? { versions: s.versions } : {}) })]);
      cites(`${s.table}#${s.row}`, i);
    }
  }
  return out;
}

/** Each citation of a row in `notes` carries that row's own note (the page's words, not the repeated row's). */
export function withRowNotes(requirements: readonly Requirement[], notes: Readonly<Record<string, Readonly<Record<number, string>>>>): Requirement[] {
  return requirements.map((r) => {
    if (!r.citations.some((c) => notes[keyOf(c)]?.[c.row] !== undefined)) return r;
    return { ...r, citations: r.citations.map((c) => {
      const note = notes[keyOf(c)]?.[c.row];
      return note === undefined ? c : { ...c, says: { ...c.says, note } };
    }) };
  });
}
