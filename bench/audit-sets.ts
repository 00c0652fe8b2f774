// The set-size sweep of `npm run bench -- audit`: a node set of n addresses accepted both as
// source and as destination (as `render` writes rules between the nodes of a pool), in both
// directions to and from a Front End pool, IPv4 and IPv6; half of the node-to-node packets are
// required, so the other half is over-permission the audit must list. Each size runs in its own
// process, so that its peak memory is its own.
import { auditPolicy } from '../src/analysis/audit.ts';
import type { Flow } from '../src/flows/types.ts';
import type { Policy, PolicyRule } from '../src/policy/types.ts';
import { median } from './measure.ts';

/** n scattered addresses (no two adjacent), IPv4 and IPv6. */
export function nodeSet(n: number): { v4: string[]; v6: string[] } {
  return {
    v4: Array.from({ length: n }, (_, i) => `10.${(i >> 7) & 255}.${(2 * i) & 255}.1`),
    v6: Array.from({ length: n }, (_, i) => `2001:db8:${i.toString(16)}::1`),
  };
}

const FE = { v4: ['10.250.0.10', '10.250.0.11'], v6: ['2001:db8:ffff::10', '2001:db8:ffff::11'] };

function rule(id: string, family: 'ipv4' | 'ipv6', transport: 'TCP' | 'UDP', source: string[], destination: string[], port: number): PolicyRule {
  return {
    id, action: 'accept', family, transport, direction: 'in',
    source: { any: false, addresses: source }, sourcePorts: { any: true },
    destination: { any: false, addresses: destination }, destinationPorts: { any: false, ports: [{ from: port, to: port }] },
    comment: id, requirements: [], citations: [],
  };
}

function flow(requirement: string, family: 'ipv4' | 'ipv6', source: string[], destination: string[], port: number): Flow {
  return {
    firewall: 'internal', direction: 'in', role: 'Access', source, sourcePort: 'Any', destination, destinationPort: { from: port, to: port },
    transport: 'TCP', application: 'SIP (MTLS)', family, requirement, citations: [], notes: [], sourceName: 'node', destinationName: 'node',
  };
}

export function setScenario(n: number): { policy: Policy; flows: Flow[] } {
  const s = nodeSet(n);
  const rules: PolicyRule[] = [];
  const flows: Flow[] = [];
  for (const f of ['ipv4', 'ipv6'] as const) {
    const set = f === 'ipv4' ? s.v4 : s.v6;
    const fe = f === 'ipv4' ? FE.v4 : FE.v6;
    rules.push(rule(`${f}-set-to-set`, f, 'TCP', set, set, 5061), rule(`${f}-fe-to-set`, f, 'TCP', fe, set, 5061), rule(`${f}-set-to-fe`, f, 'TCP', set, fe, 5061), rule(`${f}-set-to-set-udp`, f, 'UDP', set, set, 3478));
    flows.push(flow(`${f}-half-to-set`, f, set.slice(0, n >> 1), set, 5061), flow(`${f}-fe-to-set`, f, fe, set, 5061), flow(`${f}-set-to-fe`, f, set, fe, 5061));
  }
  return { policy: { firewall: 'internal', kind: 'perimeter', rules, defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [] }, flows };
}

// Worker: `node --import tsx bench/audit-sets.ts N` prints one JSON line for size N.
if (process.argv[1]?.endsWith('audit-sets.ts') && process.argv[2]) {
  const n = Number(process.argv[2]);
  const { policy, flows } = setScenario(n);
  const baseline = process.memoryUsage().rss;
  const ms: number[] = [];
  let summary = {};
  for (let i = 0; i < 4; i++) {
    const t0 = process.hrtime.bigint();
    const r = auditPolicy(policy, flows);
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i > 0) ms.push(dt); // the first run warms up
    summary = {
      flows_allowed: r.flows.filter((f) => f.verdict === 'allowed').length,
      over_permissions: r.overPermissive.length,
      over_permitted_ranges: r.overPermissive.reduce((a, o) => a + o.rangeCount, 0),
    };
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ addresses: n, median_ms: Math.round(median(ms) * 10) / 10, peak_rss_mb: Math.round(peak / 1e6), peak_over_start_mb: Math.round((peak - baseline) / 1e6), ...summary }));
}
