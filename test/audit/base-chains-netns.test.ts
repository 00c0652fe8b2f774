// Two base chains on the forward hook, proven on the wire: a firewalld-style `inet firewalld`
// forward chain (priority filter + 10, accepts the edge's services, rejects the rest) beside a
// Docker-style `ip filter` FORWARD chain (priority filter, policy drop, DOCKER-USER accepting two
// services). The ruleset (test/fixtures/third-party/nftables/nft-1.0.6-firewalld-docker-forward.*,
// see SOURCES) is loaded with the real `nft -f` into a router namespace made by `unshare --net`,
// between a client namespace and a server namespace whose listeners answer on every probed
// address; real TCP connections through the router are the truth. The audit's verdict on each
// probed packet — read from `nft list ruleset` and `nft -j list ruleset` of the loaded ruleset —
// must be the kernel's: a packet the first chain drops (5061, Docker's policy) or the second
// chain rejects after the first accepted it (10.45.16.30:443, 172.17.0.2:80) is not allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindPolicies } from '../../src/audit/bind.ts';
import { runAudit } from '../../src/audit/run.ts';
import { acceptsAll } from '../../src/analysis/coverage.ts';
import { parseAddress } from '../../src/net/address.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const RULESET = 'test/fixtures/third-party/nftables/nft-1.0.6-firewalld-docker-forward.nft';
const CLIENT = '203.0.113.5';
/** Destinations probed from the client, through the router's two forward chains. */
const PROBES: [string, number][] = [
  ['10.45.16.10', 443], ['10.45.16.10', 5061], ['10.45.16.30', 443], ['10.45.16.40', 80], ['10.45.16.40', 443], ['172.17.0.2', 80], ['10.45.16.20', 443],
];

const SERVER = (probes: [string, number][]) => `
const net = require('net'); const fs = require('fs');
const probes = ${JSON.stringify(probes)};
let up = 0;
for (const [host, port] of probes) net.createServer((s) => s.end('ok')).listen(port, host, () => { if (++up === probes.length) fs.writeFileSync(process.argv[2], 'ready'); });
`;
// A connection that completes is open; a reset, an ICMP error or no answer (a drop) is not.
// No answer is waited for 4 s: SYN retransmission never gets through a drop, however long.
const CLIENTJS = (probes: [string, number][]) => `
const net = require('net');
const probes = ${JSON.stringify(probes)};
Promise.all(probes.map(([host, port]) => new Promise((done) => {
  const s = net.connect({ host, port, timeout: 4000 });
  s.on('connect', () => { s.destroy(); done('open'); });
  s.on('timeout', () => { s.destroy(); done('no answer'); });
  s.on('error', (e) => done(e.code));
}))).then((r) => console.log(JSON.stringify(r)));
`;

/**
 * The kernel's answer per probe, and the ruleset read back: [results, nft list ruleset, nft -j
 * list ruleset]. The ruleset is loaded in the router; the listeners run in the server namespace
 * behind it (forwarded traffic) or in the router itself (its input hook).
 */
