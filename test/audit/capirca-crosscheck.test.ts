// Cross-check with an independent writer: Capirca (Debian's python3-capirca 2.0.6) renders the
// inbound flows of the reference external firewall (test/fixtures/third-party/capirca/pol/edge-in.pol)
// for nftables, iptables (speedway and the command-line target) and Cisco ASA. What can be loaded
// is loaded into a namespace's kernel and dumped back with the real tools; Portolan audits every
// form, and for a sample of packets its verdict equals what the kernel does with real packets —
// also where Capirca is wrong: its nftables terms with only destination ports lose the ports
// (every TCP port of the host opens), which Portolan must report as over-permission.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCiscoAsa } from '../../src/parse/cisco-asa.ts';
import { parseIptables } from '../../src/parse/iptables.ts';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';
import type { ParseOptions } from '../../src/parse/types.ts';

const parseNftables = (text: string, file: string, options?: ParseOptions) => readConfig(findPlatform('nftables')!.platform, text, file, options);
import { auditPolicy } from '../../src/analysis/audit.ts';
import { boxContains, type PacketPoint } from '../../src/analysis/box.ts';
import { ruleBoxes } from '../../src/analysis/ir-boxes.ts';
import { parseHost } from '../../src/net/address.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { corporateNetworks } from '../../src/audit/run.ts';
import type { Policy } from '../../src/policy/types.ts';

const TP = 'test/fixtures/third-party/';
const CAP = resolve(TP + 'capirca');
const FILES = { nft: TP + 'nftables/capirca-2.0.6-edge-in.nft', speedway: TP + 'iptables/capirca-2.0.6-speedway-edge-in.ipt', iptables: TP + 'iptables/capirca-2.0.6-iptables-edge-in', asa: TP + 'cisco-asa/capirca-2.0.6-edge-in.asa' };
const read = (f: string) => readFileSync(f, 'utf8');
const topology = loadTopology('examples/lync2010-single-consolidated-edge.yaml');
const inbound = compileFlows(topology).filter((f) => f.firewall === 'external' && f.direction === 'in');

/** Runs a bash script in a fresh network namespace; its stdout. */
function netns(script: string, input?: string): string {
  const r = spawnSync('unshare', ['--net', 'bash', '-c', `set -e\nip link set lo up\n${script}`], { encoding: 'utf8', input, timeout: 60_000 });
  assert.equal(r.status, 0, `${r.stderr}${r.error ?? ''}`);
  return r.stdout;
}

