// Packet-space operations against brute force: boxes drawn from a tiny grid of coordinates
// (addresses 0..7 or the family maximum, ports 0..3 or 65535) and every point of a probe grid
// that includes each cell those boundaries make, so membership is checked everywhere it can change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { familyMax } from '../../src/net/family.ts';
import { PacketSpace, coalesce } from '../../src/analysis/packet-space.ts';
import { boxContains, packetPoint, type Box, type PacketPoint, type TaggedBox } from '../../src/analysis/box.ts';
import { partitionFirstMatch } from '../../src/analysis/first-match.ts';

const PLANES_USED = [
  { family: 'ipv4', protocol: 'TCP' },
  { family: 'ipv6', protocol: 'UDP' },
] as const;

function arbInterval(max: bigint) {
  return fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 8 })).map(([a, b]) => {
    const lo = BigInt(Math.min(a, b));
    const hiRaw = Math.max(a, b);
    return { lo, hi: hiRaw === 8 ? max : BigInt(hiRaw) };
  });
}
function arbPorts() {
  return fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })).map(([a, b]) => {
    const from = Math.min(a, b);
    const to = Math.max(a, b) === 4 ? 65535 : Math.max(a, b);
    return { from, to };
  });
}
const arbBox: fc.Arbitrary<Box> = fc.constantFrom(...PLANES_USED).chain((p) => {
  const max = familyMax(p.family);
  return fc.record({
    family: fc.constant(p.family),
    protocol: fc.constant(p.protocol),
    src: arbInterval(max),
    srcPorts: arbPorts(),
    dst: arbInterval(max),
    dstPorts: arbPorts(),
  });
});
const arbBoxes = fc.array(arbBox, { maxLength: 6 });

function probePoints(): PacketPoint[] {
  const out: PacketPoint[] = [];
  for (const p of PLANES_USED) {
    const max = familyMax(p.family);
    const addrs = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, max - 1n, max];
    const ports = [0, 1, 2, 3, 4, 65534, 65535];
    for (const src of addrs) for (const srcPort of ports) for (const dst of addrs) for (const dstPort of ports) {
      out.push({ family: p.family, protocol: p.protocol, src, srcPort, dst, dstPort });
    }
  }
  return out;
}
const PROBES = probePoints();
const inAny = (boxes: readonly Box[], p: PacketPoint) => boxes.some((b) => boxContains(b, p));

function assertDisjoint(s: PacketSpace) {
  for (const p of PROBES) {
    const n = s.boxes.filter((b) => boxContains(b, p)).length;
    assert.ok(n <= 1, 'boxes of a packet space are disjoint');
  }
}

