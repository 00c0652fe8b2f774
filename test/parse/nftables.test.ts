import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNftablesJson } from '../../src/parse/nftables-json.ts';
import { parseNftablesText } from '../../src/parse/nftables-text.ts';
import { nftables } from '../../src/platforms/nftables.ts';
import { readConfig } from '../../src/platforms/index.ts';
import { assertInputError, brief, fixture, inNetns, policy, read } from './helpers.ts';

const FILE = fixture('nftables-edge.nft');

test('nft text: base chains become policies with default action and stateful flag', () => {
  const r = parseNftablesText(read('nftables-edge.nft'), FILE);
  assert.deepEqual(r.policies.map((p) => p.firewall), ['inet filter input', 'inet filter forward', 'inet filter output']);
  const input = policy(r.policies, 'inet filter input');
  assert.equal(input.defaultAction, 'drop');
  assert.equal(input.stateful, true);
  assert.equal(input.kind, 'host');
  assert.equal(policy(r.policies, 'inet filter forward').kind, 'perimeter');
  assert.equal(policy(r.policies, 'inet filter output').defaultAction, 'accept');
  // named ipv6 set, counter → hits, comment, line number
  const ssh = input.rules[0];
  assert.equal(brief(ssh), 'accept ipv6 TCP 2001:db8:10::5,2001:db8:10::6:any > any:22');
  assert.equal(ssh.hits, 4);
  assert.equal(ssh.comment, 'admin ssh');
  assert.equal(ssh.origin?.line, 28);
  assert.match(ssh.origin?.text ?? '', /^ip6 saddr @admins6 tcp dport 22/);
  assert.equal(input.rules[1].hits, 17);
});

test('nft text: jump/goto inlined in first-match order, return, sets, negation, th', () => {
  const fwd = policy(parseNftablesText(read('nftables-edge.nft'), FILE).policies, 'inet filter forward');
  assert.deepEqual(fwd.rules.map((r) => `${r.origin?.line} ${brief(r)}`), [
    '36 accept ipv4 TCP any:any > 131.107.155.10:443,5061',
    '37 accept ipv4 TCP any:any > 131.107.155.20:443',
    // jump av_edge under ip daddr 131.107.155.30; unconditional return stops at line 53
    '49 accept ipv4 UDP any:any > 131.107.155.30:3478',
    '50 accept ipv4 TCP any:any > 131.107.155.30:443',
    `52 accept ipv4 TCP ${'0.0.0.0/1,128.0.0.0/2,192.0.0.0/6,196.0.0.0/7,198.0.0.0/11,198.32.0.0/12,198.48.0.0/15,198.50.0.0/16,198.51.0.0/18,198.51.64.0/19,198.51.96.0/22,198.51.101.0/24,198.51.102.0/23,198.51.104.0/21,198.51.112.0/20,198.51.128.0/17,198.52.0.0/14,198.56.0.0/13,198.64.0.0/10,198.128.0.0/9,199.0.0.0/8,200.0.0.0/5,208.0.0.0/4,224.0.0.0/3'}:any > 131.107.155.30:50000-59999`,
    '39 accept ipv4 TCP 10.0.0.0/8:any > 0.0.0.0/5,8.0.0.0/7,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1:53',
    '39 accept ipv4 UDP 10.0.0.0/8:any > 0.0.0.0/5,8.0.0.0/7,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1:53',
    '58 accept ipv4 TCP 192.0.2.0/24:any > any:8080',
    '40 drop any TCP any:any > any:8080', // goto never returns: the chain policy decides
    '41 accept ipv4 UDP any:1024-65535 > 131.107.155.10,131.107.155.20/31,131.107.155.32/30:3478',
    '42 accept ipv4 UDP any:any > 131.107.155.0/24:3478,50000-59999',
    '43 reject any TCP any:any > any:80',
    '45 drop any any any:any > any:any',
  ]);
  assert.equal(fwd.rules[0].hits, 120);
  assert.equal(fwd.rules[2].comment, 'chain av_edge');
  assert.equal(fwd.rules[11].comment, 'iifname eth1; oifname eth0');
  assert.equal((fwd.rules[9].destination as { group?: string }).group, 'edge_public');
  assert.equal(new Set(fwd.rules.map((r) => r.id)).size, fwd.rules.length, 'ids are unique');
});

