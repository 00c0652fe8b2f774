// Plain-text tables (aligned columns) for terminals; also used by the certificate report.
import { recordData, type DnsRecord } from './records.ts';

export function textTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function formatDnsTable(records: DnsRecord[]): string {
  return textTable(
    ['VIEW', 'TYPE', 'NAME', 'DATA', 'NOTE'],
    records.map((r) => [r.view, r.type, r.name, recordData(r), r.note + (r.derived ? ' [name derived]' : '')]),
  );
}
