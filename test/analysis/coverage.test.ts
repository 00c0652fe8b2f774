import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCoverage } from '../../src/analysis/coverage.ts';
import { flow, policy, rule } from './builders.ts';

const ACCESS = '10.45.16.10';
const ACCESS6 = '2001:db8:45::10';

describe('checkCoverage', () => {
  it('allows a flow matched by an accept rule', () => {
    const [v] = checkCoverage(policy([rule('r1', 'accept', 'any', [ACCESS], 443)]), [flow('sip', 'Any', [ACCESS], 443)]);
    assert.equal(v!.verdict, 'allowed');
    assert.deepEqual(v!.allowedBy.map((d) => (d === 'default policy' ? d : d.id)), ['r1']);
    assert.deepEqual(v!.dropped, []);
  });

  it('reports partial coverage with a concrete dropped packet and the rule that drops it', () => {
    const p = policy([rule('r1', 'drop', ['203.0.113.0/24'], 'any', 'any'), rule('r2', 'accept', 'any', [ACCESS], 443)]);
    const [v] = checkCoverage(p, [flow('sip', 'Any', [ACCESS], 443)]);
    assert.equal(v!.verdict, 'partial');
    assert.equal(v!.dropped.length, 1);
    const d = v!.dropped[0]!;
    assert.ok(d.by !== 'default policy');
    assert.equal(d.by.id, 'r1');
    assert.deepEqual(d.by.origin, { file: 'fw.conf', line: 1, text: 'r1' });
    assert.equal(d.example.destination, ACCESS);
    assert.equal(d.example.destinationPort, 443);
    assert.match(d.example.source, /^203\.0\.113\.\d+$/);
  });

  it('names the default policy for what no rule matches', () => {
    const p = policy([rule('r1', 'accept', 'any', [ACCESS], [{ from: 50000, to: 50099 }])]);
    const [v] = checkCoverage(p, [flow('rtp', 'Any', [ACCESS], [50000, 59999])]);
    assert.equal(v!.verdict, 'partial');
    assert.equal(v!.dropped[0]!.by, 'default policy');
    assert.ok(v!.dropped[0]!.example.destinationPort >= 50100);
  });

  it('is blocked when an earlier drop covers it (first match), and with no rules at all', () => {
    const p = policy([rule('r1', 'reject', 'any', [ACCESS], 'any'), rule('r2', 'accept', 'any', [ACCESS], 443)]);
    const [a, b] = checkCoverage(p, [flow('sip', 'Any', [ACCESS], 443), flow('other', 'Any', ['10.0.0.1'], 443)]);
    assert.equal(a!.verdict, 'blocked');
    assert.deepEqual(a!.dropped.map((d) => (d.by === 'default policy' ? d.by : d.by.id)), ['r1']);
    assert.equal(b!.verdict, 'blocked');
    assert.equal(b!.dropped[0]!.by, 'default policy');
  });

  it('accepts by default policy when the policy says accept', () => {
    const [v] = checkCoverage(policy([], 'accept'), [flow('sip', 'Any', [ACCESS], 443)]);
    assert.equal(v!.verdict, 'allowed');
    assert.deepEqual(v!.allowedBy, ['default policy']);
  });

  it('handles IPv6 ranges and does not let IPv4 rules cover IPv6 flows', () => {
    const p = policy([
      rule('r1', 'accept', 'any', ['10.45.16.0/24'], 443),
      rule('r2', 'accept', 'any', ['2001:db8:45::/64'], 443, { family: 'ipv6' }),
      rule('r3', 'accept', 'any', ['2001:db8:45::8-2001:db8:45::1f'], 5061, { family: 'ipv6' }),
    ]);
    const vs = checkCoverage(p, [flow('v6', 'Any', [ACCESS6], 443), flow('v6-mtls', 'Any', [ACCESS6, '2001:db8:45::20'], 5061)]);
    assert.equal(vs[0]!.verdict, 'allowed');
    assert.equal(vs[1]!.verdict, 'partial');
    assert.equal(vs[1]!.dropped[0]!.example.destination, '2001:db8:45::20');
  });

  it('needs both protocols when a flow is UDP and the rule TCP only', () => {
    const p = policy([rule('r1', 'accept', 'any', [ACCESS], 3478)]);
    const [v] = checkCoverage(p, [flow('stun', 'Any', [ACCESS], 3478, { transport: 'UDP' })]);
    assert.equal(v!.verdict, 'blocked');
    assert.equal(v!.dropped[0]!.example.protocol, 'UDP');
  });

  it('explains a bad address in a flow by the flow', () => {
    assert.throws(() => checkCoverage(policy([]), [flow('broken', 'Any', ['10.0.0.300'], 443)]), /flow broken: bad address '10\.0\.0\.300'/);
  });
});
