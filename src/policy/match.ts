// Operations on the IR's address and port matches (Any, or a list with an optional group name)
// the parsers need to express platform constructs: chain calls intersect, families restrict.
import { cidrFamily } from '../net/address.ts';
import { intersectAddressLists } from '../net/address-list.ts';
import type { AddressFamily } from '../net/family.ts';
import { mergePorts, type PortRange } from '../net/port.ts';
import type { AddressMatch, PortMatch } from './types.ts';

export const ANY_ADDR: AddressMatch = { any: true };
export const ANY_PORT: PortMatch = { any: true };

/** Intersection of two address matches; null when empty. Keeps a group name when one side is any. */
export function intersectAddresses(a: AddressMatch, b: AddressMatch): AddressMatch | null {
  if (a.any) return b;
  if (b.any) return a;
  const out = intersectAddressLists(a.addresses, b.addresses);
  return out.length ? { any: false, addresses: out } : null;
}

/** Restrict an address match to one family; null when nothing is left. */
export function restrictFamily(m: AddressMatch, f: AddressFamily | 'any'): AddressMatch | null {
  if (m.any || f === 'any') return m;
  let all = true;
  for (const a of m.addresses) if (cidrFamily(a) !== f) { all = false; break; }
  if (all && m.addresses.length > 0) return m;
  const kept = m.addresses.filter((a) => cidrFamily(a) === f);
  if (kept.length === 0) return null;
  return kept.length === m.addresses.length ? m : { any: false, addresses: kept, ...(m.group ? { group: m.group } : {}) };
}

export function intersectPorts(a: PortMatch, b: PortMatch): PortMatch | null {
  if (a.any) return b;
  if (b.any) return a;
  const out: PortRange[] = [];
  for (const x of a.ports) for (const y of b.ports) {
    const from = Math.max(x.from, y.from), to = Math.min(x.to, y.to);
    if (from <= to) out.push({ from, to });
  }
  return out.length ? { any: false, ports: mergePorts(out) } : null;
}
