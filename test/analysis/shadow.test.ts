import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findShadowedRules, findUnused } from '../../src/analysis/shadow.ts';
import { policy, rule } from './builders.ts';

const X = '192.0.2.10';
const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

describe('findShadowedRules', () => {
  it('finds a rule covered by the union of two earlier rules, though by neither alone', () => {
    const p = policy([
      rule('r1', 'accept', ['10.0.0.0/25'], [X], 443),
      rule('r2', 'accept', ['10.0.0.128/25'], [X], 443),
      rule('r3', 'accept', ['10.0.0.0/24'], [X], 443),
    ]);
    const found = findShadowedRules(p);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.rule.id, 'r3');
    assert.equal(found[0]!.kind, 'redundant');
    assert.deepEqual(ids(found[0]!.by), ['r1', 'r2']);
    assert.equal(found[0]!.byCount, 2);
  });

  it('calls an accept under earlier drops shadowed, and under a mix shadowed too', () => {
    const drops = policy([
      rule('r1', 'drop', ['10.0.0.0/25'], 'any', 'any'),
      rule('r2', 'reject', ['10.0.0.128/25'], [X], [{ from: 1, to: 1000 }]),
      rule('r3', 'accept', ['10.0.0.0/24'], [X], 443),
    ]);
    assert.deepEqual(findShadowedRules(drops).map((f) => [f.rule.id, f.kind]), [['r3', 'shadowed']]);
    const mixed = policy([
      rule('r1', 'accept', ['10.0.0.0/25'], [X], 443),
      rule('r2', 'drop', ['10.0.0.128/25'], [X], 443),
      rule('r3', 'accept', ['10.0.0.0/24'], [X], 443),
    ]);
    assert.deepEqual(findShadowedRules(mixed).map((f) => [f.rule.id, f.kind]), [['r3', 'shadowed']]);
  });

  it('calls a drop under earlier drops redundant', () => {
    const p = policy([rule('r1', 'drop', 'any', 'any', 22), rule('r2', 'reject', ['10.0.0.0/8'], [X], 22)]);
    assert.deepEqual(findShadowedRules(p).map((f) => [f.rule.id, f.kind]), [['r2', 'redundant']]);
  });

  it('keeps a rule that reaches past the union by a single packet', () => {
    const p = policy([
      rule('r1', 'accept', ['10.0.0.0/25'], [X], 443),
      rule('r2', 'accept', ['10.0.0.128-10.0.0.254'], [X], 443),
      rule('r3', 'accept', ['10.0.0.0/24'], [X], 443),
    ]);
    assert.deepEqual(findShadowedRules(p), []);
  });

  it('works on IPv6, across protocols, and not across families', () => {
    const p = policy([
      rule('r1', 'accept', 'any', ['2001:db8::/33'], 'any', { transport: 'TCP', family: 'ipv6' }),
      rule('r2', 'accept', 'any', ['2001:db8:8000::/33'], 'any', { transport: 'TCP', family: 'ipv6' }),
      rule('r3', 'accept', 'any', ['2001:db8::/32'], 443, { transport: 'TCP', family: 'ipv6' }),
      rule('r4', 'accept', 'any', ['2001:db8::/32'], 443, { transport: 'any', family: 'ipv6' }),
      rule('r5', 'accept', 'any', 'any', 443, { transport: 'TCP', family: 'ipv4' }),
    ]);
    // r4 also matches UDP, which nothing before covers; r5 is IPv4.
    assert.deepEqual(findShadowedRules(p).map((f) => f.rule.id), ['r3']);
  });

  it('reports a rule that matches nothing as redundant', () => {
    const p = policy([rule('r1', 'accept', [], [X], 443)]);
    assert.deepEqual(findShadowedRules(p).map((f) => [f.rule.id, f.kind, f.byCount]), [['r1', 'redundant', 0]]);
  });

  it('caps the list of covering rules', () => {
    const rules = Array.from({ length: 16 }, (_, i) => rule(`r${i + 1}`, 'accept', [`10.0.0.${i * 16}/28`], [X], 443));
    rules.push(rule('r99', 'accept', ['10.0.0.0/24'], [X], 443));
    const [f] = findShadowedRules(policy(rules), 5);
    assert.equal(f!.rule.id, 'r99');
    assert.equal(f!.by.length, 5);
    assert.equal(f!.byCount, 16);
  });
});

describe('findUnused', () => {
  it('lists rules whose hit counter is zero, not those without counters', () => {
    const p = policy([
      rule('r1', 'accept', 'any', [X], 443, { hits: 0 }),
      rule('r2', 'accept', 'any', [X], 80, { hits: 12 }),
      rule('r3', 'accept', 'any', [X], 8080),
    ]);
    assert.deepEqual(findUnused(p).map((u) => [u.rule.id, u.hits]), [['r1', 0]]);
  });
});
