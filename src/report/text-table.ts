// A plain aligned text table for terminals.

export function textTable(header: string[], rows: string[][]): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) if ((r[i] ?? '').length > widths[i]!) widths[i] = (r[i] ?? '').length;
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
