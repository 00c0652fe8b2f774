// The DNS records as a text table for terminals, one row per record.
import { textTable } from '../text/table.ts';
import { recordData, type DnsRecord } from './records.ts';

export function formatDnsTable(records: DnsRecord[]): string {
  return textTable(
    ['VIEW', 'TYPE', 'NAME', 'DATA', 'NOTE'],
    records.map((r) => [r.view, r.type, r.name, recordData(r), r.note + (r.derived ? ' [name derived]' : '')]),
  );
}
