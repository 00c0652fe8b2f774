// `terraform show -json` as audit input (--platform aws-terraform / azure-terraform): a state of
// aws_security_group resources in a child module, and a plan's planned_values with an
// azurerm_network_security_group and azurerm_network_security_rule resources (hand-written after
// Terraform's documented JSON output format, terraform 1.5.7; see test/fixtures/third-party/SOURCES).
// They describe the same groups as test/fixtures/audit/aws-external.json and azure-external.json,
// so the audit must find the same.
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';

async function audit(config: string, platform: string) {
  let out = '';
  const code = await main(['audit', REF, '--config', config, '--platform', platform, '--format', 'json'], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return { code, r: JSON.parse(out) };
}
const view = (r: any) => ({
  sections: r.sections.map((s: any) => [s.policy, s.sees, s.result.flows.map((f: any) => `${f.requirement} ${f.verdict}`), s.result.overPermissive.map((o: any) => `${o.risk} ${o.reasons.join(';')}`)]),
  unaudited: r.unaudited.length,
});

test('terraform show -json (state, aws_security_group in a module) audits like describe-security-groups', async () => {
  const a = await audit('test/fixtures/audit/aws-external.json', 'aws');
  const b = await audit('test/fixtures/third-party/aws-terraform/terraform-1.5.7-show-json-state-aws-external.json', 'aws-terraform');
  assert.deepEqual(view(b.r), view(a.r));
  assert.equal(b.code, a.code);
  assert.ok(b.r.sections[0].result.flows.some((f: any) => f.verdict === 'blocked'));
  // Findings point at lines of the Terraform JSON.
  const line = b.r.sections[0].result.overPermissive[0].rule.origin.line;
  assert.ok(line > 10, String(line));
});

test('terraform show -json (plan, NSG with inline and separate rules) audits like the NSG JSON', async () => {
  const a = await audit('test/fixtures/audit/azure-external.json', 'azure');
  const b = await audit('test/fixtures/third-party/azure-terraform/terraform-1.5.7-show-json-plan-azure-external.json', 'azure-terraform');
  assert.deepEqual(view(b.r), view(a.r));
  assert.equal(b.code, a.code);
});

test('terraform show -json without a root module is a located error', async () => {
  let err = '';
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-tfjson-')), 'show.json');
  writeFileSync(file, '{\n  "format_version": "1.0",\n  "terraform_version": "1.5.7"\n}\n');
  const code = await main(['audit', REF, '--config', file, '--platform', 'aws'], { stdout: () => {}, stderr: (t) => { err += t; }, isTTY: false });
  assert.equal(code, 2);
  assert.match(err, /show\.json:1:1: not `terraform show -json` output/);
});
