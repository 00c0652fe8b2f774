// The packet space: every (family, protocol, source address, source port, destination address,
// destination port) a TCP or UDP packet can carry, and exact sets of it as unions of boxes.
//
// Why this shape: firewall rules and required flows are boxes (a product of one interval per
// dimension). Per family and protocol ("plane") the four remaining dimensions are compressed to
// the elementary intervals their boundaries cut (coordinates become small integers), then a
// k-d style divide and conquer splits the plane at median boundaries until every region is
// uniform for the question asked. Boxes that do not reach a region are never looked at again,
// so the cost is O(n log n + K) for n boxes, K the number of regions the answer itself has
// (small for realistic rule sets of mostly small boxes); and all of it is exact.
//
// This file is the set algebra (union, intersection, difference, coalescing); the boxes are in
// box.ts, the coordinates in grid.ts, first match in first-match.ts, rules and flows as boxes in
// ir-boxes.ts.
import { familyMax } from '../net/family.ts';
import { type Box, MAX_PORT, PLANES, type Packet, type PacketPoint, type PortSpan, boxContains, boxSample, packetPoint, planeOf, wholePlane } from './box.ts';
import { type Cells, DIMS, Grid, chooseCut, covers, cutDim, halves, planeData, splitList } from './grid.ts';

const NONE = 0;
const FULL = 1;
const PARTIAL = 2;

export function combineRegions(c: Int32Array, region: Cells, lists: number[][], op: (member: boolean[]) => boolean, out: Cells[]): void {
  const states = lists.map((l) => (l.length === 0 ? NONE : l.some((b) => covers(c, b, region)) ? FULL : PARTIAL));
  const partial = states.flatMap((s, i) => (s === PARTIAL ? [i] : []));
  // Is the answer the same whatever the partial lists hold here?
  let anyTrue = false;
  let anyFalse = false;
  for (let mask = 0; mask < 1 << partial.length; mask++) {
    const member = states.map((s) => s === FULL);
    partial.forEach((li, k) => (member[li] = ((mask >> k) & 1) === 1));
    if (op(member)) anyTrue = true;
    else anyFalse = true;
  }
  if (!anyFalse) {
    out.push(region);
    return;
  }
  if (!anyTrue) return;
  const cutters = partial.flatMap((li) => lists[li]!);
  const cut = chooseCut(c, region, cutters, 0, cutters.length);
  const d = cutDim;
  const [lr, rr] = halves(region, d, cut);
  const split = lists.map((l) => splitList(c, l, d, cut));
  combineRegions(c, lr, split.map((s) => s[0]), op, out);
  combineRegions(c, rr, split.map((s) => s[1]), op, out);
}

/** The set { p : op(p ∈ lists[0], p ∈ lists[1], …) } as disjoint boxes, coalesced. */
function combine(lists: readonly (readonly Box[])[], op: (member: boolean[]) => boolean): Box[] {
  const out: Box[] = [];
  PLANES.forEach((plane, pi) => {
    const inPlane = lists.map((l) => l.filter((b) => planeOf(b.family, b.protocol) === pi));
    const all = inPlane.flat();
    // A plane none of the lists touch is the answer of op(all false), e.g. for a complement.
    const grid = new Grid(plane.family, plane.protocol, planeData(all));
    const coords = grid.coords;
    let next = 0;
    const ids = inPlane.map((l) => l.map(() => next++));
    const regions: Cells[] = [];
    combineRegions(coords, grid.whole(), ids, op, regions);
    out.push(...coalesceCells(regions).map((r) => grid.decode(r)));
  });
  return out;
}

/**
 * Merges boxes that touch along one dimension and agree on the others, until nothing merges,
 * so that reports show few, large ranges. Input boxes must be disjoint and of one plane.
 */
export function coalesce(boxes: readonly Box[]): Box[] {
  if (boxes.length === 0) return [];
  const grid = new Grid(boxes[0]!.family, boxes[0]!.protocol, planeData(boxes));
  const coords = grid.coords;
  const cells = boxes.map((_, i) => Array.from(coords.subarray(8 * i, 8 * i + 8)));
  return coalesceCells(cells).map((c) => grid.decode(c));
}