function onTheWire(ruleset: string, probes: [string, number][], listen: 'server' | 'router', tool: 'nft' | 'iptables' = 'nft'): [string[], string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-chains-'));
  writeFileSync(join(dir, 'server.js'), SERVER(probes));
  writeFileSync(join(dir, 'client.js'), CLIENTJS(probes));
  const node = process.execPath;
  const script = `
set -e
mkdir -p /run/netns && mount -t tmpfs portolan-chains /run/netns
ip link set lo up
sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
ip netns add client && ip netns add server
ip link add outside type veth peer name eth0 netns client
ip link add inside type veth peer name eth0 netns server
ip addr add 203.0.113.1/24 dev outside && ip link set outside up
ip addr add 10.45.16.1/24 dev inside && ip addr add 172.17.0.1/16 dev inside && ip link set inside up
ip -n client link set lo up && ip -n client addr add ${CLIENT}/24 dev eth0 && ip -n client link set eth0 up && ip -n client route add default via 203.0.113.1
ip -n server link set lo up
for a in 10.45.16.10/24 10.45.16.20/24 10.45.16.30/24 10.45.16.40/24 172.17.0.2/16; do ip -n server addr add $a dev eth0; done
ip -n server link set eth0 up && ip -n server route add default via 10.45.16.1
${tool === 'nft' ? `nft -f ${ruleset}` : `iptables-restore ${ruleset}`}
${listen === 'server' ? 'ip netns exec server ' : ''}${node} ${dir}/server.js /run/netns/ready >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for i in $(seq 300); do [ -e /run/netns/ready ] && break; sleep 0.1; done
[ -e /run/netns/ready ]
ip netns exec client ${node} ${dir}/client.js
${tool === 'nft' ? "echo '%%%'; nft list ruleset; echo '%%%'; nft -j list ruleset" : "echo '%%%'; iptables-save; echo '%%%'; iptables-save -c"}
`;
  const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', 'bash', '-c', script], { encoding: 'utf8' });
  // The tests need root (README): without network namespaces this fails, saying why; it never skips.
  assert.ok(!r.error, `unshare: ${r.error?.message}`);
  assert.equal(r.status, 0, `${r.stderr}\n${r.stdout}`);
  const [results, text, json] = r.stdout.split('%%%\n');
  return [JSON.parse(results!), text!, json!];
}

const nft = findPlatform('nftables')!.platform;
const topology = loadTopology(REF);
const flows = compileFlows(topology);

test('two base chains on the forward hook: the audit allows exactly the packets the kernel forwards', { timeout: 120_000 }, () => {
  const wire = onTheWire(RULESET, PROBES, 'server');
  const [results, text, json] = wire;
  const kernel = PROBES.map(([h, p], i) => `${h}:${p} ${results[i] === 'open' ? 'open' : 'closed'}`);
  // What the kernel did: only what both chains let through is open.
  assert.deepEqual(kernel, [
    '10.45.16.10:443 open', // DOCKER-USER accepts, firewalld accepts
    '10.45.16.10:5061 closed', // firewalld accepts, but Docker's FORWARD (first, priority filter) drops it by policy
    '10.45.16.30:443 closed', // DOCKER-USER accepts, firewalld (second) rejects
    '10.45.16.40:80 closed', '10.45.16.40:443 closed', // firewalld accepts, Docker's policy drops
    '172.17.0.2:80 closed', // Docker publishes it, firewalld rejects
    '10.45.16.20:443 closed', // neither
  ]);
  assert.equal(results[5], 'EHOSTUNREACH', 'firewalld\'s reject answers (admin-prohibited)');
  assert.equal(results[1], 'no answer', 'Docker\'s policy drops silently');
  for (const [form, dump, file] of [['text', text, 'dump.nft'], ['json', json, 'dump.json']] as const) {
    const parsed = readConfig(nft, dump, file);
    const { bound } = bindPolicies(parsed.policies, { outsideInterface: 'outside', kind: 'perimeter' });
    assert.deepEqual(bound.map((b) => [b.sees, b.parts]), [['both', ['ip filter FORWARD', 'inet firewalld filter_FORWARD']]], form);
    // The audit's decision on each probed packet (the client's address, any source port).
    const audit = PROBES.map(([h, p]) => {
      const s = parseAddress(CLIENT), d = parseAddress(h);
      const box = { family: 'ipv4' as const, protocol: 'TCP' as const, src: { lo: s.lo, hi: s.hi }, srcPorts: { from: 0, to: 65535 }, dst: { lo: d.lo, hi: d.hi }, dstPorts: { from: p, to: p } };
      return `${h}:${p} ${acceptsAll(bound[0]!.policy, [box]) ? 'open' : 'closed'}`;
    });
    assert.deepEqual(audit, kernel, form);
    // The required flows: the Access Edge's SIP on 443 passes both chains; its 5061 is dropped by
    // Docker's policy (the first chain), the A/V Edge's TCP 443 by firewalld's reject (the second).
    const report = runAudit({ topology, flows, parsed, config: file, platform: 'nftables', firewall: 'external', outsideInterface: 'outside' });
    assert.deepEqual(report.sections.map((s) => s.policy), ['ip filter FORWARD then inet firewalld filter_FORWARD'], form);
    const verdict = (req: string) => {
      const v = report.sections[0]!.result.flows.find((f) => f.requirement === req)!;
      return `${v.verdict} ${v.dropped.map((d) => (d.by === 'default policy' ? d.by : `${d.by.id} line ${d.by.origin?.line}`)).join(', ')}`.trim();
    };
    const reject = form === 'text' ? 'L7 line 7' : 'inet firewalld filter_FORWARD h6 line 1';
    assert.equal(verdict('2010.edge-external.access.sip-tls-443.in'), 'allowed', form);
    assert.equal(verdict('2010.edge-external.access.sip-mtls-5061.in'), `blocked ip filter FORWARD policy line ${form === 'text' ? 17 : 1}`, form);
    assert.equal(verdict('2010.edge-external.av.stun-tcp-443.in'), `blocked ${reject}`, form);
    assert.equal(verdict('2010.reverse-proxy-external.https-443.in'), `blocked ip filter FORWARD policy line ${form === 'text' ? 17 : 1}`, form);
    assert.equal(report.ok, false, form);
  }
  // The fixture is what the kernel prints back, its counters aside (the corpus audits it as a file of its own).
  const zero = (s: string) => s.replace(/counter packets \d+ bytes \d+/g, 'counter packets 0 bytes 0');
  assert.equal(zero(text), readFileSync(RULESET, 'utf8'));
});

