// Address and port arithmetic the parsers need to express platform constructs in the IR:
// ranges and masks become CIDR lists, negations become complements, chain calls intersect.
import { isIPv4, isIPv6 } from 'node:net';
import type { AddressFamily } from '../flows/types.ts';
import { FAMILY_BITS as BITS, parseAddress, parseHost, rangeToCidrs as cidrsOfRange } from '../analysis/address.ts';
import type { AddressMatch, PortMatch, PortRange } from '../policy/types.ts';

export const ANY_ADDR: AddressMatch = { any: true };
export const ANY_PORT: PortMatch = { any: true };


export function addressFamily(ip: string): AddressFamily | undefined {
  return isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined;
}

/** `a.b.c.d` or `a.b.c.d/n` or IPv6 with optional prefix; undefined when not an address. */
export function cidrFamily(s: string): AddressFamily | undefined {
  if (isIPv4Cidr(s)) return 'ipv4';
  const [ip, len, extra] = s.split('/');
  const f = addressFamily(ip);
  if (!f || extra !== undefined) return undefined;
  if (len === undefined) return f;
  if (!/^\d+$/.test(len) || Number(len) > BITS[f]) return undefined;
  return f;
}

/**
 * True for a dotted quad as node's isIPv4 reads it (no leading zeros), alone or with a /0-/32
 * prefix of one or two digits. False means only "not this simple shape": ask cidrFamily's
 * general path. Cheap: no split, no regular expression.
 */
function isIPv4Cidr(s: string): boolean {
  const n = s.length;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= n || s.charCodeAt(i) !== 46) return false;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < n && i - start < 4) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + c - 48;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || v > 255 || (len > 1 && s.charCodeAt(start) === 48)) return false;
  }
  if (i === n) return true;
  if (s.charCodeAt(i) !== 47) return false;
  i++;
  const start = i;
  let v = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    v = v * 10 + c - 48;
    i++;
  }
  return i - start >= 1 && i - start <= 2 && v <= 32;
}

interface Interval { lo: bigint; hi: bigint }

// Address arithmetic is analysis/address.ts's; these wrap it for address strings already checked.
const toBig = (ip: string): bigint => parseHost(ip).value;
const toInterval = (cidr: string): Interval => parseAddress(cidr);
const intervalToCidrs = (lo: bigint, hi: bigint, f: AddressFamily): string[] => cidrsOfRange(f, lo, hi);

/** An inclusive address range `a`–`b` as the smallest CIDR list; undefined when invalid. */
export function rangeToCidrs(a: string, b: string): string[] | undefined {
  const f = addressFamily(a);
  if (!f || addressFamily(b) !== f) return undefined;
  const lo = toBig(a), hi = toBig(b);
  return lo <= hi ? intervalToCidrs(lo, hi, f) : undefined;
}

/** `255.255.255.0` → 24; undefined for a non-contiguous mask. */
export function maskToPrefix(mask: string): number | undefined {
  if (!isIPv4(mask)) return undefined;
  const n = toBig(mask);
  for (let p = 0; p <= 32; p++) if (n === ((0xffffffffn << BigInt(32 - p)) & 0xffffffffn)) return p;
  return undefined;
}

/** Address with mask → `a/n` (`a` alone for a host mask). */
export function withMask(ip: string, mask: string): string | undefined {
  const p = maskToPrefix(mask);
  if (p === undefined || !isIPv4(ip)) return undefined;
  return p === 32 ? ip : `${ip}/${p}`;
}

function merged(cidrs: string[], f: AddressFamily): Interval[] {
  const iv = cidrs.filter((c) => cidrFamily(c) === f).map((c) => toInterval(c)).sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const i of iv) {
    const last = out[out.length - 1];
    if (last && i.lo <= last.hi + 1n) { if (i.hi > last.hi) last.hi = i.hi; } else out.push({ ...i });
  }
  return out;
}

/** Everything of family f outside the given CIDRs (for `!=` / `!` matches). */
export function complementAddresses(cidrs: string[], f: AddressFamily): string[] {
  const max = (1n << BigInt(BITS[f])) - 1n;
  const out: string[] = [];
  let next = 0n;
  for (const i of merged(cidrs, f)) {
    if (i.lo > next) out.push(...intervalToCidrs(next, i.lo - 1n, f));
    next = i.hi + 1n;
  }
  if (next <= max) out.push(...intervalToCidrs(next, max, f));
  return out;
}

