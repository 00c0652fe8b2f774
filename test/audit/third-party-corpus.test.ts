// The audit over the third-party corpus (test/fixtures/third-party/, sources in its SOURCES file):
// Batfish and Aerleon test resources, Capirca output, real nft / iptables-save dumps, vendor-form
// ASA configurations, Terraform JSON. Every file through the CLI: no stack trace, no hang, exit
// status 0, 1 or 2 only (2 with a one-line reason), every warning with a line; and for the files
// listed in EXPECTED the verdicts recorded by hand from reading the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const ROOT = 'test/fixtures/third-party';
const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const DUAL = 'test/fixtures/audit/lync2010-dual-stack-edge.yaml';
/** Directory → --platform (capirca/ holds the policy Capirca was given, not a configuration). */
const PLATFORM: Record<string, string> = {
  nftables: 'nftables', iptables: 'iptables', 'cisco-asa': 'cisco-asa', aws: 'aws', azure: 'azure',
  'aws-terraform': 'aws-terraform', 'azure-terraform': 'azure-terraform',
};
/** IPv6 files are audited against the dual-stack variant of the reference example. */
const topologyOf = (file: string) => (/v6|ip6|IPv6|dual-stack/.test(file) ? DUAL : REF);

async function audit(file: string, platform: string) {
  let out = '', err = '';
  const code = await main(['audit', topologyOf(file), '--config', file, '--platform', platform, '--format', 'json'], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

function corpus(): { file: string; platform: string }[] {
  const files: { file: string; platform: string }[] = [];
  for (const d of readdirSync(ROOT).sort()) {
    if (!statSync(join(ROOT, d)).isDirectory() || !PLATFORM[d]) continue;
    for (const f of readdirSync(join(ROOT, d)).sort()) files.push({ file: join(ROOT, d, f), platform: PLATFORM[d]! });
  }
  return files;
}

/** [exit, allowed, partly allowed, blocked, not audited, high-risk over-permissions], checked by hand. */
type Summary = [number, number, number, number, number, number];
const EXPECTED: Record<string, Summary> = {
  // Complete external-firewall configurations in vendor form: every flow allowed; the PIX one also
  // opens SSH to 10.45.16.25 from anywhere (management port: high).
  'cisco-asa/asa-8.2-service-object.cfg': [0, 15, 0, 0, 0, 0],
  'cisco-asa/asa-9.8-global-acl.cfg': [0, 15, 0, 0, 0, 0],
  'cisco-asa/pix-6.3-write-terminal.cfg': [1, 15, 0, 0, 0, 1],
  // ACLs that no access-group binds (Capirca and Aerleon write only the access-list): nothing to audit.
  'cisco-asa/aerleon-CiscoASATest.testDSMOdestination.cfg': [2, 0, 0, 0, 0, 0],
  'cisco-asa/aerleon-CiscoASATest.testDSMOsource.cfg': [2, 0, 0, 0, 0, 0],
  'cisco-asa/aerleon-CiscoASATest.testHostAddressFormat.cfg': [2, 0, 0, 0, 0, 0],
  'cisco-asa/aerleon-CiscoASATest.testVerbatim.cfg': [2, 0, 0, 0, 0, 0],
  'cisco-asa/capirca-2.0.6-edge-in.asa': [2, 0, 0, 0, 0, 0],
  // `access-group FILTER_UNDEF out interface name2` names no access-list (the ASA refuses it too).
  'cisco-asa/batfish-asa-filters.cfg': [2, 0, 0, 0, 0, 0],
  // Capirca's inbound policy: the INPUT chain allows the 9 inbound flows; the 6 outbound ones
  // have no output chain to be audited by; SSH only from the admin network (not high).
  'iptables/capirca-2.0.6-speedway-edge-in.ipt': [1, 9, 0, 0, 6, 0],
  'iptables/capirca-2.0.6-iptables-edge-in': [1, 9, 0, 0, 6, 0],
  // A host script and Aerleon's sample: FORWARD DROP and nothing forwarded, every flow blocked.
  'iptables/firewall-script.sh': [1, 0, 0, 15, 0, 0],
  'iptables/aerleon-demo-TestRegressionDemo.testSmokeTest.sample_speedway.ipt': [1, 0, 0, 15, 0, 0],
  // OUTPUT DROP with only ICMP accepted: the 6 outbound flows blocked, the inbound ones unseen.
  'iptables/aerleon-iptables-AclCheckTest.testGoodPolicy.rules': [1, 0, 0, 6, 9, 0],
  // Only a *mangle table: PREROUTING DROP with UDP 53 accepted; a mangle DROP is final as a
  // filter one is (Batfish reads it so too): the Access Edge's DNS query allowed, the A/V UDP media
  // out partly (its destination port 53), the rest blocked; any → any UDP 53 is high risk (both families).
  'iptables/batfish-router-iptables_iptables_host1.iptables': [1, 1, 1, 13, 0, 2],
  // `-h` is not a rule (iptables-restore refuses it too).
  'iptables/batfish-unsupported_command': [2, 0, 0, 0, 0, 0],
  // One family, against the dual-stack example: the Access Edge's 443/5061 inbound allowed, its
  // 5061 outbound and the A/V TCP media outbound partly (the hairpin to the Access Edge), the
  // rest of that family blocked, the other family's 15 flows not audited.
  'iptables/ip6tables-save-no-header.rules.v6': [1, 2, 2, 11, 15, 0],
  'iptables/ip6tables-save-long-banner.rules.v6': [1, 2, 2, 11, 15, 0],
  'iptables/iptables-save-mentions-ip6tables.rules.v4': [1, 2, 2, 11, 15, 0],
  // inet forward for both families: the Access Edge in (443, 5061) and out (80, 5061) per family
  // and the reverse proxy's IPv6 443: 9 allowed; A/V TCP media in and out partly (hairpin) per
  // family: 4; the rest blocked.
  'nftables/nft-1.0.6-dual-stack-inet.nft': [1, 9, 4, 17, 0, 0],
  'nftables/nft-1.0.6-dual-stack-inet.json': [1, 9, 4, 17, 0, 0],
  // Two base chains on the forward hook (Docker-style ip filter FORWARD, policy drop, then a
  // firewalld-style inet forward chain): only what both let through passes. The Access Edge's
  // SIP on 443 only; its HTTP 80 out and the A/V TCP media out partly (to the Docker container
  // both accept, the hairpin); the rest blocked by Docker's policy or firewalld's reject.
  'nftables/nft-1.0.6-firewalld-docker-forward.nft': [1, 1, 2, 12, 0, 0],
  'nftables/nft-1.0.6-firewalld-docker-forward.json': [1, 1, 2, 12, 0, 0],
  // The same groups / NSG as test/fixtures/audit/aws-external.json and azure-external.json (their
  // findings are listed in test/fixtures/audit/README.md).
  'aws-terraform/terraform-1.5.7-show-json-state-aws-external.json': [1, 12, 2, 1, 0, 10],
  'azure-terraform/terraform-1.5.7-show-json-plan-azure-external.json': [1, 13, 1, 1, 0, 2],
};

function summary(j: any, code: number): Summary {
  const flows = j.sections.flatMap((s: any) => s.result.flows);
  const n = (v: string) => flows.filter((f: any) => f.verdict === v).length;
  const high = j.sections.flatMap((s: any) => s.result.overPermissive).filter((o: any) => o.risk === 'high').length;
  return [code, n('allowed'), n('partial'), n('blocked'), j.unaudited.length, high];
}

test('the corpus: at least 100 files across the platforms, each listed in SOURCES', () => {
  const files = corpus();
  assert.ok(files.length >= 100, String(files.length));
  const sources = readFileSync(join(ROOT, 'SOURCES'), 'utf8');
  for (const { file } of files) assert.ok(sources.includes(`\n${file.slice(ROOT.length + 1)}\t`), `${file} in SOURCES`);
  for (const p of Object.values(PLATFORM)) assert.ok(files.some((f) => f.platform === p), p);
  assert.ok(files.some((f) => f.file.endsWith('.json') && f.platform === 'nftables'), 'nft -j');
});

test('audit of every corpus file: exit 0/1/2, no stack trace, warnings located, verdicts as recorded', { timeout: 300_000 }, async () => {
  const seen: string[] = [];
  for (const { file, platform } of corpus()) {
    const { code, out, err } = await audit(file, platform);
    assert.ok([0, 1, 2].includes(code), `${file}: exit ${code}`);
    assert.doesNotMatch(err, /\n\s+at |TypeError|RangeError|ReferenceError|Maximum call stack/, `${file}: ${err}`);
    if (code === 2) {
      assert.equal(out, '', `${file}: nothing half-written`);
      assert.match(err.trim(), /^portolan audit: /, file);
      assert.equal(err.trim().split('\n').length, 1, `${file}: one-line reason: ${err}`);
    } else {
      const j = JSON.parse(out);
      for (const w of j.warnings) assert.ok(Number.isInteger(w.line) && w.line >= 1, `${file}: warning without a line: ${JSON.stringify(w)}`);
    }
    const name = file.slice(ROOT.length + 1);
    if (EXPECTED[name]) {
      seen.push(name);
      assert.deepEqual(code === 2 ? [2, 0, 0, 0, 0, 0] : summary(JSON.parse(out), code), EXPECTED[name], name);
    }
  }
  assert.deepEqual(seen.sort(), Object.keys(EXPECTED).sort(), 'every recorded file is in the corpus');
  assert.ok(seen.length >= 20, String(seen.length));
});
