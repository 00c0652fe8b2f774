// iptables renderer: judged by iptables-restore --test / ip6tables-restore --test (inside unshare --net).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPolicies } from '../../src/policy/build.ts';
import { ip6tablesRenderer, iptablesRenderer, renderIptablesPair } from '../../src/render/iptables.ts';
import type { Policy } from '../../src/policy/types.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import { ip6tablesCheck, iptablesCheck } from './validators.ts';

const policies = () => buildPolicies(referenceFlows());

test('iptables-restore --test and ip6tables-restore --test accept every reference policy', () => {
  for (const p of policies())
    for (const options of [{}, { interfaces: { outside: 'eth0', inside: 'eth1' } }]) {
      const { ipv4, ipv6 } = renderIptablesPair(p, options);
      const v4 = iptablesCheck(ipv4);
      const v6 = ip6tablesCheck(ipv6);
      assert.ok(v4.ok, `${p.firewall} v4: ${v4.output}`);
      assert.ok(v6.ok, `${p.firewall} v6: ${v6.output}`);
    }
});

test('the validators are not rubber stamps', () => {
  assert.equal(iptablesCheck('*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n').ok, false);
  assert.equal(ip6tablesCheck('*filter\n:FORWARD DROP [0:0]\n-A FORWARD -s 10.0.0.1 -j ACCEPT\nCOMMIT\n').ok, false);
});

test('perimeter: FORWARD DROP, conntrack, multiport, comments, families split', () => {
  const ext = policies()[0]!;
  const { ipv4, ipv6 } = renderIptablesPair(ext, { interfaces: { outside: 'eth0', inside: 'eth1' } });
  assert.match(ipv4, /^:FORWARD DROP \[0:0\]$/m);
  assert.match(ipv4, /^-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT$/m);
  assert.match(ipv4, /^-A FORWARD -i eth0 -o eth1 -d 10\.45\.16\.10 -p tcp -m multiport --dports 443,5061 -m comment --comment "r1: /m);
  assert.match(ipv4, /-s 10\.45\.16\.30 -p udp --sport 3478 --dport 3478 /);
  assert.match(ipv4, /--sport 50000:59999/);
  assert.doesNotMatch(ipv4, /2001:db8/);
  assert.match(ipv6, /-d 2001:db8:45::10 -p tcp -m multiport --dports 443,5061/);
  assert.doesNotMatch(ipv6, /10\.45\./);
  assert.match(ipv4, /rule\(s\) of this policy are IPv6 only/, 'the IPv4 document says where the IPv6 rules went');
  assert.equal(iptablesRenderer.render(ext, { family: 'ipv6' }), ipv6Renderer(ext));
});
const ipv6Renderer = (p: Policy) => ip6tablesRenderer.render(p);

test('host firewall: INPUT DROP with loopback and conntrack', () => {
  const host = policies().find((p) => p.firewall === 'host-frontend')!;
  const text = iptablesRenderer.render(host);
  assert.match(text, /^:INPUT DROP \[0:0\]$/m);
  assert.match(text, /^:OUTPUT ACCEPT \[0:0\]$/m);
  assert.match(text, /^-A INPUT -i lo -j ACCEPT$/m);
  assert.match(text, /^-A INPUT -d 192\.168\.10\.90,192\.168\.10\.91 -p tcp -m multiport --dports 444,5061 /m);
});

test('more than 15 ports are split over several multiport rules; family any goes to both documents', () => {
  const ext = policies()[0]!;
  const ports = [...Array(20)].map((_, i) => ({ from: 1000 + 2 * i, to: 1000 + 2 * i }));
  const big: Policy = { ...ext, rules: [{ ...ext.rules[0]!, family: 'any', destination: { any: true }, destinationPorts: { any: false, ports } }] };
  const { ipv4, ipv6 } = renderIptablesPair(big);
  for (const doc of [ipv4, ipv6]) {
    const lines = doc.split('\n').filter((l) => l.includes('--dports'));
    assert.equal(lines.length, 2);
    assert.equal(lines.map((l) => / --dports (\S+)/.exec(l)![1]!.split(',').length).reduce((a, b) => a + b), 20);
  }
  assert.ok(iptablesCheck(ipv4).ok && ip6tablesCheck(ipv6).ok);
});

test('deterministic output', () => {
  for (const p of policies()) assert.deepEqual(renderIptablesPair(p), renderIptablesPair(buildPolicies(referenceFlows()).find((x) => x.firewall === p.firewall)!));
});

test('refuses bad interface names and non-accept rules', () => {
  const ext = policies()[0]!;
  assert.throws(() => iptablesRenderer.render(ext, { interfaces: { inside: 'eth1 -j ACCEPT' } }), /interface name/);
  assert.match(String(iptablesRenderer.canServe({ ...ext, rules: [{ ...ext.rules[0]!, action: 'drop' }] })), /drop rule/);
});

test('a source list of 300 addresses (found by the fuzzer) is split so iptables-restore takes every parameter', () => {
  const base = buildPolicies(referenceFlows()).find((p) => p.firewall === 'external')!;
  const many = Array.from({ length: 300 }, (_, i) => `10.9.${i >> 8}.${i & 255}`);
  const rule = base.rules.find((r) => r.family !== 'ipv6')!;
  const policy: Policy = { ...base, rules: [{ ...rule, family: 'ipv4', source: { any: false, addresses: many } }] };
  const text = iptablesRenderer.render(policy, {});
  const v4 = iptablesCheck(text);
  assert.ok(v4.ok, v4.output);
  const listed = text.split('\n').filter((l) => l.startsWith('-A ')).flatMap((l) => / -s (\S+)/.exec(l)?.[1]?.split(',') ?? []);
  assert.deepEqual([...new Set(listed)].sort(), [...many].sort());
});
