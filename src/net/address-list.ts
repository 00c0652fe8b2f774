// Lists of addresses and CIDR blocks as rules carry them: normalised, complemented and
// intersected through the interval sets, written back as the fewest CIDR blocks.
import { canonicalAddress, cidrFamily, hostFamily, parseCidr, parseHost, rangeToCidrs, type Cidr } from './address.ts';
import { FAMILIES, familyMax, type AddressFamily } from './family.ts';
import { IntervalSet } from './interval-set.ts';

// Parsing dominates grouping on large deployments: the same addresses recur in many flows.
const PARSED = new Map<string, { t: string; p: Cidr }>();
function parsedCanonical(text: string): { t: string; p: Cidr } {
  let x = PARSED.get(text);
  if (!x) {
    const t = canonicalAddress(text);
    x = { t, p: parseCidr(t) };
    if (PARSED.size > 200_000) PARSED.clear(); // bounded: a cache, not a registry
    PARSED.set(text, x);
  }
  return x;
}

/** Canonical, sorted, without duplicates and without entries covered by another entry (same union). */
export function normalizeAddresses(list: readonly string[]): string[] {
  const seen = new Map<string, { t: string; p: Cidr }>();
  for (const a of list) {
    const x = parsedCanonical(a);
    seen.set(x.t, x);
  }
  const parsed = [...seen.values()];
  parsed.sort((a, b) =>
    a.p.family !== b.p.family
      ? a.p.family < b.p.family ? -1 : 1
      : a.p.lo !== b.p.lo ? (a.p.lo < b.p.lo ? -1 : 1) : a.p.hi > b.p.hi ? -1 : a.p.hi < b.p.hi ? 1 : 0,
  );
  // Sorted by start (widest first on ties): an entry is covered iff it ends within the furthest
  // end seen so far in its family.
  const out: string[] = [];
  let family: AddressFamily | undefined;
  let reach = -1n;
  for (const x of parsed) {
    if (x.p.family !== family) { family = x.p.family; reach = -1n; }
    if (x.p.hi <= reach) continue;
    out.push(x.t);
    reach = x.p.hi;
  }
  return out;
}

/** The blocks of family f in a list (other families and non-addresses ignored) as one set. */
function blocksOf(cidrs: readonly string[], f: AddressFamily): IntervalSet {
  return IntervalSet.from(cidrs.filter((c) => cidrFamily(c) === f).map((c) => parseCidr(c)));
}

const toCidrs = (set: IntervalSet, f: AddressFamily): string[] => set.intervals.flatMap((i) => rangeToCidrs(f, i.lo, i.hi));

/** Everything of family f outside the given CIDRs (for `!=` / `!` matches). */
export function complementAddresses(cidrs: readonly string[], f: AddressFamily): string[] {
  return toCidrs(blocksOf(cidrs, f).complement(0n, familyMax(f)), f);
}

/** The addresses in both lists, IPv4 first, as CIDR blocks; empty when they do not meet. */
export function intersectAddressLists(a: readonly string[], b: readonly string[]): string[] {
  return FAMILIES.flatMap((f) => toCidrs(blocksOf(a, f).intersect(blocksOf(b, f)), f));
}

/** An inclusive address range `first`–`last` as the fewest CIDR blocks; undefined when invalid. */
export function cidrsBetween(first: string, last: string): string[] | undefined {
  const f = hostFamily(first);
  if (!f || hostFamily(last) !== f) return undefined;
  const lo = parseHost(first).value, hi = parseHost(last).value;
  return lo <= hi ? rangeToCidrs(f, lo, hi) : undefined;
}
