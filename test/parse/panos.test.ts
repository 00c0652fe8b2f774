import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePanos } from '../../src/parse/panos.ts';
import { assertInputError, brief, fixture, policy, read } from './helpers.ts';

const ZONES = { zones: { outside: 'untrust', inside: 'dmz' } };

test('PAN-OS set commands: objects, groups, services resolved; rules in order (after move), one policy per direction', () => {
  const r = parsePanos(read('panos-edge.set'), fixture('panos-edge.set'), ZONES);
  assert.deepEqual(r.policies.map((p) => [p.firewall, p.defaultAction, p.stateful, p.kind]), [
    ['untrust to dmz inbound', 'drop', true, 'perimeter'], ['dmz to untrust outbound', 'drop', true, 'perimeter'],
  ]);
  const inbound = policy(r.policies, 'untrust to dmz inbound');
  assert.deepEqual(inbound.rules.map((x) => `${x.origin?.line} ${x.id} ${brief(x)}`), [
    '27 Access Edge in accept ipv4 TCP any:any > 10.45.16.10/32:443,5061',
    '40 ssh-admin accept ipv4 TCP any:any > 10.45.16.10/32,10.45.16.20,10.45.16.30/32:22', // moved before av-in
    '35 av-in accept ipv4 TCP any:any > 10.45.16.30/32:443,50000-59999', // service group of two services
    '35 av-in.2 accept ipv4 UDP any:any > 10.45.16.30/32:3478,50000-59999',
    '36 reverse-proxy accept ipv4 TCP any:any > 10.45.16.40:80,443', // ip-range of one address
    '45 cleanup drop any any any:any > any:any', // from any to any: both directions
  ]);
  assert.equal(inbound.rules[0].comment, 'SIP/TLS 443 and SIP/MTLS 5061 to the Access Edge');
  const outbound = policy(r.policies, 'dmz to untrust outbound');
  assert.deepEqual(outbound.rules.map((x) => `${x.origin?.line} ${brief(x)}`), [
    '41 accept ipv4 TCP 10.45.16.30/32:50000-59999 > any:any', // port 0-65535 is every port
    '42 accept ipv4 UDP 10.45.16.30/32:50000-59999 > any:any',
    '42 accept ipv4 UDP 10.45.16.30/32:3478 > any:3478',
    '43 accept ipv4 TCP 10.45.16.10/32:any > any:80,5061',
    '43 accept ipv4 UDP 10.45.16.10/32:any > any:53',
    '45 drop any any any:any > any:any',
  ]);
  assert.deepEqual(r.warnings.map((w) => `${w.line}:${w.col} ${w.message}`), [
    '37:29 rule webconf-appid: service application-default takes its ports from the applications (ssl), which Portolan does not know; the rule is not evaluated',
    '38:29 rule partner: address partner-sip: FQDN sip.fabrikam.com is resolved by the firewall at run time; the rule is not evaluated',
  ]);
});

test('PAN-OS XML (show config running through the XML API): shared and vsys objects, negation, dynamic groups, predefined services', () => {
  const r = parsePanos(read('panos-edge.xml'), fixture('panos-edge.xml'), ZONES);
  const inbound = policy(r.policies, 'untrust to dmz inbound');
  const b = inbound.rules.map((x) => `${x.origin?.line} ${brief(x)}`);
  assert.equal(b[0], '45 accept ipv4 TCP any:any > 10.45.16.10/32:443,5061'); // edge-access from <shared>
  assert.ok(b.includes('54 accept ipv6 UDP any:any > 2001:db8:45::30/128:3478,50000-59999'), b.join('\n'));
  assert.ok(b.includes('63 accept ipv4 TCP any:any > 10.45.16.20:443'), b.join('\n')); // service-https
  // negate-destination: everything but the reverse proxy, both families; service-http is 80 and 8080
  const negated = inbound.rules.filter((x) => x.origin?.line === 72).map(brief);
  assert.equal(negated.length, 2);
  assert.match(negated[0], /^accept ipv4 TCP any:any > 0\.0\.0\.0\/5,.*10\.45\.16\.41,10\.45\.16\.42\/31,.*:80,8080$/);
  assert.match(negated[1], /^accept ipv6 TCP any:any > ::\/0:80,8080$/);
  assert.deepEqual(r.warnings.map((w) => `${w.line}:${w.col} ${w.message}`), [
    '82:17 rule tagged: address tagged: a dynamic address group is filled at run time; the rule is not evaluated',
  ]);
});

test('PAN-OS: the zones decide the direction; unnamed zones are assumed and said so', () => {
  const text = 'set rulebase security rules r1 from dmz to trust source any destination any application any service sip action allow\nset service sip protocol tcp port 5061\n';
  const named = parsePanos(text, 'f.set', { zones: { outside: 'dmz', inside: 'trust' } });
  assert.equal(policy(named.policies, 'dmz to trust inbound').rules.length, 1);
  assert.equal(policy(named.policies, 'trust to dmz outbound').rules.length, 0);
  const assumed = parsePanos(text, 'f.set');
  assert.deepEqual(assumed.policies.map((p) => p.rules.length), [0, 0]);
  assert.match(assumed.warnings[0].message, /^zones assumed: outside untrust, inside dmz/);
});

test('PAN-OS: App-ID and users narrow an allow rule (noted), make a deny rule unreadable (not evaluated)', () => {
  const text = [
    'set service s protocol tcp port 443',
    'set rulebase security rules a from untrust to dmz source any destination any application ssl service s action allow',
    'set rulebase security rules d from untrust to dmz source any destination any application ssl service s source-user corp\\\\bob action deny',
  ].join('\n');
  const r = parsePanos(text, 'f.set', ZONES);
  assert.equal(policy(r.policies, 'untrust to dmz inbound').rules.length, 1);
  assert.deepEqual(r.warnings.map((w) => `${w.line} ${w.message}`), [
    '2 rule a: matches application as well; read as matching every application (an allow rule may allow less than this)',
    '3 rule d: a deny rule that also matches application, source-user cannot be read as a packet filter; the rule is not evaluated',
  ]);
});

test('PAN-OS: bad input is an error at file:line:col', () => {
  // An object the device could not have accepted is a located warning; rules naming it are not evaluated.
  const bad = parsePanos('set address a ip-netmask 10.0.0.300\nset rulebase security rules r from untrust to dmz source any destination a application any service any action allow\n', 'f.set', ZONES);
  assert.deepEqual(bad.warnings.map((w) => `${w.line}:${w.col} ${w.message}`), [
    '1:26 address a: ip-netmask "10.0.0.300" is not valid',
    '2:29 rule r: address a: is not valid (see the warning at its definition); the rule is not evaluated',
  ]);
  assertInputError(() => parsePanos('set address a description "open\n', 'f.set'), 'f.set', 1, 27, /unterminated quoted string/);
  assertInputError(() => parsePanos('set address a ip-netmask 10.0.0.1\nshow running\n', 'f.set'), 'f.set', 2, 1, /expected a PAN-OS set command/);
  assertInputError(() => parsePanos('<config><devices></config>', 'f.xml'), 'f.xml', 1, 18, /does not match <devices>/);
  assertInputError(() => parsePanos('<policy/>', 'f.xml'), 'f.xml', 1, 1, /expected a PAN-OS configuration/);
});