// A goto inside a called chain: firewalld's filter_INPUT jumps to filter_INPUT_ZONES, which goes
// (goto) to the zone chain filter_IN_public; what the zone chain does not accept comes back to
// filter_INPUT after its jump (a goto pushes no return address), where the final reject stands.
test('goto inside a called chain: what the goto\'d chain leaves comes back to the base chain\'s caller, as the kernel does', { timeout: 120_000 }, () => {
  const file = 'test/fixtures/third-party/nftables/nft-1.0.6-firewalld-style.nft';
  const probes: [string, number][] = [['203.0.113.1', 22], ['203.0.113.1', 443], ['203.0.113.1', 5061]];
  const wire = onTheWire(file, probes, 'router');
  const [results, text, json] = wire;
  const kernel = probes.map(([h, p], i) => `${h}:${p} ${results[i] === 'open' ? 'open' : 'closed'}`);
  assert.deepEqual(kernel, ['203.0.113.1:22 open', '203.0.113.1:443 closed', '203.0.113.1:5061 closed']);
  for (const [form, dump, name] of [['text', text, 'dump.nft'], ['json', json, 'dump.json']] as const) {
    const parsed = readConfig(nft, dump, name);
    const { bound } = bindPolicies(parsed.policies, { outsideInterface: 'outside', kind: 'host' });
    const input = bound.find((b) => b.sees === 'in')!;
    assert.deepEqual(input.parts, ['inet firewalld filter_INPUT'], form);
    const audit = probes.map(([h, p]) => {
      const s = parseAddress(CLIENT), d = parseAddress(h);
      const box = { family: 'ipv4' as const, protocol: 'TCP' as const, src: { lo: s.lo, hi: s.hi }, srcPorts: { from: 0, to: 65535 }, dst: { lo: d.lo, hi: d.hi }, dstPorts: { from: p, to: p } };
      return `${h}:${p} ${acceptsAll(input.policy, [box]) ? 'open' : 'closed'}`;
    });
    assert.deepEqual(audit, kernel, form);
    assert.deepEqual(parsed.warnings.filter((w) => /goto/.test(w.message)), [], `${form}: the goto is exact, nothing to warn`);
  }
});

