import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { familyMax } from '../../src/net/family.ts';
import { formatHost, parseAddress } from '../../src/net/address.ts';
import { auditPolicy } from '../../src/analysis/audit.ts';
import type { PacketPoint } from '../../src/analysis/box.ts';
import { packetPoint } from '../../src/analysis/box.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import type { Flow } from '../../src/flows/types.ts';
import type { AddressMatch, PolicyRule, PortMatch } from '../../src/policy/types.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import { resolvedFamily } from '../../src/policy/expand.ts';
import { policy, rule } from './builders.ts';

/** One exact accept rule per flow: what a renderer would produce. */
function rulesFor(flows: Flow[]): PolicyRule[] {
  const ends = (a: string[] | 'Any'): AddressMatch => (a === 'Any' ? { any: true } : { any: false, addresses: a });
  const ports = (p: Flow['destinationPort']): PortMatch => (p === 'Any' ? { any: true } : { any: false, ports: [p] });
  return flows.map((f, i) => ({
    ...rule(`r${i + 1}`, 'accept', 'any', 'any', 'any'),
    family: resolvedFamily(f),
    transport: f.transport,
    source: ends(f.source),
    sourcePorts: ports(f.sourcePort),
    destination: ends(f.destination),
    destinationPorts: ports(f.destinationPort),
  }));
}

describe('auditPolicy on the reference architecture', () => {
  const flows = referenceFlows().filter((f) => f.firewall === 'external');

  it('passes a policy made of exactly the required flows', () => {
    const r = auditPolicy(policy(rulesFor(flows)), flows);
    assert.ok(r.flows.every((f) => f.verdict === 'allowed'));
    assert.deepEqual(r.overPermissive, []);
    assert.deepEqual(r.shadowed, []);
    assert.equal(r.ok, true);
    assert.equal(r.firewall, 'external');
  });

  it('fails on a trailing any-to-any accept, and on a missing flow', () => {
    const open = auditPolicy(policy([...rulesFor(flows), rule('any', 'accept', 'any', 'any', 'any', { transport: 'any' })]), flows, { corporateNetworks: ['172.16.0.0/12'] });
    assert.equal(open.ok, false);
    assert.equal(open.overPermissive[0]!.risk, 'high');
    assert.deepEqual(open.flows.filter((f) => f.verdict !== 'allowed'), []);

    const missing = auditPolicy(policy(rulesFor(flows).slice(1)), flows);
    assert.equal(missing.ok, false);
    assert.deepEqual(missing.flows.filter((f) => f.verdict !== 'allowed').map((f) => f.requirement), [flows[0]!.requirement]);
    assert.deepEqual(missing.overPermissive, []);
  });

  it('reports everything behind an early drop-all', () => {
    const rules = [rule('r0', 'drop', 'any', 'any', 'any', { transport: 'any' }), ...rulesFor(flows)];
    const r = auditPolicy(policy(rules), flows);
    assert.ok(r.flows.every((f) => f.verdict === 'blocked' && f.dropped.every((d) => d.by !== 'default policy' && d.by.id === 'r0')));
    assert.equal(r.shadowed.length, flows.length);
    assert.ok(r.shadowed.every((s) => s.kind === 'shadowed' && s.by.length === 1 && s.by[0]!.id === 'r0'));
  });

  it('is deterministic', () => {
    const rules = [...rulesFor(flows).reverse(), rule('x', 'accept', ['10.0.0.0/8'], 'any', [{ from: 1, to: 1024 }], { hits: 0 })];
    assert.deepEqual(auditPolicy(policy(rules), flows), auditPolicy(policy(rules), flows));
  });
});

// ---------------------------------------------------------------------------------------------
// The whole audit against brute force: tiny address and port ranges, every cell probed.

const PLANES_USED: { family: AddressFamily; protocol: 'TCP' | 'UDP' }[] = [
  { family: 'ipv4', protocol: 'TCP' },
  { family: 'ipv4', protocol: 'UDP' },
  { family: 'ipv6', protocol: 'TCP' },
];
const PROBES: PacketPoint[] = PLANES_USED.flatMap(({ family, protocol }) => {
  const max = familyMax(family);
  const addrs = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, max - 1n, max];
  const ports = [0, 1, 2, 3, 4, 65534, 65535];
  const out: PacketPoint[] = [];
  for (const src of addrs) for (const srcPort of ports) for (const dst of addrs) for (const dstPort of ports) out.push({ family, protocol, src, srcPort, dst, dstPort });
  return out;
});

