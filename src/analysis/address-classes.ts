// Address classes: one address dimension of a plane compressed to the classes of addresses that
// every list of the analysis treats alike (in all of them or in none).
//
// Why: a rule from a node set to the same node set (`render` writes them) is a product of two
// lists of n scattered addresses; as boxes of intervals it is n² boxes, and every later step pays
// for all of them. But addresses no list tells apart can be one coordinate: the n nodes become a
// single class, the rule a single box, and the cost follows the lists' length, not its square.
//
// Classes are numbered in the order of their first address. Every list is then a union of runs
// of consecutive class numbers, because a class with one address inside an interval of a list
// has all its addresses in that list, so its first address is inside one of the list's
// intervals. Which lists hold an address is summed as random 96-bit keys along the dimension
// (a difference array): O(n log n) for n intervals in all, never the lists times their length.
import { familyMax, type AddressFamily } from '../net/family.ts';
import type { Interval } from '../net/interval-set.ts';

/** 2^128 needs 33 hex digits; equal widths make string order numeric order. */
const hexKey = (v: bigint) => v.toString(16).padStart(33, '0');

/** Three 32-bit lanes of a deterministic key for list j (splitmix-style mixing). */
function keyOf(j: number, lane: number): number {
  let x = (Math.imul(j + 1, 0x9e3779b1) ^ Math.imul(lane + 1, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

export class AddressClasses {
  /** Atom k is [cuts[k], cuts[k+1] - 1]; the atoms cover the whole family. */
  private readonly cuts: bigint[];
  /** Per list, the atoms its intervals start at and end before: [a0, b0, a1, b1, …]. */
  private readonly spans: Int32Array[];
  /** Per class, its first atom (ascending: classes are numbered in that order). */
  private readonly firstAtom: Int32Array;
  /** Atoms of class c: atomList[atomStart[c] .. atomStart[c+1]), ascending. */
  private readonly atomStart: Int32Array;
  private readonly atomList: Int32Array;

  constructor(
    readonly family: AddressFamily,
    lists: readonly (readonly Interval[])[],
  ) {
    const max = familyMax(family);
    // IPv4 boundaries are exact as numbers (cheap to hash); IPv6 ones as fixed-width hex keys.
    const small = family === 'ipv4';
    const keyOfValue = (v: bigint): number | string => (small ? Number(v) : hexKey(v));
    const keys = new Set<number | string>([keyOfValue(0n), keyOfValue(max + 1n)]);
    for (const list of lists) for (const i of list) keys.add(keyOfValue(i.lo)).add(keyOfValue(i.hi + 1n));
    const sorted = small ? [...keys].sort((a, b) => (a as number) - (b as number)) : [...keys].sort();
    this.cuts = sorted.map((k) => (small ? BigInt(k) : BigInt(`0x${k}`)));
    const index = new Map<number | string, number>(sorted.map((k, i) => [k, i]));
    const atomAt = (v: bigint) => index.get(keyOfValue(v))!;
    this.spans = lists.map((list) => {
      const s = new Int32Array(2 * list.length);
      list.forEach((i, k) => {
        s[2 * k] = atomAt(i.lo);
        s[2 * k + 1] = atomAt(i.hi + 1n);
      });
      return s;
    });
    const atoms = sorted.length - 1;
    const diff = [new Uint32Array(atoms + 1), new Uint32Array(atoms + 1), new Uint32Array(atoms + 1)];
    this.spans.forEach((s, j) => {
      for (let lane = 0; lane < 3; lane++) {
        const k = keyOf(j, lane);
        const d = diff[lane]!;
        for (let x = 0; x < s.length; x += 2) {
          d[s[x]!] = (d[s[x]!]! + k) >>> 0;
          d[s[x + 1]!] = (d[s[x + 1]!]! - k) >>> 0;
        }
      }
    });
    const classOfAtom = new Int32Array(atoms);
    const classes = new Map<string, number>();
    const first: number[] = [];
    const sum = [0, 0, 0];
    for (let a = 0; a < atoms; a++) {
      for (let lane = 0; lane < 3; lane++) sum[lane] = (sum[lane]! + diff[lane]![a]!) >>> 0;
      const sig = `${sum[0]},${sum[1]},${sum[2]}`;
      let c = classes.get(sig);
      if (c === undefined) {
        c = first.length;
        classes.set(sig, c);
        first.push(a);
      }
      classOfAtom[a] = c;
    }
    this.firstAtom = Int32Array.from(first);
    // Counting sort of the atoms by class: each class's atoms stay in address order.
    const start = new Int32Array(first.length + 1);
    for (let a = 0; a < atoms; a++) start[classOfAtom[a]! + 1]!++;
    for (let c = 0; c < first.length; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, first.length);
    const list = new Int32Array(atoms);
    for (let a = 0; a < atoms; a++) list[fill[classOfAtom[a]!]!++] = a;
    this.atomStart = start;
    this.atomList = list;
  }

  /** How many classes (the length of the compressed dimension). */
  get size(): number {
    return this.firstAtom.length;
  }

  /** Number of classes whose first atom is below atom a. */
  private classesBefore(a: number): number {
    let lo = 0;
    let hi = this.firstAtom.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.firstAtom[m]! < a) lo = m + 1;
      else hi = m;
    }
    return lo;
  }

  /** List j (as given to the constructor) as ascending, non-adjacent runs [first, last] of class numbers. */
  runs(j: number): [number, number][] {
    const out: [number, number][] = [];
    const s = this.spans[j]!;
    for (let x = 0; x < s.length; x += 2) {
      const from = this.classesBefore(s[x]!);
      const to = this.classesBefore(s[x + 1]!);
      if (from >= to) continue;
      const last = out[out.length - 1];
      if (last && last[1] + 1 === from) last[1] = to - 1;
      else out.push([from, to - 1]);
    }
    return out;
  }

  /** The addresses of classes first..last as ascending, merged intervals. */
  intervals(first: number, last: number): Interval[] {
    const atoms: number[] = [];
    for (let c = first; c <= last; c++) for (let k = this.atomStart[c]!; k < this.atomStart[c + 1]!; k++) atoms.push(this.atomList[k]!);
    if (first !== last) atoms.sort((x, y) => x - y);
    const out: Interval[] = [];
    for (let k = 0; k < atoms.length; ) {
      let e = k;
      while (e + 1 < atoms.length && atoms[e + 1] === atoms[e]! + 1) e++;
      out.push({ lo: this.cuts[atoms[k]!]!, hi: this.cuts[atoms[e]! + 1]! - 1n });
      k = e + 1;
    }
    return out;
  }

  /** The first address of class c: a member, for example packets. */
  firstAddress(c: number): bigint {
    return this.cuts[this.firstAtom[c]!]!;
  }
}
