// Address classes: lists become runs of class numbers that stand for exactly the same addresses;
// and with them a node set accepted as both source and destination audits in memory that grows
// with the set, not with its square.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { AddressClasses } from '../../src/analysis/address-classes.ts';
import type { Interval } from '../../src/net/interval-set.ts';
import { IntervalSet } from '../../src/net/interval-set.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MAX = 4294967295n;

const arbList = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })), { minLength: 0, maxLength: 5 })
  .map((xs) => [...IntervalSet.from(xs.map(([a, w]) => ({ lo: BigInt(a), hi: BigInt(a + w) }))).intervals]);

/** The members of a list up to 50 (the lists' own addresses end at 43; all above is one class). */
const members = (list: readonly Interval[]) => new Set(list.flatMap((i) => (i.lo > 50n ? [] : Array.from({ length: Number((i.hi < 50n ? i.hi : 50n) - i.lo) + 1 }, (_, k) => i.lo + BigInt(k)))));

describe('AddressClasses', () => {
  it('every list is the union of its runs, and classes are never split by a list', () => {
    fc.assert(
      fc.property(fc.array(arbList, { minLength: 1, maxLength: 6 }), (lists) => {
        const classes = new AddressClasses('ipv4', lists);
        lists.forEach((list, j) => {
          const back = classes.runs(j).flatMap(([a, b]) => classes.intervals(a, b));
          assert.deepEqual([...IntervalSet.from(back).intervals], [...IntervalSet.from(list).intervals]);
        });
        // The classes partition the whole family; each is inside or outside every list.
        const all = IntervalSet.from(Array.from({ length: classes.size }, (_, c) => classes.intervals(c, c)).flat());
        assert.deepEqual([...all.intervals], [{ lo: 0n, hi: MAX }]);
        for (let c = 0; c < classes.size; c++) {
          const own = members(classes.intervals(c, c));
          for (const list of lists) {
            const m = members(list);
            const inside = [...own].filter((v) => m.has(v)).length;
            assert.ok(inside === 0 || inside === own.size, `class ${c} is split by a list`);
          }
          assert.equal(classes.firstAddress(c), classes.intervals(c, c)[0]!.lo);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('n scattered addresses no list tells apart are one class, one run', () => {
    const set = Array.from({ length: 1000 }, (_, i) => ({ lo: BigInt(2 * i + 10), hi: BigInt(2 * i + 10) }));
    const classes = new AddressClasses('ipv4', [set, set, [{ lo: 0n, hi: MAX }]]);
    assert.equal(classes.size, 2); // the set, and everything else
    assert.equal(classes.runs(0).length, 1);
    assert.equal(classes.intervals(...classes.runs(0)[0]!).length, 1000);
  });
});

describe('auditPolicy on a node set accepted as both source and destination', () => {
  it('4,000 addresses (16 million address pairs a plane) audit within a 192 MB heap', () => {
    // Boxes of intervals would need 16 million boxes per plane: far past this heap.
    const r = spawnSync(process.execPath, ['--max-old-space-size=192', '--import', 'tsx', 'bench/audit-sets.ts', '4000'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    const row = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.equal(row.flows_allowed, 6);
    assert.equal(row.over_permissions, 4);
    // Half the node pairs on 5061 are not required (IPv4 and IPv6), and all of them on UDP 3478.
    assert.equal(row.over_permitted_ranges, 2 * (2000 * 4000) + 2 * 4000 * 4000);
  });
});