const arbAddressText = (family: AddressFamily) =>
  fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 8 })).map(([a, b]) => {
    const lo = BigInt(Math.min(a, b));
    const hi = Math.max(a, b) === 8 ? familyMax(family) : BigInt(Math.max(a, b));
    return lo === hi ? formatHost(family, lo) : `${formatHost(family, lo)}-${formatHost(family, hi)}`;
  });
const arbPortRange = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) === 4 ? 65535 : Math.max(a, b) }));
const arbEnds = (family: AddressFamily): fc.Arbitrary<AddressMatch> =>
  fc.oneof(fc.constant<AddressMatch>({ any: true }), fc.array(arbAddressText(family), { minLength: 1, maxLength: 2 }).map((addresses): AddressMatch => ({ any: false, addresses })));
const arbPorts: fc.Arbitrary<PortMatch> = fc.oneof(fc.constant<PortMatch>({ any: true }), fc.array(arbPortRange, { minLength: 1, maxLength: 2 }).map((ports): PortMatch => ({ any: false, ports })));
const arbFamily = fc.constantFrom<AddressFamily>('ipv4', 'ipv6');

const arbRule = (i: number) =>
  arbFamily.chain((family) =>
    fc.record({
      action: fc.constantFrom<PolicyRule['action']>('accept', 'accept', 'drop', 'reject'),
      transport: fc.constantFrom<PolicyRule['transport']>('TCP', 'UDP', 'any'),
      source: arbEnds(family),
      sourcePorts: arbPorts,
      destination: arbEnds(family),
      destinationPorts: arbPorts,
      hits: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    }).map((r): PolicyRule => ({ ...rule(`r${i}`, r.action, 'any', 'any', 'any'), ...r, family })),
  );
const arbRules = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbRule(i + 1))));
const arbFlow = (i: number): fc.Arbitrary<Flow> =>
  arbFamily.chain((family) =>
    fc.record({
      transport: fc.constantFrom<'TCP' | 'UDP'>('TCP', 'UDP'),
      src: fc.oneof(fc.constant<'Any'>('Any'), fc.array(arbAddressText(family), { minLength: 1, maxLength: 2 })),
      dst: fc.oneof(fc.constant<'Any'>('Any'), fc.array(arbAddressText(family), { minLength: 1, maxLength: 2 })),
      port: fc.oneof(fc.constant<'Any'>('Any'), arbPortRange),
    }).map(({ transport, src, dst, port }): Flow => ({
      ...referenceFlows()[0]!,
      requirement: `f${i}`,
      family,
      transport,
      source: src,
      sourcePort: 'Any',
      destination: dst,
      destinationPort: port,
    })),
  );
const arbFlows = fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbFlow(i))));

const inAddresses = (m: AddressMatch | string[] | 'Any', family: AddressFamily, v: bigint) =>
  m === 'Any' || (!Array.isArray(m) && m.any) ||
  (Array.isArray(m) ? m : (m as { addresses: string[] }).addresses).some((a) => {
    const r = parseAddress(a);
    return r.family === family && r.lo <= v && v <= r.hi;
  });
const inPorts = (m: PortMatch, p: number) => m.any || m.ports.some((r) => r.from <= p && p <= r.to);
const ruleMatches = (r: PolicyRule, p: PacketPoint) =>
  (r.family === 'any' || r.family === p.family) && (r.transport === 'any' || r.transport === p.protocol) &&
  inAddresses(r.source, p.family, p.src) && inPorts(r.sourcePorts, p.srcPort) && inAddresses(r.destination, p.family, p.dst) && inPorts(r.destinationPorts, p.dstPort);
const flowMatches = (f: Flow, p: PacketPoint) =>
  f.family === p.family && f.transport === p.protocol && inAddresses(f.source, p.family, p.src) && inAddresses(f.destination, p.family, p.dst) &&
  (f.destinationPort === 'Any' || (f.destinationPort.from <= p.dstPort && p.dstPort <= f.destinationPort.to));

