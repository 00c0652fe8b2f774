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
import type { Transport } from '../catalog/types.ts';
import { InputError } from '../errors.ts';
import type { AddressFamily, Flow } from '../flows/types.ts';
import type { Policy, PolicyRule } from '../policy/types.ts';
import { familyMax, formatHost, parseAddress, parseHost } from './address.ts';
import { IntervalSet, type Interval } from './interval-set.ts';
import { AddressClasses } from './address-classes.ts';

export type Protocol = Transport;

export interface PortSpan {
  from: number;
  to: number;
}

/** One box of the packet space: all packets of a family and protocol within four ranges. */
export interface Box {
  family: AddressFamily;
  protocol: Protocol;
  src: Interval;
  srcPorts: PortSpan;
  dst: Interval;
  dstPorts: PortSpan;
}

/** A concrete packet, addresses written as text, for reports. */
export interface Packet {
  family: AddressFamily;
  protocol: Protocol;
  source: string;
  sourcePort: number;
  destination: string;
  destinationPort: number;
}

/** A concrete packet with integer addresses. */
export interface PacketPoint {
  family: AddressFamily;
  protocol: Protocol;
  src: bigint;
  srcPort: number;
  dst: bigint;
  dstPort: number;
}

/** Planes in their fixed, reporting order. */
export const PLANES: readonly { family: AddressFamily; protocol: Protocol }[] = [
  { family: 'ipv4', protocol: 'TCP' },
  { family: 'ipv4', protocol: 'UDP' },
  { family: 'ipv6', protocol: 'TCP' },
  { family: 'ipv6', protocol: 'UDP' },
];

export function planeOf(family: AddressFamily, protocol: Protocol): number {
  return (family === 'ipv6' ? 2 : 0) + (protocol === 'UDP' ? 1 : 0);
}

export const MAX_PORT = 65535;

/** The whole plane of a family and protocol. */
export function wholePlane(family: AddressFamily, protocol: Protocol): Box {
  const max = familyMax(family);
  return {
    family,
    protocol,
    src: { lo: 0n, hi: max },
    srcPorts: { from: 0, to: MAX_PORT },
    dst: { lo: 0n, hi: max },
    dstPorts: { from: 0, to: MAX_PORT },
  };
}

export function boxContains(b: Box, p: PacketPoint): boolean {
  return (
    b.family === p.family &&
    b.protocol === p.protocol &&
    b.src.lo <= p.src && p.src <= b.src.hi &&
    b.srcPorts.from <= p.srcPort && p.srcPort <= b.srcPorts.to &&
    b.dst.lo <= p.dst && p.dst <= b.dst.hi &&
    b.dstPorts.from <= p.dstPort && p.dstPort <= b.dstPorts.to
  );
}

/** The lowest corner of a box: a deterministic example packet. */
export function boxSample(b: Box): Packet {
  return {
    family: b.family,
    protocol: b.protocol,
    source: formatHost(b.family, b.src.lo),
    sourcePort: b.srcPorts.from,
    destination: formatHost(b.family, b.dst.lo),
    destinationPort: b.dstPorts.from,
  };
}

export function packetPoint(p: Packet): PacketPoint {
  return { family: p.family, protocol: p.protocol, src: parseHost(p.source).value, srcPort: p.sourcePort, dst: parseHost(p.destination).value, dstPort: p.destinationPort };
}

// ---------------------------------------------------------------------------------------------
// Coordinates: per plane, each dimension cut into elementary intervals by every box boundary.

const DIMS = 4; // 0 source address, 1 source port, 2 destination address, 3 destination port

/** 2^128 needs 33 hex digits; equal widths make string order numeric order. */
const hexKey = (v: bigint) => v.toString(16).padStart(33, '0');

/**
 * Elementary intervals of one dimension: cell k is [cut(k), cut(k+1)-1]. Values that fit a
 * double exactly (IPv4, ports) are kept as numbers: sorting and searching them is much cheaper.
 */
class Axis {
  private readonly small?: Float64Array;
  private readonly big?: bigint[];
  private readonly indexOfBig_?: Map<string, number>;

