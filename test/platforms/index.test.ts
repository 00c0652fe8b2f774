// The platform descriptors: every render target and every reader belongs to one platform, each
// name resolves, former names resolve with a note, and a platform's readers pick the form of a
// text by its content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { renderAll } from '../../src/cli/commands/render.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { auditPlatforms, findPlatform, findRenderer, PLATFORMS, readConfig, readerFor, rendererTargets } from '../../src/platforms/index.ts';
import { parseAws } from '../../src/parse/aws.ts';
import { parseAwsTerraform } from '../../src/parse/aws-terraform.ts';
import { parseAzure } from '../../src/parse/azure.ts';
import { parseAzureTerraform } from '../../src/parse/azure-terraform.ts';
import { fixture, read } from '../parse/helpers.ts';

test('descriptors: names, targets, docs pages and readers', () => {
  assert.deepEqual(rendererTargets(), ['nftables', 'iptables', 'ip6tables', 'haproxy', 'windows', 'cisco-asa', 'aws', 'azure', 'panos', 'junos', 'fortigate', 'checkpoint', 'pfsense']);
  assert.deepEqual(auditPlatforms(), ['nftables', 'iptables', 'cisco-asa', 'aws', 'azure', 'panos', 'junos', 'fortigate', 'checkpoint', 'pfsense', 'opnsense']);
  for (const p of PLATFORMS) {
    if (p.renderers.length) assert.equal(p.renderers[0]!.target, p.name, `${p.name}: its main target carries its name`);
    else assert.ok(p.readers.length, `${p.name}: rendered or read`);
    assert.ok(existsSync(p.docs), p.docs);
    assert.equal(p.readers.length > 0, !!p.audit, `${p.name}: audit traits exactly when it has readers`);
    const fallback = p.readers.findIndex((r) => !r.recognizes);
    assert.ok(fallback === -1 || fallback === p.readers.length - 1, `${p.name}: the fallback reader comes last`);
    assert.ok(p.readers.filter((r) => !r.recognizes).length <= 1, `${p.name}: at most one fallback reader`);
  }
  assert.equal(findRenderer('toString'), undefined);
  assert.equal(findPlatform('toString'), undefined);
});

test('aws and azure read what render writes (Terraform) and their JSON by content; the old names are aliases with a note', () => {
  const aws = findPlatform('aws')!.platform;
  const azure = findPlatform('azure')!.platform;
  assert.equal(readerFor(aws, 'resource "aws_security_group" "x" {}\n').parse, parseAwsTerraform);
  assert.equal(readerFor(aws, '# comment\nresource "aws_security_group" "x" {}\n').parse, parseAwsTerraform);
  assert.equal(readerFor(aws, read('aws-security-groups.json')).parse, parseAws);
  assert.equal(readerFor(azure, 'resource "azurerm_network_security_group" "x" {}\n').parse, parseAzureTerraform);
  assert.equal(readerFor(azure, read('azure-nsg.json')).parse, parseAzure);
  for (const [old, now] of [['aws-terraform', aws], ['azure-terraform', azure]] as const) {
    const f = findPlatform(old)!;
    assert.equal(f.platform, now);
    assert.match(f.note!, new RegExp(`--platform ${old} is now --platform ${now.name}`));
  }
});

test('nftables: the reader follows the text (nft -j JSON or nft list ruleset)', () => {
  const nft = findPlatform('nftables')!.platform;
  const text = readConfig(nft, read('nftables-edge.nft'), fixture('nftables-edge.nft'));
  const json = readConfig(nft, '  {"nftables": [{"chain": {"family": "ip", "table": "t", "name": "c", "hook": "input", "type": "filter", "policy": "drop"}}]}', 'x.json');
  assert.equal(text.policies.length, 3);
  assert.deepEqual(json.policies.map((p) => [p.firewall, p.defaultAction, p.rules.length]), [['ip t c', 'drop', 0]]);
  assert.deepEqual(json.policies[0]!.binding, { hook: { name: 'input', priority: 0 }, interfaces: [], family: 'ipv4', attachment: 'chain' });
});

test('docs/targets/README.md indexes every platform (npm run docs-help)', () => {
  const index = readFileSync('docs/targets/README.md', 'utf8');
  for (const p of PLATFORMS) assert.ok(index.includes(`[${p.name}](${p.docs.replace('docs/targets/', '')})`), p.name);
});

test('audit --platform aws-terraform: a note on standard error, the same report as --platform aws', async () => {
  const REF = 'examples/lync2010-single-consolidated-edge.yaml';
  const f = renderAll(loadTopology(REF), 'aws').files.find((x) => x.firewall === 'internal')!;
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-alias-')), f.file);
  writeFileSync(file, f.content);
  const run = async (platform: string) => {
    let out = '', err = '';
    const code = await main(['audit', REF, '--config', file, '--platform', platform, '--firewall', 'internal', '--format', 'json'], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
    return { code, out, err };
  };
  const now = await run('aws');
  const old = await run('aws-terraform');
  assert.equal(now.code, 0, now.out);
  assert.equal(now.err, '');
  assert.equal(old.code, now.code);
  assert.match(old.err, /^note: --platform aws-terraform is now --platform aws/);
  assert.deepEqual({ ...JSON.parse(old.out), platform: 'aws' }, JSON.parse(now.out));
  const bad = await run('haproxy');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--platform must be one of nftables, iptables, cisco-asa, aws, azure, panos/);
});
