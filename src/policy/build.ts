// Flows → one Policy per firewall. Grouping happens here once, not in each renderer.
//
// Every flow is a box: source set × source ports × destination set × destination ports (within
// one direction, family and transport). Two boxes that agree on all dimensions but one are merged
// by taking the union of that one dimension; the union of the two boxes is exactly the merged box,
// so merging never widens. Merging repeats over the four dimensions until nothing changes.
import { createHash } from 'node:crypto';
import type { Citation, Direction, Transport } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';
import type { FirewallName, Flow } from '../flows/types.ts';
import { normalizeAddresses } from '../net/address-list.ts';
import type { NamedAddressGroup, NamedPortGroup, Policy, PolicyKind, PolicyRule } from './types.ts';
import { type PortRange, formatPortRange } from '../net/port.ts';

import { FIREWALL_ORDER } from '../flows/compile.ts';
import { citationsText } from '../catalog/citation-text.ts';
import { unresolvedNames } from '../flows/unresolved.ts';
export { FIREWALL_ORDER };

export function policyKind(firewall: string): PolicyKind {
  if (firewall === 'external' || firewall === 'internal') return 'perimeter';
  if (firewall === 'load-balancer') return 'load-balancer';
  if (firewall === 'client') return 'client';
  return 'host';
}

/** null = Any. */
type Addrs = string[] | null;
type Ports = PortRange[] | null;

interface Draft {
  direction: Direction;
  family: AddressFamily | 'any';
  transport: Transport;
  src: Addrs;
  sport: Ports;
  dst: Addrs;
  dport: Ports;
  requirements: Set<string>;
  citations: Map<string, Citation>;
  srcNames: Set<string>;
  dstNames: Set<string>;
  applications: Set<string>;
}

type Dim = 'src' | 'sport' | 'dst' | 'dport';
const DIMS: Dim[] = ['dport', 'src', 'dst', 'sport'];

