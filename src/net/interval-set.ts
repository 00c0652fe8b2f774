// Sets of integers as sorted, disjoint, non-adjacent inclusive intervals over bigint: one
// dimension of the packet space (an address list, a port list). Canonical, so equality is
// structural; set operations are linear merges; construction sorts once (O(n log n)).

export interface Interval {
  lo: bigint;
  hi: bigint;
}

const byLo = (a: Interval, b: Interval) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0);

export class IntervalSet {
  private constructor(readonly intervals: readonly Interval[]) {}

  static readonly EMPTY = new IntervalSet([]);

  static of(lo: bigint, hi: bigint): IntervalSet {
    if (lo > hi) throw new RangeError(`interval ends before it starts: ${lo}..${hi}`);
    return new IntervalSet([{ lo, hi }]);
  }

  /** Any intervals, overlapping or not, in any order. */
  static from(intervals: Iterable<Interval>): IntervalSet {
    const sorted = [...intervals].map((i) => {
      if (i.lo > i.hi) throw new RangeError(`interval ends before it starts: ${i.lo}..${i.hi}`);
      return { lo: i.lo, hi: i.hi };
    });
    sorted.sort(byLo);
    const out: Interval[] = [];
    for (const i of sorted) {
      const last = out[out.length - 1];
      // Overlapping or touching intervals merge, which keeps the form canonical.
      if (last && i.lo <= last.hi + 1n) {
        if (i.hi > last.hi) last.hi = i.hi;
      } else out.push(i);
    }
    return new IntervalSet(out);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  /** Number of integers in the set. */
  size(): bigint {
    let n = 0n;
    for (const i of this.intervals) n += i.hi - i.lo + 1n;
    return n;
  }

  contains(x: bigint): boolean {
    const iv = this.intervals;
    let a = 0;
    let b = iv.length - 1;
    while (a <= b) {
      const m = (a + b) >> 1;
      const i = iv[m]!;
      if (x < i.lo) b = m - 1;
      else if (x > i.hi) a = m + 1;
      else return true;
    }
    return false;
  }

  /** The smallest member: a concrete example, deterministic. */
  sample(): bigint | undefined {
    return this.intervals[0]?.lo;
  }

  union(other: IntervalSet): IntervalSet {
    return IntervalSet.from([...this.intervals, ...other.intervals]);
  }

  intersect(other: IntervalSet): IntervalSet {
    const a = this.intervals;
    const b = other.intervals;
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      const lo = x.lo > y.lo ? x.lo : y.lo;
      const hi = x.hi < y.hi ? x.hi : y.hi;
      if (lo <= hi) out.push({ lo, hi });
      if (x.hi < y.hi) i++;
      else j++;
    }
    return new IntervalSet(out);
  }

  subtract(other: IntervalSet): IntervalSet {
    const b = other.intervals;
    const out: Interval[] = [];
    let j = 0;
    for (const x of this.intervals) {
      let lo = x.lo;
      while (j < b.length && b[j]!.hi < lo) j++;
      let k = j;
      while (k < b.length && b[k]!.lo <= x.hi) {
        const y = b[k]!;
        if (y.lo > lo) out.push({ lo, hi: y.lo - 1n });
        lo = y.hi + 1n;
        if (y.hi >= x.hi) break;
        k++;
      }
      if (lo <= x.hi) out.push({ lo, hi: x.hi });
    }
    return new IntervalSet(out);
  }

  /** Everything in [lo, hi] that is not in this set. */
  complement(lo: bigint, hi: bigint): IntervalSet {
    return IntervalSet.of(lo, hi).subtract(this);
  }

  /** True when every member of other is in this set. */
  covers(other: IntervalSet): boolean {
    return other.subtract(this).isEmpty();
  }

  equals(other: IntervalSet): boolean {
    const a = this.intervals;
    const b = other.intervals;
    return a.length === b.length && a.every((x, i) => x.lo === b[i]!.lo && x.hi === b[i]!.hi);
  }
}
