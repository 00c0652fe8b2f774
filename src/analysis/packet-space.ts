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
class Grid {
  readonly axes: Axis[];
  readonly coords: Int32Array;

  constructor(
    readonly family: AddressFamily,
    readonly protocol: Protocol,
    boxes: readonly Box[],
  ) {
    const n = boxes.length;
    const smallAddresses = family === 'ipv4';
    const max = familyMax(family);
    // Every lo and every hi+1 is a cut, and so are both ends of the dimension.
    const port = (get: (b: Box) => PortSpan) => {
      const v = new Float64Array(2 * n + 2);
      boxes.forEach((b, i) => {
        const p = get(b);
        v[2 * i] = p.from;
        v[2 * i + 1] = p.to + 1;
      });
      v[2 * n + 1] = MAX_PORT + 1;
      return new Axis(v, undefined);
    };
    const address = (get: (b: Box) => Interval) => {
      if (smallAddresses) {
        const v = new Float64Array(2 * n + 2);
        boxes.forEach((b, i) => {
          const a = get(b);
          v[2 * i] = Number(a.lo);
          v[2 * i + 1] = Number(a.hi) + 1;
        });
        v[2 * n + 1] = Number(max) + 1;
        return new Axis(v, undefined);
      }
      const v: bigint[] = [0n, max + 1n];
      for (const b of boxes) {
        const a = get(b);
        v.push(a.lo, a.hi + 1n);
      }
      return new Axis(undefined, v);
    };
    this.axes = [address((b) => b.src), port((b) => b.srcPorts), address((b) => b.dst), port((b) => b.dstPorts)];
    const [sa, spa, da, dpa] = this.axes as [Axis, Axis, Axis, Axis];
    const c = new Int32Array(8 * n);
    boxes.forEach((b, i) => {
      const o = 8 * i;
      if (smallAddresses) {
        c[o] = sa.indexOf(Number(b.src.lo));
        c[o + 1] = sa.indexOf(Number(b.src.hi) + 1) - 1;
        c[o + 4] = da.indexOf(Number(b.dst.lo));
        c[o + 5] = da.indexOf(Number(b.dst.hi) + 1) - 1;
      } else {
        c[o] = sa.indexOfBig(b.src.lo);
        c[o + 1] = sa.indexOfBig(b.src.hi + 1n) - 1;
        c[o + 4] = da.indexOfBig(b.dst.lo);
        c[o + 5] = da.indexOfBig(b.dst.hi + 1n) - 1;
      }
      c[o + 2] = spa.indexOf(b.srcPorts.from);
      c[o + 3] = spa.indexOf(b.srcPorts.to + 1) - 1;
      c[o + 6] = dpa.indexOf(b.dstPorts.from);
      c[o + 7] = dpa.indexOf(b.dstPorts.to + 1) - 1;
    });
    this.coords = c;
  }

