// portolan audit of hand-written `aws ec2 describe-security-groups` JSON of the reference
// example's external side (test/fixtures/audit/aws-external.json; findings in
// test/fixtures/audit/README.md). Security groups are allow-only: a gap is dropped by the
// implicit deny (no line), "shadowed" can only be "redundant", and there are no counters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const SG = 'test/fixtures/audit/aws-external.json';
const at = (d: any) => (d === 'default policy' ? 'default policy' : d.origin.line);

async function audit(format: string) {
  let out = '';
  const code = await main(['audit', REF, '--config', SG, '--platform', 'aws', '--format', format], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return { code, out };
}

test('security groups: ingress and egress bound by direction; gaps, partial flows, over-permissions, union redundancy', async () => {
  const { code, out } = await audit('json');
  assert.equal(code, 1);
  const r = JSON.parse(out);
  assert.deepEqual(r.sections.map((s: any) => s.sees), ['in', 'out']);
  assert.equal(r.sections[0].policy, 'sg-0e1d9c4a7b2f30001 lync-edge-external ingress + sg-0e1d9c4a7b2f30002 lync-rp-external ingress');
  const [ing, eg] = [r.sections[0].result, r.sections[1].result];
  const v = (req: string) => ing.flows.find((f: any) => f.requirement === req);
  // (a) the reverse proxy's port 80 was never opened: blocked by the implicit deny
  assert.equal(v('2010.reverse-proxy-external.http-80.in').verdict, 'blocked');
  assert.deepEqual(v('2010.reverse-proxy-external.http-80.in').dropped.map((d: any) => d.by), ['default policy']);
  // 5061 only from the pilot partner (line 26): partial
  const mtls = v('2010.edge-external.access.sip-mtls-5061.in');
  assert.equal(mtls.verdict, 'partial');
  assert.deepEqual(mtls.allowedBy.map(at), [26]);
  // (b) TCP media 50000-55000 (line 54): 55001 dropped
  const av = v('2010.edge-external.av.rtp-tcp-50000-59999.in');
  assert.equal(av.verdict, 'partial');
  assert.deepEqual(av.allowedBy.map(at), [54]);
  assert.equal(av.dropped[0].example.destinationPort, 55001);
  assert.equal(ing.flows.filter((f: any) => f.verdict !== 'allowed').length, 3);
  assert.ok(eg.flows.every((f: any) => f.verdict === 'allowed'));
  // (c) a group applies wherever it is attached (describe-security-groups does not say where):
  // every rule open to 0.0.0.0/0 is any-to-any, so HIGH; RDP adds the management port.
  const over = ing.overPermissive.map((o: any) => [o.risk, at(o.rule), o.protocol, o.family]);
  assert.deepEqual(over, [
    ['high', 12, 'TCP', 'ipv4'], ['high', 40, 'UDP', 'ipv4'], ['high', 54, 'TCP', 'ipv4'], ['high', 68, 'UDP', 'ipv4'],
    ['high', 104, 'TCP', 'ipv4'], ['high', 171, 'TCP', 'ipv6'],
    ['medium', 82, 'TCP', 'ipv4'], ['medium', 86, 'TCP', 'ipv4'], ['low', 26, 'TCP', 'ipv4'],
  ]);
  assert.ok(ing.overPermissive.find((o: any) => at(o.rule) === 104).reasons.includes('any source to management port 3389'));
  assert.deepEqual(ing.overPermissive.find((o: any) => at(o.rule) === 82).reasons, ['management port 22']);
  // the default egress rule (all traffic to 0.0.0.0/0 and ::/0)
  assert.deepEqual(eg.overPermissive.map((o: any) => [o.risk, at(o.rule), o.protocol, o.family]), [
    ['high', 133, 'TCP', 'ipv4'], ['high', 133, 'UDP', 'ipv4'], ['high', 138, 'TCP', 'ipv6'], ['high', 138, 'UDP', 'ipv6'],
  ]);
  // (d) the /24 admin entry is covered by the union of the two /25 entries; the reverse proxy's
  // 443 by the edge group's 443 (the union of the groups); its egress by the default egress
  assert.deepEqual(ing.shadowed.map((x: any) => [x.kind, at(x.rule), x.by.map(at)]), [['redundant', 90, [82, 86]], ['redundant', 165, [12]]]);
  assert.deepEqual(eg.shadowed.map((x: any) => [x.kind, at(x.rule), x.by.map(at)]), [['redundant', 186, [133]]]);
  // (e) no counters in security groups
  assert.deepEqual([...ing.unused, ...eg.unused], []);
  assert.deepEqual(r.warnings.map((w: any) => [w.line, w.message]), [[114, 'protocol icmp is not modelled (TCP and UDP only); permission skipped']]);
});

test('security groups --format sarif: the CIDR entry lines, requirement on flow results', async () => {
  const { code, out } = await audit('sarif');
  assert.equal(code, 1);
  const s = JSON.parse(out);
  assert.equal(s.version, '2.1.0');
  const line = (x: any) => x.locations[0].physicalLocation.region.startLine;
  const results = s.runs[0].results as any[];
  const partial = results.find((x) => x.properties.requirement === '2010.edge-external.av.rtp-tcp-50000-59999.in');
  assert.equal(partial.ruleId, 'required-flow-partial');
  assert.equal(line(partial), 1); // the implicit deny has no line
  // citations name Microsoft's article (and keep the local file name in the properties)
  assert.match(partial.message.text, /Cites Reference Architecture 1: Port Summary for Single Consolidated Edge, "/);
  assert.doesNotMatch(partial.message.text, /_[0-9a-f]{16}\.txt/);
  for (const c of partial.properties.citations) {
    assert.equal(c.title, 'Reference Architecture 1: Port Summary for Single Consolidated Edge');
    assert.match(c.file, /^002_[0-9a-f]{16}\.txt$/);
  }
  assert.ok(results.some((x) => x.ruleId === 'over-permissive' && x.level === 'error' && line(x) === 104));
  assert.ok(results.some((x) => x.ruleId === 'shadowed-rule' && line(x) === 90));
});
