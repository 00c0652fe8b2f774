// Static 1:1 NAT of an edge with private addresses: the mappings come from the topology, the
// external firewall's filter rules name the private addresses, and nftables, iptables and Cisco
// ASA render DNAT inbound and SNAT outbound without ever rewriting a client's source address;
// the real validators accept them; other targets refuse and say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTopology } from '../../src/topology/load.ts';
import { staticNat, topologyPolicies } from '../../src/policy/nat.ts';
import { renderAll } from '../../src/cli/commands/render.ts';
import { nftablesRenderer } from '../../src/render/nftables.ts';
import { iptablesRenderer } from '../../src/render/iptables.ts';
import { ciscoAsaRenderer } from '../../src/render/cisco-asa.ts';
import { pfsenseRenderer } from '../../src/render/pfsense.ts';
import { RENDERERS } from '../../src/platforms/index.ts';
import { iptablesCheck, nftCheck, xmlCheck } from './validators.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const NAT_EXAMPLE = 'examples/sfb2019-single-edge-nat.yaml';
const topology = loadTopology(NAT_EXAMPLE);
const external = () => topologyPolicies(topology).find((p) => p.firewall === 'external')!;

/** `portolan audit` of the NAT example's external firewall on a configuration file, as JSON. */
async function auditExternal(platform: string, file: string) {
  let out = '', err = '';
  const code = await main(['audit', NAT_EXAMPLE, '--platform', platform, '--firewall', 'external', '--config', file, '--format', 'json'],
    { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  const report = code === 2 ? undefined : JSON.parse(out);
  const flows: { verdict: string }[] = report ? report.sections.flatMap((x: { result: { flows: { verdict: string }[] } }) => x.result.flows) : [];
  return { code, err, report, flows };
}

test('the NAT mappings are each service private address with its public address', () => {
  assert.deepEqual(staticNat(topology).map((m) => `${m.name}: ${m.private} ${m.public}`), [
    'edge01 Access Edge: 10.45.16.10 131.107.155.10',
    'edge01 Web Conferencing Edge: 10.45.16.20 131.107.155.20',
    'edge01 A/V Edge: 10.45.16.30 131.107.155.30',
  ]);
  const p = external();
  assert.equal(p.nat?.length, 3);
  // Only the external firewall translates; the filter rules see the private addresses.
  assert.ok(topologyPolicies(topology).filter((x) => x.firewall !== 'external').every((x) => !x.nat));
  const named = p.rules.flatMap((r) => [r.source, r.destination]).flatMap((m) => (m.any ? [] : m.addresses));
  assert.ok(named.length > 0 && named.every((a) => a.startsWith('10.45.16.')), named.join(' '));
});

test('a topology with public addresses has no NAT', () => {
  assert.deepEqual(staticNat(loadTopology('examples/lync2013-single-edge-public.yaml')), []);
});

test('nftables: DNAT in prerouting, SNAT in postrouting, on the outside interface only; nft -c accepts it', () => {
  const text = nftablesRenderer.render(external(), { interfaces: { outside: 'eth0', inside: 'eth1' } });
  assert.match(text, /type nat hook prerouting priority dstnat; policy accept;/);
  assert.match(text, /iifname "eth0" ip daddr 131\.107\.155\.10 dnat ip to 10\.45\.16\.10 /);
  assert.match(text, /oifname "eth0" ip saddr 10\.45\.16\.30 snat ip to 131\.107\.155\.30 /);
  assert.doesNotMatch(text, /masquerade/);
  // Inbound, only the destination is rewritten: no snat of traffic entering from outside.
  assert.doesNotMatch(text, /iifname "eth0"[^\n]*snat/);
  const v = nftCheck(text);
  assert.ok(v.ok, v.output);
});

test('iptables: a nat table with DNAT and SNAT per service; iptables-restore --test accepts it', () => {
  const text = iptablesRenderer.render(external(), { interfaces: { outside: 'eth0', inside: 'eth1' } });
  assert.match(text, /^\*nat$/m);
  assert.match(text, /-A PREROUTING -i eth0 -d 131\.107\.155\.20\/32 .* -j DNAT --to-destination 10\.45\.16\.20$/m);
  assert.match(text, /-A POSTROUTING -o eth0 -s 10\.45\.16\.20\/32 .* -j SNAT --to-source 131\.107\.155\.20$/m);
  assert.doesNotMatch(text, /MASQUERADE|-A PREROUTING[^\n]*SNAT/);
  const v = iptablesCheck(text);
  assert.ok(v.ok, v.output);
});

test('Cisco ASA: object NAT, static, from the edge side to the outside', () => {
  const text = ciscoAsaRenderer.render(external());
  assert.match(text, /object network nat_edge01_Access_Edge\n host 10\.45\.16\.10\n description [^\n]*\n nat \(dmz,outside\) static 131\.107\.155\.10\n/);
  assert.equal(text.match(/ static /g)?.length, 3);
});

test('pfSense / OPNsense: a 1:1 NAT entry per service on the outside interface; the rules name the private addresses; the audit reads it clean', async () => {
  const text = pfsenseRenderer.render(external(), { interfaces: { outside: 'wan', inside: 'opt1' } });
  const entries = [...text.matchAll(/<onetoone>\s*<external>([^<]+)<\/external>[\s\S]*?<interface>([^<]+)<\/interface>\s*<ipprotocol>inet<\/ipprotocol>\s*<source>\s*<address>([^<]+)<\/address>\s*<\/source>\s*<destination>\s*<any><\/any>/g)];
  assert.deepEqual(entries.map((m) => `${m[2]} ${m[1]} ${m[3]}`), ['wan 131.107.155.10 10.45.16.10', 'wan 131.107.155.20 10.45.16.20', 'wan 131.107.155.30 10.45.16.30']);
  assert.doesNotMatch(text.slice(text.indexOf('<filter>')), /131\.107\.155\./, 'filter rules name the private addresses');
  const v = xmlCheck(text);
  assert.ok(v.ok, v.output);
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-pfnat-')), 'config.xml');
  writeFileSync(file, text);
  const { code, err, flows } = await auditExternal('pfsense', file);
  assert.equal(code, 0, err);
  assert.ok(flows.length >= 13);
  assert.deepEqual([...new Set(flows.map((f) => f.verdict))], ['allowed']);
});

test('targets that cannot express NAT refuse the external firewall and say why', () => {
  for (const r of RENDERERS.filter((x) => !x.capabilities.nat)) {
    const served = r.canServe(external());
    if (served === true) assert.fail(`${r.target} claims to serve a NAT firewall`);
    if (r.capabilities.kinds.includes('perimeter')) assert.match(served, /cannot express the 1:1 NAT/, r.target);
    const { skipped } = renderAll(topology, r.target);
    assert.ok(skipped.some((s) => s.firewall === 'external'), r.target);
  }
  for (const r of RENDERERS.filter((x) => x.capabilities.nat)) assert.equal(r.canServe(external()), true, r.target);
});

test('inbound rules to the private addresses match translated packets only; outbound rules are unchanged', () => {
  const p = external();
  const translated = p.rules.filter((r) => r.translated);
  assert.deepEqual(translated.map((r) => r.direction), p.rules.filter((r) => r.direction === 'in').map(() => 'in'));
  assert.ok(translated.length >= 3);
  const nft = nftablesRenderer.render(p, {});
  assert.equal(nft.match(/ ct status dnat counter accept /g)?.length, translated.length);
  const ipt = iptablesRenderer.render(p, {});
  assert.ok((ipt.match(/-m conntrack --ctstate DNAT /g)?.length ?? 0) >= translated.length);
  for (const line of ipt.split('\n').filter((l) => / -s 10\.45\.16\./.test(l))) assert.doesNotMatch(line, /DNAT/, line);
  // A topology without NAT has no translated rule.
  assert.ok(topologyPolicies(loadTopology('examples/lync2013-single-edge-public.yaml')).every((x) => x.rules.every((r) => !r.translated)));
});

test('the audit reads the rendered NAT back clean: the text, what nft -j prints, and iptables-save', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-natread-'));
  const nft = nftablesRenderer.render(external(), {});
  const ipt = iptablesRenderer.render(external(), {});
  writeFileSync(join(dir, 'r.nft'), nft);
  const json = spawnSync('unshare', ['--net', 'sh', '-c', `nft -f ${join(dir, 'r.nft')} && nft -j list ruleset`], { encoding: 'utf8' });
  assert.equal(json.status, 0, json.stderr);
  writeFileSync(join(dir, 'r.json'), json.stdout);
  writeFileSync(join(dir, 'r.v4'), ipt);
  const saved = spawnSync('unshare', ['--net', 'sh', '-c', `iptables-restore < ${join(dir, 'r.v4')} && iptables-save`], { encoding: 'utf8' });
  assert.equal(saved.status, 0, saved.stderr);
  assert.match(saved.stdout, /--ctstate DNAT/);
  writeFileSync(join(dir, 'saved.v4'), saved.stdout);
  for (const [file, platform] of [['r.nft', 'nftables'], ['r.json', 'nftables'], ['r.v4', 'iptables'], ['saved.v4', 'iptables']]) {
    const { code, err, report, flows } = await auditExternal(platform!, join(dir, file!));
    assert.equal(code, 0, `${file}: ${err}`);
    assert.doesNotMatch(err, /skipped|not modelled|unsupported/i, `${file}: ${err}`);
    assert.equal(report.ok, true, file);
    assert.equal(report.notEvaluated, 0, file);
    assert.ok(flows.length >= 13, `${file}: ${flows.length} flows`);
    assert.deepEqual([...new Set(flows.map((f) => f.verdict))], ['allowed'], file);
  }
});
