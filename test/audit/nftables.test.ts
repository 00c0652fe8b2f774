// portolan audit of a hand-written nftables ruleset of the reference example's external firewall
// (test/fixtures/audit/nftables-external.nft, findings listed in its header) and of the same
// ruleset as `nft -j list ruleset` printed it (nftables-external.json): each known finding is
// reported with its line (text) or handle (JSON), requirement, verdict, risk and kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const TEXT = 'test/fixtures/audit/nftables-external.nft';
const JSONF = 'test/fixtures/audit/nftables-external.json';

async function audit(...args: string[]) {
  let out = '';
  const code = await main(['audit', ...args], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return { code, out };
}
const at = (d: any) => (d === 'default policy' ? 'default policy' : d.origin.line);
const hid = (d: any) => (d === 'default policy' ? 'default policy' : d.id);
const flowOf = (r: any, req: string) => {
  const v = r.sections.flatMap((s: any) => s.result.flows).filter((f: any) => f.requirement === req);
  assert.equal(v.length, 1, req);
  return v[0];
};

test('nftables text: gaps, partial flows, over-permissions, union shadowing and unused rules at their lines', async () => {
  const { code, out } = await audit(REF, '--config', TEXT, '--platform', 'nftables', '--format', 'json');
  assert.equal(code, 1);
  const r = JSON.parse(out);
  assert.equal(r.ok, false);
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['inet filter forward', 'both']]);
  const res = r.sections[0].result;
  // (a) blocked by SEC-090 (line 70)
  const dns = flowOf(r, '2010.edge-external.access.dns-udp-53.out');
  assert.equal(dns.verdict, 'blocked');
  assert.deepEqual(dns.dropped.map((d: any) => at(d.by)), [70]);
  assert.equal(dns.dropped[0].example.destinationPort, 53);
  assert.equal(dns.dropped[0].example.source, '10.45.16.10');
  // 5061 inbound never opened: partial, because lines 65 and 66 accept hairpin parts (sources 10.45.16.10, .30)
  const mtls = flowOf(r, '2010.edge-external.access.sip-mtls-5061.in');
  assert.equal(mtls.verdict, 'partial');
  assert.deepEqual(mtls.allowedBy.map(at), [65, 66]);
  assert.deepEqual(mtls.dropped.map((d: any) => at(d.by)), ['default policy']);
  // (b) A/V TCP media 50000-55000 only (line 57): 55001 is dropped
  const av = flowOf(r, '2010.edge-external.av.rtp-tcp-50000-59999.in');
  assert.equal(av.verdict, 'partial');
  assert.ok(av.allowedBy.map(at).includes(57));
  assert.deepEqual(av.dropped[0].by, 'default policy');
  assert.deepEqual({ ...av.dropped[0].example }, { family: 'ipv4', protocol: 'TCP', source: '0.0.0.0', sourcePort: 0, destination: '10.45.16.30', destinationPort: 55001 });
  assert.equal(res.flows.filter((f: any) => f.verdict !== 'allowed').length, 3);
  // (c) over-permissions, ranked
  assert.deepEqual(res.overPermissive.map((o: any) => [o.risk, at(o.rule), o.family]), [
    ['high', 79, 'ipv4'], ['medium', 75, 'ipv4'], ['medium', 77, 'ipv4'], ['medium', 88, 'ipv6'],
  ]);
  assert.match(res.overPermissive[0].reasons[0], /any source to management port 3389/);
  assert.equal(res.overPermissive[0].example.destinationPort, 3389);
  assert.match(res.overPermissive[2].reasons[0], /management port 22/);
  // (d) shadowed by the union of two earlier rules, by one rule, and redundant
  assert.deepEqual(res.shadowed.map((x: any) => [x.kind, at(x.rule), x.by.map(at)]), [
    ['shadowed', 71, [70]], ['shadowed', 83, [61, 62]], ['redundant', 85, [53, 55]],
  ]);
  // (e) counters of zero
  assert.deepEqual(res.unused.map((u: any) => at(u.rule)), [71, 77, 83, 85]);
  // warnings with lines: loopback, ICMPv6 (twice), the two nat chains
  assert.deepEqual(r.warnings.map((w: any) => w.line), [40, 42, 89, 96, 102]);
  assert.ok(r.warnings.filter((w: any) => /nat chain ignored/.test(w.message)).length === 2);
});

