// Round trip: every rendered output of every supported platform for every example parses back
// and audits clean — every required flow of its firewall allowed, nothing over-permitted, no
// required flow unseen (exit status 0). iptables / ip6tables documents are audited against the
// flows of their address family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { renderAll } from '../../src/cli/commands/render.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { platformOfTarget, readConfig, RENDERERS } from '../../src/platforms/index.ts';
import { runAudit } from '../../src/audit/run.ts';
import type { FirewallName } from '../../src/flows/types.ts';

/** Render target → the platform that reads it back: every target of a platform that has readers. */
const PLATFORM = Object.fromEntries(RENDERERS.flatMap((r) => {
  const p = platformOfTarget(r.target)!;
  return p.readers.length ? [[r.target, p] as const] : [];
}));

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort();

test('the round trip covers the platforms that have a reader', () => {
  assert.deepEqual(Object.entries(PLATFORM).map(([t, p]) => `${t}:${p.name}`), ['nftables:nftables', 'iptables:iptables', 'ip6tables:iptables', 'cisco-asa:cisco-asa', 'aws:aws', 'azure:azure', 'panos:panos', 'junos:junos', 'fortigate:fortigate', 'checkpoint:checkpoint', 'pfsense:pfsense']);
  assert.ok(EXAMPLES.length >= 5);
});

for (const example of EXAMPLES) {
  for (const [target, platform] of Object.entries(PLATFORM)) {
    test(`round trip: ${example} rendered for ${target} audits clean as ${platform.name}`, () => {
      const topology = loadTopology(`examples/${example}`);
      const flows = compileFlows(topology);
      const { files, skipped } = renderAll(topology, target);
      // e.g. cisco-asa renders perimeter firewalls only; an example without one renders nothing
      assert.ok(files.length > 0 || skipped.length > 0, 'nothing rendered and nothing skipped');
      for (const f of files) {
        const family = /\.v4$/.test(f.file) ? 'ipv4' : /\.v6$/.test(f.file) || target === 'ip6tables' ? 'ipv6' : undefined;
        const mine = flows.filter((x) => x.firewall === f.firewall && (!family || x.family === 'any' || x.family === family));
        const parsed = readConfig(platform, f.content, f.file, { firewall: f.firewall });
        const report = runAudit({
          topology, flows: mine, parsed, config: f.file, platform: platform.name, firewall: f.firewall as FirewallName,
          ...(platform.audit?.implicitRule ? { implicitRule: platform.audit.implicitRule } : {}),
          outsideInterface: f.firewall === 'internal' ? 'dmz' : 'outside',
        });
        const where = `${example} ${target} ${f.file}`;
        assert.ok(report.sections.length > 0, `${where}: no filter bound (${parsed.policies.map((p) => p.firewall).join('; ')})`);
        assert.deepEqual(report.unaudited.map((x) => `${x.requirement} ${x.direction} ${x.family}`), [], `${where}: flows no filter sees`);
        const audited = report.sections.flatMap((s) => s.result.flows);
        assert.equal(new Set(audited.map((v) => v.flow)).size, mine.length, `${where}: every flow audited`);
        const notAllowed = audited.filter((v) => v.verdict !== 'allowed').map((v) => `${v.verdict} ${v.requirement}`);
        assert.deepEqual(notAllowed, [], `${where}: flows not allowed`);
        const over = report.sections.flatMap((s) => s.result.overPermissive.map((o) => `${o.risk} ${o.reasons.join('; ')} ${typeof o.rule === 'string' ? o.rule : o.rule.id}`));
        assert.deepEqual(over, [], `${where}: over-permissions`);
        assert.equal(report.ok, true, where);
      }
    });
  }
}
