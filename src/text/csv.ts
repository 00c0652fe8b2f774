// RFC 4180 CSV: quoted when needed, CRLF-free (one record per line).

/** One field: quoted (inner quotes doubled) when it holds a quote, comma or line break. */
export function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