test('nftables text --format sarif: results at the configuration lines, with requirement ids', async () => {
  const { code, out } = await audit(REF, '--config', TEXT, '--platform', 'nftables', '--format', 'sarif');
  assert.equal(code, 1);
  const s = JSON.parse(out);
  assert.equal(s.version, '2.1.0');
  assert.match(s.$schema, /sarif-2\.1\.0/);
  const results = s.runs[0].results as any[];
  const ruleIds = new Set(s.runs[0].tool.driver.rules.map((x: any) => x.id));
  for (const x of results) {
    assert.ok(ruleIds.has(x.ruleId), x.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(x.level));
    assert.equal(x.locations[0].physicalLocation.artifactLocation.uri, TEXT);
    assert.ok(Number.isInteger(x.locations[0].physicalLocation.region.startLine) && x.locations[0].physicalLocation.region.startLine >= 1);
    assert.equal(typeof x.message.text, 'string');
    if (x.ruleId.startsWith('required-flow')) assert.match(x.properties.requirement, /^2010\./);
  }
  const has = (ruleId: string, line: number, level: string, requirement?: string) =>
    assert.ok(results.some((x) => x.ruleId === ruleId && x.level === level && x.locations[0].physicalLocation.region.startLine === line && (!requirement || x.properties.requirement === requirement)), `${ruleId} at ${line}`);
  has('required-flow-blocked', 70, 'error', '2010.edge-external.access.dns-udp-53.out');
  has('required-flow-partial', 1, 'error', '2010.edge-external.av.rtp-tcp-50000-59999.in'); // dropped by the default policy: no line
  has('over-permissive', 79, 'error');
  has('over-permissive', 75, 'warning');
  has('over-permissive', 88, 'warning');
  has('shadowed-rule', 83, 'note');
  has('shadowed-rule', 85, 'note');
  has('unused-rule', 77, 'note');
  assert.equal(results.length, 3 + 4 + 3 + 4);
});

test('nft -j list ruleset of the same ruleset: the same findings, named by handle', async () => {
  const { code, out } = await audit(REF, '--config', JSONF, '--platform', 'nftables', '--format', 'json');
  assert.equal(code, 1);
  const r = JSON.parse(out);
  const res = r.sections[0].result;
  const comment = (d: any) => /"comment":"([^"]*)"/.exec(d.origin.text)?.[1];
  assert.deepEqual(flowOf(r, '2010.edge-external.access.dns-udp-53.out').dropped.map((d: any) => [hid(d.by), comment(d.by)]), [['h24', 'SEC-090 no DNS']]);
  const av = flowOf(r, '2010.edge-external.av.rtp-tcp-50000-59999.in');
  assert.equal(av.verdict, 'partial');
  assert.equal(av.dropped[0].example.destinationPort, 55001);
  assert.deepEqual(res.overPermissive.map((o: any) => [o.risk, hid(o.rule), comment(o.rule)]), [
    ['high', 'h28', 'vendor RDP'], ['medium', 'h26', 'mail relay'], ['medium', 'h27', 'admin ssh'], ['medium', 'h34', 'RP https v6'],
  ]);
  assert.deepEqual(res.shadowed.map((x: any) => [x.kind, comment(x.rule), x.by.map(comment)]), [
    ['shadowed', 'Access Edge DNS', ['SEC-090 no DNS']],
    ['shadowed', 'SEC-118 blocklist', ['RP http redirect', 'RP https']],
    ['redundant', 'CHG-4711', ['Access Edge SIP/TLS', 'Web Conferencing Edge']],
  ]);
  assert.deepEqual(res.unused.map((u: any) => comment(u.rule)), ['Access Edge DNS', 'admin ssh', 'SEC-118 blocklist', 'CHG-4711']);
  // nft -j prints one line: every rule is on line 1, the handle tells them apart.
  assert.ok(res.overPermissive.every((o: any) => o.rule.origin.line === 1));
  assert.equal(r.warnings.length, 5);
});

test('nftables-external.json is what nft -j prints for nftables-external.nft', () => {
  const p = spawnSync('unshare', ['--net', 'bash', '-c', `nft -f ${TEXT} && nft -j list ruleset`], { encoding: 'utf8' });
  assert.ok(!p.error && p.status === 0, `nft in a network namespace: ${p.stderr?.trim() || p.error}`);
  const strip = (j: any) => j.nftables.filter((x: any) => !x.metainfo);
  assert.deepEqual(strip(JSON.parse(p.stdout)), strip(JSON.parse(readFileSync(JSONF, 'utf8'))));
});
