// portolan audit of a hand-written Cisco ASA running-config of the reference example's external
// firewall (test/fixtures/audit/asa-external.cfg, findings in its header), with the hit counts
// of `show access-list` (asa-external-show-access-list.txt). The CLI reads one file, so the hit
// counts go through the parser's hitCounts option and runAudit; the rest through the CLI too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { parseCiscoAsa } from '../../src/parse/cisco-asa.ts';
import { runAudit } from '../../src/audit/run.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { auditSarif } from '../../src/report/audit.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const CFG = 'test/fixtures/audit/asa-external.cfg';
const HITS = 'test/fixtures/audit/asa-external-show-access-list.txt';

const at = (d: any) => (d === 'default policy' ? 'default policy' : d.origin.line);

function auditWithHits() {
  const topology = loadTopology(REF);
  const parsed = parseCiscoAsa(readFileSync(CFG, 'utf8'), CFG, { hitCounts: { text: readFileSync(HITS, 'utf8'), file: HITS } });
  return runAudit({ topology, flows: compileFlows(topology), parsed, config: CFG, platform: 'cisco-asa', firewall: 'external', outsideInterface: 'outside' });
}

test('ASA with show access-list: gap, partial A/V range, OWA into the corporate network, union shadowing, hitcnt=0', () => {
  const r = auditWithHits();
  assert.equal(r.ok, false);
  assert.deepEqual(r.sections.map((s) => [s.policy, s.sees]), [['OUTSIDE_IN in outside', 'in'], ['DMZ_IN in dmz', 'out']]);
  assert.deepEqual(r.unaudited, []);
  const [inside, outside] = [r.sections[0].result, r.sections[1].result];
  const v = (req: string) => inside.flows.find((f) => f.requirement === req)!;
  // (a) 5061 inbound: blocked by the closing deny of OUTSIDE_IN (an ACL sees one direction: no hairpin)
  const mtls = v('2010.edge-external.access.sip-mtls-5061.in');
  assert.equal(mtls.verdict, 'blocked');
  assert.deepEqual(mtls.dropped.map((d) => at(d.by)), [95]);
  // (b) AV_MEDIA 50000-55000, both transports partly allowed; 55001 dropped at line 95
  for (const req of ['2010.edge-external.av.rtp-tcp-50000-59999.in', '2010.edge-external.av.rtp-udp-50000-59999.in']) {
    const f = v(req);
    assert.equal(f.verdict, 'partial', req);
    assert.deepEqual(f.allowedBy.map(at), [82]);
    assert.deepEqual(f.dropped.map((d) => at(d.by)), [95]);
    assert.equal(f.dropped[0].example.destination, '10.45.16.30');
    assert.equal(f.dropped[0].example.destinationPort, 55001);
  }
  assert.equal(inside.flows.filter((f) => f.verdict !== 'allowed').length, 3);
  assert.ok(outside.flows.every((f) => f.verdict === 'allowed'));
  assert.equal(outside.flows.length, 6);
  // (c) ranked over-permissions
  assert.deepEqual(inside.overPermissive.map((o) => [o.risk, at(o.rule), o.family]), [['high', 90, 'ipv4'], ['medium', 86, 'ipv6'], ['medium', 88, 'ipv4']]);
  assert.match(inside.overPermissive[0].reasons[0], /any source into the corporate network 192\.168\.10\.0\/24/);
  assert.deepEqual(outside.overPermissive.map((o) => [o.risk, at(o.rule)]), [['low', 102]]);
  // (d) the scanner deny is shadowed by the union of the www and https permits; the duplicate is redundant
  assert.deepEqual(inside.shadowed.map((x) => [x.kind, at(x.rule), x.by.map(at)]), [['shadowed', 93, [84, 85]], ['redundant', 94, [79]]]);
  // (e) hitcnt=0 from show access-list
  assert.deepEqual(inside.unused.map((u) => [at(u.rule), u.hits]), [[88, 0], [93, 0], [94, 0]]);
  assert.deepEqual(outside.unused, []);
  // warnings: the ICMP entry, the unbound MGMT_IN
  assert.deepEqual(r.warnings.map((w) => w.line), [91, 104]);
});

test('ASA SARIF: results at the ACE lines, requirement ids, levels by risk', () => {
  const s = JSON.parse(auditSarif(auditWithHits()));
  assert.equal(s.version, '2.1.0');
  const line = (x: any) => x.locations[0].physicalLocation.region.startLine;
  const results = s.runs[0].results as any[];
  assert.deepEqual(results.filter((x) => x.ruleId.startsWith('required-flow')).map((x) => [x.ruleId, x.level, line(x), x.properties.requirement]), [
    ['required-flow-blocked', 'error', 95, '2010.edge-external.access.sip-mtls-5061.in'],
    ['required-flow-partial', 'error', 95, '2010.edge-external.av.rtp-tcp-50000-59999.in'],
    ['required-flow-partial', 'error', 95, '2010.edge-external.av.rtp-udp-50000-59999.in'],
  ]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'over-permissive').map((x) => [x.level, line(x)]), [['error', 90], ['warning', 86], ['warning', 88], ['warning', 102]]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'shadowed-rule').map(line), [93, 94]);
  assert.ok(results.filter((x) => x.ruleId === 'unused-rule').map(line).includes(88));
});

test('ASA through the CLI (no hit counts there): the same flow and over-permission findings, exit 1', async () => {
  let out = '';
  const code = await main(['audit', REF, '--config', CFG, '--platform', 'cisco-asa', '--format', 'json'], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  assert.equal(code, 1);
  const r = JSON.parse(out);
  const res = r.sections[0].result;
  assert.deepEqual(res.flows.filter((f: any) => f.verdict !== 'allowed').map((f: any) => [f.verdict, f.requirement, at(f.dropped[0].by)]), [
    ['blocked', '2010.edge-external.access.sip-mtls-5061.in', 95],
    ['partial', '2010.edge-external.av.rtp-tcp-50000-59999.in', 95],
    ['partial', '2010.edge-external.av.rtp-udp-50000-59999.in', 95],
  ]);
  assert.deepEqual(res.overPermissive.map((o: any) => at(o.rule)), [90, 86, 88]);
  assert.deepEqual(res.unused, []); // no counters in a running-config
});