/** coalesce() in cell coordinates (cheap integer compares); result in a deterministic order. */
export function coalesceCells(input: readonly Cells[]): Cells[] {
  return coalesceOwnCells(input.map((c) => c.slice()));
}

/**
 * Orders by the coordinates other than dimension d's, then by d's lower end (for d = -1: by
 * all coordinates). Disjoint boxes never tie, so every sort algorithm gives the same order.
 */
function compareExcept(a: Cells, b: Cells, lo: number): number {
  if (lo < 0) {
    for (let k = 0; k < 8; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return 0;
  }
  for (let k = 0; k < 8; k++) {
    if (k === lo || k === lo + 1) continue;
    if (a[k] !== b[k]) return a[k]! - b[k]!;
  }
  return a[lo]! - b[lo]!;
}

const EXCEPT_COMPARATORS = [-1, 0, 2, 4, 6].map((lo) => (a: Cells, b: Cells) => compareExcept(a, b, lo));

/** Sorts in place: insertion sort for the short lists most rules have, the built-in sort else. */
function sortCells(cur: Cells[], lo: number): void {
  if (cur.length > 16) {
    cur.sort(EXCEPT_COMPARATORS[(lo >> 1) + 1]!);
    return;
  }
  for (let i = 1; i < cur.length; i++) {
    const v = cur[i]!;
    let j = i - 1;
    while (j >= 0 && compareExcept(cur[j]!, v, lo) > 0) {
      cur[j + 1] = cur[j]!;
      j--;
    }
    cur[j + 1] = v;
  }
}

/** coalesceCells on arrays the caller gives up (they are merged in place). */
export function coalesceOwnCells(input: Cells[]): Cells[] {
  let cur = input;
  if (cur.length <= 1) return cur;
  for (let changed = true; changed; ) {
    changed = false;
    for (let d = 0; d < DIMS; d++) {
      const lo = 2 * d;
      // Sorted by the other dimensions, then along d: mergeable boxes become neighbours.
      sortCells(cur, lo);
      const next: Cells[] = [];
      for (const b of cur) {
        const last = next[next.length - 1];
        if (last && last[lo + 1]! + 1 === b[lo] && sameExcept(last, b, lo)) {
          last[lo + 1] = b[lo + 1]!;
          changed = true;
        } else next.push(b);
      }
      cur = next;
      if (cur.length === 1) return cur;
    }
  }
  sortCells(cur, -1);
  return cur;
}

/** compareExcept on rows i and j of 8 numbers in a flat array. */
function compareRows(rows: Int32Array, i: number, j: number, lo: number): number {
  const a = 8 * i;
  const b = 8 * j;
  for (let k = 0; k < 8; k++) {
    if (k === lo || k === lo + 1) continue;
    if (rows[a + k] !== rows[b + k]) return rows[a + k]! - rows[b + k]!;
  }
  return lo < 0 ? 0 : rows[a + lo]! - rows[b + lo]!;
}

let rowOrder = new Int32Array(64);
let rowSpare = new Int32Array(512);

/** The row positions 0..n-1 of rows in compareRows order (lo < 0: all coordinates). */
function sortRows(rows: Int32Array, n: number, lo: number): Int32Array {
  if (rowOrder.length < n) rowOrder = new Int32Array(2 * n);
  const order = rowOrder;
  if (n > 16) {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) xs.push(i);
    xs.sort((x, y) => compareRows(rows, x, y, lo));
    for (let i = 0; i < n; i++) order[i] = xs[i]!;
    return order;
  }
  for (let i = 0; i < n; i++) {
    let j = i - 1;
    while (j >= 0 && compareRows(rows, order[j]!, i, lo) > 0) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

/**
 * coalesceCells on n boxes given as rows of 8 cell coordinates at the front of rows, in place:
 * the same merges in the same order, without an array per box. Returns how many rows are left
 * (at the front, in coalesceCells' order).
 */
export function coalesceRows(rows: Int32Array, n: number): number {
  if (n <= 1) return n;
  if (rowSpare.length < rows.length) rowSpare = new Int32Array(Math.max(rows.length, 2 * rowSpare.length));
  const spare = rowSpare;
  for (let changed = true; changed; ) {
    changed = false;
    for (let d = 0; d < DIMS; d++) {
      const lo = 2 * d;
      const order = sortRows(rows, n, lo);
      let m = 0;
      for (let j = 0; j < n; j++) {
        const b = 8 * order[j]!;
        const last = 8 * (m - 1);
        if (m > 0 && spare[last + lo + 1]! + 1 === rows[b + lo] && sameExceptRows(spare, last, rows, b, lo)) {
          spare[last + lo + 1] = rows[b + lo + 1]!;
          changed = true;
        } else {
          for (let k = 0; k < 8; k++) spare[8 * m + k] = rows[b + k]!;
          m++;
        }
      }
      rows.set(spare.subarray(0, 8 * m));
      n = m;
      if (n === 1) return 1;
    }
  }
  const order = sortRows(rows, n, -1);
  for (let j = 0; j < n; j++) for (let k = 0; k < 8; k++) spare[8 * j + k] = rows[8 * order[j]! + k]!;
  rows.set(spare.subarray(0, 8 * n));
  return n;
}

function sameExceptRows(a: Int32Array, ao: number, b: Int32Array, bo: number, lo: number): boolean {
  for (let k = 0; k < 8; k++) if (k !== lo && k !== lo + 1 && a[ao + k] !== b[bo + k]) return false;
  return true;
}

function sameExcept(a: Cells, b: Cells, lo: number): boolean {
  for (let k = 0; k < 8; k++) if (k !== lo && k !== lo + 1 && a[k] !== b[k]) return false;
  return true;
}

/** An exact set of packets: disjoint boxes in a deterministic order. Immutable. */
export class PacketSpace {
  private constructor(readonly boxes: readonly Box[]) {}

  static readonly EMPTY = new PacketSpace([]);

  /** Any boxes, overlapping or not. */
  static of(boxes: Iterable<Box>): PacketSpace {
    const list = [...boxes];
    for (const b of list) checkBox(b);
    return new PacketSpace(combine([list], (m) => m[0]!));
  }

  /** Every TCP and UDP packet of both families. */
  static universe(): PacketSpace {
    return new PacketSpace(PLANES.map((p) => wholePlane(p.family, p.protocol)));
  }

  union(other: PacketSpace): PacketSpace {
    return new PacketSpace(combine([this.boxes, other.boxes], (m) => m[0]! || m[1]!));
  }

  intersect(other: PacketSpace): PacketSpace {
    return new PacketSpace(combine([this.boxes, other.boxes], (m) => m[0]! && m[1]!));
  }

  subtract(other: PacketSpace): PacketSpace {
    return new PacketSpace(combine([this.boxes, other.boxes], (m) => m[0]! && !m[1]!));
  }

  isEmpty(): boolean {
    return this.boxes.length === 0;
  }

  /** True when both hold exactly the same packets. */
  equals(other: PacketSpace): boolean {
    return this.subtract(other).isEmpty() && other.subtract(this).isEmpty();
  }

  contains(p: PacketPoint | Packet): boolean {
    const point = 'src' in p ? p : packetPoint(p);
    return this.boxes.some((b) => boxContains(b, point));
  }

  /** A concrete packet of the space (the lowest corner of its first box), or undefined. */
  sample(): Packet | undefined {
    const b = this.boxes[0];
    return b && boxSample(b);
  }
}

function checkBox(b: Box): void {
  const max = familyMax(b.family);
  const okPorts = (p: PortSpan) => Number.isInteger(p.from) && Number.isInteger(p.to) && 0 <= p.from && p.from <= p.to && p.to <= MAX_PORT;
  if (!(0n <= b.src.lo && b.src.lo <= b.src.hi && b.src.hi <= max && 0n <= b.dst.lo && b.dst.lo <= b.dst.hi && b.dst.hi <= max)) {
    throw new RangeError(`box has an address range outside ${b.family} or reversed`);
  }
  if (!okPorts(b.srcPorts) || !okPorts(b.dstPorts)) throw new RangeError('box has a port range outside 0-65535 or reversed');
}
