// The tuple meaning of flows and of a policy's accept rules, so the two can be compared exactly.
// A tuple box is (direction, family, transport) × source × source port × destination ×
// destination port, each an inclusive interval. Comparison cuts every dimension at the
// boundaries both sides use, so the result is exact (no sampling), and pure.
import type { Direction, PortSpec, Transport } from '../catalog/types.ts';
import type { Flow } from '../flows/types.ts';
import { formatHost, parseCidr } from '../net/address.ts';
import { familyMax, type AddressFamily } from '../net/family.ts';
import type { Interval } from '../net/interval-set.ts';
import type { AddressMatch, Policy, PortMatch } from './types.ts';

export interface TupleBox {
  direction: Direction;
  family: AddressFamily;
  transport: Transport;
  source: Interval;
  sourcePort: Interval;
  destination: Interval;
  destinationPort: Interval;
}

export interface Comparison {
  /** Tuples the flows need that the policy does not accept. */
  missing: TupleBox[];
  /** Tuples the policy accepts that no flow needs (over-permissive). */
  excess: TupleBox[];
  equal: boolean;
}

// ---- expansion ------------------------------------------------------------------------------

const FULL_PORTS: Interval = { lo: 0n, hi: 65535n };
const fullAddresses = (f: AddressFamily): Interval => ({ lo: 0n, hi: familyMax(f) });
const familiesOf = (f: AddressFamily | 'any'): AddressFamily[] => (f === 'any' ? ['ipv4', 'ipv6'] : [f]);

function addressIntervals(list: readonly string[] | 'Any', family: AddressFamily, strict: boolean): Interval[] {
  if (list === 'Any') return [fullAddresses(family)];
  const out: Interval[] = [];
  for (const a of list) {
    const p = parseCidr(a);
    if (p.family === family) out.push({ lo: p.lo, hi: p.hi });
    else if (strict) throw new Error(`address ${a} is not ${family}`);
  }
  return out;
}

const portSpec = (p: PortSpec): Interval[] =>
  p === 'Any' ? [FULL_PORTS] : [{ lo: BigInt(p.from), hi: BigInt(p.to) }];
const portMatch = (p: PortMatch): Interval[] =>
  p.any ? [FULL_PORTS] : p.ports.map((r) => ({ lo: BigInt(r.from), hi: BigInt(r.to) }));
const addrMatch = (m: AddressMatch, f: AddressFamily): Interval[] =>
  addressIntervals(m.any ? 'Any' : m.addresses, f, false);

function product(
  head: Omit<TupleBox, 'source' | 'sourcePort' | 'destination' | 'destinationPort'>,
  s: Interval[], sp: Interval[], d: Interval[], dp: Interval[],
): TupleBox[] {
  const out: TupleBox[] = [];
  for (const source of s) for (const sourcePort of sp) for (const destination of d) for (const destinationPort of dp)
    out.push({ ...head, source, sourcePort, destination, destinationPort });
  return out;
}

/** A flow's family; one naming unresolved hosts has no packets yet (callers refuse it first: flows/unresolved.ts). */
export function resolvedFamily(f: Flow): AddressFamily | 'any' {
  if (f.family === 'unresolved') throw new Error(`flow ${f.requirement} names unresolved hosts`);
  return f.family;
}

/** The tuples the flows need. A family-`any` flow (Any to Any) covers both families. */
export function expandFlows(flows: readonly Flow[]): TupleBox[] {
  return flows.flatMap((f) =>
    familiesOf(resolvedFamily(f)).flatMap((family) =>
      product(
        { direction: f.direction, family, transport: f.transport },
        addressIntervals(f.source, family, f.family !== 'any'),
        portSpec(f.sourcePort),
        addressIntervals(f.destination, family, f.family !== 'any'),
        portSpec(f.destinationPort),
      ),
    ),
  );
}

/** The tuples a policy's accept rules let through (drop/reject rules are not modelled: the
 * policies built here have none, and a parsed policy with them needs the analysis module). */
export function expandPolicy(policy: Policy): TupleBox[] {
  if (policy.rules.some((r) => r.action !== 'accept')) {
    throw new Error(`policy ${policy.firewall} has drop/reject rules; expandPolicy models accept-only policies`);
  }
  return policy.rules.flatMap((r) =>
    familiesOf(r.family).flatMap((family) =>
      (r.transport === 'any' ? (['TCP', 'UDP'] as Transport[]) : [r.transport]).flatMap((transport) =>
        product(
          { direction: r.direction, family, transport },
          addrMatch(r.source, family),
          portMatch(r.sourcePorts),
          addrMatch(r.destination, family),
          portMatch(r.destinationPorts),
        ),
      ),
    ),
  );
}

