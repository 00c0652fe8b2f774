// Over-permission: packets the policy accepts (first match) that no required flow needs, as
// concrete ranges with the rule that accepts them, ranked by how dangerous the opening is.
import type { AddressFamily } from '../net/family.ts';
import type { Flow } from '../flows/types.ts';
import type { Policy, PolicyRule } from '../policy/types.ts';
import { formatRange, isWholeFamily, parseAddress, type AddressRange } from '../net/address.ts';
import { accepts, deciderOf, type Decider } from './coverage.ts';
import type { Interval } from '../net/interval-set.ts';
import { PLANES, boxSample, type Box, type Packet, type PortSpan, type Protocol, type SetBox } from './box.ts';
import { coalesceRows } from './packet-space.ts';
import { flowSetBoxes } from './ir-boxes.ts';
import { FirstMatchIndex, type CellCodec, type FirstMatchLeaf } from './first-match.ts';

export type Risk = 'high' | 'medium' | 'low';

/** Remote administration and database ports: open to the internet they are the usual way in. */
export const MANAGEMENT_PORTS: readonly number[] = [22, 23, 135, 445, 1433, 1434, 3389, 5985, 5986];

export interface OverPermitOptions {
  /** The corporate (inside) networks, as CIDRs of either family. Any source to them is high risk. */
  corporateNetworks?: readonly string[];
  /** Ports whose exposure to any source is high risk; default MANAGEMENT_PORTS. */
  managementPorts?: readonly number[];
  /** At most this many ranges are listed per finding (rangeCount tells the total); default 20. */
  maxRanges?: number;
}

/** One box of over-permitted packets; addresses as an address, a CIDR block or `first-last`. */
export interface PermittedRange {
  source: string;
  sourcePorts: PortSpan;
  destination: string;
  destinationPorts: PortSpan;
}

export interface OverPermission {
  /** The rule that accepts these packets (or the default policy). */
  rule: Decider;
  risk: Risk;
  /** Why the risk is what it is, most serious first. */
  reasons: string[];
  family: AddressFamily;
  protocol: Protocol;
  /** Disjoint, merged ranges, largest first; at most maxRanges of the rangeCount. */
  ranges: PermittedRange[];
  rangeCount: number;
  /** One concrete packet the policy accepts though no flow needs it. */
  example: Packet;
}

/** A source at least this wide counts as wide open. */
const WIDE_SOURCE_PREFIX: Record<AddressFamily, number> = { ipv4: 8, ipv6: 32 };
const WIDE_SOURCE_SIZE: Record<AddressFamily, bigint> = { ipv4: 1n << 24n, ipv6: 1n << 96n };
const WIDE_PORT_SPAN = 1024;

/** Collects the accepted-but-not-required parts of the regions of a first-match partition. */
export class OverPermitCollector {
  /** Per plane: the accepted, unneeded regions as they come, with their deciding rule. */
  private readonly planes: { codec?: CellCodec; tags: number[]; flat: Int32Array }[] = [0, 1, 2, 3].map(() => ({ tags: [], flat: new Int32Array(64) }));

  private readonly corporate: { text: string; r: AddressRange }[];
  private readonly management: number[];
  /** Per rule position, 1 when it accepts (read for every region: kept compact). */
  private readonly accepting: Uint8Array;
  private readonly defaultAccepts: boolean;

  constructor(
    private readonly policy: Policy,
    private readonly options: OverPermitOptions = {},
    /** A composed policy (audit/base-chains.ts): copies of one rule are one finding, judged on the rule as written. */
    private readonly composed?: { canonical: Int32Array; written: readonly (PolicyRule | undefined)[] },
  ) {
    this.corporate = (options.corporateNetworks ?? []).map((text) => ({ text, r: parseAddress(text) }));
    this.management = [...new Set(options.managementPorts ?? MANAGEMENT_PORTS)].sort((a, b) => a - b);
    this.accepting = new Uint8Array(policy.rules.length);
    for (let i = 0; i < policy.rules.length; i++) this.accepting[i] = accepts(policy, i) ? 1 : 0;
    this.defaultAccepts = accepts(policy, -1);
  }

  /** Riders of the partition must be the required flows (any tags). */
  onLeaf(leaf: FirstMatchLeaf): void {
    const d = leaf.decider >= 0 && this.composed ? this.composed.canonical[leaf.decider]! : leaf.decider;
    if (!(d < 0 ? this.defaultAccepts : this.accepting[d] === 1)) return;
    const plane = this.planes[leaf.codec.plane]!;
    plane.codec = leaf.codec;
    // Kept flat, 8 numbers a region: hundreds of thousands of small arrays would burden the GC.
    if (leaf.riders.length === 0) {
      const at = 8 * plane.tags.length;
      plane.tags.push(d);
      if (plane.flat.length < at + 8) plane.flat = grow(plane.flat, at + 8);
      leaf.copyRegion(plane.flat, at);
    } else {
      for (const c of leaf.uncoveredCells()) {
        const at = 8 * plane.tags.length;
        plane.tags.push(d);
        if (plane.flat.length < at + 8) plane.flat = grow(plane.flat, at + 8);
        for (let k = 0; k < 8; k++) plane.flat[at + k] = c[k]!;
      }
    }
  }