/** Families the match is restricted to; undefined for any. */
export function matchFamilies(m: AddressMatch): Set<AddressFamily> | undefined {
  if (m.any) return undefined;
  return new Set(m.addresses.map((a) => cidrFamily(a)!).filter(Boolean));
}

/** Intersection of two address matches; null when empty. Keeps a group name when one side is any. */
export function intersectAddresses(a: AddressMatch, b: AddressMatch): AddressMatch | null {
  if (a.any) return b;
  if (b.any) return a;
  const out: string[] = [];
  for (const f of ['ipv4', 'ipv6'] as AddressFamily[]) {
    const x = merged(a.addresses, f), y = merged(b.addresses, f);
    for (const i of x) for (const j of y) {
      const lo = i.lo > j.lo ? i.lo : j.lo, hi = i.hi < j.hi ? i.hi : j.hi;
      if (lo <= hi) out.push(...intervalToCidrs(lo, hi, f));
    }
  }
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

export function mergePorts(ports: PortRange[]): PortRange[] {
  const s = [...ports].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

export function complementPorts(ports: PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let next = 0;
  for (const p of mergePorts(ports)) {
    if (p.from > next) out.push({ from: next, to: p.from - 1 });
    next = p.to + 1;
  }
  if (next <= 65535) out.push({ from: next, to: 65535 });
  return out;
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

/** `443`, `50000-59999` or `1024:65535` → range; undefined when not numeric or out of 0–65535. */
export function parsePortRange(s: string, sep: RegExp = /[-:]/): PortRange | undefined {
  const parts = s.split(sep);
  if (parts.length > 2 || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  const from = Number(parts[0]), to = Number(parts[1] ?? parts[0]);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return { from, to };
}

/** The service names configurations print instead of numbers (nft -S, ASA keywords, /etc/services). */
export const SERVICE_PORTS: Record<string, number> = {
  ftp: 21, 'ftp-data': 20, ssh: 22, telnet: 23, smtp: 25, domain: 53, dns: 53, bootps: 67, bootpc: 68,
  tftp: 69, http: 80, www: 80, kerberos: 88, pop3: 110, sunrpc: 111, ntp: 123, 'netbios-ns': 137,
  'netbios-dgm': 138, 'netbios-ssn': 139, imap: 143, imap4: 143, snmp: 161, snmptrap: 162, ldap: 389,
  https: 443, 'microsoft-ds': 445, smb: 445, isakmp: 500, syslog: 514, rtsp: 554, ldaps: 636,
  imaps: 993, pop3s: 995, sqlnet: 1521, h323: 1720, 'ms-sql-s': 1433, radius: 1812, 'radius-acct': 1813,
  pptp: 1723, sip: 5060, sips: 5061, 'xmpp-client': 5222, 'xmpp-server': 5269, rdp: 3389,
  'ms-wbt-server': 3389, stun: 3478, 'http-alt': 8080, 'kerberos-adm': 749, lpd: 515, cifs: 3020,
  'ctiqbe': 2748, citrix: 1494, echo: 7, discard: 9, daytime: 13, chargen: 19, whois: 43,
  gopher: 70, finger: 79, hostname: 101, nntp: 119, irc: 194, 'login': 513, exec: 512, cmd: 514,
  rsh: 514, nfs: 2049, 'aol': 5190, 'pcanywhere-data': 5631, 'pcanywhere-status': 5632,
  'ms-sql-m': 1434, 'mysql': 3306, 'postgresql': 5432,
};

export function portNumber(s: string | number): number | undefined {
  if (typeof s === 'number') return Number.isInteger(s) && s >= 0 && s <= 65535 ? s : undefined;
  // Parsed JSON may hold anything where a port belongs (a missing `right`, an object).
  if (typeof s !== 'string') return undefined;
  if (/^\d+$/.test(s)) return portNumber(Number(s));
  return SERVICE_PORTS[s.toLowerCase()];
}
