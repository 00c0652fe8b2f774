// nftables renderer: judged by `nft -c -f` (inside unshare --net), deterministic, explicit refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPolicies } from '../../src/policy/build.ts';
import { nftablesRenderer } from '../../src/render/nftables.ts';
import type { Policy } from '../../src/policy/types.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import { nftCheck } from './validators.ts';

const policies = () => buildPolicies(referenceFlows());

test('nft -c accepts every reference policy, with and without interface names', () => {
  for (const p of policies())
    for (const options of [{}, { interfaces: { outside: 'eth0', inside: 'eth1' } }, { interfaces: { outside: 'ext*' } }]) {
      const v = nftCheck(nftablesRenderer.render(p, options));
      assert.ok(v.ok, `${p.firewall} ${JSON.stringify(options)}: ${v.output}`);
    }
});

test('the validator is not a rubber stamp', () => {
  assert.equal(nftCheck('table inet t { chain c { ip daddr @nosuch accept }\n').ok, false);
});

test('perimeter: forward chain, policy drop, conntrack, counters, named sets, interfaces by direction', () => {
  const text = nftablesRenderer.render(policies()[0]!, { interfaces: { outside: 'eth0', inside: 'eth1' } });
  assert.match(text, /^table inet portolan_external \{$/m);
  assert.match(text, /chain forward \{\n\t\ttype filter hook forward priority filter; policy drop;/);
  assert.match(text, /ct state established,related counter accept/);
  assert.doesNotMatch(text, /chain input/);
  assert.match(text, /set edge_access_edge \{\n\t\ttype ipv4_addr\n\t\telements = \{ 10\.45\.16\.10 \}/);
  assert.match(text, /set edge_access_edge_v6 \{\n\t\ttype ipv6_addr/);
  assert.match(text, /set rtp_ports \{\n\t\ttype inet_service\n\t\tflags interval\n\t\telements = \{ 50000-59999 \}/);
  assert.match(text, /iifname "eth0" oifname "eth1" ip daddr @edge_access_edge tcp dport @\w+ counter accept comment "r1 /);
  assert.match(text, /iifname "eth1" oifname "eth0" ip saddr @edge_a_v_edge udp sport 3478 udp dport 3478 counter accept/);
  assert.match(text, /ip6 daddr @edge_access_edge_v6/);
  const rules = text.split('\n').filter((l) => / counter accept comment /.test(l));
  assert.equal(rules.length, policies()[0]!.rules.length, 'one nft rule per IR rule');
});

test('host firewall: input chain with loopback; output chain only with outbound rules', () => {
  const host = policies().find((p) => p.firewall === 'host-frontend')!;
  const text = nftablesRenderer.render(host);
  assert.match(text, /chain input \{\n\t\ttype filter hook input priority filter; policy drop;/);
  assert.match(text, /iif "lo" accept/);
  assert.doesNotMatch(text, /chain output|chain forward/);
  const withOut: Policy = { ...host, rules: [...host.rules, { ...host.rules[0]!, id: 'r9', direction: 'out' }] };
  const t2 = nftablesRenderer.render(withOut);
  assert.match(t2, /chain output \{\n\t\ttype filter hook output priority filter; policy drop;/);
  assert.ok(nftCheck(t2).ok);
});

test('deterministic: the same policy renders byte-identical text', () => {
  for (const p of policies()) assert.equal(nftablesRenderer.render(p), nftablesRenderer.render(buildPolicies(referenceFlows()).find((x) => x.firewall === p.firewall)!));
});

test('Any to Any rules of one family match that family only; family any rules match both', () => {
  const p = policies()[0]!;
  const anyAny: Policy = { ...p, rules: [{ ...p.rules[0]!, source: { any: true }, destination: { any: true } }, { ...p.rules[0]!, id: 'r2', family: 'any', source: { any: true }, destination: { any: true } }] };
  const text = nftablesRenderer.render(anyAny);
  assert.match(text, /meta nfproto ipv4 tcp dport/);
  assert.match(text, /\n\t\ttcp dport @\w+ counter accept comment "r2/);
  assert.ok(nftCheck(text).ok, nftCheck(text).output);
});

test('refuses what it cannot express instead of dropping it', () => {
  const p = policies()[0]!;
  assert.throws(() => nftablesRenderer.render(p, { interfaces: { outside: 'eth0"; flush ruleset' } }), /interface name/);
  const reject: Policy = { ...p, rules: [{ ...p.rules[0]!, action: 'reject' }] };
  assert.match(String(nftablesRenderer.canServe(reject)), /reject rule/);
  assert.throws(() => nftablesRenderer.render(reject), (e: Error) => e.name === 'RenderError' && (e as unknown as { exitCode: number }).exitCode === 2);
  assert.equal(nftablesRenderer.canServe(p), true);
});