/** Sorted, overlapping and adjacent ranges joined (same union). */
export function normalizePorts(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

const addrKey = (a: Addrs) => (a === null ? '*' : a.join(' '));
// Grouping keys compare address lists by content; long lists (every Front End server) get a
// short id once per list object instead of being joined on every pass. Ids are per build and
// assigned in content order, so grouping never depends on the order flows arrive in.
class Interner {
  private readonly byText = new Map<string, string>();
  private readonly byList = new WeakMap<string[], string>();
  /** Gives the first ids to `lists` in content order. */
  seed(lists: string[][]): void {
    const texts = [...new Set(lists.map((l) => l.join(' ')))].sort(cmp);
    for (const t of texts) this.byText.set(t, `#${String(this.byText.size).padStart(8, '0')}`);
  }
  id(a: Addrs): string {
    if (a === null) return '*';
    let id = this.byList.get(a);
    if (id === undefined) {
      const k = a.join(' ');
      id = this.byText.get(k);
      if (id === undefined) this.byText.set(k, (id = `#${String(this.byText.size).padStart(8, '0')}`));
      this.byList.set(a, id);
    }
    return id;
  }
}

const portKey = (p: Ports) => (p === null ? '*' : p.map((r) => formatPortRange(r)).join(','));
const dimKey = (d: Draft, dim: Dim, ids: Interner) => (dim === 'src' || dim === 'dst' ? ids.id(d[dim]) : portKey(d[dim]));
const headKey = (d: Draft) => `${d.direction}|${d.family}|${d.transport}`;
const keyWithout = (d: Draft, skip: Dim | null, ids: Interner) =>
  [headKey(d), ...(['src', 'sport', 'dst', 'dport'] as Dim[]).map((x) => (x === skip ? '' : dimKey(d, x, ids)))].join('|');

const citationKey = (c: Citation) => `${c.document}\u0000${c.table}\u0000${String(c.row).padStart(6, '0')}`;

function toDraft(f: Flow, memo: Map<string, string[]>, seen: WeakMap<string[], string[]>): Draft {
  // Many flows share one long list (every tightened Front End server): normalize it once per
  // content, and look a list object up before joining it into a key.
  const addrs = (a: string[] | 'Any'): Addrs => {
    if (a === 'Any') return null;
    let n = seen.get(a);
    if (n) return n;
    const k = a.join(' ');
    n = memo.get(k);
    if (!n) memo.set(k, (n = normalizeAddresses(a)));
    seen.set(a, n);
    return n;
  };
  const ports = (p: Flow['sourcePort']): Ports => (p === 'Any' ? null : [{ from: p.from, to: p.to }]);
  if ((f.source !== 'Any' && f.source.length === 0) || (f.destination !== 'Any' && f.destination.length === 0)) {
    throw new Error(`flow ${f.requirement} on ${f.firewall} has an empty address list`);
  }
  if (f.family === 'unresolved') throw new Error(`flow ${f.requirement} on ${f.firewall} names unresolved hosts`);
  return {
    direction: f.direction,
    family: f.family,
    transport: f.transport,
    src: addrs(f.source),
    sport: ports(f.sourcePort),
    dst: addrs(f.destination),
    dport: ports(f.destinationPort),
    requirements: new Set([f.requirement]),
    citations: new Map(f.citations.map((c) => [citationKey(c), c])),
    srcNames: new Set(f.source === 'Any' ? [] : [f.sourceName]),
    dstNames: new Set(f.destination === 'Any' ? [] : [f.destinationName]),
    applications: new Set([f.application]),
  };
}

function unionDim(a: Draft, b: Draft, dim: Dim): Addrs | Ports {
  const x = a[dim];
  const y = b[dim];
  if (x === null || y === null) return null;
  return dim === 'src' || dim === 'dst'
    ? normalizeAddresses([...(x as string[]), ...(y as string[])])
    : normalizePorts([...(x as PortRange[]), ...(y as PortRange[])]);
}

function absorb(into: Draft, from: Draft, dim: Dim | null): void {
  if (dim) (into as unknown as Record<Dim, Addrs | Ports>)[dim] = unionDim(into, from, dim);
  from.requirements.forEach((r) => into.requirements.add(r));
  from.citations.forEach((c, k) => into.citations.set(k, c));
  from.srcNames.forEach((n) => into.srcNames.add(n));
  from.dstNames.forEach((n) => into.dstNames.add(n));
  from.applications.forEach((n) => into.applications.add(n));
  if (into.src === null) into.srcNames.clear();
  if (into.dst === null) into.dstNames.clear();
}

/** Merges drafts equal in every dimension but `dim` (or in every dimension, with null). The
 * merged dimension is unioned once per group, not once per member (that would be quadratic). */
function mergeOn(drafts: Draft[], dim: Dim | null, ids: Interner): Draft[] {
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) {
    const k = keyWithout(d, dim, ids);
    const g = groups.get(k);
    if (g) g.push(d);
    else groups.set(k, [d]);
  }
  const out: Draft[] = [];
  for (const [first, ...rest] of groups.values()) {
    if (rest.length > 0 && dim) {
      const parts = [first, ...rest].map((d) => d[dim]);
      // Members sharing one normalized list (one pool's servers) union to that list.
      (first as unknown as Record<Dim, Addrs | Ports>)[dim] = parts.some((x) => x === null)
        ? null
        : parts.every((x) => x === parts[0])
          ? parts[0]!
          : dim === 'src' || dim === 'dst'
            ? normalizeAddresses((parts as string[][]).flat())
            : normalizePorts((parts as PortRange[][]).flat());
    }
    for (const d of rest) absorb(first, d, null);
    out.push(first);
  }
  return out;
}

function groupDrafts(flows: readonly Flow[]): Draft[] {
  // Sorting first makes the result independent of the order flows arrive in.
  const memo = new Map<string, string[]>();
  const ids = new Interner();
  const seen = new WeakMap<string[], string[]>();
  let drafts = flows.map((f) => toDraft(f, memo, seen));
  ids.seed([...memo.values()]);
  // Keys built once per draft, not once per comparison.
  const keys = new Map(drafts.map((d) => [d, keyWithout(d, null, ids)]));
  drafts.sort((a, b) => cmp(keys.get(a)!, keys.get(b)!));
  drafts = mergeOn(drafts, null, ids);
  for (let changed = true; changed; ) {
    changed = false;
    for (const dim of DIMS) {
      const next = mergeOn(drafts, dim, ids);
      if (next.length < drafts.length) changed = true;
      drafts = next;
    }
    const pruned = pruneCovered(drafts);
    if (pruned.length < drafts.length) changed = true;
    drafts = pruned;
  }
  return drafts;
}

