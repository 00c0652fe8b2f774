// A plain aligned text table for terminals: columns padded to their widest cell, two spaces
// apart; the last column is not padded, so a long note does not widen every line.

export interface TableOptions {
  /** A line of dashes under the header (default true). */
  rule?: boolean;
}

export function textTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) if ((r[i] ?? '').length > widths[i]!) widths[i] = (r[i] ?? '').length;
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = options.rule ?? true ? [line(widths.map((w) => '-'.repeat(w)))] : [];
  return [line(header), ...rule, ...rows.map(line)].join('\n') + '\n';
}