// ---- comparison -----------------------------------------------------------------------------

const DIMS = ['source', 'sourcePort', 'destination', 'destinationPort'] as const;
/** Guard against comparisons that would enumerate an absurd number of cells. */
const MAX_CELLS = 20_000_000;

/** Exact comparison of two tuple sets; missing = in `required` but not `allowed`, excess = the reverse. */
export function compareBoxes(allowed: readonly TupleBox[], required: readonly TupleBox[]): Comparison {
  const groups = new Map<string, { a: TupleBox[]; r: TupleBox[] }>();
  const add = (b: TupleBox, side: 'a' | 'r') => {
    const k = `${b.direction}|${b.family}|${b.transport}`;
    if (!groups.has(k)) groups.set(k, { a: [], r: [] });
    groups.get(k)![side].push(b);
  };
  allowed.forEach((b) => add(b, 'a'));
  required.forEach((b) => add(b, 'r'));
  const missing: TupleBox[] = [];
  const excess: TupleBox[] = [];
  for (const k of [...groups.keys()].sort()) {
    const { a, r } = groups.get(k)!;
    const all = [...a, ...r];
    // Elementary segments per dimension: cut at every interval start and after every end.
    const cuts = DIMS.map((d) => [...new Set(all.flatMap((b) => [b[d].lo, b[d].hi + 1n]))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    const cells = (boxes: TupleBox[]) => {
      const set = new Set<string>();
      let count = 0;
      for (const b of boxes) {
        const ranges = DIMS.map((d, i) => {
          const c = cuts[i]!;
          return [c.indexOf(b[d].lo), c.indexOf(b[d].hi + 1n) - 1] as const;
        });
        count += ranges.reduce((n, [lo, hi]) => n * (hi - lo + 1), 1);
        if (count > MAX_CELLS) throw new Error(`comparison too large (${k})`);
        for (let s = ranges[0]![0]; s <= ranges[0]![1]; s++)
          for (let sp = ranges[1]![0]; sp <= ranges[1]![1]; sp++)
            for (let d = ranges[2]![0]; d <= ranges[2]![1]; d++)
              for (let dp = ranges[3]![0]; dp <= ranges[3]![1]; dp++) set.add(`${s},${sp},${d},${dp}`);
      }
      return set;
    };
    const ca = cells(a);
    const cr = cells(r);
    const [direction, family, transport] = k.split('|') as [Direction, AddressFamily, Transport];
    const box = (key: string): TupleBox => {
      const idx = key.split(',').map(Number);
      const iv = (i: number): Interval => ({ lo: cuts[i]![idx[i]!]!, hi: cuts[i]![idx[i]! + 1]! - 1n });
      return { direction, family, transport, source: iv(0), sourcePort: iv(1), destination: iv(2), destinationPort: iv(3) };
    };
    for (const c of cr) if (!ca.has(c)) missing.push(box(c));
    for (const c of ca) if (!cr.has(c)) excess.push(box(c));
  }
  return { missing, excess, equal: missing.length === 0 && excess.length === 0 };
}

/** Compares a policy with the flows of its firewall. */
export function comparePolicyWithFlows(policy: Policy, flows: readonly Flow[]): Comparison {
  return compareBoxes(expandPolicy(policy), expandFlows(flows.filter((f) => f.firewall === policy.firewall)));
}

function formatInterval(iv: Interval, family: AddressFamily | 'port'): string {
  if (family === 'port') {
    if (iv.lo === 0n && iv.hi === 65535n) return 'Any';
    return iv.lo === iv.hi ? String(iv.lo) : `${iv.lo}-${iv.hi}`;
  }
  if (iv.lo === 0n && iv.hi === fullAddresses(family).hi) return 'Any';
  const lo = formatHost(family, iv.lo);
  return iv.lo === iv.hi ? lo : `${lo}-${formatHost(family, iv.hi)}`;
}

/** One line for reports and assertion messages. */
export function formatBox(b: TupleBox): string {
  return `${b.direction} ${b.family} ${b.transport} ${formatInterval(b.source, b.family)}:${formatInterval(b.sourcePort, 'port')} -> ${formatInterval(b.destination, b.family)}:${formatInterval(b.destinationPort, 'port')}`;
}
