// FortiGate, Check Point and pfSense / OPNsense readers on configurations written the way each
// product writes them (see test/fixtures/configs/SOURCES.md for the published formats followed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckpoint } from '../../src/parse/checkpoint.ts';
import { parseFortigate } from '../../src/parse/fortigate.ts';
import { parsePfsense } from '../../src/parse/pfsense.ts';
import { assertInputError, brief, fixture, policy, read } from './helpers.ts';

const lines = (rules: { origin?: { line: number }; id: string }[] & unknown[]) =>
  (rules as Parameters<typeof brief>[0][]).map((x) => `${x.origin?.line} ${x.id} ${brief(x)}`);
const warnings = (r: { warnings: { line: number; col?: number; message: string }[] }) => r.warnings.map((w) => `${w.line}:${w.col ?? ''} ${w.message}`);

test('FortiGate: addresses (mask, prefix, range, IPv6), service port ranges with source ports, policies in configuration order', () => {
  const r = parseFortigate(read('fortigate-edge.conf'), fixture('fortigate-edge.conf'), { zones: { outside: 'port1', inside: 'port2' } });
  const inbound = policy(r.policies, 'port1 to port2 inbound');
  // "all" is FortiOS's IPv4 Any (IPv6 has its own); one IR rule per port range of a service
  assert.deepEqual(lines(inbound.rules), [
    '87 access-in accept ipv4 TCP 0.0.0.0/0:any > 10.45.16.10/32:443', // edit 3 comes first in the file
    '87 access-in.2 accept ipv4 TCP 0.0.0.0/0:any > 10.45.16.10/32:5061',
    '99 av-in accept ipv4 TCP 0.0.0.0/0:any > 10.45.16.30/32:443',
    '99 av-in.2 accept ipv6 TCP ::/0:any > 2001:db8:45::30/128:443', // srcaddr6/dstaddr6 in the same policy
    '99 av-in.3 accept ipv4 TCP 0.0.0.0/0:any > 10.45.16.30/32:50000-59999',
    '99 av-in.4 accept ipv6 TCP ::/0:any > 2001:db8:45::30/128:50000-59999',
    '99 av-in.5 accept ipv4 UDP 0.0.0.0/0:any > 10.45.16.30/32:3478',
    '99 av-in.6 accept ipv6 UDP ::/0:any > 2001:db8:45::30/128:3478',
    '99 av-in.7 accept ipv4 UDP 0.0.0.0/0:any > 10.45.16.30/32:50000-59999',
    '99 av-in.8 accept ipv6 UDP ::/0:any > 2001:db8:45::30/128:50000-59999',
    '111 rdp-admin accept ipv4 TCP 0.0.0.0/0:any > 10.45.16.10/32,10.45.16.20/32,10.45.16.30/32:3389',
  ]);
  assert.equal(inbound.rules[0]!.comment, 'Access Edge: SIP/TLS 443, SIP/MTLS 5061');
  const outbound = policy(r.policies, 'port2 to port1 outbound');
  assert.deepEqual(lines(outbound.rules), [
    '142 edge-out accept ipv4 TCP 10.45.16.30/32:50000-59999 > 0.0.0.0/0:any', // 1-65535 is FortiOS's every port
    '142 edge-out.2 accept ipv4 UDP 10.45.16.30/32:50000-59999 > 0.0.0.0/0:any',
    '142 edge-out.3 accept ipv4 UDP 10.45.16.30/32:3478 > 0.0.0.0/0:3478',
  ]);
  assert.deepEqual(warnings(r), ['121:10 rule partner: address partner-fqdn: a fqdn address is resolved by the firewall at run time or not modelled; the rule is not evaluated']);
});

