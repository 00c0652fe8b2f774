// IPv4 and IPv6 addresses as integers: the one parser (strict, with a clear reason on bad
// input) of hosts, CIDR blocks and ranges into inclusive bigint intervals, the family checks built
// on it, and the one formatter back to text (RFC 5952) and to the fewest CIDR blocks.
import { InputError } from '../errors.ts';
import { FAMILY_BITS, familyMax, type AddressFamily } from './family.ts';

/** An inclusive run of addresses of one family. */
export interface AddressRange {
  family: AddressFamily;
  lo: bigint;
  hi: bigint;
}

/** One CIDR block (a single address is a /32 or /128). */
export interface Cidr extends AddressRange {
  prefix: number;
}

export class AddressError extends InputError {
  constructor(text: string, reason: string) {
    super(`bad address '${text}': ${reason}`);
    this.name = 'AddressError';
  }
}

/** What the readers below return: the value, or why the text is not an address. */
type Read = bigint | { reason: string };

const fail = (text: string, r: Read): never => {
  throw new AddressError(text, (r as { reason: string }).reason);
};

export function parseIPv4(text: string): bigint {
  const r = readIPv4(text);
  return typeof r === 'bigint' ? r : fail(text, r);
}

function readIPv4(text: string): Read {
  // Fast path for the common, well-formed case; anything odd goes to the checks below.
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  let ok = text.length > 0 && text.length <= 15;
  for (let i = 0; ok && i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 46;
    if (ch === 46) {
      ok = digits > 0 && ++parts <= 4;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (ch >= 48 && ch <= 57 && !(digits > 0 && octet === 0)) {
      octet = octet * 10 + ch - 48;
      ok = ++digits <= 3 && octet <= 255;
    } else ok = false;
  }
  if (ok && parts === 4) return BigInt(value);
  return readIPv4Strictly(text);
}

function readIPv4Strictly(text: string): Read {
  const parts = text.split('.');
  if (parts.length !== 4) return { reason: 'an IPv4 address has four dotted parts' };
  let value = 0n;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return { reason: `'${part}' is not a decimal octet` };
    // A leading zero reads as octal to some tools (inet_aton): refuse rather than guess.
    if (part.length > 1 && part.startsWith('0')) return { reason: `'${part}' has a leading zero (ambiguous: octal or decimal)` };
    const n = Number(part);
    if (n > 255) return { reason: `octet ${n} is larger than 255` };
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

export function parseIPv6(text: string): bigint {
  const r = readIPv6(text);
  return typeof r === 'bigint' ? r : fail(text, r);
}

function readIPv6(text: string): Read {
  if (scanIPv6(text, GROUPS)) {
    let value = 0n;
    for (const g of GROUPS) value = (value << 16n) | BigInt(g);
    return value;
  }
  return readIPv6Strictly(text);
}

const GROUPS: number[] = [];

/**
 * The common shape of IPv6 text (hex groups, at most one `::`) read by character codes into the
 * 8 groups; false for anything else (embedded IPv4, zone index, a mistake), which
 * readIPv6Strictly then reads or refuses with the reason. Cheap: the family checks ask it of
 * every address a topology or configuration holds.
 */
function scanIPv6(s: string, groups: number[]): boolean {
  const n = s.length;
  groups.length = 0;
  if (n < 2 || n > 39) return false;
  let gap = -1;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let v = 0;
    let digits = 0;
    while (i < n && digits < 5) {
      const c = s.charCodeAt(i);
      const h = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (h < 0) break;
      v = v * 16 + h;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 4) return false;
    groups.push(v);
    if (i === n) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < n && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = groups.length;
      i++;
    } else if (i === n) return false;
  }
  if (gap < 0) return groups.length === 8;
  if (groups.length > 7) return false;
  groups.splice(gap, 0, ...new Array<number>(8 - groups.length).fill(0));
  return true;
}

