// Coverage: does the policy, read first-match in rule order, let every packet of each required
// flow through? A flow is allowed, partial (with a concrete dropped packet and what drops it) or
// blocked.
import type { Flow } from '../flows/types.ts';
import type { Policy, RuleOrigin } from '../policy/types.ts';
import { type Box, boxSample, type Packet, type TaggedBox, type TaggedSetBox } from './box.ts';
import { flowBoxes, flowSetBoxes, policyBoxes } from './ir-boxes.ts';
import { FirstMatchIndex, partitionFirstMatch, type FirstMatchLeaf } from './first-match.ts';

/** A rule of the policy as findings name it: its position (0-based) and what it is. */
export interface RuleRef {
  index: number;
  id: string;
  action: 'accept' | 'drop' | 'reject';
  origin?: RuleOrigin;
}

/** What decides a packet: a rule, or the policy's default when no rule matches. */
export type Decider = RuleRef | 'default policy';

export function ruleRef(policy: Policy, index: number): RuleRef {
  const r = policy.rules[index]!;
  return r.origin ? { index, id: r.id, action: r.action, origin: r.origin } : { index, id: r.id, action: r.action };
}

export function deciderOf(policy: Policy, tag: number): Decider {
  return tag < 0 ? 'default policy' : ruleRef(policy, tag);
}

/** Whether the decider of a region (rule position, or -1 for the default) lets packets through. */
export function accepts(policy: Policy, tag: number): boolean {
  return tag < 0 ? policy.defaultAction === 'accept' : policy.rules[tag]!.action === 'accept';
}

export interface DroppedPart {
  /** The rule (or the default policy) that drops or rejects this part of the flow. */
  by: Decider;
  /** One concrete packet of the flow that it drops. */
  example: Packet;
}

export type CoverageVerdict = 'allowed' | 'partial' | 'blocked';

export interface FlowVerdict {
  /** Position of the flow in the list given. */
  index: number;
  requirement: string;
  flow: Flow;
  verdict: CoverageVerdict;
  /** Rules (or the default policy) that accept some part of the flow, in rule order. */
  allowedBy: Decider[];
  /** One entry per rule (or default) that drops some part, in rule order, default last. */
  dropped: DroppedPart[];
}

/** Order of deciders in findings: rules by position, the default policy after every rule. */
const order = (tag: number) => (tag < 0 ? Number.MAX_SAFE_INTEGER : tag);

/** Collects coverage from the regions of a first-match partition whose riders are the flows. */
export class CoverageCollector {
  private readonly acceptedBy: Set<number>[];
  private readonly droppedBy: Map<number, Packet>[];

  constructor(
    private readonly policy: Policy,
    private readonly flows: readonly Flow[],
    /** Per rule position, the rule that names it in findings (copies of one rule are one). */
    private readonly canonical?: Int32Array,
  ) {
    this.acceptedBy = flows.map(() => new Set());
    this.droppedBy = flows.map(() => new Map());
  }

  /** The flows' boxes, tagged with the flow's position: the riders of the partition. */
  riders(): TaggedSetBox[] {
    return this.flows.flatMap((flow, tag) => flowSetBoxes(flow).map((set) => ({ set, tag })));
  }

  onLeaf(leaf: FirstMatchLeaf): void {
    const riders = leaf.riders;
    if (riders.length === 0) return;
    const d = leaf.decider >= 0 && this.canonical ? this.canonical[leaf.decider]! : leaf.decider;
    const ok = accepts(this.policy, d);
    riders.forEach((f, i) => {
      if (ok) this.acceptedBy[f]!.add(d);
      else if (!this.droppedBy[f]!.has(d)) this.droppedBy[f]!.set(d, boxSample(leaf.riderPart(i)));
    });
  }

  verdicts(): FlowVerdict[] {
    return this.flows.map((flow, index) => {
      const accepted = [...this.acceptedBy[index]!].sort((a, b) => order(a) - order(b));
      const dropped = [...this.droppedBy[index]!.entries()].sort((a, b) => order(a[0]) - order(b[0]));
      const verdict: CoverageVerdict = dropped.length === 0 ? 'allowed' : accepted.length === 0 ? 'blocked' : 'partial';
      return {
        index,
        requirement: flow.requirement,
        flow,
        verdict,
        allowedBy: accepted.map((t) => deciderOf(this.policy, t)),
        dropped: dropped.map(([t, example]) => ({ by: deciderOf(this.policy, t), example })),
      };
    });
  }
}

/** Coverage of each required flow by the policy, in the order the flows are given. */
export function checkCoverage(policy: Policy, flows: readonly Flow[]): FlowVerdict[] {
  const c = new CoverageCollector(policy, flows);
  FirstMatchIndex.ofPolicy(policy, c.riders()).partition((leaf) => c.onLeaf(leaf), { onlyWhereRiders: true });
  return c.verdicts();
}

/**
 * Whether the policy, read first-match in rule order with its default, accepts every packet of
 * the boxes: the one evaluator of a policy that audit, lab and tests share.
 */
export function acceptsAll(policy: Policy, boxes: readonly Box[]): boolean {
  let ok = true;
  partitionFirstMatch(policyBoxes(policy), boxes.map((box) => ({ box, tag: 0 })), (leaf) => {
    if (leaf.riders.length > 0 && !accepts(policy, leaf.decider)) ok = false;
  }, { onlyWhereRiders: true });
  return ok;
}
