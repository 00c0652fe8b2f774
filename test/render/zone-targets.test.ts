// Shapes the panos and junos targets must keep: names within the platforms' limits, a one-family
// Any rule that does not open the other family, refusal of host firewalls, deterministic output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Policy, PolicyRule } from '../../src/policy/types.ts';
import { junosRenderer } from '../../src/render/junos.ts';
import { panosRenderer, renderPanosSet, renderPanosXml } from '../../src/render/panos.ts';
import { parseXmlDocument } from '../../src/xml/document.ts';

function rule(over: Partial<PolicyRule>): PolicyRule {
  return {
    id: 'r1', action: 'accept', family: 'any', transport: 'TCP', direction: 'in',
    source: { any: true }, sourcePorts: { any: true }, destination: { any: false, addresses: ['192.0.2.10'] },
    destinationPorts: { any: false, ports: [{ from: 443, to: 443 }] }, comment: 'r1: test "quoted" rule', requirements: ['x'], citations: [], ...over,
  };
}
const policy = (rules: PolicyRule[], kind: Policy['kind'] = 'perimeter'): Policy => ({
  firewall: 'external', kind, rules, defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [],
});

test('a rule of one family between Any and Any names that family, so the other stays closed', () => {
  const p = policy([rule({ family: 'ipv6', destination: { any: true } })]);
  assert.match(renderPanosSet(p), /set address any-ipv6 ip-netmask ::\/0\nset service tcp-443 protocol tcp port 443\nset rulebase security rules portolan-r1 from untrust to dmz source any-ipv6 destination any /);
  assert.match(junosRenderer.render(p), /match source-address any-ipv6\n/);
});

test('names longer than 63 characters fall back to numbered names; descriptions are plain ASCII without quotes', () => {
  const group = 'g'.repeat(70);
  const p = policy([rule({ destination: { any: false, addresses: ['192.0.2.10', '192.0.2.11'], group } })]);
  const set = renderPanosSet(p);
  assert.match(set, /set address-group portolan-group-1 static \[ h-192.0.2.10 h-192.0.2.11 \]/);
  assert.match(set, /description "r1: test quoted rule; requirements x"/);
  for (const line of set.split('\n')) for (const name of line.match(/\b(portolan-\S+|h-\S+)/g) ?? []) assert.ok(name.length <= 63, name);
});

test('source ports become service source-port (PAN-OS) and a source-port term (Junos); any destination port is 0-65535', () => {
  const p = policy([rule({ direction: 'out', transport: 'UDP', source: { any: false, addresses: ['192.0.2.30'] }, sourcePorts: { any: false, ports: [{ from: 50000, to: 59999 }] }, destination: { any: true }, destinationPorts: { any: true } })]);
  assert.match(renderPanosSet(p), /set service udp-all-from-50000-59999 protocol udp port 0-65535 source-port 50000-59999/);
  assert.match(junosRenderer.render(p), /set applications application udp-all-from-50000-59999 term t1 protocol udp source-port 50000-59999\n/);
  assert.match(junosRenderer.render(p), /from-zone dmz to-zone untrust policy portolan-r1 match source-address h-192.0.2.30/);
});

test('zones follow --outside/--inside; host firewalls are refused with the reason', () => {
  const p = policy([rule({})]);
  assert.match(renderPanosSet(p, { interfaces: { outside: 'internet', inside: 'perimeter' } }), / from internet to perimeter /);
  assert.throws(() => renderPanosSet(p, { interfaces: { outside: 'dmz', inside: 'dmz' } }), /zones must differ/);
  for (const r of [panosRenderer, junosRenderer]) assert.match(String(r.canServe(policy([rule({})], 'host'))), /serves perimeter firewalls/);
});

test('the PAN-OS XML is well-formed, escapes text, and renders the same rules as the set commands', () => {
  const p = policy([rule({ comment: 'r1: A & B <edge>' })]);
  const doc = parseXmlDocument(renderPanosXml(p), 'x.xml');
  assert.equal(doc.name, 'config');
  assert.match(renderPanosXml(p), /<description>r1: A &amp; B \?edge\?; requirements x<\/description>|<description>r1: A &amp; B &lt;edge&gt;; requirements x<\/description>/);
  assert.equal(renderPanosXml(p), renderPanosXml(p));
  assert.deepEqual(panosRenderer.renderFiles!(p).map((f) => f.extension), ['.set', '.xml']);
});
