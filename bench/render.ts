// npm run bench -- render: render every target for the large synthetic deployment of the compile
// benchmark; rules emitted per target against the flow count (grouping keeps them well below).
import { parseTopology } from '../src/topology/load.ts';
import { compileFlows } from '../src/flows/compile.ts';
import { buildPolicies } from '../src/policy/build.ts';
import { renderAll } from '../src/cli/commands/render.ts';
import { rendererTargets } from '../src/platforms/index.ts';
import { syntheticTopology } from './synthetic.ts';
import { time } from './measure.ts';

const topology = parseTopology(syntheticTopology(20, 12, 50, 12), 'synthetic-large.yaml');
const flows = compileFlows(topology);
console.error(`render benchmark: ${flows.length} flows`);
const policies = time(() => buildPolicies(flows), 3);
const irRules = policies.result.reduce((n, p) => n + p.rules.length, 0);
console.error(`  policy IR: ${irRules} rules, ${policies.median_ms} ms`);

/** Lines that are rules in each target's own syntax. */
const RULE_LINE: Record<string, RegExp> = {
  nftables: /^\s+(ip6? |meta |tcp |udp |th |iifname |oifname ).* accept/,
  iptables: /^-A .* -j ACCEPT/,
  ip6tables: /^-A .* -j ACCEPT/,
  haproxy: /^frontend /,
  windows: /^New-NetFirewallRule /,
  'cisco-asa': /^access-list \S+ extended permit /,
  aws: /^resource "aws_vpc_security_group_(ingress|egress)_rule"/,
  azure: /^resource "azurerm_network_security_rule"/,
};

const results = rendererTargets().map((target) => {
  const { median_ms, result } = time(() => renderAll(topology, target, {}, policies.result), 3);
  const rules = result.files.reduce((n, f) => n + f.content.split('\n').filter((l) => RULE_LINE[target]?.test(l)).length, 0);
  const r = { target, files: result.files.length, refused: result.skipped.length, rules, flows: flows.length, rules_per_flow: Math.round((rules / flows.length) * 1000) / 1000, median_ms };
  console.error(`  ${JSON.stringify(r)}`);
  return r;
});
// The figure the issue asks for: the median time to render every target (from the flows, the
// policy IR built once), beside each target's own median.
const all = time(() => { const ps = buildPolicies(flows); for (const t of rendererTargets()) renderAll(topology, t, {}, ps); }, 3);
console.log(JSON.stringify({ name: 'render', flows: flows.length, ir_rules: irRules, policy_median_ms: policies.median_ms, median_ms: all.median_ms, results }));
