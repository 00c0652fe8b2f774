import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJunos } from '../../src/parse/junos.ts';
import { junosSetLines } from '../../src/parse/junos-hierarchy.ts';
import { assertInputError, brief, fixture, policy, read } from './helpers.ts';

const ZONES = { zones: { outside: 'untrust', inside: 'dmz' } };
const view = (r: ReturnType<typeof parseJunos>) => r.policies.map((p) => [p.firewall, p.rules.map((x) => `${x.id} ${brief(x)}`)]);

test('Junos display set: address book, applications and sets, zone policies in order (insert), global policy, deactivate', () => {
  const r = parseJunos(read('junos-edge.set'), fixture('junos-edge.set'), ZONES);
  const inbound = policy(r.policies, 'untrust to dmz inbound');
  assert.deepEqual(inbound.rules.map((x) => `${x.origin?.line} ${x.id} ${brief(x)}`), [
    '26 access-in accept ipv4 TCP any:any > 10.45.16.10/32:443', // telnet-in inserted before it, but deactivated
    '26 access-in.2 accept ipv4 TCP any:any > 10.45.16.10/32:5061', // one IR rule per application term
    '30 webconf-in accept ipv4 TCP any:any > 10.45.16.20/32:443',
    '34 av-in accept ipv4 TCP any:any > 10.45.16.30/32:50000-59999',
    '34 av-in.2 accept ipv4 UDP any:any > 10.45.16.30/32:50000-59999',
    '34 av-in.3 accept ipv4 UDP any:any > 10.45.16.30/32:3478',
    '34 av-in.4 accept ipv4 TCP any:any > 10.45.16.30/32:443', // junos-https inside the application-set
    '38 rp-in accept ipv4 TCP any:any > 10.45.16.40:80', // range-address of one address; [ list ] of applications
    '38 rp-in.2 accept ipv4 TCP any:any > 10.45.16.40:443',
    '65 deny-log drop any any any:any > any:any', // global policy after the zone policies
  ]);
  const outbound = policy(r.policies, 'dmz to untrust outbound');
  assert.deepEqual(outbound.rules.map((x) => `${x.origin?.line} ${brief(x)}`), [
    '55 accept ipv4 TCP 10.45.16.10/32:any > any:80',
    '55 accept ipv4 UDP 10.45.16.10/32:any > any:53',
    '60 accept ipv4 UDP 10.45.16.30/32:50000-59999 > any:any',
    '60 accept ipv4 UDP 10.45.16.30/32:3478 > any:3478',
    '65 drop any any any:any > any:any',
  ]);
  assert.deepEqual(r.warnings.map((w) => `${w.line}:${w.col} ${w.message}`), [
    "42:1 rule partner-in: address partner: DNS name sip.fabrikam.com is resolved by the firewall at run time; the rule is not evaluated",
    "51:1 rule winrm-in: predefined application junos-winrm is not in Portolan's list of junos-defaults applications; the rule is not evaluated",
  ]);
});

test('Junos curly-brace configuration reads as its display-set form (same rules, inactive: as deactivate)', () => {
  const set = parseJunos(read('junos-edge.set'), fixture('junos-edge.set'), ZONES);
  const conf = parseJunos(read('junos-edge.conf'), fixture('junos-edge.conf'), ZONES);
  assert.deepEqual(view(conf), view(set));
  const lines = junosSetLines(read('junos-edge.conf'), 'f').map((l) => l.text);
  assert.ok(lines.includes('deactivate security policies from-zone untrust to-zone dmz policy telnet-in'));
  assert.ok(lines.includes('set security address-book global address rp-range range-address 10.45.16.40 to 10.45.16.40'));
  assert.ok(lines.includes('set security policies from-zone untrust to-zone dmz policy access-in description "SIP/TLS and SIP/MTLS to the Access Edge"'));
  assert.ok(lines.includes('set security policies default-policy deny-all'));
  assert.ok(lines.includes('set applications application sip-tls term t1 protocol tcp destination-port 443'));
});

test('Junos: default-policy permit-all makes unmatched traffic allowed', () => {
  const r = parseJunos('set security policies default-policy permit-all\n', 'f.set', ZONES);
  assert.deepEqual(r.policies.map((p) => p.defaultAction), ['accept', 'accept']);
});

test('Junos: bad input is an error at file:line:col', () => {
  assertInputError(() => parseJunos('security {\n  policies {\n', 'f.conf'), 'f.conf', 2, 3, /"policies \{" is never closed/);
  assertInputError(() => parseJunos('security {\n  address-book global\n}\n', 'f.conf'), 'f.conf', 2, 3, /expected ";" after "address-book global"/);
  assert.deepEqual(parseJunos('set security address-book global address a 10.0.0.0/33\n', 'f.set', ZONES).warnings.map((w) => `${w.line}:${w.col} ${w.message}`), ["1:44 address a: '10.0.0.0/33' is not an address"]);
  assertInputError(() => parseJunos('set security policies from-zone a to-zone b policy p description "x\n', 'f.set'), 'f.set', 1, 66, /unterminated quoted string/);
  assertInputError(() => parseJunos('set system host-name x\nshow security policies\n', 'f.set'), 'f.set', 2, 1, /expected a Junos set command/);
});
