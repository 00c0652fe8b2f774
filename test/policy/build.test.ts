// buildPolicies: grouping that never widens, deterministic order, comments and citations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPolicies } from '../../src/policy/build.ts';
import { comparePolicyWithFlows, formatBox } from '../../src/policy/expand.ts';
import type { Flow } from '../../src/flows/types.ts';
import { ACCESS, AV, EDGE_INT, FE, referenceFlows } from './reference-flows.ts';

function assertExact(flows: Flow[]) {
  for (const p of buildPolicies(flows)) {
    const c = comparePolicyWithFlows(p, flows);
    assert.deepEqual(c.missing.map(formatBox), [], `${p.firewall}: missing`);
    assert.deepEqual(c.excess.map(formatBox), [], `${p.firewall}: excess`);
  }
}

/** Small deterministic PRNG so property runs are reproducible. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('one policy per firewall that has flows, in the fixed firewall order', () => {
  const ps = buildPolicies(referenceFlows());
  assert.deepEqual(ps.map((p) => p.firewall), ['external', 'internal', 'host-frontend', 'load-balancer']);
  assert.deepEqual(ps.map((p) => p.kind), ['perimeter', 'perimeter', 'host', 'load-balancer']);
  for (const p of ps) {
    assert.equal(p.defaultAction, 'drop');
    assert.equal(p.stateful, true);
    assert.ok(p.rules.every((r) => r.action === 'accept'));
  }
});

test('the rules accept exactly the flows (reference architecture)', () => assertExact(referenceFlows()));

test('grouping: destination ports of one source/destination pair share a rule', () => {
  const flows = referenceFlows();
  const ext = buildPolicies(flows)[0]!;
  assert.ok(ext.rules.length < flows.filter((f) => f.firewall === 'external').length);
  const r = ext.rules.find((x) => x.family === 'ipv4' && !x.destination.any && x.destination.addresses[0] === ACCESS && x.direction === 'in')!;
  assert.deepEqual(r.destinationPorts, { any: false, ports: [{ from: 443, to: 443 }, { from: 5061, to: 5061 }], group: r.destinationPorts.any ? undefined : r.destinationPorts.group });
  assert.deepEqual(r.requirements, ['2010.ext.access.sip-mtls-5061.in', '2010.ext.access.sip-tls-443.in']);
  // The IPv6 flows stay in their own rule.
  assert.ok(ext.rules.some((x) => x.family === 'ipv6'));
});

test('named groups come from the flows\' names and cover every address set', () => {
  const [ext, int] = buildPolicies(referenceFlows());
  const names = ext!.addressGroups.map((g) => g.name);
  assert.ok(names.includes('edge_access_edge'));
  assert.ok(names.includes('edge_access_edge_v6'), 'the IPv6 set of the same name is told apart');
  assert.deepEqual(int!.addressGroups.find((g) => g.name === 'front_end_pool_pool1')?.addresses, FE);
  for (const p of [ext!, int!])
    for (const r of p.rules)
      for (const m of [r.source, r.destination]) {
        if (m.any) continue;
        assert.deepEqual(p.addressGroups.find((g) => g.name === m.group)?.addresses, m.addresses);
      }
  const rtp = ext!.portGroups.find((g) => g.ports.length === 1 && g.ports[0]!.from === 50000);
  assert.ok(rtp, 'the RTP range is a named port group');
});

test('comments name the requirements and cite document and table', () => {
  const ext = buildPolicies(referenceFlows())[0]!;
  for (const r of ext.rules) {
    for (const id of r.requirements) assert.ok(r.comment.includes(id), r.comment);
    assert.match(r.comment, /Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows? \d/);
    assert.ok(r.citations.length > 0);
  }
});

test('never widens: rules that differ in two dimensions are not merged', () => {
  const base = referenceFlows().find((f) => f.firewall === 'internal')!;
  const flows: Flow[] = [
    { ...base, source: [EDGE_INT], destination: [FE[0]!], destinationPort: { from: 443, to: 443 }, requirement: 'a' },
    { ...base, source: ['172.25.33.11'], destination: [FE[1]!], destinationPort: { from: 80, to: 80 }, requirement: 'b' },
  ];
  const [p] = buildPolicies(flows);
  assert.equal(p!.rules.length, 2);
  assertExact(flows);
});

test('sources are merged when everything else matches; a covered rule is absorbed', () => {
  const base = referenceFlows().find((f) => f.firewall === 'internal')!;
  const flows: Flow[] = [
    { ...base, source: ['10.0.0.1'], requirement: 'a' },
    { ...base, source: ['10.0.0.2'], requirement: 'b' },
    { ...base, source: ['10.0.0.0/24'], destinationPort: { from: 5000, to: 6000 }, requirement: 'c' },
    { ...base, source: ['10.0.0.0/24'], requirement: 'd' },
  ];
  const [p] = buildPolicies(flows);
  assert.equal(p!.rules.length, 1);
  assert.deepEqual(p!.rules[0]!.requirements, ['a', 'b', 'c', 'd']);
  assertExact(flows);
});

test('deterministic and independent of flow order', () => {
  const flows = referenceFlows();
  const a = JSON.stringify(buildPolicies(flows));
  const rand = prng(7);
  const shuffled = [...flows].sort(() => rand() - 0.5);
  assert.equal(JSON.stringify(buildPolicies(shuffled)), a);
  assert.equal(JSON.stringify(buildPolicies(flows)), a);
});

test('property: random flows are accepted exactly, nothing more', () => {
  const base = referenceFlows()[0]!;
  const addrs = ['10.0.0.1', '10.0.0.2', '10.0.0.0/30', '10.0.1.0/24', '10.0.1.7'];
  const ports = ['Any', 53, 443, 444, 5061, [5060, 5062], [50000, 59999]] as const;
  for (let seed = 1; seed <= 60; seed++) {
    const rand = prng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const ends = () => (rand() < 0.25 ? ('Any' as const) : [...new Set([pick(addrs), ...(rand() < 0.3 ? [pick(addrs)] : [])])]);
    const port = () => {
      const x = pick(ports);
      return x === 'Any' ? ('Any' as const) : typeof x === 'number' ? { from: x, to: x } : { from: x[0], to: x[1] };
    };
    const flows: Flow[] = [...Array(2 + Math.floor(rand() * 10))].map((_, i) => ({
      ...base,
      firewall: pick(['external', 'internal'] as const),
      direction: pick(['in', 'out'] as const),
      transport: pick(['TCP', 'UDP'] as const),
      source: ends(),
      sourcePort: rand() < 0.7 ? 'Any' : port(),
      destination: ends(),
      destinationPort: port(),
      family: 'ipv4',
      requirement: `req${i}`,
    }));
    assertExact(flows);
  }
});

test('an unknown firewall name is an error, not a silent drop', () => {
  const f = { ...referenceFlows()[0]!, firewall: 'dmz' as never };
  assert.throws(() => buildPolicies([f]), /unknown firewall dmz/);
});

test('A/V source-port flows keep their source ports', () => {
  const ext = buildPolicies(referenceFlows())[0]!;
  const r = ext.rules.find((x) => x.direction === 'out' && x.transport === 'UDP' && !x.sourcePorts.any && x.sourcePorts.ports[0]!.from === 3478)!;
  assert.ok(r);
  assert.deepEqual(r.source.any ? null : r.source.addresses, [AV]);
  assert.deepEqual(r.destinationPorts, { any: false, ports: [{ from: 3478, to: 3478 }] });
});
