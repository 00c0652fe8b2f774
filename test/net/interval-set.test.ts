// Interval sets against brute force on the universe 0..31 (plain JS sets of members).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IntervalSet, type Interval } from '../../src/net/interval-set.ts';

const N = 32;
const arbIntervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N - 1 })).map(([a, b]): Interval => ({ lo: BigInt(Math.min(a, b)), hi: BigInt(Math.max(a, b)) })),
  { maxLength: 8 },
);
const members = (ivs: Interval[]) => {
  const s = new Set<number>();
  for (const i of ivs) for (let x = Number(i.lo); x <= Number(i.hi); x++) s.add(x);
  return s;
};
function assertSame(set: IntervalSet, expected: Set<number>) {
  for (let x = -1; x <= N; x++) assert.equal(set.contains(BigInt(x)), expected.has(x), `member ${x}`);
  assert.equal(set.size(), BigInt(expected.size));
  assert.equal(set.isEmpty(), expected.size === 0);
  // Canonical: sorted, disjoint, not even touching.
  set.intervals.forEach((iv, k) => {
    assert.ok(iv.lo <= iv.hi);
    if (k > 0) assert.ok(set.intervals[k - 1]!.hi + 1n < iv.lo);
  });
  const s = set.sample();
  assert.equal(s === undefined, expected.size === 0);
  if (s !== undefined) assert.ok(expected.has(Number(s)));
}

describe('IntervalSet against brute force', () => {
  it('from() holds exactly the members of its intervals', () => {
    fc.assert(fc.property(arbIntervals, (a) => assertSame(IntervalSet.from(a), members(a))));
  });
  it('union, intersect, subtract, complement', () => {
    fc.assert(
      fc.property(arbIntervals, arbIntervals, (a, b) => {
        const A = IntervalSet.from(a);
        const B = IntervalSet.from(b);
        const ma = members(a);
        const mb = members(b);
        assertSame(A.union(B), new Set([...ma, ...mb]));
        assertSame(A.intersect(B), new Set([...ma].filter((x) => mb.has(x))));
        assertSame(A.subtract(B), new Set([...ma].filter((x) => !mb.has(x))));
        const all = Array.from({ length: N }, (_, i) => i);
        assertSame(A.complement(0n, BigInt(N - 1)), new Set(all.filter((x) => !ma.has(x))));
        assert.equal(A.covers(B), [...mb].every((x) => ma.has(x)));
        assert.equal(A.equals(B), ma.size === mb.size && [...ma].every((x) => mb.has(x)));
      }),
    );
  });
  it('refuses reversed intervals', () => {
    assert.throws(() => IntervalSet.of(5n, 4n), RangeError);
    assert.throws(() => IntervalSet.from([{ lo: 2n, hi: 1n }]), RangeError);
  });
  it('works at 128-bit scale', () => {
    const max = (1n << 128n) - 1n;
    const s = IntervalSet.of(0n, max).subtract(IntervalSet.of(1n << 127n, max));
    assert.deepEqual(s.intervals, [{ lo: 0n, hi: (1n << 127n) - 1n }]);
    assert.equal(s.size(), 1n << 127n);
  });
});
