// Forbidden-flow candidates and the mutation test's predictions are judged by the analysis'
// first-match evaluator (acceptsAll): rule order, address family and the task's whole source
// port range count, as they do on the firewall.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptsAll } from '../../src/analysis/coverage.ts';
import { policyAllows, taskBox } from '../../src/lab/forbidden.ts';
import { policy, rule } from '../analysis/builders.ts';

const ACCESS = '10.45.16.10';
const ACCESS6 = '2001:db8:45::10';

describe('acceptsAll (the evaluator audit, lab and tests share)', () => {
  const task = (destination: string, port: number, sport?: [number, number]) => ({ seenSource: '198.51.100.7', seenDestination: destination, port, transport: 'TCP' as const, ...(sport ? { sport } : {}) });

  it('reads rules in order: an earlier drop wins over a later accept', () => {
    const p = policy([rule('r1', 'drop', 'any', [ACCESS], 22), rule('r2', 'accept', 'any', [ACCESS], 'any')]);
    assert.equal(acceptsAll(p, [taskBox(task(ACCESS, 22))]), false);
    assert.equal(acceptsAll(p, [taskBox(task(ACCESS, 443))]), true);
    assert.equal(policyAllows(p, task(ACCESS, 22), 0), true, 'without r1');
  });

  it('keeps families apart: an IPv6 accept for any address does not let IPv4 through', () => {
    const p = policy([rule('r1', 'accept', 'any', 'any', 443, { family: 'ipv6' })]);
    assert.equal(acceptsAll(p, [taskBox(task(ACCESS, 443))]), false);
    assert.equal(policyAllows(p, { ...task(ACCESS6, 443), seenSource: '2001:db8::7' }), true);
  });

  it('needs every source port of the range the task may use, and the default policy decides the rest', () => {
    const p = policy([{ ...rule('r1', 'accept', 'any', [ACCESS], 3478), sourcePorts: { any: false, ports: [{ from: 3478, to: 3478 }] } }]);
    assert.equal(policyAllows(p, task(ACCESS, 3478, [3478, 3478])), true);
    assert.equal(policyAllows(p, task(ACCESS, 3478)), false);
    assert.equal(policyAllows(policy([], 'accept'), task(ACCESS, 3478)), true);
  });
});
