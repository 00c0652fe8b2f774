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
