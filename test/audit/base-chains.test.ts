// Several netfilter base chains on one packet's path are composed as the kernel runs them: every
// chain in turn (hooks in path order, then priority), an accept ending only its own chain, a
// drop or reject anywhere final, a chain of one address family letting the other one by. Property
// test against a direct interpreter of those semantics on every packet of a small domain, naming
// the same rule or chain policy that decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathOrder, traverse } from '../../src/audit/base-chains.ts';
import { bindPolicies } from '../../src/audit/bind.ts';
import { auditPolicy } from '../../src/analysis/audit.ts';
import type { Flow } from '../../src/flows/types.ts';
import { boxContains, type PacketPoint } from '../../src/analysis/box.ts';
import { ruleBoxes } from '../../src/analysis/ir-boxes.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import type { NetfilterHook, Policy, PolicyRule } from '../../src/policy/types.ts';

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pkt { family: AddressFamily; src: number; dst: number; proto: 'TCP' | 'UDP'; dport: number }
const addr = (f: AddressFamily, n: number) => (f === 'ipv4' ? `10.0.0.${n}` : `2001:db8::${n}`);
const BLOCKS: [number, number][] = [[0, 0], [1, 1], [2, 2], [3, 3], [0, 1], [2, 3], [0, 3]];
const block = (f: AddressFamily, [a, b]: [number, number]) => `${addr(f, a)}/${(f === 'ipv4' ? 32 : 128) - Math.log2(b - a + 1)}`;

function chain(r: () => number, name: string, hook: NetfilterHook, priority: number): Policy {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const family = pick(['any', 'any', 'ipv4', 'ipv6'] as const);
  const rules: PolicyRule[] = [...Array(Math.floor(r() * 5))].map((_, i) => {
    const f: AddressFamily | 'any' = family !== 'any' ? family : pick(['any', 'ipv4', 'ipv6'] as const);
    const s = f !== 'any' && r() < 0.5 ? pick(BLOCKS) : undefined;
    const d = f !== 'any' && r() < 0.5 ? pick(BLOCKS) : undefined;
    const transport = pick(['any', 'TCP', 'UDP'] as const);
    const dp = transport !== 'any' && r() < 0.6 ? 1 + Math.floor(r() * 3) : undefined;
    return {
      id: `${name}#${i}`, action: pick(['accept', 'accept', 'drop', 'reject'] as const), family: f, transport, direction: 'in',
      source: s && f !== 'any' ? { any: false, addresses: [block(f, s)] } : { any: true },
      destination: d && f !== 'any' ? { any: false, addresses: [block(f, d)] } : { any: true },
      sourcePorts: { any: true },
      destinationPorts: dp ? { any: false, ports: [{ from: dp, to: Math.min(3, dp + Math.floor(r() * 2)) }] } : { any: true },
      comment: '', requirements: [], citations: [],
    };
  });
  return {
    firewall: name, kind: 'perimeter', rules, defaultAction: r() < 0.5 ? 'accept' : 'drop', stateful: false, addressGroups: [], portGroups: [],
    binding: { hook: { name: hook, priority }, interfaces: [], family, attachment: 'chain' },
  };
}

const point = (p: Pkt): PacketPoint => ({
  family: p.family, protocol: p.proto, src: (p.family === 'ipv4' ? 0x0a000000n : 0x20010db8n << 96n) + BigInt(p.src), srcPort: 1000,
  dst: (p.family === 'ipv4' ? 0x0a000000n : 0x20010db8n << 96n) + BigInt(p.dst), dstPort: p.dport,
});
const hit = (r: PolicyRule, p: Pkt) => ruleBoxes(r).some((b) => boxContains(b, point(p)));

/** The kernel's way, chain by chain: [verdict, what decided it last]. */
function netfilter(chains: Policy[], p: Pkt): ['accept' | 'drop', string | undefined] {
  let last: string | undefined;
  for (const c of pathOrder(chains)) {
    if (c.binding!.family !== 'any' && c.binding!.family !== p.family) continue;
    const r = c.rules.find((x) => hit(x, p));
    const action = r ? r.action : c.defaultAction;
    last = r ? r.id : `${c.firewall} policy`;
    if (action !== 'accept') return ['drop', last];
  }
  return ['accept', last];
}

test('base chains on one path: the composed first match equals netfilter\'s traversal on every packet (400 random rulesets)', () => {
  const packets: Pkt[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) for (let src = 0; src < 4; src++) for (let dst = 0; dst < 4; dst++)
    for (const proto of ['TCP', 'UDP'] as const) for (let dport = 1; dport <= 3; dport++) packets.push({ family, src, dst, proto, dport });
  let passedSome = 0, droppedLater = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const r = rng(seed);
    const hooks: [NetfilterHook, number][] = [['forward', 0], ['forward', 10], ['prerouting', -150], ['forward', -5], ['postrouting', 100]];
    const chains = hooks.slice(0, 2 + Math.floor(r() * 4)).map(([h, prio], i) => chain(r, `c${i}`, h, prio));
    const t = traverse(chains)!;
    for (const p of packets) {
      // A family no chain speaks for is not audited (its flows are reported not audited).
      if (chains.every((c) => c.binding!.family !== 'any' && c.binding!.family !== p.family)) continue;
      const [verdict, by] = netfilter(chains, p);
      const i = t.policy.rules.findIndex((x) => hit(x, p));
      const got = i < 0 ? t.policy.defaultAction : t.policy.rules[i]!.action === 'accept' ? 'accept' : 'drop';
      assert.equal(got, verdict, `seed ${seed} ${JSON.stringify(p)}`);
      if (i >= 0) assert.equal(t.policy.rules[i]!.id, by, `seed ${seed} ${JSON.stringify(p)}: the deciding rule`);
      if (verdict === 'accept') passedSome++;
      else if (by && !by.startsWith(pathOrder(chains)[0]!.firewall)) droppedLater++;
    }
  }
  // The generator makes both: packets through every chain, and packets a later chain drops after an earlier one accepted.
  assert.ok(passedSome > 1000 && droppedLater > 1000, `${passedSome} ${droppedLater}`);
});