test('FortiGate: unnamed interfaces are assumed and said so; bad input is located', () => {
  const r = parseFortigate('config firewall policy\n    edit 1\n        set srcintf "untrust"\n        set dstintf "dmz"\n        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n        set service "HTTPS"\n    next\nend\n', 'f.conf');
  assert.equal(policy(r.policies, 'untrust to dmz inbound').rules.length, 1);
  assert.match(r.warnings[0]!.message, /^zones assumed: outside untrust, inside dmz \(outside and inside as render writes them for the external firewall/);
  assert.deepEqual(parseFortigate('config firewall address\n    edit "a"\n        set subnet 10.0.0.1 255.0.255.0\n    next\nend\n', 'f.conf').warnings.map((w) => `${w.line}:${w.col} ${w.message}`).slice(0, 1), ['3:13 address a: subnet 10.0.0.1 255.0.255.0 is not valid']);
  // move, delete, rename inside a table; unknown words are warned, not fatal
  const edited = parseFortigate('config firewall policy\n    edit 1\n        set name "a"\n        set srcintf "untrust"\n        set dstintf "dmz"\n        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n        set service "HTTPS"\n    next\n    edit 2\n        set name "b"\n        set srcintf "untrust"\n        set dstintf "dmz"\n        set srcaddr "all"\n        set dstaddr "all"\n        set action deny\n        set service "ALL"\n    next\n    move 2 before 1\n    frobnicate\nend\n', 'f.conf', { zones: { outside: 'untrust', inside: 'dmz' } });
  assert.deepEqual(policy(edited.policies, 'untrust to dmz inbound').rules.map((x) => x.id), ['b', 'a']);
  assert.deepEqual(edited.warnings.map((w) => `${w.line} ${w.message}`), ["21 'frobnicate' is not a FortiOS configuration command; line ignored"]);
  assertInputError(() => parseFortigate('config firewall policy\n    edit 1\n', 'f.conf'), 'f.conf', 1, 1, /never closed with "end"/);
  assertInputError(() => parseFortigate('show firewall policy\n', 'f.conf'), 'f.conf', 1, 1, /expected a FortiOS configuration/);
});

test('Check Point show access-rulebase JSON: sections, object dictionary, groups, ranges, disabled rules, one rule list for both directions', () => {
  const r = parseCheckpoint(read('checkpoint-rulebase.json'), fixture('checkpoint-rulebase.json'));
  assert.deepEqual(r.policies.map((p) => p.firewall), ['access rulebase forward']);
  assert.deepEqual(lines(r.policies[0]!.rules), [
    '10 Access-Edge accept ipv4 TCP any:any > 10.45.16.10:443'.replace('Access-Edge', 'Access Edge'),
    '10 Access Edge.2 accept ipv4 TCP any:any > 10.45.16.10:5061',
    '29 A/V Edge accept ipv4 UDP any:any > 10.45.16.30:50000-59999',
    '29 A/V Edge.2 accept ipv6 UDP any:any > 2001:db8:45::30:50000-59999',
    '29 A/V Edge.3 accept ipv4 UDP any:any > 10.45.16.30:3478',
    '29 A/V Edge.4 accept ipv6 UDP any:any > 2001:db8:45::30:3478',
    '29 A/V Edge.5 accept ipv4 TCP any:any > 10.45.16.30:443',
    '29 A/V Edge.6 accept ipv6 TCP any:any > 2001:db8:45::30:443',
    '55 Any to edge servers accept ipv4 any any:any > 10.45.16.10/31,10.45.16.12/30,10.45.16.16/28,10.45.16.32/29,10.45.16.40:any',
    '66 Cleanup rule drop any any any:any > any:any',
  ]);
  assert.deepEqual(warnings(r), []);
  assertInputError(() => parseCheckpoint('{"rulebase": 1}', 'r.json'), 'r.json', 1, 1, /expected the JSON of show access-rulebase/);
  assert.deepEqual(parseCheckpoint('{"rulebase": [], "objects-dictionary": [\n {"uid": "x", "name": "h", "type": "host", "ipv4-address": "10.0.0.256"}]}', 'r.json').warnings.map((w) => `${w.line}:${w.col} ${w.message}`), ['2:2 host h: 10.0.0.256 is not an address']);
  // Broken references (the fuzzer's seed-1 finding: null where a uid or an object belongs) are read as text, never dereferenced.
  const broken = parseCheckpoint('{"rulebase": [\n {"type": "access-rule", "name": "r", "action": null, "source": [null, 7], "destination": ["Any"], "service": ["Any"]}]}', 'r.json');
  assert.deepEqual(warnings(broken), ['2:2 rule r: action (none) is not modelled; the rule is not evaluated']);
});

test('pfSense config.xml: aliases (host, port with ranges, URL tables), rules per interface, negation, disabled and floating rules', () => {
  const r = parsePfsense(read('pfsense-config.xml'), fixture('pfsense-config.xml'), { zones: { outside: 'wan', inside: 'opt1' } });
  const inbound = policy(r.policies, 'wan to opt1 inbound');
  assert.deepEqual(lines(inbound.rules).slice(0, 6), [
    '49 1700000101 accept ipv4 TCP any:any > 10.45.16.10:443',
    '74 1700000102 accept ipv4 TCP any:any > 10.45.16.10:5061',
    '89 1700000103 accept ipv4 TCP any:any > 10.45.16.30:443,3478,50000-59999', // inet46 (the address decides), tcp/udp, port alias 50000:59999
    '89 1700000103.2 accept ipv4 UDP any:any > 10.45.16.30:443,3478,50000-59999',
    '149 1700000107 drop ipv4 TCP any:any > 0.0.0.0/5,8.0.0.0/7,10.0.0.0/11,10.32.0.0/13,10.40.0.0/14,10.44.0.0/16,10.45.0.0/20,10.45.16.0/28,10.45.16.16/30,10.45.16.21,10.45.16.22/31,10.45.16.24/29,10.45.16.32/27,10.45.16.64/26,10.45.16.128/25,10.45.17.0/24,10.45.18.0/23,10.45.20.0/22,10.45.24.0/21,10.45.32.0/19,10.45.64.0/18,10.45.128.0/17,10.46.0.0/15,10.48.0.0/12,10.64.0.0/10,10.128.0.0/9,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1:443',
    '165 1700000108 accept ipv4 TCP any:any > any:443',
  ]);
  const outbound = policy(r.policies, 'opt1 to wan outbound');
  assert.deepEqual(lines(outbound.rules), ['180 1700000201 accept ipv4 UDP 10.45.16.30:50000-59999 > any:any']);
  assert.deepEqual(warnings(r), [
    '104:3 rule 1700000104: address Partners: a urltable alias is filled at run time; the rule is not evaluated',
    '118:3 rule 1700000105: address "opt1ip": an interface network or address, which config.xml gives only through the interface settings; the rule is not evaluated',
    '195:3 rule 1700000202: a floating rule (applied before interface rules, possibly on several interfaces) is not modelled; the rule is not evaluated',
  ]);
});

test('OPNsense config.xml: aliases under OPNsense/Firewall/Alias (newline-separated, enabled flag), <any>1</any>, <disabled>1</disabled>', () => {
  const r = parsePfsense(read('opnsense-config.xml'), fixture('opnsense-config.xml'), { zones: { outside: 'wan', inside: 'opt1' } });
  assert.deepEqual(lines(policy(r.policies, 'wan to opt1 inbound').rules), [
    '46 #1 accept ipv4 TCP any:any > 10.45.16.10:443,5061',
    '46 #1.2 accept ipv6 TCP any:any > 2001:db8:45::10:443,5061',
  ]);
  assertInputError(() => parsePfsense('<config/>', 'c.xml'), 'c.xml', 1, 1, /expected a pfSense or OPNsense config.xml/);
  assertInputError(() => parsePfsense('<pfsense><filter><rule></filter></pfsense>', 'c.xml'), 'c.xml', 1, 24, /does not match <rule>/);
});
