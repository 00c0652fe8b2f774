// First match: the partition of the packet space by which rule of an ordered list decides
// each packet (the question every firewall answers), built on the same coordinates as the set
// algebra of packet-space.ts.
import type { Policy } from '../policy/types.ts';
import { type Box, PLANES, type TaggedBox, planeOf } from './box.ts';
import { type Cells, Grid, type PlaneData, chooseCut, covers, cutDim, emptyPlaneData, planeData, pushBox, splitList } from './grid.ts';
import { pushSimpleRule, ruleBoxes } from './ir-boxes.ts';
import { combineRegions } from './packet-space.ts';

/** Turns cell coordinates of one plane back into a box; stays valid after the partition. */
export interface CellCodec {
  readonly plane: number;
  /** The box of the 8 cell coordinates at cells[at..at+7]. */
  decode(cells: ArrayLike<number>, at?: number): Box;
}

/** One uniform region of the first-match partition. Valid only during the callback (its arrays are reused). */
export interface FirstMatchLeaf {
  readonly codec: CellCodec;
  /** Tag of the rule that decides every packet of the region, or -1: no rule matches. */
  readonly decider: number;
  /** Tags of the rider boxes that reach into the region (in rider order, may repeat a tag). */
  readonly riders: readonly number[];
  region(): Box;
  /** The part of the region inside the rider at position i of `riders`. */
  riderPart(i: number): Box;
  /** The region minus every rider: disjoint boxes. */
  uncovered(): Box[];
  /** region() and uncovered() in cell coordinates (fresh arrays): cheap to keep and merge. */
  regionCells(): Cells;
  uncoveredCells(): Cells[];
  /** Appends the region's 8 cell coordinates to out (no allocation per region). */
  pushRegion(out: number[]): void;
  /** Writes the region's 8 cell coordinates to out[at..at+7]. */
  copyRegion(out: Int32Array, at: number): void;
}

export interface FirstMatchOptions {
  /** Skip regions no rider reaches (when only the riders' fate matters). */
  onlyWhereRiders?: boolean;
  /**
   * Regions no rule and no rider reaches may be left out (when the default policy's regions do
   * not matter): the rest then need not be cut into a partition of everything, which is faster.
   */
  skipDefault?: boolean;
}

/** Disjoint inside region r: then each decides its own part, whatever the order. */
function pairwiseDisjoint(c: Int32Array, ids: Int32Array, from: number, to: number, r: Cells): boolean {
  for (let i = from; i < to; i++) {
    const a = 8 * ids[i]!;
    for (let j = i + 1; j < to; j++) {
      const b = 8 * ids[j]!;
      let overlap = true;
      for (let k = 0; k < 8 && overlap; k += 2) {
        const lo = Math.max(c[a + k]!, c[b + k]!, r[k]!);
        const hi = Math.min(c[a + k + 1]!, c[b + k + 1]!, r[k + 1]!);
        if (lo > hi) overlap = false;
      }
      if (overlap) return false;
    }
  }
  return true;
}

function clip(c: Int32Array, b: number, r: Cells): Cells {
  return clipInto(c, b, r, r.slice());
}

/** Box b of c clipped to region r, written to out. */
function clipInto(c: Int32Array, b: number, r: Cells, out: Cells): Cells {
  const o = 8 * b;
  for (let k = 0; k < 8; k++) out[k] = r[k]!;
  for (let k = 0; k < 8; k += 2) {
    if (c[o + k]! > out[k]!) out[k] = c[o + k]!;
    if (c[o + k + 1]! < out[k + 1]!) out[k + 1] = c[o + k + 1]!;
  }
  return out;
}

const SMALL_LIST = 8;
const CARVE_BELOW = 3;

/** Which boxes ride along in a partition: the extra boxes, or some rules' own boxes. */
export type RiderChoice = 'extra' | ((ruleTag: number) => boolean);

/**
 * Rules (in rule order) and extra boxes (flows, queries) compressed to cell coordinates once,
 * so that several partitions of the same policy do not pay for it again.
 */