function readIPv6Strictly(text: string): Read {
  if (text.includes('%')) return { reason: 'zone indexes (%…) are not addresses a firewall matches' };
  const halves = text.split('::');
  if (halves.length > 2) return { reason: "'::' may appear only once" };
  const groupsOf = (half: string, isLast: boolean): number[] | { reason: string } => {
    if (half === '') return [];
    const out: number[] = [];
    const items = half.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (isLast && i === items.length - 1 && item.includes('.')) {
        // Embedded IPv4 (e.g. ::ffff:192.0.2.1) fills the last two groups.
        const v4 = readIPv4(item);
        if (typeof v4 !== 'bigint') return v4;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return { reason: `'${item}' is not a group of 1 to 4 hex digits` };
      out.push(parseInt(item, 16));
    }
    return out;
  };
  let groups: number[];
  if (halves.length === 1) {
    const all = groupsOf(halves[0]!, true);
    if (!Array.isArray(all)) return all;
    if (all.length !== 8) return { reason: `an IPv6 address without '::' has 8 groups, not ${all.length}` };
    groups = all;
  } else {
    const head = groupsOf(halves[0]!, false);
    if (!Array.isArray(head)) return head;
    const tail = groupsOf(halves[1]!, true);
    if (!Array.isArray(tail)) return tail;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return { reason: "'::' must stand for at least one zero group" };
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

function readHost(t: string): { family: AddressFamily; value: Read } {
  return t.includes(':') ? { family: 'ipv6', value: readIPv6(t) } : { family: 'ipv4', value: readIPv4(t) };
}

/** Parses one address alone (no prefix) of either family. */
export function parseHost(text: string): { family: AddressFamily; value: bigint } {
  const t = text.trim();
  if (t === '') throw new AddressError(text, 'empty');
  const h = readHost(t);
  return typeof h.value === 'bigint' ? { family: h.family, value: h.value } : fail(t, h.value);
}

/** The family of an address alone (no prefix, no range); undefined when the text is not one. */
export function hostFamily(text: string): AddressFamily | undefined {
  if (text.includes(':')) return scanIPv6(text, GROUPS) || typeof readIPv6Strictly(text) === 'bigint' ? 'ipv6' : undefined;
  if (text.includes('/')) return undefined;
  return isIPv4Cidr(text) || typeof readIPv4(text) === 'bigint' ? 'ipv4' : undefined;
}

/** The family of an address or CIDR block (`a/n`, no range); undefined when the text is neither. */
export function cidrFamily(text: string): AddressFamily | undefined {
  if (isIPv4Cidr(text)) return 'ipv4';
  const slash = text.indexOf('/');
  const family = hostFamily(slash < 0 ? text : text.slice(0, slash));
  if (!family || slash < 0) return family;
  const len = text.slice(slash + 1);
  return /^\d+$/.test(len) && Number(len) <= FAMILY_BITS[family] ? family : undefined;
}

const SCRATCH: number[] = [];
const isIPv4Cidr = (s: string): boolean => {
  SCRATCH.length = 0;
  return readIPv4Block(s, SCRATCH);
};

/**
 * A dotted quad without leading zeros, alone or with a /0-/32 prefix of one or two digits, in
 * plain numbers: pushes its first and last address onto `out` and returns true. False (and `out`
 * untouched) means only "not this simple shape": parseAddress then reads or refuses the text.
 * Cheap (no split, no regular expression, no bigint): parsers and the packet space ask it of
 * every word and rule they read.
 */
export function readIPv4Block(text: string, out: number[]): boolean {
  const n = text.length;
  let i = 0;
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= n || text.charCodeAt(i) !== 46) return false;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < n && i - start < 4) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + c - 48;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || v > 255 || (len > 1 && text.charCodeAt(start) === 48)) return false;
    value = value * 256 + v;
  }
  if (i === n) {
    out.push(value, value);
    return true;
  }
  if (text.charCodeAt(i) !== 47) return false;
  i++;
  const start = i;
  let prefix = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    prefix = prefix * 10 + c - 48;
    i++;
  }
  if (i - start < 1 || i - start > 2 || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  const lo = value - (value % size);
  out.push(lo, lo + size - 1);
  return true;
}