  results(): OverPermission[] {
    const rules = this.policy.rules.length;
    const max = this.options.maxRanges ?? 20;
    // Bucket the regions by rule (linked lists, O(n)); the default policy's bucket goes last.
    const buckets = this.planes.map(({ tags }) => {
      const head = new Int32Array(rules + 1).fill(-1);
      const next = new Int32Array(tags.length);
      for (let i = tags.length - 1; i >= 0; i--) {
        const b = tags[i]! < 0 ? rules : tags[i]!;
        next[i] = head[b]!;
        head[b] = i;
      }
      return { head, next };
    });
    let rows = new Int32Array(1024);
    // Grouped by risk as they come: within a risk, rule order then plane order.
    const high: OverPermission[] = [];
    const medium: OverPermission[] = [];
    const low: OverPermission[] = [];
    for (let b = 0; b <= rules; b++) {
      const tag = b === rules ? -1 : b;
      for (let pi = 0; pi < this.planes.length; pi++) {
        const { head, next } = buckets[pi]!;
        if (head[b]! < 0) continue;
        const { codec, flat } = this.planes[pi]!;
        let merged: SetBox[];
        if (next[head[b]!]! < 0) {
          merged = [codec!.expand(flat, 8 * head[b]!)];
        } else {
          let count = 0;
          for (let i = head[b]!; i >= 0; i = next[i]!) count++;
          if (rows.length < 8 * count) rows = new Int32Array(Math.max(16 * count, 2 * rows.length));
          let w = 0;
          for (let i = head[b]!; i >= 0; i = next[i]!) {
            const o = 8 * i;
            for (let k = 0; k < 8; k++) rows[w++] = flat[o + k]!;
          }
          const left = coalesceRows(rows, count);
          merged = [];
          for (let j = 0; j < left; j++) merged.push(codec!.expand(rows, 8 * j));
        }
        const { ranked, count: rangeCount } = largest(merged, Math.max(max, 1));
        const { risk, reasons } = assess(tag < 0 ? undefined : this.composed ? this.composed.written[tag] : this.policy.rules[tag], merged, this.corporate, this.management);
        const ranges: PermittedRange[] = [];
        for (let i = 0; i < ranked.length && i < max; i++) ranges.push(toRange(ranked[i]!));
        (risk === 'high' ? high : risk === 'medium' ? medium : low).push({
          rule: deciderOf(this.policy, tag),
          risk,
          reasons,
          family: PLANES[pi]!.family,
          protocol: PLANES[pi]!.protocol,
          ranges,
          rangeCount,
          example: boxSample(ranked[0]!),
        });
      }
    }
    for (const o of medium) high.push(o);
    for (const o of low) high.push(o);
    return high;
  }
}

/**
 * The k largest boxes of products of lists (big ranges first: they are what a reader needs to
 * see; ties in the order given), and how many boxes they are in all. Only the k widest of each
 * list can make one of the k largest products, so a product of two long lists costs their
 * length, not the product.
 */
function largest(products: readonly SetBox[], k: number): { ranked: Box[]; count: number } {
  const widest = (xs: readonly Interval[]) => (xs.length <= k ? xs : [...xs].sort((a, b) => (b.hi - b.lo > a.hi - a.lo ? 1 : b.hi - b.lo < a.hi - a.lo ? -1 : 0)).slice(0, k));
  const candidates: Box[] = [];
  let count = 0;
  for (const p of products) {
    count += p.src.length * p.dst.length * p.srcPorts.length * p.dstPorts.length;
    for (const src of widest(p.src)) for (const srcPorts of p.srcPorts) for (const dst of widest(p.dst)) for (const dstPorts of p.dstPorts) {
      candidates.push({ family: p.family, protocol: p.protocol, src, srcPorts, dst, dstPorts });
    }
  }
  if (candidates.length === 1) return { ranked: candidates, count };
  const sized = candidates.map((box) => ({ box, size: boxSize(box) }));
  sized.sort((x, y) => (x.size > y.size ? -1 : x.size < y.size ? 1 : 0));
  return { ranked: sized.map((x) => x.box), count };
}

