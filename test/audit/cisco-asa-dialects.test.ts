// Cisco ASA / PIX configurations in the forms the devices print: PIX 6.3 `access-list NAME
// permit …` (no `extended`), ASA 8.2 `service-object tcp eq https` (no `destination`), ASA 9
// `access-group NAME global`. Each is the reference example's external firewall, complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const DIR = 'test/fixtures/third-party/cisco-asa/';

async function audit(file: string, ...more: string[]) {
  let out = '', err = '';
  const code = await main(['audit', REF, '--config', DIR + file, '--platform', 'cisco-asa', '--format', 'json', ...more], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, err, r: code === 2 ? undefined : JSON.parse(out) };
}
const verdicts = (r: any) => r.sections.flatMap((s: any) => s.result.flows.map((f: any) => f.verdict));

test('PIX 6.3: access-list without `extended` is read; every required flow allowed; the SSH from anywhere is high risk', async () => {
  const { code, r } = await audit('pix-6.3-write-terminal.cfg');
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['outside_in in outside', 'in'], ['dmz_out in inside', 'out']]);
  assert.equal(verdicts(r).length, 15);
  assert.ok(verdicts(r).every((v: string) => v === 'allowed'));
  const over = r.sections.flatMap((s: any) => s.result.overPermissive);
  assert.deepEqual(over.map((o: any) => [o.risk, o.rule.origin.line]), [['high', 24]]);
  assert.equal(code, 1);
  assert.deepEqual(r.warnings, []);
});

test('ASA 8.2: service-object tcp eq https (pre-8.3, destination port implied)', async () => {
  const { code, r } = await audit('asa-8.2-service-object.cfg', '--outside', 'outside');
  assert.equal(code, 0);
  assert.equal(verdicts(r).length, 15);
  assert.ok(verdicts(r).every((v: string) => v === 'allowed'));
  const rules = r.sections[0].result.flows.find((f: any) => f.requirement === '2010.edge-external.av.stun-udp-3478.in').allowedBy;
  assert.deepEqual(rules.map((x: any) => x.origin.line), [32]);
});

test('ASA 9: access-group NAME global sees both directions; with an interface ACL it follows that ACL', async () => {
  const { code, r } = await audit('asa-9.8-global-acl.cfg');
  assert.equal(code, 0);
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['GLOBAL_ACL global', 'both']]);
  assert.ok(verdicts(r).every((v: string) => v === 'allowed'));
  assert.equal(verdicts(r).length, 15);
});

test('ASA 9: an interface ACL is read before the global one; the global ACL alone sees the other direction', async () => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const cfg = readFileSync(DIR + 'asa-9.8-global-acl.cfg', 'utf8').replace('access-group GLOBAL_ACL global',
    'access-list OUTSIDE_IN extended deny tcp any object ACCESS_EDGE eq 5061\naccess-group OUTSIDE_IN in interface outside\naccess-group GLOBAL_ACL global');
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-asa-')), 'asa.cfg');
  writeFileSync(file, cfg);
  let out = '';
  const code = await main(['audit', REF, '--config', file, '--platform', 'cisco-asa', '--format', 'json'], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  const r = JSON.parse(out);
  assert.equal(code, 1);
  assert.deepEqual(r.sections.map((s: any) => [s.policy, s.sees]), [['OUTSIDE_IN in outside', 'in'], ['GLOBAL_ACL global', 'out']]);
  const inbound = r.sections[0].result.flows;
  assert.deepEqual(inbound.filter((f: any) => f.verdict !== 'allowed').map((f: any) => `${f.requirement} ${f.verdict}`), ['2010.edge-external.access.sip-mtls-5061.in blocked']);
  // The inbound ACL's other flows are allowed by the global entries appended after it.
  const https = inbound.find((f: any) => f.requirement === '2010.edge-external.access.sip-tls-443.in');
  assert.ok(https.allowedBy.every((x: any) => /GLOBAL_ACL/.test(x.origin.text)));
  assert.ok(r.sections[1].result.flows.every((f: any) => f.verdict === 'allowed'));
});