export interface ParseOptions {
  /** Refuse `10.0.0.5/8` (host bits set) instead of reading it as `10.0.0.0/8`, as iptables does. */
  strictPrefix?: boolean;
}

/** `10.45.16.10`, `10.20.0.0/16`, `2001:db8::1`, `2001:db8::/64`, or a range `10.0.0.1-10.0.0.9`. */
export function parseAddress(text: string, options: ParseOptions = {}): AddressRange {
  // Fast path: a plain IPv4 host, by far the most common entry in a rule.
  const c = text.charCodeAt(0);
  const z = text.charCodeAt(text.length - 1);
  if (c >= 48 && c <= 57 && z >= 48 && z <= 57 && text.length <= 15 && !text.includes('/') && !text.includes('-') && !text.includes(':')) {
    const v = parseIPv4(text);
    return { family: 'ipv4', lo: v, hi: v };
  }
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash >= 0) {
    const a = parseHost(t.slice(0, dash));
    const b = parseHost(t.slice(dash + 1));
    if (a.family !== b.family) throw new AddressError(text, 'a range must not mix IPv4 and IPv6');
    if (a.value > b.value) throw new AddressError(text, 'the range ends before it starts');
    return { family: a.family, lo: a.value, hi: b.value };
  }
  const slash = t.indexOf('/');
  if (slash < 0) {
    const h = parseHost(t);
    return { family: h.family, lo: h.value, hi: h.value };
  }
  const h = parseHost(t.slice(0, slash));
  const lenText = t.slice(slash + 1);
  const bits = FAMILY_BITS[h.family];
  if (!/^[0-9]{1,3}$/.test(lenText) || Number(lenText) > bits) {
    throw new AddressError(text, `prefix length must be a number from 0 to ${bits}`);
  }
  const hostBits = BigInt(bits - Number(lenText));
  const size = 1n << hostBits;
  const lo = (h.value >> hostBits) << hostBits;
  if (options.strictPrefix && lo !== h.value) throw new AddressError(text, `host bits are set (network is ${formatHost(h.family, lo)}/${lenText})`);
  return { family: h.family, lo, hi: lo + size - 1n };
}

/**
 * One CIDR block: `10.1.2.3`, `10.0.0.0/8`, `2001:db8::1`, `2001:db8::/32`, with its prefix
 * length. A range (`a-b`) is refused even when it happens to be one block: flow and rule
 * addresses are written as blocks.
 */
export function parseCidr(text: string): Cidr {
  const t = text.trim();
  if (t.includes('-')) throw new AddressError(text, 'a range is not one CIDR block');
  const r = parseAddress(t);
  const size = r.hi - r.lo + 1n;
  return { family: r.family, lo: r.lo, hi: r.hi, prefix: FAMILY_BITS[r.family] - (bitLength(size) - 1) };
}

/** The canonical text of an address or network: `10.0.0.0/8`, `2001:db8::1`. */
export function canonicalAddress(text: string): string {
  const p = parseCidr(text);
  const a = formatHost(p.family, p.lo);
  return p.prefix === FAMILY_BITS[p.family] ? a : `${a}/${p.prefix}`;
}

/** `255.255.255.0` → 24; undefined for a non-contiguous mask or a text that is not IPv4. */
export function maskToPrefix(mask: string): number | undefined {
  if (hostFamily(mask) !== 'ipv4') return undefined;
  const n = parseIPv4(mask);
  for (let p = 0; p <= 32; p++) if (n === ((0xffffffffn << BigInt(32 - p)) & 0xffffffffn)) return p;
  return undefined;
}