describe('PacketSpace against brute force', () => {
  const ops: [string, (a: PacketSpace, b: PacketSpace) => PacketSpace, (x: boolean, y: boolean) => boolean][] = [
    ['union', (a, b) => a.union(b), (x, y) => x || y],
    ['intersect', (a, b) => a.intersect(b), (x, y) => x && y],
    ['subtract', (a, b) => a.subtract(b), (x, y) => x && !y],
  ];
  for (const [name, op, truth] of ops) {
    it(`${name} holds exactly the right packets`, () => {
      fc.assert(
        fc.property(arbBoxes, arbBoxes, (xs, ys) => {
          const r = op(PacketSpace.of(xs), PacketSpace.of(ys));
          for (const p of PROBES) assert.equal(r.contains(p), truth(inAny(xs, p), inAny(ys, p)));
          assertDisjoint(r);
          assert.equal(r.isEmpty(), !PROBES.some((p) => truth(inAny(xs, p), inAny(ys, p))));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('of() normalises overlapping boxes; sample() is a member; equals() is set equality', () => {
    fc.assert(
      fc.property(arbBoxes, (xs) => {
        const s = PacketSpace.of(xs);
        for (const p of PROBES) assert.equal(s.contains(p), inAny(xs, p));
        const sample = s.sample();
        assert.equal(sample === undefined, xs.length === 0);
        if (sample) assert.ok(inAny(xs, packetPoint(sample)));
        assert.ok(s.equals(PacketSpace.of([...xs].reverse())));
        assert.ok(s.union(s).equals(s));
      }),
      { numRuns: 60 },
    );
  });

  it('coalesce keeps the same packets', () => {
    fc.assert(
      fc.property(arbBoxes, (xs) => {
        const s = PacketSpace.of(xs);
        const v4 = s.boxes.filter((b) => b.family === 'ipv4');
        const merged = coalesce(v4);
        assert.ok(merged.length <= v4.length);
        for (const p of PROBES) assert.equal(inAny(merged, p), inAny(v4, p));
      }),
      { numRuns: 40 },
    );
  });
});

describe('partitionFirstMatch against brute force', () => {
  it('every packet lies in exactly one region, decided by its first matching rule', () => {
    fc.assert(
      fc.property(arbBoxes, arbBoxes, (ruleBoxes, riderBoxes) => {
        const rules: TaggedBox[] = ruleBoxes.map((box, tag) => ({ box, tag }));
        const riders: TaggedBox[] = riderBoxes.map((box, tag) => ({ box, tag: 100 + tag }));
        const leaves: { region: Box; decider: number; riders: number[]; parts: Box[]; uncovered: Box[] }[] = [];
        partitionFirstMatch(rules, riders, (leaf) => {
          const rs = [...leaf.riders];
          leaves.push({ region: leaf.region(), decider: leaf.decider, riders: rs, parts: rs.map((_, i) => leaf.riderPart(i)), uncovered: leaf.uncovered() });
        });
        for (const p of PROBES) {
          const here = leaves.filter((l) => boxContains(l.region, p));
          assert.equal(here.length, 1, 'regions partition the space');
          const l = here[0]!;
          const first = rules.find((r) => boxContains(r.box, p));
          assert.equal(l.decider, first ? first.tag : -1);
          const ridersAtP = riders.filter((r) => boxContains(r.box, p)).map((r) => r.tag);
          for (const t of ridersAtP) assert.ok(l.riders.includes(t));
          l.riders.forEach((t, i) => assert.equal(boxContains(l.parts[i]!, p), boxContains(riderBoxes[t - 100]!, p)));
          assert.equal(inAny(l.uncovered, p), ridersAtP.length === 0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with skipDefault, still partitions every packet some rule or rider reaches', () => {
    fc.assert(
      fc.property(arbBoxes, arbBoxes, (ruleBoxes, riderBoxes) => {
        const rules: TaggedBox[] = ruleBoxes.map((box, tag) => ({ box, tag }));
        const riders: TaggedBox[] = riderBoxes.map((box, tag) => ({ box, tag }));
        const regions: { region: Box; decider: number }[] = [];
        partitionFirstMatch(rules, riders, (leaf) => regions.push({ region: leaf.region(), decider: leaf.decider }), { skipDefault: true });
        for (const p of PROBES) {
          const here = regions.filter((l) => boxContains(l.region, p));
          const first = rules.find((r) => boxContains(r.box, p));
          if (!first && !inAny(riderBoxes, p)) {
            assert.ok(here.every((l) => l.decider === -1));
            continue;
          }
          assert.equal(here.length, 1);
          assert.equal(here[0]!.decider, first ? first.tag : -1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with onlyWhereRiders, reports exactly the regions riders reach', () => {
    fc.assert(
      fc.property(arbBoxes, arbBoxes, (ruleBoxes, riderBoxes) => {
        const rules: TaggedBox[] = ruleBoxes.map((box, tag) => ({ box, tag }));
        const riders: TaggedBox[] = riderBoxes.map((box, tag) => ({ box, tag }));
        const regions: { region: Box; decider: number }[] = [];
        partitionFirstMatch(rules, riders, (leaf) => regions.push({ region: leaf.region(), decider: leaf.decider }), { onlyWhereRiders: true });
        for (const p of PROBES) {
          if (!inAny(riderBoxes, p)) continue;
          const here = regions.filter((l) => boxContains(l.region, p));
          assert.equal(here.length, 1);
          const first = rules.find((r) => boxContains(r.box, p));
          assert.equal(here[0]!.decider, first ? first.tag : -1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