const only = (ps: Policy[], name: string) => { const p = ps.find((x) => x.firewall === name); assert.ok(p, `${name} in ${ps.map((x) => x.firewall)}`); return p; };
// nft prints a /32 prefix as the bare address: the same packets.
const rulesView = (p: Policy) => [p.defaultAction, p.rules.map((r) => `${r.action} ${r.transport} ${JSON.stringify(r.source)} ${JSON.stringify(r.destination)} ${JSON.stringify(r.destinationPorts)}`.replace(/\/32"/g, '"'))];

test('aclgen (python3-capirca) writes exactly the committed fixtures', () => {
  const out = mkdtempSync(join(tmpdir(), 'portolan-capirca-'));
  const r = spawnSync('aclgen', [`--base_directory=${CAP}/pol`, `--definitions_directory=${CAP}/def`, `--output_directory=${out}`, `--policy_file=${CAP}/pol/edge-in.pol`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['edge-in', 'edge-in.asa', 'edge-in.ipt', 'edge-in.nft']);
  assert.equal(read(join(out, 'edge-in.nft')), read(FILES.nft));
  assert.equal(read(join(out, 'edge-in.ipt')), read(FILES.speedway));
  assert.equal(read(join(out, 'edge-in')), read(FILES.iptables));
  assert.equal(read(join(out, 'edge-in.asa')), read(FILES.asa));
});

test('what the kernel holds after loading Capirca\'s files reads as the files themselves', () => {
  const nft = netns('nft -f - && nft list ruleset && echo %%% && nft -j list ruleset', read(FILES.nft)).split('%%%\n');
  const fromFile = rulesView(only(parseNftables(read(FILES.nft), 'f').policies, 'ip filtering_policies root0'));
  assert.deepEqual(rulesView(only(parseNftables(nft[0]!, 'dump').policies, 'ip filtering_policies root0')), fromFile);
  assert.deepEqual(rulesView(only(parseNftables(nft[1]!, 'dump.json').policies, 'ip filtering_policies root0')), fromFile);
  const speedway = netns('iptables-restore && iptables-save', read(FILES.speedway));
  const fromSpeedway = rulesView(only(parseIptables(read(FILES.speedway), 's').policies, 'filter INPUT'));
  assert.deepEqual(rulesView(only(parseIptables(speedway, 'dump').policies, 'filter INPUT')), fromSpeedway);
  // Capirca's iptables target: one iptables command per line, run as such.
  const script = read(FILES.iptables).split('\n').filter((l) => l.startsWith('-')).map((l) => `iptables ${l}`).join('\n');
  const cmd = netns(`${script}\niptables-save`);
  assert.deepEqual(rulesView(only(parseIptables(cmd, 'dump').policies, 'filter INPUT')), rulesView(only(parseIptables(read(FILES.iptables), 'i').policies, 'filter INPUT')));
  assert.deepEqual(rulesView(only(parseIptables(read(FILES.iptables), 'i').policies, 'filter INPUT')), fromSpeedway, 'both iptables targets say the same');
});

const policies = () => ({
  nft: only(parseNftables(read(FILES.nft), FILES.nft).policies, 'ip filtering_policies root0'),
  speedway: only(parseIptables(read(FILES.speedway), FILES.speedway).policies, 'filter INPUT'),
  asa: only(parseCiscoAsa(`${read(FILES.asa)}\naccess-group OUTSIDE_IN in interface outside\n`, FILES.asa).policies, 'OUTSIDE_IN in outside'),
});

test('Portolan: every inbound flow allowed by each; the nftables output opens every TCP port of the Access Edge (high risk), the others do not', () => {
  const audits = Object.fromEntries(Object.entries(policies()).map(([k, p]) => [k, auditPolicy(p, inbound, { corporateNetworks: corporateNetworks(topology) })]));
  for (const [k, a] of Object.entries(audits)) assert.deepEqual(a.flows.filter((f) => f.verdict !== 'allowed').map((f) => f.requirement), [], k);
  const high = (k: string) => audits[k]!.overPermissive.filter((o) => o.risk === 'high').map((o) => (typeof o.rule === 'string' ? o.rule : o.rule.origin?.line));
  assert.ok(high('nft').length >= 1, 'the lost ports are reported');
  const accessEdge = audits.nft!.overPermissive.find((o) => typeof o.rule !== 'string' && o.rule.origin?.line === 3)!;
  assert.equal(accessEdge.risk, 'high');
  assert.match(accessEdge.reasons.join(' '), /management port|any source/);
  assert.deepEqual(high('speedway'), []);
  assert.deepEqual(high('asa'), []);
});

interface Probe { proto: 'tcp' | 'udp'; src: string; dst: string; dport: number }
const PROBES: Probe[] = [
  { proto: 'tcp', src: '192.0.2.50', dst: '10.45.16.10', dport: 5061 }, // required
  { proto: 'tcp', src: '192.0.2.50', dst: '10.45.16.10', dport: 22 }, // Capirca's nftables bug
  { proto: 'tcp', src: '192.0.2.50', dst: '10.45.16.40', dport: 8080 }, // Capirca's nftables bug
  { proto: 'udp', src: '192.0.2.50', dst: '10.45.16.30', dport: 3478 }, // required
  { proto: 'udp', src: '192.0.2.50', dst: '10.45.16.30', dport: 443 }, // Capirca's protocol cross product
  { proto: 'udp', src: '192.0.2.50', dst: '10.45.16.10', dport: 53 }, // nobody allows it
  { proto: 'tcp', src: '10.45.99.5', dst: '10.45.16.20', dport: 22 }, // admin ssh
  { proto: 'tcp', src: '192.0.2.50', dst: '10.45.16.20', dport: 22 }, // ssh from elsewhere
];

/** Python run in the namespace: does each probe's first packet reach a listening socket? */
const PROBE_PY = String.raw`
import json, socket, subprocess, sys, time
out = []
for p in json.loads(sys.argv[1]):
    if p['proto'] == 'tcp':
        srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); srv.bind((p['dst'], p['dport'])); srv.listen(8)
        cli = socket.socket(); cli.bind((p['src'], 0)); cli.setblocking(False)
        try: cli.connect((p['dst'], p['dport']))
        except BlockingIOError: pass
        time.sleep(0.4)
        ss = subprocess.run(['ss', '-Htan'], capture_output=True, text=True).stdout
        ok = any(l.split()[0] in ('SYN-RECV', 'ESTAB') and l.split()[3] == '%s:%d' % (p['dst'], p['dport']) and l.split()[4].startswith(p['src'] + ':') for l in ss.splitlines())
        cli.close(); srv.close()
    else:
        srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); srv.bind((p['dst'], p['dport'])); srv.settimeout(0.4)
        cli = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); cli.bind((p['src'], 0)); cli.sendto(b'x', (p['dst'], p['dport']))
        try: srv.recvfrom(16); ok = True
        except socket.timeout: ok = False
        cli.close(); srv.close()
    out.append(ok)
print(json.dumps(out))
`;

const probeFile = join(mkdtempSync(join(tmpdir(), 'portolan-probe-')), 'probe.py');
writeFileSync(probeFile, PROBE_PY);

function kernel(load: string, input: string): boolean[] {
  const addrs = ['10.45.16.10', '10.45.16.20', '10.45.16.30', '10.45.16.40', '192.0.2.50', '10.45.99.5'];
  const script = ['ip link add v0 type veth peer name v1', 'ip link set v0 up', 'ip link set v1 up', ...addrs.map((a) => `ip addr add ${a}/32 dev v0`), load,
    `python3 ${probeFile} '${JSON.stringify(PROBES)}'`].join('\n');
  return JSON.parse(netns(script, input).trim().split('\n').pop()!);
}

function portolan(p: Policy, x: Probe): boolean {
  const pt: PacketPoint = { family: 'ipv4', protocol: x.proto === 'tcp' ? 'TCP' : 'UDP', src: parseHost(x.src).value, srcPort: 40000, dst: parseHost(x.dst).value, dstPort: x.dport };
  for (const r of p.rules) if (ruleBoxes(r).some((b) => boxContains(b, pt))) return r.action === 'accept';
  return p.defaultAction === 'accept';
}

test('real packets in a namespace: the kernel does what Portolan says, for Capirca\'s nftables (with its bug) and speedway', () => {
  const ps = policies();
  const nft = kernel('nft -f -', read(FILES.nft));
  const ipt = kernel('iptables-restore', read(FILES.speedway));
  assert.deepEqual(nft, PROBES.map((x) => portolan(ps.nft, x)), 'nftables');
  assert.deepEqual(ipt, PROBES.map((x) => portolan(ps.speedway, x)), 'speedway');
  // The bug is real: TCP 22 and 8080 pass the nftables ruleset, not the speedway one.
  assert.deepEqual([nft[1], nft[2], ipt[1], ipt[2]], [true, true, false, false]);
  assert.deepEqual(PROBES.map((x) => portolan(ps.asa, x)), PROBES.map((x) => portolan(ps.speedway, x)), 'the ASA output decides like speedway');
});
