// dnsmasq configuration (srv-host=, host-record=). dnsmasq has no views: one instance (one file)
// serves one view, so this formats exactly one view. host-record also answers the PTR queries.
import type { DnsRecord, DnsView } from './records.ts';
import { zones } from './zones.ts';
import type { Topology } from '../topology/model.ts';

export function formatDnsmasq(t: Topology, records: DnsRecord[], view: DnsView): string {
  const mine = records.filter((r) => r.view === view);
  const lines = [
    `# Portolan: DNS view ${view} for dnsmasq. dnsmasq serves one view per instance: run one`,
    `# instance (or one file) per view, e.g. \`portolan dns TOPOLOGY --format dnsmasq --view internal\`.`,
    // local=: answer for these domains from this file only, never forward them upstream.
    ...zones(t, mine).map((z) => `local=/${z.origin}/`),
  ];
  for (const r of mine) {
    lines.push(`# ${r.note}`);
    lines.push(r.type === 'SRV'
      ? `srv-host=${r.name},${r.target},${r.port},${r.priority},${r.weight}`
      : `host-record=${r.name},${r.address}`);
  }
  return lines.join('\n') + '\n';
}
