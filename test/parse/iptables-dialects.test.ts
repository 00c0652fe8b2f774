// iptables in the dialects people keep: files whose family only the content tells, iptables -S,
// shell scripts of `iptables -A …` lines, addresses as iptables-restore completes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseIptables } from '../../src/parse/iptables.ts';
import { assertInputError, brief, inNetns, policy } from './helpers.ts';

const TP = 'test/fixtures/third-party/iptables/';
const read = (f: string) => readFileSync(TP + f, 'utf8');
const view = (text: string, file: string, family?: 'ipv4' | 'ipv6') =>
  parseIptables(text, file, family ? { family } : {}).policies.map((p) => [p.firewall, p.defaultAction, p.stateful, p.rules.map(brief)]);

test('the family comes from the content, not from an ip6tables-save header comment', () => {
  // ip6tables-save v1.8.9 output with its header comments removed, and after a long banner.
  for (const f of ['ip6tables-save-no-header.rules.v6', 'ip6tables-save-long-banner.rules.v6']) {
    const r = parseIptables(read(f), f);
    assert.deepEqual(policy(r.policies, 'ip6 filter FORWARD').rules.map(brief), ['accept ipv6 TCP any:any > 2001:db8:45:16::10:443,5061'], f);
    assert.equal(policy(r.policies, 'ip6 filter INPUT').binding?.family, 'ipv6');
  }
  // An iptables-save whose first comment mentions ip6tables-save is still IPv4.
  const v4 = parseIptables(read('iptables-save-mentions-ip6tables.rules.v4'), 'x');
  assert.deepEqual(policy(v4.policies, 'filter FORWARD').rules.map(brief), ['accept ipv4 TCP any:any > 10.45.16.10:443,5061']);
  assert.equal(policy(v4.policies, 'filter FORWARD').binding?.family, 'ipv4');
});

test('--family decides a file the content leaves open, and contradicting content is an error', () => {
  const open = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 443 -j ACCEPT\nCOMMIT\n';
  const any = parseIptables(open, 'o');
  assert.equal(policy(any.policies, 'filter INPUT').binding?.family, 'any');
  assert.deepEqual(any.warnings.map((w) => [w.line, /pass --family/.test(w.message)]), [[2, true]]);
  assert.equal(policy(parseIptables(open, 'o', { family: 'ipv6' }).policies, 'ip6 filter INPUT').rules[0]!.family, 'ipv6');
  assert.deepEqual(parseIptables(open, 'o', { family: 'ipv6' }).warnings, []);
  assertInputError(() => parseIptables(read('ip6tables-save-no-header.rules.v6'), 'v6', { family: 'ipv4' }), 'v6', 7, 1, /IPv6 rule in a file read as IPv4 \(--family\)/);
  assertInputError(() => parseIptables('*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.1 -j ACCEPT\n-A INPUT -s 2001:db8::1 -j ACCEPT\nCOMMIT\n', 'm'), 'm', 4, 13, /^IPv6 address "2001:db8::1" in IPv4 rules$/);
  // ICMPv6 and icmp6 rejects tie a file without addresses to IPv6.
  const icmp6 = parseIptables('*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j REJECT --reject-with icmp6-port-unreachable\nCOMMIT\n', 'i');
  assert.equal(policy(icmp6.policies, 'ip6 filter INPUT').binding?.family, 'ipv6');
});

