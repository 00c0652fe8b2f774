// JSON body: the records and the lint findings, with fixed key order (deterministic output).
import type { DnsFinding } from './lint.ts';
import type { DnsRecord } from './records.ts';

export function formatDnsJson(records: DnsRecord[], findings: DnsFinding[]) {
  const rec = records.map((r) => ({
    view: r.view,
    type: r.type,
    name: r.name,
    ...(r.type === 'SRV' ? { priority: r.priority, weight: r.weight, port: r.port, target: r.target } : { address: r.address }),
    derived: r.derived,
    note: r.note,
    sources: r.sources,
  }));
  return { records: rec, findings };
}
