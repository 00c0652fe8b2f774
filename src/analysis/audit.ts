// The audit: one first-match partition of the packet space by the policy, with the required
// flows riding along, answers coverage, over-permission and which rules decide anything; a
// second, narrow pass explains the shadowed rules. Pure: no I/O, deterministic ordering.
import type { Flow } from '../flows/types.ts';
import type { Policy } from '../policy/types.ts';
import { CoverageCollector, type FlowVerdict } from './coverage.ts';
import { OverPermitCollector, type OverPermission, type OverPermitOptions } from './overpermit.ts';
import { FirstMatchIndex } from './first-match.ts';
import { DecidingRules, findShadowed, findShadowedRules, findUnused, type ShadowFinding, type UnusedRule } from './shadow.ts';
import type { PolicyRule } from '../policy/types.ts';

export interface AuditOptions extends OverPermitOptions {
  /** At most this many earlier rules are named per shadowed rule; default 10. */
  maxShadowedBy?: number;
  /**
   * Compress address dimensions to address classes (true), never (false), or where boxes would
   * be many times the lists (default). The answers are the same; only the cost differs.
   */
  compress?: boolean;
  /**
   * The policy composes several chains (several base chains on one path, audit/base-chains.ts):
   * copies of one chain rule are named once (`canonical`: each rule's first copy), risk is judged
   * on the rule as written (`written`), and dead and unused rules are each chain's own (`parts`).
   */
  composedOf?: { parts: readonly Policy[]; canonical: Int32Array; written: readonly (PolicyRule | undefined)[] };
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
  const composed = options.composedOf;
  const coverage = new CoverageCollector(policy, requiredFlows, composed?.canonical);
  const overPermit = new OverPermitCollector(policy, options, composed);
  const deciding = new DecidingRules(policy);
  const index = FirstMatchIndex.ofPolicy(policy, coverage.riders(), options.compress === undefined ? {} : { compress: options.compress });
  index.partition((leaf) => {
    coverage.onLeaf(leaf);
    overPermit.onLeaf(leaf);
    if (!composed) deciding.onLeaf(leaf);
  }, { skipDefault: policy.defaultAction !== 'accept' });
  const flows = coverage.verdicts();
  const overPermissive = overPermit.results();
  const maxBy = options.maxShadowedBy ?? 10;
  return {
    firewall: policy.firewall,
    flows,
    overPermissive,
    shadowed: composed ? composed.parts.flatMap((p) => findShadowedRules(p, maxBy)) : findShadowed(policy, index, deciding.decides, maxBy),
    unused: composed ? composed.parts.flatMap(findUnused) : findUnused(policy),
    ok: flows.every((f) => f.verdict === 'allowed') && !overPermissive.some((o) => o.risk === 'high'),
  };
}