describe('auditPolicy against brute force', () => {
  // Boxes of intervals (small inputs) and address classes (compress: true, what large node sets get).
  for (const compress of [undefined, true]) it(`coverage, over-permission and shadowing agree with first match evaluated packet by packet${compress ? ' (address classes)' : ''}`, () => {
    fc.assert(
      fc.property(arbRules, arbFlows, fc.constantFrom<'accept' | 'drop'>('drop', 'drop', 'accept'), (rules, flows, defaultAction) => {
        const p = policy(rules, defaultAction);
        const result = auditPolicy(p, flows, { maxRanges: 10_000, ...(compress ? { compress } : {}) });
        const first = (pt: PacketPoint) => rules.findIndex((r) => ruleMatches(r, pt));
        const accepted = (i: number) => (i < 0 ? defaultAction === 'accept' : rules[i]!.action === 'accept');
        const decider = PROBES.map(first);

        // coverage
        flows.forEach((f, fi) => {
          const pts = PROBES.map((pt, k) => [pt, k] as const).filter(([pt]) => flowMatches(f, pt));
          if (f.family === 'ipv6' && f.transport === 'UDP') return; // plane not probed
          const ok = pts.filter(([, k]) => accepted(decider[k]!)).length;
          const v = result.flows[fi]!;
          assert.equal(v.verdict, ok === pts.length ? 'allowed' : ok === 0 ? 'blocked' : 'partial');
          for (const d of v.dropped) {
            const pt = packetPoint(d.example);
            assert.ok(flowMatches(f, pt), 'the example belongs to the flow');
            const i = first(pt);
            assert.equal(d.by === 'default policy' ? -1 : d.by.index, i, 'the example is dropped by the rule named');
            assert.ok(!accepted(i));
          }
        });

        // over-permission: exactly the accepted packets no flow needs
        const inRange = (text: string, family: AddressFamily, v: bigint) => {
          const r = parseAddress(text);
          return r.family === family && r.lo <= v && v <= r.hi;
        };
        PROBES.forEach((pt, k) => {
          const expected = accepted(decider[k]!) && !flows.some((f) => flowMatches(f, pt));
          const hits = result.overPermissive.filter(
            (o) =>
              o.family === pt.family && o.protocol === pt.protocol &&
              o.ranges.some((r) => inRange(r.source, pt.family, pt.src) && inRange(r.destination, pt.family, pt.dst) &&
                r.sourcePorts.from <= pt.srcPort && pt.srcPort <= r.sourcePorts.to && r.destinationPorts.from <= pt.dstPort && pt.dstPort <= r.destinationPorts.to),
          );
          assert.equal(hits.length, expected ? 1 : 0);
          if (expected) assert.equal(hits[0]!.rule === 'default policy' ? -1 : hits[0]!.rule.index, decider[k]);
        });
        for (const o of result.overPermissive) {
          const pt = packetPoint(o.example);
          assert.ok(accepted(first(pt)) && !flows.some((f) => flowMatches(f, pt)));
        }

        // shadowing: a rule is reported exactly when it decides no packet
        const decidesSome = rules.map((_, i) => decider.includes(i));
        // Probes cover only three planes: only judge rules that cannot reach the fourth.
        rules.forEach((r, i) => {
          const finding = result.shadowed.find((s) => s.rule.index === i);
          const onlyProbedPlanes = !(r.family === 'ipv6' && r.transport !== 'TCP');
          if (!onlyProbedPlanes) return;
          assert.equal(finding !== undefined, !decidesSome[i], `rule ${i} shadowed?`);
          if (finding) {
            const kinds = new Set(PROBES.flatMap((pt, k) => (ruleMatches(r, pt) ? [rules[decider[k]!]!.action !== 'accept'] : [])));
            const sameKind = [...kinds].every((deny) => deny === (r.action !== 'accept'));
            assert.equal(finding.kind, sameKind ? 'redundant' : 'shadowed');
          }
        });

        assert.deepEqual(result.unused.map((u) => u.rule.index), rules.flatMap((r, i) => (r.hits === 0 ? [i] : [])));
        assert.equal(result.ok, result.flows.every((f) => f.verdict === 'allowed') && !result.overPermissive.some((o) => o.risk === 'high'));
      }),
      { numRuns: 50 },
    );
  });
});
