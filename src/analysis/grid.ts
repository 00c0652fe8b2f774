// Coordinates of a plane: each dimension cut into the elementary intervals every box boundary
// makes, so boxes become small integer cells, and the median cuts the divide and conquer of
// packet-space.ts and first-match.ts split regions at.
import { familyMax, type AddressFamily } from '../net/family.ts';
import { type Box, MAX_PORT, type Protocol } from './box.ts';

export const DIMS = 4; // 0 source address, 1 source port, 2 destination address, 3 destination port

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
export interface PlaneData {
  n: number;
  ports: number[];
  addr4: number[];
  addr6: bigint[];
}

export const emptyPlaneData = (): PlaneData => ({ n: 0, ports: [], addr4: [], addr6: [] });

export function pushBox(data: PlaneData, b: Box): void {
  data.n++;
  data.ports.push(b.srcPorts.from, b.srcPorts.to, b.dstPorts.from, b.dstPorts.to);
  if (b.family === 'ipv4') data.addr4.push(Number(b.src.lo), Number(b.src.hi), Number(b.dst.lo), Number(b.dst.hi));
  else data.addr6.push(b.src.lo, b.src.hi, b.dst.lo, b.dst.hi);
}

export function planeData(boxes: readonly Box[]): PlaneData {
  const data = emptyPlaneData();
  for (const b of boxes) pushBox(data, b);
  return data;
}

export class Grid {
  readonly axes: Axis[];
  readonly coords: Int32Array;

  constructor(
    readonly family: AddressFamily,
    readonly protocol: Protocol,
    data: PlaneData,
  ) {
    const n = data.n;
    const smallAddresses = family === 'ipv4';
    const max = familyMax(family);
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
        v[2 * n + 1] = Number(max) + 1;
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

export function covers(c: Int32Array, b: number, r: Cells): boolean {
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
export let cutDim = 0;

/**
 * A cut strictly inside region r along one dimension, taken from the boundaries of boxes that
 * reach into r without covering it (at least one such box must be given): the median of a
 * sample, on the dimension where those boxes have the most boundaries, keeps the tree balanced.
 * Returns c and sets cutDim to d: the halves are [r.lo, c-1] and [c, r.hi] on dimension d.
 */
export function chooseCut(c: Int32Array, r: Cells, ids: ArrayLike<number>, from: number, to: number): number {
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

export function halves(r: Cells, d: number, cut: number): [Cells, Cells] {
  const left = r.slice();
  const right = r.slice();
  left[2 * d + 1] = cut - 1;
  right[2 * d] = cut;
  return [left, right];
}

export function splitList(c: Int32Array, ids: readonly number[], d: number, cut: number): [number[], number[]] {
  const left: number[] = [];
  const right: number[] = [];
  for (const b of ids) {
    if (c[8 * b + 2 * d]! < cut) left.push(b);
    if (c[8 * b + 2 * d + 1]! >= cut) right.push(b);
  }
  return [left, right];
}