  constructor(small: Float64Array | undefined, big: bigint[] | undefined) {
    if (small) {
      small.sort();
      let n = 0;
      for (let i = 0; i < small.length; i++) if (i === 0 || small[i] !== small[n - 1]) small[n++] = small[i]!;
      this.small = small.slice(0, n);
    } else {
      // Bigints hash and compare slowly; fixed-width hex strings sort and hash fast, in order.
      const keys = [...new Set(big!.map(hexKey))].sort();
      this.big = keys.map((k) => BigInt(`0x${k}`));
      this.indexOfBig_ = new Map(keys.map((k, i) => [k, i]));
    }
  }

  /** Index of a cut value given to the constructor, on a small axis. */
  indexOf(v: number): number {
    const small = this.small!;
    let a = 0;
    let b = small.length - 1;
    while (a <= b) {
      const m = (a + b) >> 1;
      const y = small[m]!;
      if (y < v) a = m + 1;
      else if (y > v) b = m - 1;
      else return m;
    }
    throw new Error(`internal: ${v} is not a cut of this axis`);
  }

  /** Index of a cut value given to the constructor, on a bigint axis. */
  indexOfBig(v: bigint): number {
    const i = this.indexOfBig_!.get(hexKey(v));
    if (i === undefined) throw new Error(`internal: ${v} is not a cut of this axis`);
    return i;
  }

  private memo: (bigint | undefined)[] = [];
  private memoLast: (bigint | undefined)[] = [];

  /** The first value of cell k. Memoised: bigints cost an allocation each. */
  cut(k: number): bigint {
    if (!this.small) return this.big![k]!;
    // Pre-sized: writing far past the end of an empty array would make it a slow dictionary.
    if (this.memo.length === 0) this.memo = new Array<bigint | undefined>(this.small.length).fill(undefined);
    return (this.memo[k] ??= BigInt(this.small[k]!));
  }

  /** cut(k) of a small axis as a number. */
  cutNumber(k: number): number {
    return this.small![k]!;
  }

  /** The last value of cell k. */
  last(k: number): bigint {
    if (this.memoLast.length === 0) this.memoLast = new Array<bigint | undefined>(this.cells).fill(undefined);
    return (this.memoLast[k] ??= this.cut(k + 1) - 1n);
  }

  get cells(): number {
    return (this.small ? this.small.length : this.big!.length) - 1;
  }
}

/** A box in cell coordinates: lo and hi cell index per dimension, 8 numbers. */
export type Cells = number[];

/**
 * One plane's boxes in cell coordinates (8 integers a box, lo/hi per dimension, in `coords`),
 * with the axes to read them back.
 */
/**
 * One plane's boxes as plain arrays, 4 values a box: ports (source from, to, destination from,
 * to) and addresses (source lo, hi, destination lo, hi) as numbers for IPv4 (exact below 2^53)
 * or bigints for IPv6.
 */
interface PlaneData {
  n: number;
  ports: number[];
  addr4: number[];
  addr6: bigint[];
}

const emptyPlaneData = (): PlaneData => ({ n: 0, ports: [], addr4: [], addr6: [] });

function pushBox(data: PlaneData, b: Box): void {
  data.n++;
  data.ports.push(b.srcPorts.from, b.srcPorts.to, b.dstPorts.from, b.dstPorts.to);
  if (b.family === 'ipv4') data.addr4.push(Number(b.src.lo), Number(b.src.hi), Number(b.dst.lo), Number(b.dst.hi));
  else data.addr6.push(b.src.lo, b.src.hi, b.dst.lo, b.dst.hi);
}

function planeData(boxes: readonly Box[]): PlaneData {
  const data = emptyPlaneData();
  for (const b of boxes) pushBox(data, b);
  return data;
}

/** Address classes of a compressed plane (see address-classes.ts): source side, destination side. */
interface PlaneClasses {
  src: AddressClasses;
  dst: AddressClasses;
}

