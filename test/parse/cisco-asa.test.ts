import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCiscoAsa } from '../../src/parse/cisco-asa.ts';
import { assertInputError, brief, fixture, policy, read } from './helpers.ts';

const FILE = fixture('asa-edge.cfg');
const HITS = { text: read('asa-show-access-list.txt'), file: fixture('asa-show-access-list.txt') };

test('ASA: one policy per bound ACL, objects and groups resolved, first-match order kept', () => {
  const r = parseCiscoAsa(read('asa-edge.cfg'), FILE, { hitCounts: HITS });
  assert.deepEqual(r.policies.map((p) => [p.firewall, p.defaultAction, p.stateful, p.kind]), [
    ['OUTSIDE_IN in outside', 'drop', true, 'perimeter'], ['DMZ_OUT out dmz', 'drop', true, 'perimeter'],
  ]);
  const out = policy(r.policies, 'OUTSIDE_IN in outside');
  const pub = '131.107.155.10,131.107.155.20,131.107.155.30,131.107.155.40/30';
  assert.deepEqual(out.rules.map((x) => `${x.origin?.line} ${brief(x)}`), [
    '69 accept ipv4 TCP any:any > 131.107.155.10:5060-5061', // port group SIP_PORTS (sip = 5060)
    '70 accept ipv4 TCP any:any > 131.107.155.10:443', // any4
    '72 accept ipv4 TCP any:any > 131.107.155.30:50000-59999', // protocol group tcp+udp × tcp-udp port group
    '72 accept ipv4 UDP any:any > 131.107.155.30:50000-59999',
    `73 accept ipv4 TCP any:any > ${pub}:443`, // service group LYNC_MIXED over a mixed-family group
    '73 accept ipv6 TCP any:any > 2001:db8:155::10/128:443',
    `73 accept ipv4 UDP any:any > ${pub}:3478`,
    '73 accept ipv6 UDP any:any > 2001:db8:155::10/128:3478',
    '74 accept ipv4 UDP any:1024-65535 > 131.107.155.30:3478', // source port range
    '75 accept ipv6 TCP any:any > 2001:db8:155::/64:5061', // any6 and an IPv6 prefix
    '79 drop any any any:any > any:any',
  ]);
  assert.equal(out.rules[0].comment, 'Access Edge SIP');
  assert.equal(out.rules[1].comment, '');
  assert.equal(out.rules[2].comment, 'A/V Edge media');
  assert.equal((out.rules[4].destination as { group?: string }).group, 'EDGE_PUBLIC');
  // hits from `show access-list`, matched by ACE line number (remarks count)
  assert.deepEqual(out.rules.map((x) => x.hits), [1520, 98211, 0, 0, undefined, undefined, undefined, undefined, undefined, undefined, 7]);
  const dmz = policy(r.policies, 'DMZ_OUT out dmz');
  assert.equal(dmz.rules[0].direction, 'out');
  assert.equal(brief(dmz.rules[0]), 'accept ipv4 TCP 172.25.33.0/24:any > 10.0.0.0/8:5061');
  assert.equal(dmz.rules[0].hits, 44);
  assert.equal(brief(dmz.rules[1]), 'drop ipv4 TCP 10.10.0.0/16,131.107.155.10,131.107.155.20,131.107.155.30,131.107.155.40/30:any > any:0-21,23-65535');
});

test('ASA: unsupported entries are warned with line and column; NAT and other config are not', () => {
  const w = parseCiscoAsa(read('asa-edge.cfg'), FILE).warnings.map((x) => `${x.line}:${x.col} ${x.message}`);
  assert.deepEqual(w, [
    '73:40 a non-TCP/UDP service of this entry is not modelled',
    '76:24 object PARTNER_FQDN: fqdn sip.fabrikam.com cannot be resolved; entry skipped',
    '77:76 inactive entry: not in effect',
    '78:40 protocol icmp is not modelled (TCP and UDP only); entry skipped',
    '82:1 access-list UNUSED is not bound by access-group; ignored',
    '83:1 access-list SPLIT is not bound by access-group; ignored',
  ]);
});

test('ASA: `show access-list` output itself parses, with inline hit counts', () => {
  const cfg = read('asa-edge.cfg').split('\n').filter((l) => !l.startsWith('access-list')).join('\n') + '\n' + HITS.text;
  const r = parseCiscoAsa(cfg, 'combined.txt');
  const out = policy(r.policies, 'OUTSIDE_IN in outside');
  assert.deepEqual(out.rules.map((x) => `${brief(x)} ${x.hits}`), [
    'accept ipv4 TCP any:any > 131.107.155.10:5060-5061 1520',
    'accept ipv4 TCP any:any > 131.107.155.10:443 98211',
    'accept ipv4 TCP any:any > 131.107.155.30:50000-59999 0',
    'accept ipv4 UDP any:any > 131.107.155.30:50000-59999 0',
    'drop any any any:any > any:any 7',
  ]);
});

test('ASA: bad input is an InputError with file:line:col', () => {
  const acl = (l: string) => `object network A\n host 10.0.0.1\n${l}\naccess-group X in interface outside\n`;
  assertInputError(() => parseCiscoAsa(acl('access-list X extended permit tcp any object NOPE eq 443'), 'a'), 'a', 3, 46, /unknown object NOPE/);
  assertInputError(() => parseCiscoAsa(acl('access-list X extended allow tcp any any'), 'b'), 'b', 3, 24, /permit or deny/);
  assertInputError(() => parseCiscoAsa(acl('access-list X extended permit tcp any host 10.0.0.300 eq 443'), 'c'), 'c', 3, 44, /invalid address/);
  assertInputError(() => parseCiscoAsa(acl('access-list X extended permit tcp any any eq notaport'), 'd'), 'd', 3, 46, /port number or name/);
  assertInputError(() => parseCiscoAsa('object network A\n subnet 10.0.0.0 255.0.255.0\n', 'e'), 'e', 2, 9, /address and mask/);
  assertInputError(() => parseCiscoAsa('access-group MISSING in interface outside\n', 'f'), 'f', 1, 1, /unknown access-list MISSING/);
});

test('an fqdn object followed by more lines (found by the fuzzer): skipped with a warning, no crash', () => {
  const text = [
    'object network PARTNER', ' fqdn sip.fabrikam.com', ' host 10.0.0.5', ' network-object host 10.0.0.6',
    'access-list OUTSIDE_IN extended permit tcp object PARTNER any eq 5061', 'access-group OUTSIDE_IN in interface outside', '',
  ].join('\n');
  const r = parseCiscoAsa(text, 'fw.cfg');
  assert.ok(r.warnings.some((w) => /sip\.fabrikam\.com cannot be resolved/.test(w.message)), JSON.stringify(r.warnings));
});