test('nft text: what is not modelled is warned with its line', () => {
  const w = parseNftablesText(read('nftables-edge.nft'), FILE).warnings;
  const at = (line: number) => w.filter((x) => x.line === line).map((x) => x.message).join(' | ');
  assert.match(at(27), /loopback/);
  assert.match(at(29), /icmp is not modelled/);
  assert.match(at(44), /unsupported statement 'meta mark set/);
  assert.equal(at(51), '', 'a conditional return is exact: nothing to warn');
  assert.match(at(67), /nat chain ignored/);
  assert.equal(w.filter((x) => x.line === 3).length, 0, 'flush ruleset is accepted silently');
});

test('nft: real `nft list ruleset` and `nft -j list ruleset` dumps parse to the same rules', () => {
  const out = inNetns(`nft -f ${FILE} && nft list ruleset && echo '%%%' && nft -j list ruleset`);
  assert.ok(out !== undefined, 'unshare --net with nft failed');
  const [textDump, jsonDump] = out.split('%%%\n');
  const a = readConfig(nftables, textDump, 'dump.nft');
  const b = readConfig(nftables, jsonDump, 'dump.json');
  const orig = parseNftablesText(read('nftables-edge.nft'), FILE);
  const view = (ps: typeof a.policies) => ps.map((p) => [p.firewall, p.defaultAction, p.stateful, p.rules.map((r) => `${brief(r)} ${r.hits ?? ''} ${r.comment}`)]);
  assert.deepEqual(view(a.policies), view(orig.policies));
  assert.deepEqual(view(b.policies), view(orig.policies));
  assert.deepEqual(a.warnings.map((x) => x.message.replace(/'.*'/, '')), b.warnings.map((x) => x.message.replace(/statement \w+/, 'statement ')));
  // JSON locators: each rule points at its object in the one-line JSON, and is named by handle.
  const ssh = policy(b.policies, 'inet filter input').rules[0];
  assert.equal(ssh.origin?.line, 1);
  assert.match(ssh.id, /^h\d+$/);
  assert.match(ssh.origin?.text ?? '', /"chain":"input"/);
});

test('nft json: pretty-printed JSON gives real line numbers', () => {
  const json = JSON.stringify({ nftables: [
    { table: { family: 'ip', name: 'fw', handle: 1 } },
    { chain: { family: 'ip', table: 'fw', name: 'in', handle: 1, type: 'filter', hook: 'input', prio: 0, policy: 'drop' } },
    { rule: { family: 'ip', table: 'fw', chain: 'in', handle: 2, expr: [
      { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: { set: [5061, { range: [50000, 59999] }] } } },
      { match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: { range: ['10.0.0.1', '10.0.0.6'] } } },
      { accept: null }] } },
  ] }, null, 2);
  const r = parseNftablesJson(json, 'x.json');
  const rule = r.policies[0].rules[0];
  assert.equal(brief(rule), 'accept ipv4 TCP 10.0.0.1,10.0.0.2/31,10.0.0.4/31,10.0.0.6:any > any:5061,50000-59999');
  assert.equal(rule.origin?.line, json.split('\n').findIndex((l) => l.includes('"rule"')) + 1);
  assert.equal(r.policies[0].firewall, 'ip fw in');
});

test('nft: bad input is an InputError with file:line:col', () => {
  assertInputError(() => parseNftablesText('table inet f {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tip saddr 10.0.0.300 accept\n\t}\n}\n', 'a.nft'), 'a.nft', 4, 3, /invalid ipv4 address/);
  // Messages name what the file says, never the reader's internal objects.
  assertInputError(() => parseNftablesText('table inet f {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tip saddr 2001:db8::/32 accept\n\t}\n}\n', 'p.nft'), 'p.nft', 4, 3, /^invalid ipv4 address "2001:db8::\/32"$/);
  assertInputError(() => parseNftablesText('table inet f {\n\tchain c {\n\t\tcomment "oops\n\t}\n}\n', 'b.nft'), 'b.nft', 3, 11, /unterminated string/);
  assertInputError(() => parseNftablesText('table inet f {\n\tchain c {\n\t\ttcp dport 22 accept\n', 'c.nft'), 'c.nft', 2, 10, /missing '}'/);
  assertInputError(() => parseNftablesText('table inet f {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\ttcp dport 22 jump nowhere\n\t}\n}\n', 'd.nft'), 'd.nft', 4, 3, /unknown chain nowhere/);
  assertInputError(() => parseNftablesText('table inet f {\n  chain c {\n    type filter hook input priority 0; policy maybe;\n  }\n}\n', 'e.nft'), 'e.nft', 3, 47, /accept or drop/);
  assertInputError(() => parseNftablesJson('{"nftables": [\n  {"table": {}},\n  {"rule": \n', 'f.json'), 'f.json', 4, 1, /invalid JSON/);
  assertInputError(() => parseNftablesJson('{"rules": []}', 'g.json'), 'g.json', 1, 1, /nftables/);
});
