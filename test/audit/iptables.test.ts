// portolan audit of hand-written `iptables-save -c` and `ip6tables-save -c` documents of the
// reference example's external firewall (test/fixtures/audit/iptables-external.rules and
// ip6tables-external.rules, findings listed in their headers): each known finding at its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const DUAL = 'test/fixtures/audit/lync2010-dual-stack-edge.yaml';
const V4 = 'test/fixtures/audit/iptables-external.rules';
const V6 = 'test/fixtures/audit/ip6tables-external.rules';

async function audit(...args: string[]) {
  let out = '';
  const code = await main(['audit', ...args], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return { code, out };
}
const at = (d: any) => (d === 'default policy' ? 'default policy' : d.origin.line);
const flowOf = (r: any, req: string) => {
  const v = r.sections.flatMap((s: any) => s.result.flows).filter((f: any) => f.requirement === req);
  assert.equal(v.length, 1, req);
  return v[0];
};

test('iptables-save -c: the DNS gap, the partial A/V range, OWA into the corporate network, union shadowing, [0:0] rules', async () => {
  const { code, out } = await audit(REF, '--config', V4, '--platform', 'iptables', '--format', 'json');
  assert.equal(code, 1);
  const r = JSON.parse(out);
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['filter FORWARD', 'both']]);
  assert.deepEqual(r.unaudited, []);
  const res = r.sections[0].result;
  const dns = flowOf(r, '2010.edge-external.access.dns-udp-53.out');
  assert.equal(dns.verdict, 'blocked');
  assert.deepEqual(dns.dropped.map((d: any) => at(d.by)), [54]);
  const av = flowOf(r, '2010.edge-external.av.rtp-udp-50000-59999.in');
  assert.equal(av.verdict, 'partial');
  assert.ok(av.allowedBy.map(at).includes(57));
  assert.deepEqual(av.dropped.map((d: any) => at(d.by)), [54]);
  assert.deepEqual({ ...av.dropped[0].example }, { family: 'ipv4', protocol: 'UDP', source: '0.0.0.0', sourcePort: 0, destination: '10.45.16.30', destinationPort: 55001 });
  assert.equal(res.flows.filter((f: any) => f.verdict !== 'allowed').length, 2);
  assert.deepEqual(res.overPermissive.map((o: any) => [o.risk, at(o.rule)]), [['high', 49], ['medium', 47], ['medium', 48]]);
  assert.match(res.overPermissive[0].reasons[0], /^any source into the corporate network 192\.168\.10\.0\/24/);
  assert.equal(res.overPermissive[0].example.destination, '192.168.10.0');
  assert.deepEqual(res.shadowed.map((x: any) => [x.kind, at(x.rule), x.by.map(at)]), [['shadowed', 50, [55, 56]], ['redundant', 51, [40]]]);
  assert.deepEqual(res.unused.map((u: any) => at(u.rule)), [48, 50, 51]);
  assert.deepEqual(r.warnings.map((w: any) => [w.line, w.message]), [
    [20, 'table nat ignored (address translation is not filtering)'],
    [52, 'protocol icmp is not modelled (TCP and UDP only); rule ignored'],
  ]);
});

test('ip6tables-save -c against the dual-stack topology: IPv6 flows audited, IPv4 flows reported as not audited', async () => {
  const { code, out } = await audit(DUAL, '--config', V6, '--platform', 'iptables', '--format', 'json');
  assert.equal(code, 1);
  const r = JSON.parse(out);
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['ip6 filter FORWARD', 'both']]);
  const res = r.sections[0].result;
  // Only the 15 IPv6 flows are audited by the IPv6 document; the 15 IPv4 ones are seen by no filter.
  assert.equal(res.flows.length, 15);
  assert.ok(res.flows.every((f: any) => f.flow.family === 'ipv6'));
  assert.ok(r.unaudited.every((f: any) => f.family === 'ipv4'));
  assert.equal(r.unaudited.length, 15);
  const out6 = flowOf(r, '2010.edge-external.access.sip-mtls-5061.out');
  assert.equal(out6.verdict, 'blocked');
  assert.deepEqual(out6.dropped.map((d: any) => at(d.by)), [43]);
  const in6 = flowOf(r, '2010.edge-external.access.sip-mtls-5061.in');
  assert.equal(in6.verdict, 'partial');
  assert.deepEqual(in6.allowedBy.map(at), [36]);
  const media = flowOf(r, '2010.edge-external.av.rtp-udp-50000-59999.out');
  assert.equal(media.verdict, 'partial');
  assert.ok(media.allowedBy.map(at).includes(37));
  assert.deepEqual(media.dropped.map((d: any) => at(d.by)), [43]);
  assert.equal(media.dropped[0].example.source, '2001:db8:45:16::30');
  assert.equal(media.dropped[0].example.sourcePort, 55000);
  assert.deepEqual(res.overPermissive.map((o: any) => [o.risk, at(o.rule), o.family]), [['high', 40, 'ipv6'], ['medium', 39, 'ipv6']]);
  assert.deepEqual(res.overPermissive[0].reasons, ['any source to any destination', 'any source to management port 3389']);
  assert.deepEqual(res.shadowed.map((x: any) => [x.kind, at(x.rule), x.by.map(at)]), [['shadowed', 41, [32, 33]], ['redundant', 42, [30]]]);
  assert.deepEqual(res.unused.map((u: any) => at(u.rule)), [39, 41, 42]);
  assert.deepEqual(r.warnings.map((w: any) => w.line), [24, 26, 27]);
  assert.match(r.warnings[1].message, /ipset match \(-m set\)/);
});

test('iptables-save -c --format sarif: findings at their lines, requirement ids on flow results', async () => {
  const { code, out } = await audit(REF, '--config', V4, '--platform', 'iptables', '--format', 'sarif');
  assert.equal(code, 1);
  const s = JSON.parse(out);
  assert.equal(s.version, '2.1.0');
  const results = s.runs[0].results as any[];
  const line = (x: any) => x.locations[0].physicalLocation.region.startLine;
  assert.deepEqual(results.filter((x) => x.ruleId.startsWith('required-flow')).map((x) => [x.ruleId, line(x), x.properties.requirement]), [
    ['required-flow-blocked', 54, '2010.edge-external.access.dns-udp-53.out'],
    ['required-flow-partial', 54, '2010.edge-external.av.rtp-udp-50000-59999.in'],
  ]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'over-permissive').map((x) => [x.level, line(x), x.properties.risk]), [['error', 49, 'high'], ['warning', 47, 'medium'], ['warning', 48, 'medium']]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'shadowed-rule').map(line), [50, 51]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'unused-rule').map(line), [48, 50, 51]);
  for (const x of results) assert.equal(x.locations[0].physicalLocation.artifactLocation.uri, V4);
});
