// haproxy renderer: judged by `haproxy -c -f`; serves only the load-balancer firewall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPolicies } from '../../src/policy/build.ts';
import { haproxyRenderer, poolsFromTopology } from '../../src/render/haproxy.ts';
import type { PoolMembers } from '../../src/render/types.ts';
import type { Policy } from '../../src/policy/types.ts';
import type { Topology } from '../../src/topology/model.ts';
import { FE, VIP, referenceFlows } from '../policy/reference-flows.ts';
import { haproxyCheck } from './validators.ts';

const pools: PoolMembers[] = [{ name: 'pool1.contoso.local', vip: [VIP, '2001:db8:10::190'], servers: [{ name: 'fe1', address: FE[0]! }, { name: 'fe2', address: FE[1]! }, { name: 'fe1', address: '2001:db8:10::90' }] }];
const lb = () => buildPolicies(referenceFlows()).find((p) => p.firewall === 'load-balancer')!;

test('haproxy -c accepts the load-balancer policy', () => {
  const text = haproxyRenderer.render(lb(), { pools });
  const v = haproxyCheck(text);
  assert.ok(v.ok, v.output);
  assert.equal(haproxyCheck('frontend x\n    bind 10.0.0.1:99999\n').ok, false, 'the validator is not a rubber stamp');
});

test('one TCP frontend and backend per VIP port, servers of the VIP family, source ACL where a flow names sources', () => {
  const text = haproxyRenderer.render(lb(), { pools });
  assert.match(text, /^    mode tcp$/m);
  for (const port of [443, 4443, 5061]) {
    assert.match(text, new RegExp(`frontend fe_pool1_contoso_local_vip1_${port}\\n(    # .*\\n)+    bind 192\\.168\\.10\\.190:${port}\\n`));
    assert.match(text, new RegExp(`backend be_pool1_contoso_local_vip1_${port}\\n    balance leastconn\\n    server fe1 192\\.168\\.10\\.90:${port} check\\n    server fe2 192\\.168\\.10\\.91:${port} check\\n`));
  }
  assert.doesNotMatch(text, /2001:db8:10::90/, 'no IPv6 VIP rules, so no IPv6 servers');
  assert.match(text, /bind 192\.168\.10\.190:4443\n    tcp-request connection accept if \{ src 172\.25\.33\.40 \}\n    tcp-request connection reject\n/);
  assert.equal((text.match(/tcp-request connection reject/g) ?? []).length, 1, 'Any-source services admit everyone');
});

test('IPv6 VIPs and port ranges', () => {
  const p = lb();
  const v6: Policy = { ...p, rules: [...p.rules, { ...p.rules[0]!, id: 'r9', family: 'ipv6', destination: { any: false, addresses: ['2001:db8:10::190'] }, destinationPorts: { any: false, ports: [{ from: 5070, to: 5072 }] } }] };
  const text = haproxyRenderer.render(v6, { pools });
  assert.match(text, /bind \[2001:db8:10::190\]:5070-5072/);
  assert.match(text, /server fe1 \[2001:db8:10::90\] check port 5070/);
  assert.ok(haproxyCheck(text).ok, haproxyCheck(text).output);
});

test('refuses packet-filter firewalls, UDP, and VIPs without pool servers', () => {
  const ext = buildPolicies(referenceFlows())[0]!;
  assert.match(String(haproxyRenderer.canServe(ext)), /not a packet filter.*external is a perimeter firewall/);
  assert.throws(() => haproxyRenderer.render(ext, { pools }), /serves load-balancer firewalls/);
  const p = lb();
  const udp: Policy = { ...p, rules: [{ ...p.rules[0]!, transport: 'UDP' }] };
  assert.match(String(haproxyRenderer.canServe(udp)), /is UDP/);
  assert.throws(() => haproxyRenderer.render(p), /no pool has VIP 192\.168\.10\.190/);
  assert.equal(haproxyRenderer.canServe(p), true);
});

test('deterministic output', () => {
  assert.equal(haproxyRenderer.render(lb(), { pools }), haproxyRenderer.render(lb(), { pools: [...pools] }));
});

test('poolsFromTopology takes the VIPs and servers of Front End, Director and Mediation pools', () => {
  const pool = (name: string, kind: 'frontEnd' | 'director' | 'mediation', vip?: string[]) => ({ name, kind, servers: [{ name: `${name}-a`, addresses: ['10.0.0.1', '2001:db8::1'] }], vip, loadBalancing: 'hardware' as const });
  const topo = { frontEndPools: [pool('fe', 'frontEnd', ['10.0.0.100'])], directorPools: [pool('dir', 'director', ['10.0.0.101'])], mediationPools: [pool('med', 'mediation')] } as unknown as Topology;
  assert.deepEqual(poolsFromTopology(topo), [
    { name: 'fe', vip: ['10.0.0.100'], servers: [{ name: 'fe-a', address: '10.0.0.1' }, { name: 'fe-a_2', address: '2001:db8::1' }] },
    { name: 'dir', vip: ['10.0.0.101'], servers: [{ name: 'dir-a', address: '10.0.0.1' }, { name: 'dir-a_2', address: '2001:db8::1' }] },
  ]);
});
