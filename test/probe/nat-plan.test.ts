// Probing a NAT'd edge from the internet goes to the public addresses (what the internet can
// reach); from the perimeter, to the private ones the flows name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { buildPlan } from '../../src/probe/plan.ts';

const t = loadTopology('examples/sfb2019-single-edge-nat.yaml');
const flows = compileFlows(t);

test('from the internet, inbound edge probes go to the public addresses', () => {
  const p = buildPlan(t, flows, { vantage: { kind: 'internet' } });
  const hosts = [...new Set(p.probes.filter((x) => x.method !== 'none').map((x) => x.destination))].sort();
  assert.deepEqual(hosts, ['131.107.155.10', '131.107.155.20', '131.107.155.30']);
  assert.ok(p.contacts.every((c) => c.startsWith('131.107.155.')));
});

test('a topology with public addresses is probed at those addresses', () => {
  const pub = loadTopology('examples/sfb2015-scaled-edge-dns-lb-xmpp.yaml');
  const p = buildPlan(pub, compileFlows(pub), { vantage: { kind: 'internet' } });
  assert.ok(p.contacts.length > 0 && p.contacts.every((c) => /^131\.107\.155\.(10|11|20|21|30|31)$/.test(c)), p.contacts.join(' '));
});
