import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findOverPermissions } from '../../src/analysis/overpermit.ts';
import { flow, policy, rule } from './builders.ts';

const X = '192.0.2.10';
const ruleId = (o: { rule: { id: string } | 'default policy' }) => (o.rule === 'default policy' ? o.rule : o.rule.id);

describe('findOverPermissions', () => {
  it('finds nothing when the policy accepts exactly the flows', () => {
    const p = policy([rule('r1', 'accept', 'any', [X], 443), rule('r2', 'accept', ['10.0.0.5'], [X], 5061)]);
    assert.deepEqual(findOverPermissions(p, [flow('a', 'Any', [X], 443), flow('b', ['10.0.0.5'], [X], 5061)]), []);
  });

  it('gives the accepted-but-unneeded ranges with the rule responsible', () => {
    const p = policy([rule('r1', 'accept', ['10.0.0.0/24'], [X], 443)]);
    const [o, ...rest] = findOverPermissions(p, [flow('a', ['10.0.0.5'], [X], 443)]);
    assert.deepEqual(rest, []);
    assert.equal(ruleId(o!), 'r1');
    assert.equal(o!.risk, 'low');
    assert.equal(o!.family, 'ipv4');
    assert.equal(o!.protocol, 'TCP');
    assert.equal(o!.rangeCount, 2);
    assert.deepEqual(
      o!.ranges.map((r) => r.source).sort(),
      ['10.0.0.0-10.0.0.4', '10.0.0.6-10.0.0.255'],
    );
    assert.ok(o!.ranges.every((r) => r.destination === X && r.destinationPorts.from === 443 && r.destinationPorts.to === 443));
    assert.notEqual(o!.example.source, '10.0.0.5');
  });

  it('ranks any-to-any as high risk, with the default policy when it accepts', () => {
    const p = policy([rule('r1', 'accept', 'any', [X], 443), rule('r2', 'accept', 'any', 'any', 'any')]);
    const found = findOverPermissions(p, [flow('a', 'Any', [X], 443)]);
    assert.equal(found[0]!.risk, 'high');
    assert.equal(ruleId(found[0]!), 'r2');
    assert.match(found[0]!.reasons[0]!, /any source to any destination/);
    const open = findOverPermissions(policy([], 'accept'), []);
    assert.equal(open.length, 4, 'both families, both protocols');
    assert.ok(open.every((o) => o.rule === 'default policy' && o.risk === 'high'));
  });

  it('ranks the internet to a management port or into the corporate network as high', () => {
    const p = policy([
      rule('r1', 'accept', 'any', ['198.51.100.0/24'], 3389),
      rule('r2', 'accept', 'any', ['10.1.2.3'], 8443),
      rule('r3', 'accept', ['203.0.113.7'], ['198.51.100.9'], 22),
      rule('r4', 'accept', ['203.0.113.7'], ['198.51.100.9'], 8443),
      rule('r5', 'accept', 'any', ['198.51.100.9'], 8443),
    ]);
    const found = findOverPermissions(p, [], { corporateNetworks: ['10.0.0.0/8'] });
    const byRule = Object.fromEntries(found.map((o) => [ruleId(o), o]));
    assert.equal(byRule['r1']!.risk, 'high');
    assert.match(byRule['r1']!.reasons.join(';'), /management port 3389/);
    assert.equal(byRule['r2']!.risk, 'high');
    assert.match(byRule['r2']!.reasons.join(';'), /corporate network 10\.0\.0\.0\/8/);
    assert.equal(byRule['r3']!.risk, 'medium');
    assert.equal(byRule['r4']!.risk, 'low');
    assert.equal(byRule['r5']!.risk, 'medium');
    assert.deepEqual(found.map(ruleId), ['r1', 'r2', 'r3', 'r5', 'r4'], 'ranked by risk, then rule order');
  });

  it('attributes to the first matching rule only, and nothing behind a drop', () => {
    const p = policy([
      rule('r1', 'drop', 'any', ['198.51.100.0/24'], 'any'),
      rule('r2', 'accept', 'any', ['198.51.100.0/23'], 22),
    ]);
    const [o] = findOverPermissions(p, []);
    assert.equal(ruleId(o!), 'r2');
    assert.deepEqual(o!.ranges.map((r) => r.destination), ['198.51.101.0/24']);
  });

  it('handles IPv6 over-permission', () => {
    const p = policy([rule('r1', 'accept', 'any', ['2001:db8::/64'], 443, { family: 'ipv6' })]);
    const [o] = findOverPermissions(p, [flow('a', 'Any', ['2001:db8::10'], 443)]);
    assert.equal(o!.family, 'ipv6');
    assert.deepEqual(o!.ranges.map((r) => r.destination).sort(), ['2001:db8::/124', '2001:db8::11-2001:db8::ffff:ffff:ffff:ffff']);
  });
});
