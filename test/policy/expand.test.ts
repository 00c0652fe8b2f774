// expand: the tuple meaning of flows and policies, and their exact comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalAddress, parseCidr } from '../../src/net/address.ts';
import { compareBoxes, comparePolicyWithFlows, expandFlows, expandPolicy, formatBox } from '../../src/policy/expand.ts';
import { normalizeAddresses } from '../../src/net/address-list.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import type { Policy, PolicyRule } from '../../src/policy/types.ts';
import { referenceFlows } from './reference-flows.ts';

test('addresses: parse, canonical text, covered entries removed', () => {
  assert.equal(canonicalAddress('2001:0DB8:0:0:0:0:0:1'), '2001:db8::1');
  assert.equal(canonicalAddress('2001:db8:0:1:0:0:0:0/64'), '2001:db8:0:1::/64');
  assert.equal(canonicalAddress('10.1.2.3/16'), '10.1.0.0/16');
  assert.equal(canonicalAddress('10.1.2.3/32'), '10.1.2.3');
  assert.equal(parseCidr('::ffff:10.0.0.1').lo, 0xffff0a000001n);
  assert.throws(() => parseCidr('10.1.2.256'));
  assert.throws(() => parseCidr('2001:db8::1::2'));
  assert.deepEqual(normalizeAddresses(['10.0.1.5', '10.0.0.0/16', '2001:db8::1', '10.0.0.9', '10.0.0.9']), ['10.0.0.0/16', '2001:db8::1']);
});

const rule = (over: Partial<PolicyRule>): PolicyRule => ({
  id: 'r1', action: 'accept', family: 'ipv4', transport: 'TCP', direction: 'in',
  source: { any: true }, sourcePorts: { any: true },
  destination: { any: false, addresses: ['10.45.16.10'] }, destinationPorts: { any: false, ports: [{ from: 443, to: 443 }] },
  comment: '', requirements: [], citations: [], ...over,
});
const policy = (rules: PolicyRule[]): Policy => ({ firewall: 'external', kind: 'perimeter', rules, defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [] });

test('a rule one port too wide is reported as excess, exactly that port', () => {
  const flows = referenceFlows().filter((f) => f.requirement === '2010.ext.access.sip-tls-443.in' && f.family === 'ipv4');
  const wide = policy([rule({ destinationPorts: { any: false, ports: [{ from: 443, to: 444 }] } })]);
  const c = comparePolicyWithFlows(wide, flows);
  assert.deepEqual(c.missing, []);
  assert.deepEqual(c.excess.map(formatBox), ['in ipv4 TCP Any:Any -> 10.45.16.10:444']);
  assert.equal(comparePolicyWithFlows(policy([rule({})]), flows).equal, true);
});

test('a missing flow is reported as missing', () => {
  const flows = referenceFlows().filter((f) => f.firewall === 'external' && f.family === 'ipv4' && f.direction === 'in' && f.transport === 'TCP');
  const c = comparePolicyWithFlows(policy([rule({})]), flows);
  assert.ok(c.missing.some((b) => formatBox(b) === 'in ipv4 TCP Any:Any -> 10.45.16.20:443'));
  assert.equal(c.equal, false);
});

test('family any covers both families; transport any both transports', () => {
  const boxes = expandPolicy(policy([rule({ family: 'any', transport: 'any', destination: { any: true } })]));
  assert.deepEqual(boxes.map((b) => `${b.family} ${b.transport}`).sort(), ['ipv4 TCP', 'ipv4 UDP', 'ipv6 TCP', 'ipv6 UDP']);
  const f = { ...referenceFlows()[0]!, source: 'Any' as const, destination: 'Any' as const, family: 'any' as const };
  assert.deepEqual(expandFlows([f]).map((b) => b.family), ['ipv4', 'ipv6']);
});

test('direction matters: the same tuple in the other direction is not the same flow', () => {
  const flows = referenceFlows().filter((f) => f.requirement === '2010.ext.access.sip-tls-443.in' && f.family === 'ipv4');
  const c = comparePolicyWithFlows(policy([rule({ direction: 'out' })]), flows);
  assert.equal(c.missing.length, 1);
  assert.equal(c.excess.length, 1);
});

test('overlapping boxes compare by their union', () => {
  const a = expandPolicy(policy([rule({ destinationPorts: { any: false, ports: [{ from: 1, to: 10 }] } }), rule({ destinationPorts: { any: false, ports: [{ from: 5, to: 20 }] } })]));
  const b = expandPolicy(policy([rule({ destinationPorts: { any: false, ports: [{ from: 1, to: 20 }] } })]));
  assert.equal(compareBoxes(a, b).equal, true);
});

test('every reference policy expands back to its flows', () => {
  const flows = referenceFlows();
  for (const p of buildPolicies(flows)) assert.equal(comparePolicyWithFlows(p, flows).equal, true, p.firewall);
});
