// A plain aligned text table for terminals: columns padded to their widest cell, two spaces
// apart; the last column is not padded, so a long note does not widen every line. Given the
// terminal's width, columns wider than their share wrap inside their cell (at a space when there
// is one), so every line fits; without a width (not a terminal, or --wide) it is full width.

export interface TableOptions {
  /** A line of dashes under the header (default true). */
  rule?: boolean;
  /** Terminal columns to fit into; undefined: full width. */
  width?: number;
}

/** Narrowest a column shrinks to when the table must fit (headers wrap like cells). */
const MIN_COLUMN = 4;
const GAP = 2;

export function textTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const natural = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < natural.length; i++) if ((r[i] ?? '').length > natural[i]!) natural[i] = (r[i] ?? '').length;
  const widths = options.width === undefined ? natural : fitWidths(natural, options.width - GAP * (header.length - 1));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(' '.repeat(GAP)).trimEnd();
  const lines = (cells: string[]) => {
    const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w));
    const height = Math.max(...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => line(wrapped.map((c) => c[k] ?? '')));
  };
  const rule = options.rule ?? true ? [line(widths.map((w) => '-'.repeat(w)))] : [];
  return [...lines(header), ...rule, ...rows.flatMap(lines)].join('\n') + '\n';
}

/**
 * Column widths that fit `budget` characters: every column keeps its natural width up to a
 * common cap, the cap chosen as large as fits (the widest columns give way first); no column
 * goes below its floor (four characters), so only a very narrow terminal still overflows.
 */
export function fitWidths(natural: number[], budget: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= budget) return natural;
  const floor = natural.map((w) => Math.min(w, MIN_COLUMN));
  const at = (cap: number) => natural.map((w, i) => Math.max(floor[i]!, Math.min(w, cap)));
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  let lo = 0, hi = Math.max(...natural);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sum(at(mid)) <= budget) lo = mid; else hi = mid - 1;
  }
  const widths = at(lo);
  // Hand the remainder (less than one per capped column) to the capped columns, left first.
  let spare = budget - sum(widths);
  for (let i = 0; i < widths.length && spare > 0; i++) if (widths[i]! < natural[i]!) { widths[i]!++; spare--; }
  return widths;
}

/** Splits text into lines of at most `width` characters, breaking after a space when it can. */
export function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > 0 ? space : width;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(space > 0 ? cut + 1 : cut);
  }
  out.push(rest);
  return out;
}
