// Shadowed and redundant rules: rules no packet ever reaches because the UNION of earlier rules
// already matches everything they match (not only one single earlier rule); and unused rules,
// where the configuration carries hit counters.
//
// A rule never reached decides no region of the first-match partition. Which earlier rules
// decide its packets instead tells the two cases apart: all of the same kind (accept, or
// drop/reject) makes it redundant (removing it changes nothing), otherwise it is shadowed (its
// intent is overridden).
import type { Policy, PolicyRule } from '../policy/types.ts';
import { ruleRef, type RuleRef } from './coverage.ts';
import { FirstMatchIndex, type FirstMatchLeaf } from './first-match.ts';
import { policyBoxes } from './ir-boxes.ts';

export interface ShadowFinding {
  rule: RuleRef;
  kind: 'shadowed' | 'redundant';
  /** Earlier rules that decide the packets this rule matches, in rule order (capped). */
  by: RuleRef[];
  /** How many earlier rules decide them in all. */
  byCount: number;
}

export interface UnusedRule {
  rule: RuleRef;
  hits: number;
}

const denies = (r: PolicyRule) => r.action !== 'accept';

/** Marks the rules that decide at least one region of a first-match partition. */
export class DecidingRules {
  readonly decides: Uint8Array;
  constructor(policy: Policy) {
    this.decides = new Uint8Array(policy.rules.length);
  }
  onLeaf(leaf: FirstMatchLeaf): void {
    if (leaf.decider >= 0) this.decides[leaf.decider] = 1;
  }
}

/**
 * The rules that decide nothing, each with the earlier rules that decide its packets.
 * `decides` comes from a full partition of the same policy (DecidingRules).
 */
export function findShadowed(policy: Policy, index: FirstMatchIndex, decides: Uint8Array, maxBy = 10): ShadowFinding[] {
  const unreached = policy.rules.map((_, i) => decides[i] === 0);
  const deciders = new Map<number, Set<number>>();
  for (let i = 0; i < policy.rules.length; i++) if (unreached[i]) deciders.set(i, new Set());
  // Second pass, only where the unreached rules' packets are: who decides them?
  if (deciders.size > 0) {
    index.partition(
      (leaf) => {
        for (const r of leaf.riders) deciders.get(r)!.add(leaf.decider);
      },
      { onlyWhereRiders: true, riders: (tag) => unreached[tag]! },
    );
  }
  const out: ShadowFinding[] = [];
  for (const [i, set] of deciders) {
    const rule = policy.rules[i]!;
    const by = [...set].sort((a, b) => a - b);
    // A rule that matches nothing (empty address or port list) is redundant by itself.
    const sameKind = by.every((d) => d >= 0 && denies(policy.rules[d]!) === denies(rule));
    out.push({ rule: ruleRef(policy, i), kind: sameKind ? 'redundant' : 'shadowed', by: by.slice(0, maxBy).map((d) => ruleRef(policy, d)), byCount: by.length });
  }
  return out.sort((a, b) => a.rule.index - b.rule.index);
}

/** Rules whose hit counter is present and zero, in rule order. */
export function findUnused(policy: Policy): UnusedRule[] {
  return policy.rules.flatMap((r, i) => (r.hits === 0 ? [{ rule: ruleRef(policy, i), hits: 0 }] : []));
}

/** Shadowed and redundant rules of a policy, in rule order. */
export function findShadowedRules(policy: Policy, maxBy = 10): ShadowFinding[] {
  const index = new FirstMatchIndex(policyBoxes(policy));
  const deciding = new DecidingRules(policy);
  index.partition((leaf) => deciding.onLeaf(leaf), { skipDefault: true });
  return findShadowed(policy, index, deciding.decides, maxBy);
}
