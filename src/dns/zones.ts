// Groups records into zones: one per view and DNS domain. A name belongs to the SIP domain that
// contains it (the longest one), otherwise to its parent domain (edgepool.contoso.net → contoso.net).
import { inDomain, sipDomains } from '../topology/names.ts';
import { DNS_VIEWS, type DnsRecord, type DnsView } from './records.ts';
import type { Topology } from '../topology/model.ts';

export interface Zone {
  view: DnsView;
  /** Zone apex, lower case, no trailing dot. */
  origin: string;
  records: DnsRecord[];
}

export function zoneOf(name: string, domains: string[]): string {
  const sip = domains.filter((d) => inDomain(name, d)).sort((a, b) => b.length - a.length)[0];
  if (sip) return sip;
  const labels = name.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : name;
}

/** Zones sorted by view, then origin; records keep their (sorted) order. */
export function zones(t: Topology, records: DnsRecord[]): Zone[] {
  const domains = sipDomains(t);
  const out: Zone[] = [];
  for (const view of DNS_VIEWS) {
    const byOrigin = new Map<string, DnsRecord[]>();
    for (const r of records.filter((x) => x.view === view)) {
      const o = zoneOf(r.name, domains);
      byOrigin.set(o, [...(byOrigin.get(o) ?? []), r]);
    }
    for (const origin of [...byOrigin.keys()].sort()) out.push({ view, origin, records: byOrigin.get(origin)! });
  }
  return out;
}