test('addresses as iptables-restore completes them: 172.16.0/24 is 172.16.0.0/24', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -s 172.16.0/24 -j ACCEPT\n-A INPUT -s 10.1/16 -p tcp --dport 22 -j ACCEPT\n-A INPUT -s 192.168.1 -p udp --dport 53 -j ACCEPT\nCOMMIT\n';
  const dump = inNetns('iptables-restore && iptables-save', text);
  assert.ok(dump !== undefined);
  assert.match(dump, /-A INPUT -s 172\.16\.0\.0\/24 -j ACCEPT/, 'iptables-restore accepts and completes it');
  assert.deepEqual(view(text, 'a'), view(dump, 'dump'));
  assert.deepEqual(policy(parseIptables(text, 'a').policies, 'filter INPUT').rules.map(brief), [
    'accept ipv4 any 172.16.0.0/24:any > any:any', 'accept ipv4 TCP 10.1.0.0/16:any > any:22', 'accept ipv4 UDP 192.168.1.0:any > any:53',
  ]);
  // Bad addresses name the word, not an internal object.
  assertInputError(() => parseIptables('*filter\n:INPUT DROP [0:0]\n-A INPUT -s 172.16.0/33 -j ACCEPT\nCOMMIT\n', 'b'), 'b', 3, 13, /^invalid prefix length "33" in "172\.16\.0\/33"$/);
  assertInputError(() => parseIptables('*filter\n:INPUT DROP [0:0]\n-A INPUT -s gateway.lan -j ACCEPT\nCOMMIT\n', 'h'), 'h', 3, 13, /host name "gateway\.lan"/);
});

test('-N lines (iptables-restore accepts them) declare chains', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-N SSH\n-A SSH -s 10.0.0.0/8 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j SSH\nCOMMIT\n';
  const dump = inNetns('iptables-restore && iptables-save', text);
  assert.ok(dump !== undefined);
  assert.deepEqual(view(text, 'n'), view(dump, 'dump'));
  assert.deepEqual(policy(parseIptables(text, 'n').policies, 'filter INPUT').rules.map(brief), ['accept ipv4 TCP 10.0.0.0/8:any > any:22']);
});

test('a shell script of iptables commands reads as the kernel holds it after running it', () => {
  const script = read('firewall-script.sh');
  const dump = inNetns(`sed 's#^echo.*##' | sh -e && iptables-save && echo %%% && ip6tables-save`, script);
  assert.ok(dump !== undefined);
  const [v4, v6] = dump.split('%%%\n');
  const parsed = parseIptables(script, TP + 'firewall-script.sh');
  const mine = (fam: string) => parsed.policies.filter((p) => p.firewall.startsWith('ip6 ') === (fam === 'ip6')).map((p) => [p.firewall.replace(/^ip6 /, ''), p.defaultAction, p.stateful, p.rules.map(brief)]);
  assert.deepEqual(mine('ip'), view(v4!, 'dump4'));
  // The script never names the IPv6 FORWARD and OUTPUT chains: they say nothing and are left out.
  assert.deepEqual(mine('ip6'), view(v6!, 'dump6').map(([n, ...r]) => [String(n).replace(/^ip6 /, ''), ...r]).filter(([n]) => n === 'filter INPUT'));
  assert.deepEqual(policy(parsed.policies, 'filter INPUT').rules.map(brief).slice(0, 2), ['drop ipv4 any 198.51.100.7:any > any:any', 'accept ipv4 TCP 172.16.0.0/24:any > any:22']);
  const w = parsed.warnings.map((x) => `${x.line} ${x.message}`);
  assert.deepEqual(w.filter((x) => /shell command/.test(x)).map((x) => x.split(' ')[0]), ['5', '6', '7', '32']);
  assert.ok(w.some((x) => /^11 table nat ignored/.test(x)), w.join('\n'));
});

test('iptables -S output (-P, -N, -A lines) reads like iptables-save', () => {
  const save = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:LYNC - [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -j LYNC\n-A LYNC -d 10.45.16.10/32 -p tcp -m multiport --dports 443,5061 -j ACCEPT\n-A LYNC -s 10.45.16.30/32 -p udp -j RETURN\n-A LYNC -p udp --dport 3478 -j ACCEPT\nCOMMIT\n';
  const out = inNetns('iptables-restore && iptables -S', save);
  assert.ok(out !== undefined);
  assert.match(out, /^-P INPUT DROP$/m);
  assert.deepEqual(view(out, 'S'), view(save, 'save'));
});