class Grid {
  readonly axes: Axis[];
  readonly coords: Int32Array;

  constructor(
    readonly family: AddressFamily,
    readonly protocol: Protocol,
    data: PlaneData,
    /** When set, the addresses of data are class numbers of these classes. */
    readonly classes?: PlaneClasses,
  ) {
    const n = data.n;
    const smallAddresses = family === 'ipv4' || classes !== undefined;
    const max = familyMax(family);
    const classMax = classes && [BigInt(classes.src.size - 1), 0n, BigInt(classes.dst.size - 1)];
    const { ports, addr4, addr6 } = data;
    // Every lo and every hi+1 is a cut, and so are both ends of the dimension.
    const portAxis = (at: number) => {
      const v = new Float64Array(2 * n + 2);
      for (let i = 0; i < n; i++) {
        v[2 * i] = ports[4 * i + at]!;
        v[2 * i + 1] = ports[4 * i + at + 1]! + 1;
      }
      v[2 * n + 1] = MAX_PORT + 1;
      return new Axis(v, undefined);
    };
    const addressAxis = (at: number) => {
      if (smallAddresses) {
        const v = new Float64Array(2 * n + 2);
        for (let i = 0; i < n; i++) {
          v[2 * i] = addr4[4 * i + at]!;
          v[2 * i + 1] = addr4[4 * i + at + 1]! + 1;
        }
        v[2 * n + 1] = Number(classMax ? classMax[at]! : max) + 1;
        return new Axis(v, undefined);
      }
      const v: bigint[] = [0n, max + 1n];
      for (let i = 0; i < n; i++) v.push(addr6[4 * i + at]!, addr6[4 * i + at + 1]! + 1n);
      return new Axis(undefined, v);
    };
    this.axes = [addressAxis(0), portAxis(0), addressAxis(2), portAxis(2)];
    const [sa, spa, da, dpa] = this.axes as [Axis, Axis, Axis, Axis];
    const c = new Int32Array(8 * n);
    for (let i = 0; i < n; i++) {
      const o = 8 * i;
      const q = 4 * i;
      if (smallAddresses) {
        c[o] = sa.indexOf(addr4[q]!);
        c[o + 1] = sa.indexOf(addr4[q + 1]! + 1) - 1;
        c[o + 4] = da.indexOf(addr4[q + 2]!);
        c[o + 5] = da.indexOf(addr4[q + 3]! + 1) - 1;
      } else {
        c[o] = sa.indexOfBig(addr6[q]!);
        c[o + 1] = sa.indexOfBig(addr6[q + 1]! + 1n) - 1;
        c[o + 4] = da.indexOfBig(addr6[q + 2]!);
        c[o + 5] = da.indexOfBig(addr6[q + 3]! + 1n) - 1;
      }
      c[o + 2] = spa.indexOf(ports[q]!);
      c[o + 3] = spa.indexOf(ports[q + 1]! + 1) - 1;
      c[o + 6] = dpa.indexOf(ports[q + 2]!);
      c[o + 7] = dpa.indexOf(ports[q + 3]! + 1) - 1;
    }
    this.coords = c;
  }

