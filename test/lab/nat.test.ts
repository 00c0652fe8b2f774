// The lab's NAT plan: the external firewall's ruleset carries the 1:1 NAT, inbound probes from the
// internet go to the public addresses while the firewall's filter sees the private ones, and the
// source-kept check fails when packets arrive with the firewall's address; the private addresses
// do not answer the internet directly (the inbound rules match translated packets only).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { planLab } from '../../src/lab/addressing.ts';
import { labRulesets } from '../../src/lab/rules.ts';
import { requiredTasks, serverHosts } from '../../src/lab/tasks.ts';
import { natSeenRuleset } from '../../src/lab/nat.ts';
import { natCheck } from '../../src/lab/verify.ts';

const t = loadTopology('examples/sfb2019-single-edge-nat.yaml');
const plan = planLab(t);
const flows = compileFlows(t);

test('the lab plan carries the NAT and the external ruleset renders it', () => {
  assert.deepEqual(plan.nat.map((m) => m.public), ['131.107.155.10', '131.107.155.20', '131.107.155.30']);
  const ext = labRulesets(flows, plan).find((r) => r.firewall === 'external')!;
  assert.match(ext.text, /iifname "xout" ip daddr 131\.107\.155\.10 dnat ip to 10\.45\.16\.10/);
  assert.match(ext.text, /oifname "xout" ip saddr 10\.45\.16\.10 snat ip to 131\.107\.155\.10/);
  assert.ok(!labRulesets(flows, plan).find((r) => r.firewall === 'internal')!.text.includes('dnat'));
});

test('inbound probes target the public address; the firewall sees the private one; servers stand on the private one', () => {
  const inbound = requiredTasks(plan, flows, { dnsName: 'lab.test', xmppDomain: t.sipDomains[0]! }).tasks.filter((x) => x.firewall === 'external' && x.ns === 'pl-inet');
  assert.ok(inbound.length >= 4);
  for (const x of inbound) {
    const m = plan.nat.find((n) => n.public === x.host);
    assert.ok(m, `${x.what} goes to a public address`);
    assert.equal(x.seenDestination, m.private);
    assert.equal(x.seenSource, plan.internetClient);
    assert.deepEqual(serverHosts(plan, x.host).map((h) => h.address), [m.private]);
  }
});

test('the source-kept check counts the client and the firewall, and fails on a rewritten source', () => {
  const rules = natSeenRuleset(plan, ['10.45.16.10'], plan.fwextInside);
  assert.match(rules, new RegExp(`ip saddr ${plan.internetClient.replace(/\./g, '\\.')} ip daddr \\{ 10\\.45\\.16\\.10 \\} counter comment "client"`));
  assert.equal(natCheck(5, 30, 0).passed, true);
  assert.equal(natCheck(5, 0, 0).passed, false, 'nothing arrived');
  assert.equal(natCheck(5, 30, 3).passed, false, 'masqueraded');
  assert.equal(natCheck(0, 0, 0).passed, true, 'no inbound probe ran');
});

test('lab: a NAT that rewrites the client source inbound is caught; the rendered NAT passes', { timeout: 180_000 }, async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { labDown, labInfo, labUp, labVerify, request, stateDir } = await import('../../src/lab/control.ts');
  const FILE = 'examples/sfb2019-single-edge-nat.yaml';
  const state = stateDir(FILE, mkdtempSync(join(tmpdir(), 'portolan-labnat-')));
  await labUp(FILE, state);
  try {
    const good = await labVerify(state);
    assert.ok(good.nat?.passed && good.failures.length === 0);
    const info = await labInfo(state);
    const direct = info.tasks.filter((x) => x.requirement.startsWith('forbidden: internet to a NAT private address'));
    assert.deepEqual([...new Set(direct.map((x) => x.host))].sort(), ['10.45.16.10', '10.45.16.20', '10.45.16.30']);
    const ext = info.rulesets.find((r) => r.firewall === 'external')!;
    // Without `ct status dnat` the private addresses answer the internet directly: caught.
    const open = ext.text.replaceAll(' ct status dnat counter accept', ' counter accept');
    assert.notEqual(open, ext.text);
    await request(state, { op: 'nft', firewall: 'external', text: open });
    await request(state, { op: 'zone', zone: 2 });
    const leaked = (await labVerify(state)).failures.map((f) => f.task.id).sort();
    assert.deepEqual(leaked, direct.map((x) => x.id).sort());
    await request(state, { op: 'nft', firewall: 'external', text: ext.text });
    // The mistake the pages warn about: source NAT of inbound traffic towards the edge.
    const masq = ext.text.replace('\t\ttype nat hook postrouting priority srcnat; policy accept;', '\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname "xin" masquerade');
    assert.notEqual(masq, ext.text);
    await request(state, { op: 'nft', firewall: 'external', text: masq });
    await request(state, { op: 'zone', zone: 3 });
    const bad = await labVerify(state);
    assert.ok(bad.nat && !bad.nat.passed && bad.nat.firewallPackets > 0, JSON.stringify(bad.nat));
  } finally {
    await labDown(state);
  }
});
