// `npm run bench -- base-chains [N…]`: two base chains on the forward hook whose every accept
// overlaps (chain a accepts n sources, chain b n destinations, all on TCP 443), the worst case of
// their composition: n² + n + 1 rules. Times composing them (audit/base-chains.ts) and auditing
// the composed policy; the last line is one JSON object.
import { traverse } from '../src/audit/base-chains.ts';
import { auditPolicy } from '../src/analysis/audit.ts';
import type { Policy, PolicyRule } from '../src/policy/types.ts';
import { time } from './measure.ts';

const rule = (id: string, src: string | undefined, dst: string | undefined): PolicyRule => ({
  id, action: 'accept', family: 'ipv4', transport: 'TCP', direction: 'in',
  source: src ? { any: false, addresses: [src] } : { any: true }, sourcePorts: { any: true },
  destination: dst ? { any: false, addresses: [dst] } : { any: true }, destinationPorts: { any: false, ports: [{ from: 443, to: 443 }] },
  comment: '', requirements: [], citations: [],
});
const chain = (name: string, priority: number, rules: PolicyRule[]): Policy => ({
  firewall: name, kind: 'perimeter', rules, defaultAction: 'drop', stateful: false, addressGroups: [], portGroups: [],
  binding: { hook: { name: 'forward', priority }, interfaces: [], family: 'any', attachment: 'chain' },
});
const host = (net: number, i: number) => `10.${net}.${i >> 8}.${i & 255}`;

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const results = [];
for (const n of sizes.length ? sizes : [100, 300, 900]) {
  const a = chain('a', 0, Array.from({ length: n }, (_, i) => rule(`a${i}`, host(1, i), undefined)));
  const b = chain('b', 10, Array.from({ length: n }, (_, i) => rule(`b${i}`, undefined, host(2, i))));
  const compose = time(() => traverse([a, b])!, 3);
  const t = compose.result;
  const audit = time(() => auditPolicy(t.policy, [], { composedOf: t }), 3);
  const row = { n, composed_rules: t.policy.rules.length, compose_median_ms: compose.median_ms, median_ms: audit.median_ms, cpu_ms: audit.cpu_ms, over_permissions: audit.result.overPermissive.length };
  console.error(JSON.stringify(row));
  results.push(row);
}
console.log(JSON.stringify({ name: 'base-chains', results }));