  whole(): Cells {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let d = 0; d < DIMS; d++) r[2 * d + 1] = this.axes[d]!.cells - 1;
    return r;
  }

  /**
   * The box of the 8 cell coordinates at r[at..at+7]. In a compressed plane, the box of the
   * lowest source and destination address of the cells (a sample of it); expand() has all of it.
   */
  decode(r: ArrayLike<number>, at = 0): Box {
    const [sa, spa, da, dpa] = this.axes as [Axis, Axis, Axis, Axis];
    if (this.classes) {
      const s = this.classes.src.firstAddress(sa.cutNumber(r[at]!));
      const d = this.classes.dst.firstAddress(da.cutNumber(r[at + 4]!));
      return {
        family: this.family,
        protocol: this.protocol,
        src: { lo: s, hi: s },
        srcPorts: { from: spa.cutNumber(r[at + 2]!), to: spa.cutNumber(r[at + 3]! + 1) - 1 },
        dst: { lo: d, hi: d },
        dstPorts: { from: dpa.cutNumber(r[at + 6]!), to: dpa.cutNumber(r[at + 7]! + 1) - 1 },
      };
    }
    return {
      family: this.family,
      protocol: this.protocol,
      src: { lo: sa.cut(r[at]!), hi: sa.last(r[at + 1]!) },
      srcPorts: { from: spa.cutNumber(r[at + 2]!), to: spa.cutNumber(r[at + 3]! + 1) - 1 },
      dst: { lo: da.cut(r[at + 4]!), hi: da.last(r[at + 5]!) },
      dstPorts: { from: dpa.cutNumber(r[at + 6]!), to: dpa.cutNumber(r[at + 7]! + 1) - 1 },
    };
  }

  /** Everything the 8 cell coordinates at r[at..at+7] stand for, as a product of lists. */
  expand(r: ArrayLike<number>, at = 0): SetBox {
    const [sa, spa, da, dpa] = this.axes as [Axis, Axis, Axis, Axis];
    const ports = { srcPorts: [{ from: spa.cutNumber(r[at + 2]!), to: spa.cutNumber(r[at + 3]! + 1) - 1 }], dstPorts: [{ from: dpa.cutNumber(r[at + 6]!), to: dpa.cutNumber(r[at + 7]! + 1) - 1 }] };
    if (!this.classes) {
      const b = this.decode(r, at);
      return { family: this.family, protocol: this.protocol, src: [b.src], dst: [b.dst], ...ports };
    }
    const src = this.classes.src.intervals(sa.cutNumber(r[at]!), sa.cutNumber(r[at + 1]! + 1) - 1);
    const dst = this.classes.dst.intervals(da.cutNumber(r[at + 4]!), da.cutNumber(r[at + 5]! + 1) - 1);
    return { family: this.family, protocol: this.protocol, src, dst, ...ports };
  }
}

function covers(c: Int32Array, b: number, r: Cells): boolean {
  const o = 8 * b;
  return (
    c[o]! <= r[0]! && c[o + 1]! >= r[1]! &&
    c[o + 2]! <= r[2]! && c[o + 3]! >= r[3]! &&
    c[o + 4]! <= r[4]! && c[o + 5]! >= r[5]! &&
    c[o + 6]! <= r[6]! && c[o + 7]! >= r[7]!
  );
}

const SAMPLE = 15;
/** On a tie, cut destination port, then destination, source, source port: fewer pieces in practice. */
const DIM_ORDER = [3, 2, 0, 1];
const scratch = [new Float64Array(2 * SAMPLE), new Float64Array(2 * SAMPLE), new Float64Array(2 * SAMPLE), new Float64Array(2 * SAMPLE)];
const scratchLength = [0, 0, 0, 0];
let cutDim = 0;

/**
 * A cut strictly inside region r along one dimension, taken from the boundaries of boxes that
 * reach into r without covering it (at least one such box must be given): the median of a
 * sample, on the dimension where those boxes have the most boundaries, keeps the tree balanced.
 * Returns c and sets cutDim to d: the halves are [r.lo, c-1] and [c, r.hi] on dimension d.
 */
function chooseCut(c: Int32Array, r: Cells, ids: ArrayLike<number>, from: number, to: number): number {
  scratchLength[0] = scratchLength[1] = scratchLength[2] = scratchLength[3] = 0;
  const n = to - from;
  const step = n > SAMPLE ? n / SAMPLE : 1;
  for (let k = 0; k < n && k < SAMPLE; k++) {
    const o = 8 * ids[from + Math.floor(k * step)]!;
    for (let d = 0; d < DIMS; d++) {
      const lo = c[o + 2 * d]!;
      const hi = c[o + 2 * d + 1]!;
      if (lo > r[2 * d]!) scratch[d]![scratchLength[d]!++] = lo;
      if (hi < r[2 * d + 1]!) scratch[d]![scratchLength[d]!++] = hi + 1;
    }
  }
  let best = DIM_ORDER[0]!;
  for (let k = 1; k < DIMS; k++) {
    const d = DIM_ORDER[k]!;
    if (scratchLength[d]! > scratchLength[best]!) best = d;
  }
  const len = scratchLength[best]!;
  if (len === 0) throw new Error('internal: no cut inside the region');
  // Insertion sort: at most 2 * SAMPLE values, and no allocation.
  const cand = scratch[best]!;
  for (let i = 1; i < len; i++) {
    const v = cand[i]!;
    let j = i - 1;
    while (j >= 0 && cand[j]! > v) {
      cand[j + 1] = cand[j]!;
      j--;
    }
    cand[j + 1] = v;
  }
  cutDim = best;
  return cand[len >> 1]!;
}

