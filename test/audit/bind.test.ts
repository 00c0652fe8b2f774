// Binding from what the readers recorded: ASA access-groups by direction and interface,
// iptables' built-in chains as hooks with the family the reader decided, security groups on
// instances, NSGs by direction; names play no part (a filter without a binding is unbound,
// whatever it is called).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindPolicies, seesOf } from '../../src/audit/bind.ts';
import { chainPriority } from '../../src/parse/nftables-json.ts';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';
import type { Policy } from '../../src/policy/types.ts';
import { read } from '../parse/helpers.ts';

const bindings = (platform: string, file: string) =>
  readConfig(findPlatform(platform)!.platform, read(file), file).policies.map((p) => [p.firewall, p.binding]);

test('readers record where each filter sits', () => {
  assert.deepEqual(bindings('cisco-asa', 'asa-edge.cfg'), [
    ['OUTSIDE_IN in outside', { direction: 'in', interfaces: ['outside'], family: 'any', attachment: 'interface' }],
    ['DMZ_OUT out dmz', { direction: 'out', interfaces: ['dmz'], family: 'any', attachment: 'interface' }],
  ]);
  const chain = (name: string, family: string) => ({ hook: { name, priority: 0 }, interfaces: [], family, attachment: 'chain' });
  assert.deepEqual(bindings('iptables', 'iptables-edge.rules'), [
    ['filter INPUT', chain('input', 'ipv4')], ['filter FORWARD', chain('forward', 'ipv4')], ['filter OUTPUT', chain('output', 'ipv4')],
  ]);
  assert.deepEqual(bindings('iptables', 'ip6tables-edge.rules'), [
    ['ip6 filter INPUT', chain('input', 'ipv6')], ['ip6 filter FORWARD', chain('forward', 'ipv6')], ['ip6 filter OUTPUT', chain('output', 'ipv6')],
  ]);
  assert.deepEqual(bindings('nftables', 'nftables-edge.nft').map(([n, b]) => [n, (b as Policy['binding'])!.family]), [
    ['inet filter input', 'any'], ['inet filter forward', 'any'], ['inet filter output', 'any'],
  ]);
  assert.deepEqual(new Set(bindings('aws', 'aws-security-groups.json').map(([, b]) => JSON.stringify(b))), new Set([
    JSON.stringify({ direction: 'in', interfaces: [], family: 'any', attachment: 'instance' }),
    JSON.stringify({ direction: 'out', interfaces: [], family: 'any', attachment: 'instance' }),
  ]));
  assert.deepEqual(bindings('azure', 'azure-nsg.json'), [
    ['edge-external-nsg Inbound', { direction: 'in', interfaces: [], family: 'any', attachment: 'subnet' }],
    ['edge-external-nsg Outbound', { direction: 'out', interfaces: [], family: 'any', attachment: 'subnet' }],
  ]);
});

test('ASA: what an access-group sees follows from its direction and interface', () => {
  const acl = (direction: 'in' | 'out', iface: string) => ({ direction, interfaces: [iface], family: 'any' as const, attachment: 'interface' as const });
  assert.equal(seesOf(acl('in', 'outside'), 'outside'), 'in');
  assert.equal(seesOf(acl('out', 'outside'), 'outside'), 'out');
  assert.equal(seesOf(acl('in', 'inside'), 'outside'), 'out');
  assert.equal(seesOf(acl('out', 'inside'), 'outside'), 'in');
  assert.equal(seesOf(acl('in', 'dmz'), 'dmz'), 'in');
  // `access-group NAME global`: every interface's inbound traffic (issue 16: bound, both directions).
  assert.equal(seesOf({ interfaces: [], family: 'any', attachment: 'global' }, 'outside'), 'both');
});

test('a filter is bound by its binding, not its name', () => {
  const policy = (firewall: string, binding?: Policy['binding']): Policy => ({ firewall, kind: 'perimeter', rules: [], defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [], ...(binding ? { binding } : {}) });
  const hook = (name: 'input' | 'forward' | 'output', priority = 0) => ({ hook: { name, priority }, interfaces: [], family: 'any' as const, attachment: 'chain' as const });
  const ps = [policy('inet t forward'), policy('inet t input', hook('forward')), policy('inet t output', hook('input', 5)), policy('inet t early', hook('input', -5))];
  const per = bindPolicies(ps, { outsideInterface: 'outside', kind: 'perimeter' });
  assert.deepEqual(per.bound.map((b) => [b.sees, b.parts]), [['both', ['inet t input']]]);
  assert.deepEqual(per.unbound, ['inet t forward']);
  const host = bindPolicies(ps, { outsideInterface: 'outside', kind: 'host' });
  assert.deepEqual(host.bound.map((b) => [b.sees, b.parts]), [['in', ['inet t early', 'inet t output']]], 'input-hook chains in priority order');
});

test('nftables chain priorities: numbers and the named priorities of nft(8)', () => {
  assert.equal(chainPriority(0), 0);
  assert.equal(chainPriority(-150), -150);
  assert.equal(chainPriority('filter'), 0);
  assert.equal(chainPriority('filter+10'), 10);
  assert.equal(chainPriority('mangle-5'), -155);
  assert.equal(chainPriority('-300'), -300);
  assert.equal(chainPriority('srcnat'), 100);
  assert.equal(chainPriority('security'), 50);
});
