// PAN-OS and Junos SRX: every example's perimeter firewalls rendered, read back by the reader of
// the same name and audited clean; a removed rule and a widened rule are found; and Capirca's own
// paloalto and srx output for the same policy (an independent writer) audits the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { runAudit, type AuditReport } from '../../src/audit/run.ts';
import { renderAll } from '../../src/cli/commands/render.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import type { FirewallName, Flow } from '../../src/flows/types.ts';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import { zonesFor } from '../../src/policy/zones.ts';
import { loadTopology } from '../../src/topology/load.ts';
import type { Topology } from '../../src/topology/model.ts';
import { aclgen, byDirection, capircaPolicy } from '../support/capirca.ts';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort();
const TARGETS = ['panos', 'junos', 'fortigate', 'checkpoint', 'pfsense'] as const;

/** Per target: the rendered file to mutate, and how to remove / widen its first rule (portolan-r1). */
const MUTATE: Record<(typeof TARGETS)[number], { file: RegExp; remove(t: string): string; widen(t: string): string }> = {
  panos: {
    file: /\.set$/,
    remove: (t) => t.split('\n').filter((l) => !/ rules portolan-r1 /.test(l)).join('\n'),
    widen: (t) => t.replace(/(rules portolan-r1 .* source )(\S+|\[ [^\]]* \]) destination (\S+|\[ [^\]]* \])/, '$1any destination any'),
  },
  junos: {
    file: /\.set$/,
    remove: (t) => t.split('\n').filter((l) => !/ policy portolan-r1 /.test(l)).join('\n'),
    widen: (t) => t.replace(/(policy portolan-r1 match (source|destination)-address )\S+/g, '$1any'),
  },
  fortigate: {
    file: /\.conf$/,
    remove: (t) => t.replace(/\n {4}edit 1\n[\s\S]*?\n {4}next/, ''),
    widen: (t) => t.replace(/(\n {4}edit 1\n[\s\S]*?\n {4}next)/, (b) => b.replace(/set (src|dst)addr(6?) .*/g, 'set $1addr$2 "all"')),
  },
  checkpoint: {
    file: /\.sh$/,
    remove: (t) => t.split('\n').filter((l) => !/name "portolan-r1"/.test(l)).join('\n'),
    widen: (t) => t.replace(/^(.*name "portolan-r1".*)$/m, (l) => l.replace(/ (source|destination)\.\d+ "[^"]*"/g, '').replace('name "portolan-r1"', 'name "portolan-r1" source.1 "Any" destination.1 "Any"')),
  },
  pfsense: {
    file: /\.xml$/,
    remove: (t) => t.replace(/\t\t<rule>[\s\S]*?<\/rule>\n/, ''),
    widen: (t) => t.replace(/\t\t<rule>[\s\S]*?<\/rule>/, (r) => r.replace(/<(source|destination)>[\s\S]*?<\/\1>/g, '<$1><any></any></$1>')),
  },
};

function audit(topology: Topology, flows: Flow[], platform: string, firewall: string, file: string, content: string): AuditReport {
  const parsed = readConfig(findPlatform(platform)!.platform, content, file, { firewall });
  return runAudit({ topology, flows, parsed, config: file, platform, firewall: firewall as FirewallName, outsideInterface: 'outside' });
}

const verdicts = (r: AuditReport) => r.sections.flatMap((s) => s.result.flows).filter((v) => v.verdict !== 'allowed').map((v) => `${v.verdict} ${v.requirement}`);
const over = (r: AuditReport) => r.sections.flatMap((s) => s.result.overPermissive);

function assertClean(r: AuditReport, where: string, flows: Flow[]): void {
  assert.deepEqual(r.unaudited.map((f) => f.requirement), [], `${where}: flows no filter sees`);
  assert.deepEqual(verdicts(r), [], `${where}: flows not allowed`);
  assert.deepEqual(over(r).map((o) => o.reasons.join('; ')), [], `${where}: over-permissions`);
  assert.equal(new Set(r.sections.flatMap((s) => s.result.flows.map((v) => v.flow))).size, flows.length, `${where}: every flow audited`);
  assert.equal(r.ok, true, where);
}

for (const example of EXAMPLES) {
  for (const target of TARGETS) {
    test(`${target}: ${example} renders for every perimeter firewall and audits clean; a removed and a widened rule are found`, () => {
      const topology = loadTopology(`examples/${example}`);
      const flows = compileFlows(topology);
      const { files, skipped } = renderAll(topology, target);
      assert.ok(files.length + skipped.length > 0);
      for (const s of skipped) assert.match(s.reason, /serves perimeter firewalls|cannot express the 1:1 NAT/, s.firewall);
      for (const f of files) {
        const mine = flows.filter((x) => x.firewall === f.firewall);
        assertClean(audit(topology, mine, target, f.firewall, f.file, f.content), `${example} ${f.file}`, mine);
        const m = MUTATE[target];
        if (!m.file.test(f.file)) continue;
        // Remove the first rule: its flows are no longer allowed.
        const removed = m.remove(f.content);
        assert.notEqual(removed, f.content);
        const gone = audit(topology, mine, target, f.firewall, f.file, removed);
        assert.ok(verdicts(gone).length > 0 && !gone.ok, `${example} ${f.file}: removing portolan-r1 is not found`);
        // Widen the first rule to every source and destination: over-permission.
        const widened = m.widen(f.content);
        assert.notEqual(widened, f.content);
        const wide = audit(topology, mine, target, f.firewall, f.file, widened);
        assert.ok(over(wide).length > 0, `${example} ${f.file}: widening portolan-r1 is not found`);
      }
    });
  }
}

// Capirca's generators: paloalto (XML) and srx (curly-brace Junos). Capirca writes one term per
// IR rule here, so its output must allow exactly what Portolan's does.
for (const example of EXAMPLES) {
  test(`Capirca's paloalto and srx output for ${example} audits clean with the panos and junos readers`, () => {
    const topology = loadTopology(`examples/${example}`);
    const flows = compileFlows(topology);
    const policies = buildPolicies(flows).filter((p) => p.kind === 'perimeter');
    for (const p of policies) {
      const z = zonesFor(p.firewall);
      const mine = flows.filter((x) => x.firewall === p.firewall);
      const pan = aclgen(capircaPolicy(byDirection(p, { in: `paloalto from-zone ${z.outside} to-zone ${z.inside}`, out: `paloalto from-zone ${z.inside} to-zone ${z.outside}` })), p.firewall);
      const srx = aclgen(capircaPolicy(byDirection(p, { in: `srx from-zone ${z.outside} to-zone ${z.inside}`, out: `srx from-zone ${z.inside} to-zone ${z.outside}` })), p.firewall);
      assertClean(audit(topology, mine, 'panos', p.firewall, `${p.firewall}.xml`, pan[`${p.firewall}.xml`]!), `${example} capirca paloalto ${p.firewall}`, mine);
      assertClean(audit(topology, mine, 'junos', p.firewall, `${p.firewall}.srx`, srx[`${p.firewall}.srx`]!), `${example} capirca srx ${p.firewall}`, mine);
    }
  });
}