const ENTRIES = new WeakMap<string[], Set<string>>();
function entries(list: string[]): Set<string> {
  let e = ENTRIES.get(list);
  if (!e) ENTRIES.set(list, (e = new Set(list)));
  return e;
}

function dimCovers(outer: Draft, inner: Draft, dim: Dim): boolean {
  const o = outer[dim];
  const i = inner[dim];
  if (o === null) return true;
  if (i === null) return false;
  // Covered when adding the inner entries leaves the outer set unchanged (conservative: an entry
  // covered only by several outer entries together counts as not covered). Lists are normalized,
  // so inner entries that are outer entries already leave it unchanged: no need to union.
  if ((dim === 'src' || dim === 'dst') && (i as string[]).every((a) => entries(o as string[]).has(a))) return true;
  if (dim === 'src' || dim === 'dst') return addrKey(normalizeAddresses([...(o as string[]), ...(i as string[])])) === addrKey(o as string[]);
  // Normalized port lists leave a gap between ranges, so the union is unchanged exactly when
  // each inner range lies inside one outer range.
  return (i as PortRange[]).every((r) => (o as PortRange[]).some((x) => x.from <= r.from && r.to <= x.to));
}

/** Drops a draft wholly inside another one (same union); the survivor takes over its
 * requirements and citations, so comments still name every requirement. */
function pruneCovered(drafts: Draft[]): Draft[] {
  const removed = new Set<Draft>();
  const all: Dim[] = ['src', 'sport', 'dst', 'dport'];
  // Only drafts of the same direction, family and transport can cover each other: look among
  // those alone, in the same order (the first cover found is the same one).
  const sameHead = new Map<string, Draft[]>();
  for (const d of drafts) {
    const k = headKey(d);
    const g = sameHead.get(k);
    if (g) g.push(d);
    else sameHead.set(k, [d]);
  }
  for (const d of drafts) {
    // Drafts are pairwise distinct after merging, so covering is never mutual.
    const cover = sameHead.get(headKey(d))!.find((o) => o !== d && !removed.has(o) && all.every((x) => dimCovers(o, d, x)));
    if (!cover) continue;
    removed.add(d);
    d.requirements.forEach((r) => cover.requirements.add(r));
    d.citations.forEach((c, k) => cover.citations.set(k, c));
    d.applications.forEach((a) => cover.applications.add(a));
  }
  return drafts.filter((d) => !removed.has(d));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ORDER_DIR: Record<Direction, number> = { in: 0, out: 1 };
const ORDER_FAM: Record<string, number> = { ipv4: 0, ipv6: 1, any: 2 };

// ---- names ----------------------------------------------------------------------------------

/** `edge1 Access Edge` → `edge1_access_edge`; long names keep a hash so they stay distinct. */
export function slug(text: string): string {
  let s = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '') s = 'group';
  if (/^[0-9]/.test(s)) s = `g_${s}`;
  if (s.length > 40) s = `${s.slice(0, 32).replace(/_+$/, '')}_${createHash('sha256').update(s).digest('hex').slice(0, 6)}`;
  return s;
}

/** Chooses one name per distinct set: the shortest, then smallest, candidate; collisions get a suffix. */
function assignNames(candidates: Map<string, Set<string>>, v6: (key: string) => boolean): Map<string, string> {
  const chosen = [...candidates.entries()].map(([key, names]) => {
    const best = [...names].sort((a, b) => a.length - b.length || cmp(a, b))[0]!;
    return { key, best };
  });
  chosen.sort((a, b) => cmp(a.best, b.best) || cmp(a.key, b.key));
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const { key, best } of chosen) {
    let name = best;
    if (used.has(name) && v6(key)) name = `${best}_v6`;
    for (let i = 2; used.has(name); i++) name = `${best}_${i}`;
    used.add(name);
    out.set(key, name);
  }
  return out;
}

function addCandidate(m: Map<string, Set<string>>, key: string, name: string) {
  if (!m.has(key)) m.set(key, new Set());
  m.get(key)!.add(name);
}

// ---- policy ---------------------------------------------------------------------------------

