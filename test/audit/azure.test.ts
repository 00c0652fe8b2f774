// portolan audit of a hand-written Azure NSG (the resource JSON, `az network nsg show` style) of
// the reference example's external side (test/fixtures/audit/azure-external.json; findings in
// test/fixtures/audit/README.md). Rules are listed by name in the file and applied by priority.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const NSG = 'test/fixtures/audit/azure-external.json';
const at = (d: any) => (d === 'default policy' ? 'default policy' : d.origin.line);

async function audit(format: string) {
  let out = '';
  const code = await main(['audit', REF, '--config', NSG, '--platform', 'azure', '--format', format], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return { code, out };
}

test('NSG: Inbound and Outbound bound by direction; gap, partial, over-permissions, union shadowing; defaults not reported', async () => {
  const { code, out } = await audit('json');
  assert.equal(code, 1);
  const r = JSON.parse(out);
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['edge-external-nsg Inbound', 'in'], ['edge-external-nsg Outbound', 'out']]);
  const [inb, outb] = [r.sections[0].result, r.sections[1].result];
  const v = (req: string) => inb.flows.find((f: any) => f.requirement === req);
  // (a) 5061 to the Access Edge: blocked by Deny-All-Inbound (priority 4096, line 249)
  assert.equal(v('2010.edge-external.access.sip-mtls-5061.in').verdict, 'blocked');
  assert.deepEqual(v('2010.edge-external.access.sip-mtls-5061.in').dropped.map((d: any) => at(d.by)), [249]);
  // (b) Allow-AV-UDP (line 71) 50000-55000 only
  const av = v('2010.edge-external.av.rtp-udp-50000-59999.in');
  assert.equal(av.verdict, 'partial');
  assert.deepEqual(av.allowedBy.map(at), [71]);
  assert.deepEqual(av.dropped.map((d: any) => at(d.by)), [249]);
  assert.equal(av.dropped[0].example.destinationPort, 55001);
  assert.equal(inb.flows.filter((f: any) => f.verdict !== 'allowed').length, 2);
  assert.ok(outb.flows.every((f: any) => f.verdict === 'allowed'));
  // (c) Allow-Vendor-RDP (* -> * 3389, line 218) in both families: HIGH; mail relay MEDIUM; admin SSH MEDIUM
  assert.deepEqual(inb.overPermissive.map((o: any) => [o.risk, at(o.rule), o.family]), [['high', 218, 'ipv4'], ['high', 218, 'ipv6'], ['medium', 173, 'ipv4'], ['medium', 139, 'ipv4']]);
  assert.deepEqual(outb.overPermissive, []);
  // (d) Deny-Scanners-RP (priority 300) shadowed by the union of Allow-RP-HTTP and -HTTPS;
  // Allow-Lync-443-CHG4711 redundant with Allow-AccessEdge-SIP-TLS + Allow-WebConf-PSOM.
  // Azure's default rules behind Deny-All-* are not findings.
  assert.deepEqual(inb.shadowed.map((x: any) => [x.kind, x.rule.id, at(x.rule), x.by.map(at)]), [['shadowed', 'L279', 279, [188, 203]], ['redundant', 'L154', 154, [123, 234]]]);
  assert.deepEqual(outb.shadowed, []);
  assert.deepEqual([...inb.unused, ...outb.unused], []);
  // the default rules the JSON lacks are added; their VirtualNetwork tag is an assumption (warned)
  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings[0].message, /VirtualNetwork taken as 10\.0\.0\.0\/8/);
});

test('NSG --format sarif: results at the rule objects', async () => {
  const { out } = await audit('sarif');
  const s = JSON.parse(out);
  assert.equal(s.version, '2.1.0');
  const line = (x: any) => x.locations[0].physicalLocation.region.startLine;
  const results = s.runs[0].results as any[];
  assert.deepEqual(results.filter((x) => x.ruleId.startsWith('required-flow')).map((x) => [x.ruleId, line(x), x.properties.requirement]), [
    ['required-flow-blocked', 249, '2010.edge-external.access.sip-mtls-5061.in'],
    ['required-flow-partial', 249, '2010.edge-external.av.rtp-udp-50000-59999.in'],
  ]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'over-permissive').map((x) => [x.level, line(x)]), [['error', 218], ['error', 218], ['warning', 173], ['warning', 139]]);
  assert.deepEqual(results.filter((x) => x.ruleId === 'shadowed-rule').map(line), [279, 154]);
});