// iptables: the raw and mangle tables meet a forwarded packet before filter (PREROUTING raw -300,
// mangle -150; FORWARD mangle -150, filter 0); a DROP there is as final as one in filter.
const IPTABLES = `*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -d 10.45.16.40/32 -p tcp -m tcp --dport 443 -j DROP
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 443 -j MARK --set-xmark 0x1/0xffffffff
-A FORWARD -d 10.45.16.10/32 -p tcp -m tcp --dport 5061 -j DROP
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -d 10.45.16.10/32 -p tcp -m multiport --dports 443,5061 -j ACCEPT
-A FORWARD -d 10.45.16.40/32 -p tcp -m multiport --dports 80,443 -j ACCEPT
COMMIT
`;

test('iptables: DROP in the raw and mangle tables is final for forwarded packets, as the kernel does', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-tables-'));
  const file = join(dir, 'rules.v4');
  writeFileSync(file, IPTABLES);
  const probes: [string, number][] = [['10.45.16.10', 443], ['10.45.16.10', 5061], ['10.45.16.40', 80], ['10.45.16.40', 443], ['10.45.16.20', 443]];
  const wire = onTheWire(file, probes, 'server', 'iptables');
  const [results, save, saveCounters] = wire;
  const kernel = probes.map(([h, p], i) => `${h}:${p} ${results[i] === 'open' ? 'open' : 'closed'}`);
  assert.deepEqual(kernel, [
    '10.45.16.10:443 open', // filter accepts; mangle only marks it
    '10.45.16.10:5061 closed', // filter accepts, mangle FORWARD drops it first
    '10.45.16.40:80 open',
    '10.45.16.40:443 closed', // filter accepts, raw PREROUTING drops it first
    '10.45.16.20:443 closed', // filter's policy
  ]);
  const iptables = findPlatform('iptables')!.platform;
  for (const [form, dump] of [['iptables-save', save], ['iptables-save -c', saveCounters]] as const) {
    const parsed = readConfig(iptables, dump, 'rules.v4');
    assert.deepEqual(parsed.warnings, [], form);
    const { bound } = bindPolicies(parsed.policies, { outsideInterface: 'outside', kind: 'perimeter' });
    assert.deepEqual(bound.map((b) => [b.sees, b.parts]), [['both', ['raw PREROUTING', 'mangle PREROUTING', 'mangle FORWARD', 'filter FORWARD']]], form);
    const audit = probes.map(([h, p]) => {
      const s = parseAddress(CLIENT), d = parseAddress(h);
      const box = { family: 'ipv4' as const, protocol: 'TCP' as const, src: { lo: s.lo, hi: s.hi }, srcPorts: { from: 0, to: 65535 }, dst: { lo: d.lo, hi: d.hi }, dstPorts: { from: p, to: p } };
      return `${h}:${p} ${acceptsAll(bound[0]!.policy, [box]) ? 'open' : 'closed'}`;
    });
    assert.deepEqual(audit, kernel, form);
    const report = runAudit({ topology, flows, parsed, config: 'rules.v4', platform: 'iptables', firewall: 'external', outsideInterface: 'outside' });
    const v = (req: string) => report.sections[0]!.result.flows.find((f) => f.requirement === req)!;
    assert.equal(v('2010.edge-external.access.sip-tls-443.in').verdict, 'allowed', form);
    assert.equal(v('2010.edge-external.access.sip-mtls-5061.in').verdict, 'blocked', form);
    assert.match(String((v('2010.edge-external.access.sip-mtls-5061.in').dropped[0]!.by as { origin?: { text?: string } }).origin?.text), /^(\[\d+:\d+\] )?-A FORWARD -d 10\.45\.16\.10\/32 -p tcp -m tcp --dport 5061 -j DROP$/, form);
    assert.equal(v('2010.reverse-proxy-external.https-443.in').verdict, 'blocked', form);
    assert.equal(v('2010.reverse-proxy-external.http-80.in').verdict, 'allowed', form);
  }
});