function buildPolicy(firewall: FirewallName, flows: readonly Flow[]): Policy {
  const drafts = groupDrafts(flows).sort(
    (a, b) =>
      ORDER_DIR[a.direction] - ORDER_DIR[b.direction] ||
      ORDER_FAM[a.family]! - ORDER_FAM[b.family]! ||
      cmp(addrKey(a.dst), addrKey(b.dst)) ||
      cmp(a.transport, b.transport) ||
      cmp(portKey(a.dport), portKey(b.dport)) ||
      cmp(addrKey(a.src), addrKey(b.src)) ||
      cmp(portKey(a.sport), portKey(b.sport)),
  );

  const addrNames = new Map<string, Set<string>>();
  const portNames = new Map<string, Set<string>>();
  const joinNames = (names: Set<string>) => slug([...names].sort().join(' '));
  for (const d of drafts) {
    if (d.src) addCandidate(addrNames, addrKey(d.src), joinNames(d.srcNames));
    if (d.dst) addCandidate(addrNames, addrKey(d.dst), joinNames(d.dstNames));
    const apps = slug(`${[...d.applications].sort().join(' ')} ports`);
    // Single ports stay inline; sets and ranges get a name.
    for (const p of [d.sport, d.dport]) if (p && (p.length > 1 || p[0]!.from !== p[0]!.to)) addCandidate(portNames, portKey(p), apps);
  }
  const addrGroup = assignNames(addrNames, (k) => k.includes(':'));
  const portGroup = assignNames(portNames, () => false);

  const rules: PolicyRule[] = drafts.map((d, i) => {
    const id = `r${i + 1}`;
    const citations = [...d.citations.entries()].sort(([a], [b]) => cmp(a, b)).map(([, c]) => c);
    const requirements = [...d.requirements].sort();
    const who = (names: Set<string>, a: Addrs) => (a === null ? 'Any' : [...names].sort().join(' + '));
    const comment =
      `${id}: ${who(d.srcNames, d.src)} -> ${who(d.dstNames, d.dst)}, ${[...d.applications].sort().join(', ')}; ` +
      `requirements ${requirements.join(', ')}; cites ${citationsText(citations)}`;
    const addr = (a: Addrs) => (a === null ? ({ any: true } as const) : { any: false as const, addresses: a, group: addrGroup.get(addrKey(a)) });
    const port = (p: Ports) => {
      if (p === null) return { any: true } as const;
      const group = portGroup.get(portKey(p));
      return group ? { any: false as const, ports: p, group } : { any: false as const, ports: p };
    };
    return {
      id,
      action: 'accept',
      family: d.family,
      transport: d.transport,
      direction: d.direction,
      source: addr(d.src),
      sourcePorts: port(d.sport),
      destination: addr(d.dst),
      destinationPorts: port(d.dport),
      comment,
      requirements,
      citations,
    };
  });

  const addressGroups: NamedAddressGroup[] = [...addrGroup.entries()]
    .map(([key, name]) => ({ name, addresses: key.split(' ') }))
    .sort((a, b) => cmp(a.name, b.name));
  const portGroups: NamedPortGroup[] = [...portGroup.entries()]
    .map(([key, name]) => ({
      name,
      ports: key.split(',').map((t) => {
        const [from, to] = t.split('-').map(Number);
        return { from: from!, to: to ?? from! };
      }),
    }))
    .sort((a, b) => cmp(a.name, b.name));

  return {
    firewall,
    kind: policyKind(firewall),
    rules,
    defaultAction: 'drop',
    stateful: true,
    addressGroups,
    portGroups,
  };
}

/**
 * One policy per firewall that flows cross, in FIREWALL_ORDER (firewalls without flows get no
 * policy). Accept rules only, default drop, stateful return traffic.
 */
export function buildPolicies(flows: readonly Flow[]): Policy[] {
  const known = new Set<string>(FIREWALL_ORDER);
  const unknown = flows.find((f) => !known.has(f.firewall));
  if (unknown) throw new Error(`flow ${unknown.requirement} names an unknown firewall ${unknown.firewall}`);
  return FIREWALL_ORDER.flatMap((fw) => {
    const mine = flows.filter((f) => f.firewall === fw);
    if (!mine.length) return [];
    // Flows naming a host by FQDN become no rule: the policy records the names, renderers refuse it.
    const unresolved = unresolvedNames(mine);
    const policy = buildPolicy(fw, mine.filter((f) => f.family !== 'unresolved'));
    return [unresolved.length ? { ...policy, unresolved } : policy];
  });
}
