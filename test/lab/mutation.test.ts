// Mutation test on the reference example (002): deleting any one accept rule of the loaded
// external or internal ruleset makes verify fail on exactly the required flows that rule served
// (predicted from the policy IR), and one over-broad rule makes the forbidden-flow check fail.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labInfo, labUp, labVerify, request, stateDir } from '../../src/lab/control.ts';
import { policyAllows } from '../../src/lab/forbidden.ts';
import { withExtraRule, withoutRule } from '../../src/lab/rules.ts';

const FILE = 'examples/lync2010-single-consolidated-edge.yaml';

/**
 * The tasks that fail. A dropped flow fails at any timeout, so a short one keeps the many runs
 * quick; an allowed flow that only missed the short timeout on a loaded machine is asked again
 * with a long one before it counts as failed.
 */
async function failingTasks(state: string, ids: string[], expected: string[]): Promise<string[]> {
  const quick = (await labVerify(state, { ids, timeoutMs: 600 })).failures.map((f) => f.task.id);
  const unexpected = quick.filter((id) => !expected.includes(id));
  const confirmed = unexpected.length ? (await labVerify(state, { ids: unexpected, timeoutMs: 5000 })).failures.map((f) => f.task.id) : [];
  return [...quick.filter((id) => expected.includes(id)), ...confirmed].sort();
}

test('mutation: every accept rule of the reference example is needed, and an over-broad rule is caught', { timeout: 300_000 }, async () => {
  const state = stateDir(FILE, mkdtempSync(join(tmpdir(), 'portolan-labmut-')));
  await labUp(FILE, state);
  try {
    const info = await labInfo(state);
    const required = info.tasks.filter((t) => t.expect === 'pass');
    let zone = 1;
    let mutations = 0;
    for (const rs of info.rulesets) {
      for (let i = 0; i < rs.policy.rules.length; i++) {
        const mine = required.filter((t) => t.firewall === rs.firewall);
        const expected = mine.filter((t) => !policyAllows(rs.policy, t, i)).map((t) => t.id).sort();
        assert.ok(expected.length > 0, `rule ${rs.policy.rules[i]!.id} of ${rs.firewall} serves no probed flow`);
        await request(state, { op: 'nft', firewall: rs.firewall, text: withoutRule(rs.text, i) });
        await request(state, { op: 'zone', zone: ++zone });
        const failed = await failingTasks(state, mine.map((t) => t.id), expected);
        assert.deepEqual(failed, expected, `${rs.firewall} without ${rs.policy.rules[i]!.comment}`);
        mutations++;
      }
      await request(state, { op: 'nft', firewall: rs.firewall, text: rs.text });
    }
    assert.ok(mutations >= 10);
    // one over-broad rule on the external firewall: the internet reaches every perimeter TCP port
    const ext = info.rulesets.find((r) => r.firewall === 'external')!;
    await request(state, { op: 'nft', firewall: 'external', text: withExtraRule(ext.text, 'iifname "xout" oifname "xin" meta l4proto tcp counter accept comment "over-broad"') });
    await request(state, { op: 'zone', zone: ++zone });
    const broad = await labVerify(state, { timeoutMs: 600 });
    const leaked = broad.failures.filter((f) => f.task.expect === 'blocked');
    assert.ok(leaked.length > 0, 'the over-broad rule went unnoticed');
    const slow = broad.failures.filter((f) => f.task.expect === 'pass').map((f) => f.task.id);
    const broken = slow.length ? (await labVerify(state, { ids: slow, timeoutMs: 5000 })).failures.filter((f) => f.task.expect === 'pass') : [];
    assert.deepEqual(broken.map((f) => f.task.id), [], 'an over-broad rule must not break required flows');
    await request(state, { op: 'nft', firewall: 'external', text: ext.text });
    await request(state, { op: 'zone', zone: ++zone });
    const clean = await labVerify(state);
    assert.equal(clean.failures.length, 0);
  } finally {
    await labDown(state);
  }
});