function grow(a: Int32Array, need: number): Int32Array {
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/** Packets in a box: a number while that is exact (IPv4, mostly), a bigint beyond. Both compare exactly. */
function boxSize(b: Box): number | bigint {
  const sp = b.srcPorts.to - b.srcPorts.from + 1;
  const dp = b.dstPorts.to - b.dstPorts.from + 1;
  if (b.family === 'ipv4') {
    const s = Number(b.src.hi) - Number(b.src.lo) + 1;
    const d = Number(b.dst.hi) - Number(b.dst.lo) + 1;
    const n = s * sp * d * dp;
    if (n <= Number.MAX_SAFE_INTEGER) return n;
    return BigInt(s) * BigInt(sp) * BigInt(d) * BigInt(dp);
  }
  return (b.src.hi - b.src.lo + 1n) * BigInt(sp) * (b.dst.hi - b.dst.lo + 1n) * BigInt(dp);
}

function toRange(b: Box): PermittedRange {
  return {
    source: formatRange(b.family, b.src.lo, b.src.hi),
    sourcePorts: b.srcPorts,
    destination: formatRange(b.family, b.dst.lo, b.dst.hi),
    destinationPorts: b.dstPorts,
  };
}

/** True when the match is all of the family (any, or 0.0.0.0/0, ::/0 written out). */
function matchesWholeFamily(rule: PolicyRule | undefined, side: 'source' | 'destination', family: AddressFamily): boolean {
  const m = rule?.[side];
  if (!m || m.any) return true;
  // Only a /0 (or a range) can be the whole family: skip parsing the rest.
  return m.addresses.some((a) => {
    if (!a.endsWith('/0') && !a.includes('-')) return false;
    const r = parseAddress(a);
    return r.family === family && isWholeFamily(family, r.lo, r.hi);
  });
}

/**
 * Risk of what a rule over-permits. High: any to any; any source to a management port; any
 * source into the corporate network. Medium: a management port from anywhere narrower, a very
 * wide source, any source to other destinations, or a wide port range. Low: the rest.
 * "Any source" is judged on the rule as written: what it was meant to open is the exposure.
 */
function assess(
  rule: PolicyRule | undefined,
  boxes: readonly SetBox[],
  corporateNetworks: readonly { text: string; r: AddressRange }[],
  mgmt: readonly number[],
): { risk: Risk; reasons: string[] } {
  const family = boxes[0]!.family;
  const anySource = matchesWholeFamily(rule, 'source', family);
  const anyDestination = matchesWholeFamily(rule, 'destination', family);
  const mgmtHit: number[] = [];
  const corpHit: string[] = [];
  let widest = 0n;
  let widePorts = false;
  for (const p of mgmt) {
    if (boxes.some((b) => b.dstPorts.some((s) => s.from <= p && p <= s.to))) mgmtHit.push(p);
  }
  for (const c of corporateNetworks) {
    if (c.r.family !== family) continue;
    if (boxes.some((b) => b.dst.some((d) => d.lo <= c.r.hi && c.r.lo <= d.hi))) corpHit.push(c.text);
  }
  for (const b of boxes) {
    for (const s of b.src) if (s.hi - s.lo + 1n > widest) widest = s.hi - s.lo + 1n;
    if (b.dstPorts.some((d) => d.to - d.from + 1 > WIDE_PORT_SPAN)) widePorts = true;
  }
  const wideSource = widest >= WIDE_SOURCE_SIZE[family];
  const high: string[] = [];
  const medium: string[] = [];
  if (anySource && anyDestination) high.push('any source to any destination');
  if (anySource && mgmtHit.length > 0) high.push(`any source to management port ${mgmtHit.join(', ')}`);
  if (anySource && corpHit.length > 0) high.push(`any source into the corporate network ${corpHit.join(', ')}`);
  if (!anySource && mgmtHit.length > 0) medium.push(`management port ${mgmtHit.join(', ')}`);
  if (anySource && high.length === 0) medium.push('any source');
  if (!anySource && wideSource) medium.push(`wide source (a /${WIDE_SOURCE_PREFIX[family]} or wider)`);
  if (widePorts) medium.push(`wide destination port range (more than ${WIDE_PORT_SPAN} ports)`);
  if (high.length > 0) return { risk: 'high', reasons: [...high, ...medium] };
  if (medium.length > 0) return { risk: 'medium', reasons: medium };
  return { risk: 'low', reasons: ['accepted but not required by any flow'] };
}

/** Over-permission of a policy against the required flows, ranked by risk then rule order. */
export function findOverPermissions(policy: Policy, flows: readonly Flow[], options: OverPermitOptions = {}): OverPermission[] {
  const c = new OverPermitCollector(policy, options);
  const riders = flows.flatMap((flow, tag) => flowSetBoxes(flow).map((set) => ({ set, tag })));
  FirstMatchIndex.ofPolicy(policy, riders).partition((leaf) => c.onLeaf(leaf));
  return c.results();
}