function halves(r: Cells, d: number, cut: number): [Cells, Cells] {
  const left = r.slice();
  const right = r.slice();
  left[2 * d + 1] = cut - 1;
  right[2 * d] = cut;
  return [left, right];
}

function splitList(c: Int32Array, ids: readonly number[], d: number, cut: number): [number[], number[]] {
  const left: number[] = [];
  const right: number[] = [];
  for (const b of ids) {
    if (c[8 * b + 2 * d]! < cut) left.push(b);
    if (c[8 * b + 2 * d + 1]! >= cut) right.push(b);
  }
  return [left, right];
}

// ---------------------------------------------------------------------------------------------
// Boolean combinations of box lists: split until each list is empty or covers the region.

const NONE = 0;
const FULL = 1;
const PARTIAL = 2;

function combineRegions(c: Int32Array, region: Cells, lists: number[][], op: (member: boolean[]) => boolean, out: Cells[]): void {
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

// ---------------------------------------------------------------------------------------------
// First match: the partition of the packet space by which rule of an ordered list decides.

/** A box with the number of what it belongs to (a rule's position, a flow's position, …). */
export interface TaggedBox {
  box: Box;
  tag: number;
}

/** Turns cell coordinates of one plane back into a box; stays valid after the partition. */
export interface CellCodec {
  readonly plane: number;
  /** The box of the 8 cell coordinates at cells[at..at+7] (in a compressed plane: its lowest corner). */
  decode(cells: ArrayLike<number>, at?: number): Box;
  /** All that the 8 cell coordinates stand for, as a product of lists (one box unless compressed). */
  expand(cells: ArrayLike<number>, at?: number): SetBox;
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

  constructor(rules: readonly TaggedBox[], extra: readonly TaggedBox[] = [], ruleData?: PreparedPlane[]) {
    this.planes = PLANES.map((plane, pi) => {
      let data: PlaneData;
      let ruleTag: number[];
      const prepared = ruleData?.[pi];
      if (prepared?.classes) {
        // Rules and extra boxes are in the data already, in class coordinates.
        return { grid: new Grid(plane.family, plane.protocol, prepared.data, prepared.classes), ruleTag: prepared.tags, extraTag: prepared.extraTags! };
      }
      if (prepared) {
        data = prepared.data;
        ruleTag = prepared.tags;
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
  static ofPolicy(policy: Policy, extra: readonly TaggedSetBox[] = [], options: { compress?: boolean } = {}): FirstMatchIndex {
    // A plane whose boxes would be many times its lists (a node set to itself is n² boxes) is
    // compressed to address classes instead; below that, boxes are cheaper to make and read.
    const bound = [0, 0, 0, 0];
    const lists = [0, 0, 0, 0];
    policy.rules.forEach((rule) => {
      const n = (m: PolicyRule['source']) => (m.any ? 1 : m.addresses.length);
      const p = (m: PolicyRule['sourcePorts']) => (m.any ? 1 : m.ports.length);
      const size = n(rule.source) * n(rule.destination) * p(rule.sourcePorts) * p(rule.destinationPorts);
      const length = n(rule.source) + n(rule.destination);
      for (const f of rule.family === 'any' ? BOTH_FAMILIES : [rule.family]) for (const t of rule.transport === 'any' ? BOTH_PROTOCOLS : [rule.transport]) {
        bound[planeOf(f, t)]! += size;
        lists[planeOf(f, t)]! += length;
      }
    });
    for (const { set } of extra) {
      bound[planeOf(set.family, set.protocol)]! += setBoxSize(set);
      lists[planeOf(set.family, set.protocol)]! += set.src.length + set.dst.length;
    }
    // Many rules of one box each (100,000 host rules) stay boxes: classes would not shrink them.
    const compress = bound.map((b, pi) => options.compress ?? (b > COMPRESS_ABOVE && b > COMPRESS_RATIO * lists[pi]!));
    const planes: PreparedPlane[] = PLANES.map(() => ({ data: emptyPlaneData(), tags: [] as number[] }));
    const sets: TaggedSetBox[][] = PLANES.map(() => []);
    policy.rules.forEach((rule, tag) => {
      const simple = rule.family === 'ipv4' && !compress[0] && !compress[1];
      if (simple && pushSimpleRule(planes, rule, tag)) return;
      for (const set of ruleSetBoxes(rule)) {
        const pi = planeOf(set.family, set.protocol);
        if (compress[pi]) sets[pi]!.push({ set, tag });
        else pushSet(planes[pi]!, set, tag);
      }
    });
    const extraBoxes: TaggedBox[] = [];
    const extraSets: TaggedSetBox[][] = PLANES.map(() => []);
    for (const t of extra) {
      const pi = planeOf(t.set.family, t.set.protocol);
      if (compress[pi]) extraSets[pi]!.push(t);
      else for (const box of expandSetBox(t.set)) extraBoxes.push({ box, tag: t.tag });
    }
    PLANES.forEach((plane, pi) => {
      if (compress[pi]) planes[pi] = compressedPlane(plane.family, sets[pi]!, extraSets[pi]!);
    });
    return new FirstMatchIndex([], extraBoxes, planes);
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
      const codec: CellCodec = { plane: pi, decode: (c, at) => grid.decode(c, at), expand: (c, at) => grid.expand(c, at) };
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

/** One plane's rule boxes made ahead (and, compressed, the extra boxes and the classes too). */
interface PreparedPlane {
  data: PlaneData;
  tags: number[];
  extraTags?: number[];
  classes?: PlaneClasses;
}

/** Boxes a plane may have before it is compressed to address classes. */
const COMPRESS_ABOVE = 50_000;
/** …and only when they would be this many times the lists' own length. */
const COMPRESS_RATIO = 8;

function pushSet(plane: PreparedPlane, set: SetBox, tag: number): void {
  for (const box of expandSetBox(set)) {
    pushBox(plane.data, box);
    plane.tags.push(tag);
  }
}

/**
 * A plane of rules and extra boxes in class coordinates: each list becomes runs of class
 * numbers, each set box the product of its runs (few: a list no other list cuts is one run).
 */
function compressedPlane(family: AddressFamily, rules: readonly TaggedSetBox[], extra: readonly TaggedSetBox[]): PreparedPlane {
  const all = [...rules, ...extra];
  const src = new AddressClasses(family, all.map((t) => t.set.src));
  const dst = new AddressClasses(family, all.map((t) => t.set.dst));
  const data = emptyPlaneData();
  const tags: number[] = [];
  const extraTags: number[] = [];
  all.forEach((t, j) => {
    const sr = src.runs(j);
    const dr = dst.runs(j);
    for (const [slo, shi] of sr) for (const sp of t.set.srcPorts) for (const [dlo, dhi] of dr) for (const dp of t.set.dstPorts) {
      data.n++;
      data.ports.push(sp.from, sp.to, dp.from, dp.to);
      data.addr4.push(slo, shi, dlo, dhi);
      (j < rules.length ? tags : extraTags).push(t.tag);
    }
  });
  return { data, tags, extraTags, classes: { src, dst } };
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

// ---------------------------------------------------------------------------------------------
// How rules of the policy IR and required flows occupy the packet space.

type AddressList = readonly string[] | 'any';

const WHOLE: Record<AddressFamily, Interval> = {
  ipv4: { lo: 0n, hi: familyMax('ipv4') },
  ipv6: { lo: 0n, hi: familyMax('ipv6') },
};

/** Per family, the merged intervals of an address list ('any': the whole family). */
function addressSets(list: AddressList, families: readonly AddressFamily[]): Record<AddressFamily, readonly Interval[]> {
  const out: Record<AddressFamily, Interval[]> = { ipv4: [], ipv6: [] };
  if (list === 'any') {
    for (const f of families) out[f].push(WHOLE[f]);
    return out;
  }
  for (const text of list) {
    const r = parseAddress(text);
    if (!families.includes(r.family)) throw new InputError(`address ${text} is ${r.family}, but the match is ${families.join('/')} only`);
    out[r.family].push({ lo: r.lo, hi: r.hi });
  }
  // One address needs no merging; most rules have one.
  if (out.ipv4.length > 1) out.ipv4 = [...IntervalSet.from(out.ipv4).intervals];
  if (out.ipv6.length > 1) out.ipv6 = [...IntervalSet.from(out.ipv6).intervals];
  return out;
}

const ALL_PORTS: readonly PortSpan[] = [{ from: 0, to: MAX_PORT }];

function portSpans(ports: 'any' | readonly PortSpan[]): readonly PortSpan[] {
  if (ports === 'any') return ALL_PORTS;
  for (const p of ports) {
    if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && 0 <= p.from && p.from <= p.to && p.to <= MAX_PORT)) {
      throw new InputError(`bad port range ${p.from}-${p.to}`);
    }
  }
  if (ports.length === 1) return [{ from: ports[0]!.from, to: ports[0]!.to }];
  return IntervalSet.from(ports.map((p) => ({ lo: BigInt(p.from), hi: BigInt(p.to) }))).intervals.map((i) => ({ from: Number(i.lo), to: Number(i.hi) }));
}

/**
 * What a rule or a flow matches in one plane, before it is cut into boxes: the product of a
 * list per dimension (merged, ascending intervals).
 */
export interface SetBox {
  family: AddressFamily;
  protocol: Protocol;
  src: readonly Interval[];
  srcPorts: readonly PortSpan[];
  dst: readonly Interval[];
  dstPorts: readonly PortSpan[];
}

/** A set box with the number of what it belongs to. */
export interface TaggedSetBox {
  set: SetBox;
  tag: number;
}

/** How many boxes a set box is. */
export function setBoxSize(s: SetBox): number {
  return s.src.length * s.srcPorts.length * s.dst.length * s.dstPorts.length;
}

/** A set box as disjoint boxes. */
export function expandSetBox(s: SetBox): Box[] {
  const out: Box[] = [];
  const { family, protocol } = s;
  for (const si of s.src) for (const spi of s.srcPorts) for (const di of s.dst) for (const dpi of s.dstPorts) {
    out.push({ family, protocol, src: si, srcPorts: spi, dst: di, dstPorts: dpi });
  }
  return out;
}

/** The per-dimension lists as one set box per family and protocol (none where a list is empty). */
function setBoxes(
  families: readonly AddressFamily[],
  protocols: readonly Protocol[],
  src: AddressList,
  srcPorts: 'any' | readonly PortSpan[],
  dst: AddressList,
  dstPorts: 'any' | readonly PortSpan[],
): SetBox[] {
  const s = addressSets(src, families);
  const d = addressSets(dst, families);
  const sp = portSpans(srcPorts);
  const dp = portSpans(dstPorts);
  const out: SetBox[] = [];
  for (const family of families) {
    for (const protocol of protocols) {
      const set = { family, protocol, src: s[family], srcPorts: sp, dst: d[family], dstPorts: dp };
      if (setBoxSize(set) > 0) out.push(set);
    }
  }
  return out;
}

const BOTH_FAMILIES: readonly AddressFamily[] = ['ipv4', 'ipv6'];
const BOTH_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP'];

const IPV4_MAX = 4294967295;

/**
 * A plain IPv4 address or CIDR block (no leading zeros, prefix of one or two digits) as
 * [lo, hi], the way parseAddress reads it; undefined for anything else (parseAddress decides).
 */
function simpleIPv4(text: string, out: number[]): boolean {
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

const simpleAddress = (m: PolicyRule['source'], out: number[]): boolean => {
  if (m.any) {
    out.push(0, IPV4_MAX);
    return true;
  }
  return m.addresses.length === 1 && simpleIPv4(m.addresses[0]!, out);
};

const simplePorts = (m: PolicyRule['sourcePorts'], out: number[]): boolean => {
  if (m.any) {
    out.push(0, MAX_PORT);
    return true;
  }
  if (m.ports.length !== 1) return false;
  const p = m.ports[0]!;
  if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && 0 <= p.from && p.from <= p.to && p.to <= MAX_PORT)) return false;
  out.push(p.from, p.to);
  return true;
};

const simpleScratch: number[] = [];

/**
 * An IPv4 rule of one box per protocol (one address or any a side, one port range or any):
 * its boxes straight into the planes, as ruleBoxes would make them. False: not that simple.
 */
function pushSimpleRule(planes: { data: PlaneData; tags: number[] }[], rule: PolicyRule, tag: number): boolean {
  if (rule.family !== 'ipv4') return false;
  const v = simpleScratch;
  v.length = 0;
  if (!simpleAddress(rule.source, v) || !simplePorts(rule.sourcePorts, v) || !simpleAddress(rule.destination, v) || !simplePorts(rule.destinationPorts, v)) return false;
  for (const protocol of rule.transport === 'any' ? BOTH_PROTOCOLS : [rule.transport]) {
    const p = planes[planeOf('ipv4', protocol)]!;
    p.data.n++;
    p.data.ports.push(v[2]!, v[3]!, v[6]!, v[7]!);
    p.data.addr4.push(v[0]!, v[1]!, v[4]!, v[5]!);
    p.tags.push(tag);
  }
  return true;
}

/** What a rule matches, as disjoint boxes (none when an address or port list is empty). */
export function ruleBoxes(rule: PolicyRule): Box[] {
  return ruleSetBoxes(rule).flatMap(expandSetBox);
}

/** What a rule matches, one set box per plane it reaches. */
export function ruleSetBoxes(rule: PolicyRule): SetBox[] {
  try {
    return setBoxes(
      rule.family === 'any' ? BOTH_FAMILIES : [rule.family],
      rule.transport === 'any' ? BOTH_PROTOCOLS : [rule.transport],
      rule.source.any ? 'any' : rule.source.addresses,
      rule.sourcePorts.any ? 'any' : rule.sourcePorts.ports,
      rule.destination.any ? 'any' : rule.destination.addresses,
      rule.destinationPorts.any ? 'any' : rule.destinationPorts.ports,
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const o = rule.origin;
    throw new InputError(`rule ${rule.id}: ${e.message}`, o && { file: o.file, line: o.line, col: 1 });
  }
}

/** The packets a required flow needs, as disjoint boxes. */
export function flowBoxes(flow: Flow): Box[] {
  return flowSetBoxes(flow).flatMap(expandSetBox);
}

/** The packets a required flow needs, one set box per plane. */
export function flowSetBoxes(flow: Flow): SetBox[] {
  try {
    return setBoxes(
      flow.family === 'any' ? BOTH_FAMILIES : [flow.family],
      [flow.transport],
      flow.source === 'Any' ? 'any' : flow.source,
      flow.sourcePort === 'Any' ? 'any' : [flow.sourcePort],
      flow.destination === 'Any' ? 'any' : flow.destination,
      flow.destinationPort === 'Any' ? 'any' : [flow.destinationPort],
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(`flow ${flow.requirement}: ${e.message}`);
  }
}

/** Every rule's boxes in rule order, tagged with the rule's position. */
export function policyBoxes(policy: Policy): TaggedBox[] {
  return policy.rules.flatMap((rule, tag) => ruleBoxes(rule).map((box) => ({ box, tag })));
}
