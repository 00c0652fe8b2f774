// The audit: one first-match partition of the packet space by the policy, with the required
// flows riding along, answers coverage, over-permission and which rules decide anything; a
// second, narrow pass explains the shadowed rules. Pure: no I/O, deterministic ordering.
import type { Flow } from '../flows/types.ts';
import type { Policy } from '../policy/types.ts';
import { CoverageCollector, type FlowVerdict } from './coverage.ts';
import { OverPermitCollector, type OverPermission, type OverPermitOptions } from './overpermit.ts';
import { FirstMatchIndex } from './first-match.ts';
import { DecidingRules, findShadowed, findUnused, type ShadowFinding, type UnusedRule } from './shadow.ts';

export interface AuditOptions extends OverPermitOptions {
  /** At most this many earlier rules are named per shadowed rule; default 10. */
  maxShadowedBy?: number;
}

export interface AuditResult {
  firewall: string;
  /** Per required flow, in the order given. */
  flows: FlowVerdict[];
  /** Ranked: risk (high first), then rule order, then family and protocol. */
  overPermissive: OverPermission[];
  /** In rule order. */
  shadowed: ShadowFinding[];
  /** In rule order; only rules that carry a hit counter of zero. */
  unused: UnusedRule[];
  /** False when a required flow is not fully allowed or a high-risk over-permission exists. */
  ok: boolean;
}

/**
 * Audits a policy against the flows it must allow. The flows given are all required of this
 * policy (select them by firewall before). Only TCP and UDP are analysed; rule direction is not
 * a match (addresses decide it); stateful return traffic is not modelled.
 */
export function auditPolicy(policy: Policy, requiredFlows: readonly Flow[], options: AuditOptions = {}): AuditResult {
  const coverage = new CoverageCollector(policy, requiredFlows);
  const overPermit = new OverPermitCollector(policy, options);
  const deciding = new DecidingRules(policy);
  const index = FirstMatchIndex.ofPolicy(policy, coverage.riders());
  index.partition((leaf) => {
    coverage.onLeaf(leaf);
    overPermit.onLeaf(leaf);
    deciding.onLeaf(leaf);
  }, { skipDefault: policy.defaultAction !== 'accept' });
  const flows = coverage.verdicts();
  const overPermissive = overPermit.results();
  return {
    firewall: policy.firewall,
    flows,
    overPermissive,
    shadowed: findShadowed(policy, index, deciding.decides, options.maxShadowedBy ?? 10),
    unused: findUnused(policy),
    ok: flows.every((f) => f.verdict === 'allowed') && !overPermissive.some((o) => o.risk === 'high'),
  };
}
