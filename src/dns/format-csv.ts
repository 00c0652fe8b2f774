// CSV (RFC 4180 quoting), one record per row, with the sources joined by " | ".
import { recordData, type DnsRecord } from './records.ts';
import { renderSource } from '../catalog/sources.ts';
import { csv } from '../text/csv.ts';

export function formatDnsCsv(records: DnsRecord[]): string {
  const head = ['view', 'type', 'name', 'data', 'derived', 'note', 'sources'];
  const rows = records.map((r) => [r.view, r.type, r.name, recordData(r), String(r.derived), r.note, r.sources.map(renderSource).join(' | ')]);
  return csv(head, rows);
}