export class FirstMatchIndex {
  private readonly planes: { grid: Grid; ruleTag: number[]; extraTag: number[] }[];

  constructor(rules: readonly TaggedBox[], extra: readonly TaggedBox[] = [], ruleData?: { data: PlaneData; tags: number[] }[]) {
    this.planes = PLANES.map((plane, pi) => {
      let data: PlaneData;
      let ruleTag: number[];
      if (ruleData) {
        data = ruleData[pi]!.data;
        ruleTag = ruleData[pi]!.tags;
      } else {
        const pr = rules.filter((t) => planeOf(t.box.family, t.box.protocol) === pi);
        data = planeData(pr.map((t) => t.box));
        ruleTag = pr.map((t) => t.tag);
      }
      const pe = extra.filter((t) => planeOf(t.box.family, t.box.protocol) === pi);
      for (const t of pe) pushBox(data, t.box);
      const grid = new Grid(plane.family, plane.protocol, data);
      return { grid, ruleTag, extraTag: pe.map((t) => t.tag) };
    });
  }

  /**
   * The index of a policy's rules (policyBoxes(policy), in rule order) and extra boxes. The
   * same as new FirstMatchIndex(policyBoxes(policy), extra), without a Box for each rule.
   */
  static ofPolicy(policy: Policy, extra: readonly TaggedBox[] = []): FirstMatchIndex {
    const planes = PLANES.map(() => ({ data: emptyPlaneData(), tags: [] as number[] }));
    policy.rules.forEach((rule, tag) => {
      if (pushSimpleRule(planes, rule, tag)) return;
      for (const box of ruleBoxes(rule)) {
        const p = planes[planeOf(box.family, box.protocol)]!;
        pushBox(p.data, box);
        p.tags.push(tag);
      }
    });
    return new FirstMatchIndex([], extra, planes);
  }

