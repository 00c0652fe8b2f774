// Configurations written by others (Batfish's test configurations, pfSense's and OPNsense's
// default config.xml; test/fixtures/third-party/SOURCES-zones.md) through the zone-based
// readers, as the CLI runs them: never a stack trace, exit 0/1/2 only, every warning located, and
// the verdicts a reader can check by hand for those that hold rules an edge flow meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';

const ROOT = 'test/fixtures/third-party';
const PLATFORMS = ['panos', 'junos', 'fortigate', 'checkpoint', 'pfsense', 'opnsense'];
const REFERENCE = 'examples/lync2010-single-consolidated-edge.yaml';

async function audit(config: string, platform: string, extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io = { stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; } } as Io;
  const code = await main(['audit', REFERENCE, '--config', config, '--platform', platform, '--format', 'json', ...extra], io);
  return { code, out, err };
}

for (const platform of PLATFORMS) {
  const files = readdirSync(`${ROOT}/${platform}`).sort();
  test(`third-party ${platform} configurations: exit 0, 1 or 2, no stack trace, every warning with a line`, async () => {
    assert.ok(files.length > 0);
    for (const f of files) {
      const r = await audit(`${ROOT}/${platform}/${f}`, platform);
      assert.ok([0, 1, 2].includes(r.code), `${f}: exit ${r.code}`);
      assert.doesNotMatch(r.err, /\n\s+at /, `${f}: stack trace`);
      if (r.code === 2) {
        assert.match(r.err, new RegExp(`^portolan audit: ${ROOT}/${platform}/${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `), `${f}: a located reason`);
        continue;
      }
      const report = JSON.parse(r.out) as { warnings: { line: number }[] };
      for (const w of report.warnings) assert.ok(Number.isInteger(w.line) && w.line >= 1, `${f}: warning without a line`);
    }
  });
}

// Verdicts checked by hand against each file (rules read, and what the reference flows meet).
const verdict = async (file: string, platform: string, extra: string[] = []) => {
  const r = await audit(`${ROOT}/${file}`, platform, extra);
  const j = JSON.parse(r.out) as { sections: { result: { flows: { verdict: string }[]; overPermissive: unknown[] } }[]; warnings: { line: number; message: string }[] };
  const flows = j.sections.flatMap((s) => s.result.flows.map((f) => f.verdict));
  return { code: r.code, allowed: flows.filter((v) => v === 'allowed').length, blocked: flows.filter((v) => v === 'blocked').length, over: j.sections.reduce((n, s) => n + s.result.overPermissive.length, 0), warnings: j.warnings };
};

test('by hand: Batfish fortios firewall_policy: policy 2 (srcintf any, dstintf any, all to all, ALL) allows everything — every flow allowed, over-permissive', async () => {
  const v = await verdict('fortigate/batfish-firewall_policy.conf', 'fortigate', ['--outside', 'port1', '--inside', 'port2']);
  assert.equal(v.code, 1);
  assert.ok(v.over > 0);
});

test('by hand: Batfish PAN-OS rulebase: RULE1/RULE2 go to zones z1, z2 only; 3rd_RULE (any to any) denies — every flow blocked by 3rd_RULE, nothing over-permissive', async () => {
  const v = await verdict('panos/batfish-rulebase.set', 'panos');
  assert.deepEqual([v.code, v.allowed, v.blocked, v.over], [1, 0, 15, 0]);
});

test('by hand: pfSense default config.xml only has LAN rules naming the LAN network — not evaluated, said so, every edge flow blocked on wan', async () => {
  const v = await verdict('pfsense/pfsense-conf.default-config.xml', 'pfsense', ['--outside', 'wan', '--inside', 'lan']);
  assert.deepEqual([v.code, v.allowed], [1, 0]);
  assert.ok(v.warnings.some((w) => /interface network or address/.test(w.message)), JSON.stringify(v.warnings));
});

test('by hand: OPNsense default config.xml (MVC rules) has the two default LAN rules — read, not evaluated (LAN network), said so', async () => {
  const v = await verdict('opnsense/opnsense-core-config.xml.sample.xml', 'opnsense', ['--outside', 'wan', '--inside', 'lan']);
  assert.equal(v.warnings.filter((w) => /rule #[12]: address "lan"/.test(w.message)).length, 2, JSON.stringify(v.warnings));
});