/** IPv4 address with mask → `a/n` (`a` alone for a host mask); undefined when either is invalid. */
export function withMask(ip: string, mask: string): string | undefined {
  const p = maskToPrefix(mask);
  if (p === undefined || hostFamily(ip) !== 'ipv4') return undefined;
  return p === 32 ? ip : `${ip}/${p}`;
}

export function formatHost(family: AddressFamily, value: bigint): string {
  if (family === 'ipv4') {
    const n = Number(value);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((value >> s) & 0xffffn));
  // IPv4-mapped addresses read best with the IPv4 part dotted (RFC 5952 §5).
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatHost('ipv4', value & 0xffffffffn)}`;
  }
  // RFC 5952: compress the longest run (first on a tie) of two or more zero groups.
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestAt < 0) return hex(groups);
  return `${hex(groups.slice(0, bestAt))}::${hex(groups.slice(bestAt + bestLen))}`;
}

/** The fewest CIDR blocks whose union is exactly [lo, hi]; a single host is written bare. */
export function rangeToCidrs(family: AddressFamily, lo: bigint, hi: bigint): string[] {
  const bits = FAMILY_BITS[family];
  if (lo === hi) return [formatHost(family, lo)];
  if (family === 'ipv4') return rangeToCidrs4(Number(lo), Number(hi));
  const out: string[] = [];
  let cur = lo;
  while (cur <= hi) {
    // Largest block that both fits in what is left and is aligned at cur: greedy is optimal.
    let k = bitLength(hi - cur + 1n) - 1;
    if (cur !== 0n) k = Math.min(k, bitLength(cur & -cur) - 1);
    const len = bits - k;
    out.push(len === bits ? formatHost(family, cur) : `${formatHost(family, cur)}/${len}`);
    cur += 1n << BigInt(k);
  }
  return out;
}

/**
 * One string for a range, for reports: the address, the CIDR block when it is exactly one,
 * otherwise `first-last` (which parseAddress reads back).
 */
export function formatRange(family: AddressFamily, lo: bigint, hi: bigint): string {
  if (family === 'ipv4') return formatRange4(Number(lo), Number(hi));
  if (lo === hi) return formatHost(family, lo);
  const size = hi - lo + 1n;
  if ((size & (size - 1n)) === 0n && lo % size === 0n) {
    return `${formatHost(family, lo)}/${FAMILY_BITS[family] - bitLength(size) + 1}`;
  }
  return `${formatHost(family, lo)}-${formatHost(family, hi)}`;
}

const formatHost4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** formatRange for IPv4 in plain numbers (exact: at most 2^32). */
function formatRange4(lo: number, hi: number): string {
  if (lo === hi) return formatHost4(lo);
  const size = hi - lo + 1;
  const power = size === 4294967296 || (size & (size - 1)) === 0;
  if (power && lo % size === 0) return `${formatHost4(lo)}/${32 - Math.log2(size)}`;
  return `${formatHost4(lo)}-${formatHost4(hi)}`;
}

/** rangeToCidrs for IPv4 in plain numbers (exact below 2^53), much cheaper than bigint. */
function rangeToCidrs4(lo: number, hi: number): string[] {
  const out: string[] = [];
  let cur = lo;
  while (cur <= hi) {
    let size = 1;
    let len = 32;
    while (len > 0 && cur % (size * 2) === 0 && cur + size * 2 - 1 <= hi) {
      size *= 2;
      len--;
    }
    out.push(len === 32 ? formatHost('ipv4', BigInt(cur)) : `${formatHost('ipv4', BigInt(cur))}/${len}`);
    cur += size;
  }
  return out;
}

const bitLength = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);

/** True when the range is the family's whole address space (0.0.0.0/0 or ::/0). */
export function isWholeFamily(family: AddressFamily, lo: bigint, hi: bigint): boolean {
  return lo === 0n && hi === familyMax(family);
}
