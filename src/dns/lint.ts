// Consistency checks over a set of DNS records. The records Portolan derives pass them by
// construction; the checks exist for names given in the topology (and for records edited by hand).
import { hostFamily } from '../net/address.ts';
import { inDomain } from '../topology/names.ts';
import { recordData, type DnsRecord, type DnsView, type SrvRecord } from './records.ts';
import { MS_DETERMINE_DNS_2013, NOTES_DNS, type Source } from '../catalog/sources.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface DnsFinding {
  severity: Severity;
  rule: string;
  view: DnsView;
  name: string;
  message: string;
  sources: Source[];
}

/** The domain an SRV record belongs to: the owner name without its `_service._proto` labels. */
export function srvDomain(owner: string): string {
  return owner.split('.').filter((l, i) => !(i < 2 && l.startsWith('_'))).join('.');
}

/** RFC 1918 / RFC 6598 / loopback / link-local: not reachable from the internet. */
function isPrivate(a: string): boolean {
  if (hostFamily(a) === 'ipv4') {
    const [x, y] = a.split('.').map(Number) as [number, number];
    return x === 10 || x === 127 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) ||
      (x === 100 && y >= 64 && y <= 127) || (x === 169 && y === 254);
  }
  const l = a.toLowerCase();
  return l === '::1' || l.startsWith('fe80:') || l.startsWith('fc') || l.startsWith('fd');
}

// Microsoft: host names use only A–Z, a–z, 0–9 and hyphens (no underscores, no Unicode).
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export function lintDns(records: DnsRecord[]): DnsFinding[] {
  const out: DnsFinding[] = [];
  const hasAddress = new Set(records.filter((r) => r.type !== 'SRV').map((r) => `${r.view}|${r.name}`));

  for (const r of records) {
    if (r.type === 'SRV') {
      out.push(...lintSrv(r, hasAddress));
      continue;
    }
    if (!r.name.split('.').every((l) => HOST_LABEL.test(l))) {
      out.push({ severity: 'error', rule: 'host-name-characters', view: r.view, name: r.name,
        message: `${r.name}: host names may use only letters, digits and hyphens`, sources: [MS_DETERMINE_DNS_2013] });
    }
    if (r.view === 'external' && isPrivate(r.address)) {
      out.push({ severity: 'warning', rule: 'external-private-address', view: r.view, name: r.name,
        message: `${r.name} ${r.type} ${r.address}: a private address in the external view is unreachable from the internet (publish the public/NAT address)`,
        sources: [NOTES_DNS] });
    }
    if (r.derived) {
      out.push({ severity: 'info', rule: 'derived-name', view: r.view, name: r.name,
        message: `${r.name}: name derived from the SIP domain convention; set it in the topology if yours differs`, sources: [NOTES_DNS] });
    }
  }
  return dedupe(out);
}

function lintSrv(r: SrvRecord, hasAddress: Set<string>): DnsFinding[] {
  const out: DnsFinding[] = [];
  const domain = srvDomain(r.name);
  if (!inDomain(r.target, domain)) {
    out.push({ severity: 'error', rule: 'srv-target-domain', view: r.view, name: r.name,
      message: `${r.name} SRV ${recordData(r)}: the target must be in ${domain} (Lync clients reject SRV targets outside the record's own domain); point it at sip.${domain}`,
      sources: [NOTES_DNS, MS_DETERMINE_DNS_2013] });
  }
  if (!hasAddress.has(`${r.view}|${r.target}`)) {
    out.push({ severity: 'error', rule: 'srv-target-address', view: r.view, name: r.name,
      message: `${r.name} SRV ${recordData(r)}: no A/AAAA record for ${r.target} in the ${r.view} view`, sources: [NOTES_DNS] });
  }
  return out;
}

/** One `derived-name` finding per name and view (a name may carry several addresses). */
function dedupe(fs: DnsFinding[]): DnsFinding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.rule}|${f.view}|${f.name}|${f.rule === 'derived-name' ? '' : f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function hasErrors(fs: DnsFinding[]): boolean {
  return fs.some((f) => f.severity === 'error');
}