  /**
   * Partitions the packet space into regions each decided by one rule (first match) or by none
   * (decider -1), and reports each region with the rider boxes that reach into it. Riders never
   * cause a cut, so they cost little.
   */
  partition(onLeaf: (leaf: FirstMatchLeaf) => void, options: FirstMatchOptions & { riders?: RiderChoice } = {}): void {
    const choice = options.riders ?? 'extra';
    this.planes.forEach(({ grid, ruleTag, extraTag }, pi) => {
      const base = ruleTag.length;
      const rid =
        choice === 'extra' ? extraTag.map((_, i) => base + i) : ruleTag.flatMap((t, i) => (choice(t) ? [i] : []));
      if (options.onlyWhereRiders && rid.length === 0) return;
      const tagOf = (id: number) => (id < base ? ruleTag[id]! : extraTag[id - base]!);
      const coords = grid.coords;
      const NO_RIDERS: number[] = [];
      let region: Cells = [0, 0, 0, 0, 0, 0, 0, 0];
      let decider = -1;
      let riderIds: number[] = [];
      const codec: CellCodec = { plane: pi, decode: (c, at) => grid.decode(c, at) };
      const uncoveredCells = () => {
        const out: Cells[] = [];
        combineRegions(coords, region.slice(), [riderIds], (m) => !m[0], out);
        return out;
      };
      const leaf: FirstMatchLeaf = {
        codec,
        get decider() { return decider; },
        get riders() { return riderIds.length === 0 ? NO_RIDERS : riderIds.map(tagOf); },
        region: () => grid.decode(region),
        riderPart: (i) => grid.decode(clip(coords, riderIds[i]!, region)),
        uncovered: () => uncoveredCells().map((r) => grid.decode(r)),
        regionCells: () => region.slice(),
        uncoveredCells,
        pushRegion: (out) => {
          out.push(region[0]!, region[1]!, region[2]!, region[3]!, region[4]!, region[5]!, region[6]!, region[7]!);
        },
        copyRegion: (out, at) => {
          for (let k = 0; k < 8; k++) out[at + k] = region[k]!;
        },
      };

      // The rule lists of the recursion live in one buffer: a region's list is buf[from, to);
      // its halves' lists are written after it (right half first, so that the left half's
      // recursion, which runs first, can reuse the space after its own list).
      let buf = new Int32Array(Math.max(1024, 4 * ruleTag.length));
      for (let i = 0; i < ruleTag.length; i++) buf[i] = i;
      const clipped: Cells = [0, 0, 0, 0, 0, 0, 0, 0];
      const onlyWhereRiders = options.onlyWhereRiders === true;
      const skipDefault = options.skipDefault === true;

      const walk = (r: Cells, from: number, to: number, rids: number[]): void => {
        const ids = buf;
        const n = to - from;
        // Rules after the first one covering the region can never match inside it.
        let cover = -1;
        for (let k = from; k < to; k++) {
          if (covers(coords, ids[k]!, r)) {
            cover = k - from;
            break;
          }
        }
        if (n === 0 || cover === 0) {
          const skip = rids.length === 0 && (onlyWhereRiders || (skipDefault && n === 0));
          if (!skip) {
            region = r;
            decider = n === 0 ? -1 : ruleTag[ids[from]!]!;
            riderIds = rids;
            onLeaf(leaf);
          }
          return;
        }
        if (rids.length === 0) {
          if (onlyWhereRiders) return;
          if (skipDefault && cover < 0 && n <= SMALL_LIST && pairwiseDisjoint(coords, ids, from, to, r)) {
            // A few disjoint boxes and nothing else: each decides exactly its part of the region.
            riderIds = rids;
            for (let k = from; k < to; k++) {
              const b = ids[k]!;
              region = clipInto(coords, b, r, clipped);
              decider = ruleTag[b]!;
              onLeaf(leaf);
            }
            return;
          }
        }
        // Boxes before the covering one reach in without covering: they choose the cut.
        const end = from + (cover < 0 ? n : cover + 1);
        // Few boxes left: carve out the first one (fewer pieces); many: balance the tree.
        const partial = cover < 0 ? n : cover;
        const cut = chooseCut(coords, r, ids, from, from + (partial <= CARVE_BELOW ? 1 : partial));
        const d = cutDim;
        if (buf.length < to + 2 * (end - from)) {
          const grown = new Int32Array(Math.max(2 * buf.length, to + 2 * (end - from)));
          grown.set(buf.subarray(0, to));
          buf = grown;
        }
        const out = buf;
        const loAt = 2 * d;
        const hiAt = loAt + 1;
        let w = to;
        for (let k = from; k < end; k++) {
          const b = out[k]!;
          if (coords[8 * b + hiAt]! >= cut) out[w++] = b;
        }
        const rightEnd = w;
        for (let k = from; k < end; k++) {
          const b = out[k]!;
          if (coords[8 * b + loAt]! < cut) out[w++] = b;
        }
        const leftEnd = w;
        let ld = rids;
        let rd = rids;
        if (rids.length > 0) {
          const split = splitList(coords, rids, d, cut);
          ld = split[0];
          rd = split[1];
        }
        // The region is cut in place and restored: no copies on the way down.
        const lo = r[loAt]!;
        const hi = r[hiAt]!;
        r[hiAt] = cut - 1;
        walk(r, rightEnd, leftEnd, ld);
        r[hiAt] = hi;
        r[loAt] = cut;
        walk(r, to, rightEnd, rd);
        r[loAt] = lo;
      };

      walk(grid.whole(), 0, ruleTag.length, rid);
    });
  }
}

/** A FirstMatchIndex of rules and riders, partitioned once. Rules must be in rule order. */
export function partitionFirstMatch(
  rules: readonly TaggedBox[],
  riders: readonly TaggedBox[],
  onLeaf: (leaf: FirstMatchLeaf) => void,
  options: FirstMatchOptions = {},
): void {
  new FirstMatchIndex(rules, riders).partition(onLeaf, { ...options, riders: 'extra' });
}