test('chains in the order a packet meets them: prerouting, then forward by priority, then postrouting; the dump\'s order for ties', () => {
  const c = (name: string, hook: NetfilterHook, priority: number): Policy => ({ firewall: name, kind: 'perimeter', rules: [], defaultAction: 'accept', stateful: false, addressGroups: [], portGroups: [], binding: { hook: { name: hook, priority }, interfaces: [], family: 'any', attachment: 'chain' } });
  const order = pathOrder([c('post', 'postrouting', -300), c('f10', 'forward', 10), c('fa', 'forward', 0), c('pre', 'prerouting', 0), c('fb', 'forward', 0)]);
  assert.deepEqual(order.map((p) => p.firewall), ['pre', 'fa', 'fb', 'f10', 'post']);
});

test('past the bound on composed rules, each chain is audited alone and the report says so', () => {
  const r = rng(7);
  const a = chain(r, 'a', 'forward', 0), b = chain(r, 'b', 'forward', 10);
  a.rules = [...Array(30)].map((_, i) => ({ ...a.rules[0] ?? b.rules[0]!, id: `a${i}`, action: 'accept' as const }));
  const composed = bindPolicies([a, b], { outsideInterface: 'outside', kind: 'perimeter' });
  assert.equal(composed.bound.length, 1);
  assert.equal(composed.bound[0]!.policy.firewall, 'a then b');
  const apart = bindPolicies([a, b], { outsideInterface: 'outside', kind: 'perimeter', maxTraversalRules: 5 });
  assert.deepEqual(apart.bound.map((x) => x.policy.firewall), ['a', 'b']);
  assert.match(apart.bound[0]!.note!, /compose to more than 5 rules: each is audited alone/);
});

test('a later chain\'s rule reached on two paths is named once; dead and unused rules are each chain\'s own', () => {
  const rule = (id: string, action: PolicyRule['action'], dst: string | undefined, ports: [number, number] | undefined, hits?: number): PolicyRule => ({
    id, action, family: 'ipv4', transport: 'TCP', direction: 'in', source: { any: true }, sourcePorts: { any: true },
    destination: dst ? { any: false, addresses: [dst] } : { any: true },
    destinationPorts: ports ? { any: false, ports: [{ from: ports[0], to: ports[1] }] } : { any: true },
    comment: '', requirements: [], citations: [], ...(hits !== undefined ? { hits } : {}),
  });
  const chain = (name: string, priority: number, rules: PolicyRule[]): Policy => ({
    firewall: name, kind: 'perimeter', rules, defaultAction: 'drop', stateful: false, addressGroups: [], portGroups: [],
    binding: { hook: { name: 'forward', priority }, interfaces: [], family: 'any', attachment: 'chain' },
  });
  // Docker-like first (priority 0): 443 and 5061 accepted, the second accept made redundant by a
  // third; firewalld-like second (priority 10): the Access Edge accepted, a never-hit rule.
  const a = chain('a', 0, [rule('a1', 'accept', undefined, [443, 443]), rule('a2', 'accept', undefined, [5061, 5061]), rule('a3', 'accept', undefined, [5061, 5061])]);
  const b = chain('b', 10, [rule('b1', 'accept', '10.0.0.1', undefined, 3), rule('b2', 'accept', '10.0.0.2', undefined, 0)]);
  const { bound } = bindPolicies([b, a], { outsideInterface: 'outside', kind: 'perimeter' });
  assert.equal(bound[0]!.policy.firewall, 'a then b');
  const flow = (from: number, to: number): Flow => ({
    firewall: 'external', direction: 'in', role: 'Access', source: 'Any', sourcePort: 'Any', destination: ['10.0.0.1'], destinationPort: { from, to },
    transport: 'TCP', application: 'SIP (TLS)', family: 'ipv4', requirement: `r${from}`, citations: [], notes: [], sourceName: 'x', destinationName: 'y',
  });
  const r = auditPolicy(bound[0]!.policy, [flow(443, 443), flow(443, 5061)], { composedOf: bound[0]!.composedOf! });
  const name = (d: (typeof r.flows)[number]['allowedBy'][number]) => (d === 'default policy' ? d : d.id);
  assert.deepEqual(r.flows.map((v) => [v.verdict, v.allowedBy.map(name), v.dropped.map((x) => name(x.by))]), [
    ['allowed', ['b1'], []],
    // b1 is copied under a1 and under a2: named once; the ports between are dropped by a's policy.
    ['partial', ['b1'], ['a policy']],
  ]);
  assert.deepEqual(r.shadowed.map((x) => [x.rule.id, x.kind, x.by.map((y) => y.id)]), [['a3', 'redundant', ['a2']]]);
  assert.deepEqual(r.unused.map((x) => x.rule.id), ['b2']);
  // b2 accepts 10.0.0.2 on the ports a lets through: over-permitted, named once per family and protocol.
  assert.deepEqual(r.overPermissive.map((o) => [name(o.rule), o.protocol, o.ranges.map((x) => `${x.destination}:${x.destinationPorts.from}-${x.destinationPorts.to}`)]), [
    ['b2', 'TCP', ['10.0.0.2:443-443', '10.0.0.2:5061-5061']],
  ]);
});