  whole(): Cells {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let d = 0; d < DIMS; d++) r[2 * d + 1] = this.axes[d]!.cells - 1;
    return r;
  }

  /** The box of the 8 cell coordinates at r[at..at+7]. */
  decode(r: ArrayLike<number>, at = 0): Box {
    const [sa, spa, da, dpa] = this.axes as [Axis, Axis, Axis, Axis];
    return {
      family: this.family,
      protocol: this.protocol,
      src: { lo: sa.cut(r[at]!), hi: sa.last(r[at + 1]!) },
      srcPorts: { from: spa.cutNumber(r[at + 2]!), to: spa.cutNumber(r[at + 3]! + 1) - 1 },
      dst: { lo: da.cut(r[at + 4]!), hi: da.last(r[at + 5]!) },
      dstPorts: { from: dpa.cutNumber(r[at + 6]!), to: dpa.cutNumber(r[at + 7]! + 1) - 1 },
    };
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
function chooseCut(c: Int32Array, r: Cells, ids: readonly number[], from: number, to: number): number {
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
    const grid = new Grid(plane.family, plane.protocol, all);
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
  const grid = new Grid(boxes[0]!.family, boxes[0]!.protocol, boxes);
  const coords = grid.coords;
  const cells = boxes.map((_, i) => Array.from(coords.subarray(8 * i, 8 * i + 8)));
  return coalesceCells(cells).map((c) => grid.decode(c));
}

/** coalesce() in cell coordinates (cheap integer compares); result in a deterministic order. */
export function coalesceCells(input: readonly Cells[]): Cells[] {
  let cur: Cells[] = input.map((c) => c.slice());
  for (let changed = true; changed; ) {
    changed = false;
    for (let d = 0; d < DIMS; d++) {
      const lo = 2 * d;
      // Sorted by the other dimensions, then along d: mergeable boxes become neighbours.
      cur.sort((a, b) => {
        for (let k = 0; k < 8; k++) {
          if (k === lo || k === lo + 1) continue;
          if (a[k] !== b[k]) return a[k]! - b[k]!;
        }
        return a[lo]! - b[lo]!;
      });
      const next: Cells[] = [];
      for (const b of cur) {
        const last = next[next.length - 1];
        if (last && last[lo + 1]! + 1 === b[lo] && sameExcept(last, b, lo)) {
          last[lo + 1] = b[lo + 1]!;
          changed = true;
        } else next.push(b);
      }
      cur = next;
    }
  }
  return cur.sort((a, b) => {
    for (let k = 0; k < 8; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return 0;
  });
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
function pairwiseDisjoint(c: Int32Array, ids: readonly number[], r: Cells): boolean {
  for (let i = 0; i < ids.length; i++) {
    const a = 8 * ids[i]!;
    for (let j = i + 1; j < ids.length; j++) {
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
  const o = 8 * b;
  const out = r.slice();
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

  constructor(rules: readonly TaggedBox[], extra: readonly TaggedBox[] = []) {
    this.planes = PLANES.map((plane, pi) => {
      const pr = rules.filter((t) => planeOf(t.box.family, t.box.protocol) === pi);
      const pe = extra.filter((t) => planeOf(t.box.family, t.box.protocol) === pi);
      const grid = new Grid(plane.family, plane.protocol, [...pr.map((t) => t.box), ...pe.map((t) => t.box)]);
      return { grid, ruleTag: pr.map((t) => t.tag), extraTag: pe.map((t) => t.tag) };
    });
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
      };

      const walk = (r: Cells, ids: number[], rids: number[]): void => {
        // Rules after the first one covering the region can never match inside it.
        let cover = -1;
        for (let k = 0; k < ids.length; k++) {
          if (covers(coords, ids[k]!, r)) {
            cover = k;
            break;
          }
        }
        const head = ids[0];
        if (head === undefined || cover === 0) {
          const skip = rids.length === 0 && (options.onlyWhereRiders || (options.skipDefault && head === undefined));
          if (!skip) {
            region = r;
            decider = head === undefined ? -1 : ruleTag[head]!;
            riderIds = rids;
            onLeaf(leaf);
          }
          return;
        }
        if (rids.length === 0) {
          if (options.onlyWhereRiders) return;
          if (options.skipDefault && cover < 0 && ids.length <= SMALL_LIST && pairwiseDisjoint(coords, ids, r)) {
            // A few disjoint boxes and nothing else: each decides exactly its part of the region.
            riderIds = rids;
            for (const b of ids) {
              region = clip(coords, b, r);
              decider = ruleTag[b]!;
              onLeaf(leaf);
            }
            return;
          }
        }
        // Boxes before the covering one reach in without covering: they choose the cut.
        const end = cover < 0 ? ids.length : cover + 1;
        // Few boxes left: carve out the first one (fewer pieces); many: balance the tree.
        const partial = cover < 0 ? ids.length : cover;
        const cut = chooseCut(coords, r, ids, 0, partial <= CARVE_BELOW ? 1 : partial);
        const d = cutDim;
        const kept = end === ids.length ? ids : ids.slice(0, end);
        const [li, ri] = splitList(coords, kept, d, cut);
        const [ld, rd] = rids.length === 0 ? [rids, rids] : splitList(coords, rids, d, cut);
        // The region is cut in place and restored: no copies on the way down.
        const lo = r[2 * d]!;
        const hi = r[2 * d + 1]!;
        r[2 * d + 1] = cut - 1;
        walk(r, li, ld);
        r[2 * d + 1] = hi;
        r[2 * d] = cut;
        walk(r, ri, rd);
        r[2 * d] = lo;
      };

      walk(grid.whole(), ruleTag.map((_, i) => i), rid);
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

/** The product of per-dimension lists as disjoint boxes. */
function product(
  families: readonly AddressFamily[],
  protocols: readonly Protocol[],
  src: AddressList,
  srcPorts: 'any' | readonly PortSpan[],
  dst: AddressList,
  dstPorts: 'any' | readonly PortSpan[],
): Box[] {
  const s = addressSets(src, families);
  const d = addressSets(dst, families);
  const sp = portSpans(srcPorts);
  const dp = portSpans(dstPorts);
  const out: Box[] = [];
  for (const family of families) {
    for (const protocol of protocols) {
      for (const si of s[family]) for (const spi of sp) for (const di of d[family]) for (const dpi of dp) {
        out.push({ family, protocol, src: si, srcPorts: spi, dst: di, dstPorts: dpi });
      }
    }
  }
  return out;
}

const BOTH_FAMILIES: readonly AddressFamily[] = ['ipv4', 'ipv6'];
const BOTH_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP'];

/** What a rule matches, as disjoint boxes (none when an address or port list is empty). */
export function ruleBoxes(rule: PolicyRule): Box[] {
  try {
    return product(
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
  try {
    return product(
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
