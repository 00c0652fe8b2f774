// A plain aligned text table for terminals: columns padded to their widest cell, two spaces
// apart; the last column is not padded, so a long note does not widen every line.

export interface TableOptions {
  /** A line of dashes under the header (default true). */
  rule?: boolean;
}

export function textTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = options.rule ?? true ? [line(widths.map((w) => '-'.repeat(w)))] : [];
  return [line(header), ...rule, ...rows.map(line)].join('\n') + '\n';
}
