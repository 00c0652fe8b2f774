// The audit of one configuration against one firewall's required flows: parse, bind each
// parsed filter to the flows it sees, analyse. Pure apart from the parser it is given.
import { auditPolicy, type AuditResult } from '../analysis/audit.ts';
import type { AddressFamily } from '../net/family.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import type { ParseResult } from '../parse/types.ts';
import type { Topology } from '../topology/model.ts';
import { bindPolicies, type BoundPolicy, type Sees } from './bind.ts';
import { policyKind } from '../policy/build.ts';
import type { PolicyRule } from '../policy/types.ts';

export interface AuditSection {
  policy: string;
  sees: Sees;
  result: AuditResult;
}

export interface AuditReport {
  config: string;
  platform: string;
  firewall: FirewallName;
  sections: AuditSection[];
  /** Required flows no parsed filter sees (e.g. no output chain was found). */
  unaudited: Flow[];
  unbound: string[];
  warnings: ParseResult['warnings'];
  /**
   * Rules or entries the reader skipped (their warning says so): what they would have allowed
   * or dropped is unknown, so every verdict above is incomplete.
   */
  notEvaluated: number;
  ok: boolean;
}

/**
 * A warning that leaves a rule out of the analysis. Rules for protocols other than TCP and UDP
 * are left out too, but they cannot change what happens to a TCP or UDP flow.
 */
export function skipsRule(message: string): boolean {
  return /skipped$/.test(message) && !/protocol \S+ is not modelled|non-TCP\/UDP service/.test(message);
}

/** The corporate side, for ranking over-permissions: declared zones, clients and servers. */
export function corporateNetworks(t: Topology): string[] {
  const servers = [...t.frontEndPools, ...t.directorPools, ...t.mediationPools].flatMap((p) => [...(p.vip ?? []), ...p.servers.flatMap((s) => s.addresses)]);
  return [...new Set([...(t.zones?.corporate ?? []), ...t.clientNetworks, ...t.ipPhoneNetworks, ...servers])];
}

const familyMatches = (f: Flow, family: AddressFamily | undefined) => family === undefined || f.family === 'any' || f.family === family;

export function runAudit(args: {
  topology: Topology; flows: Flow[]; parsed: ParseResult; config: string;
  /** The platform name as the report shows it. */
  platform: string;
  firewall: FirewallName; outsideInterface: string; only?: string[];
  /** Rules the platform puts behind every filter (its descriptor's audit traits): never shadowing findings. */
  implicitRule?: (rule: PolicyRule) => boolean;
}): AuditReport {
  const required = args.flows.filter((f) => f.firewall === args.firewall);
  const { bound, unbound } = bindPolicies(args.parsed.policies, { outsideInterface: args.outsideInterface, kind: policyKind(args.firewall), ...(args.only ? { only: args.only } : {}) });
  const corporate = corporateNetworks(args.topology);
  // Security groups sit on the instances, not on a path: a packet needs the destination's
  // ingress and the source's egress, whichever way it crosses the perimeter.
  const seesDirection = (b: BoundPolicy, f: Flow) =>
    b.sees === 'both' || (b.onInstances ? (b.sees === 'in' ? f.destination !== 'Any' : f.source !== 'Any') : f.direction === b.sees);
  // A filter of one address family (ip6tables, an nftables ip6 table) is audited against the
  // flows of that family only: it cannot speak for the other one.
  const sees = (i: number, f: Flow) => seesDirection(bound[i], f) && familyMatches(f, bound[i].family);
  // An empty chain that accepts everything (iptables' built-in OUTPUT ACCEPT of a host firewall
  // that filters inbound only) filters nothing any flow requires: like an absent chain, not audited.
  const idle = bound.map((b, i) => b.policy.rules.length === 0 && b.policy.defaultAction === 'accept' && !required.some((f) => sees(i, f)));
  const isImplicit = (r: PolicyRule | undefined) => !!r && !!args.implicitRule?.(r);
  const sections = bound.flatMap((b, i) => (idle[i] ? [] : [{ b, i }])).map(({ b, i }) => {
    const composedOf = b.composedOf;
    const result = auditPolicy(b.policy, required.filter((f) => sees(i, f)), { corporateNetworks: corporate, ...(composedOf ? { composedOf } : {}) });
    // Dead rules of a composition are each chain's own: their positions are in that chain.
    const byId = composedOf && args.implicitRule ? new Map(composedOf.parts.flatMap((p) => p.rules.map((r) => [r.id, r] as const))) : undefined;
    const ruleOf = (x: { rule: { index: number; id: string } }) => (byId ? byId.get(x.rule.id) : b.policy.rules[x.rule.index]);
    return { policy: b.policy.firewall, sees: b.sees, result: { ...result, shadowed: result.shadowed.filter((x) => !isImplicit(ruleOf(x))) } };
  });
  const notes = [...new Set(bound.flatMap((b) => (b.note ? [b.note] : [])))];
  const unaudited = required.filter((f) => !bound.some((_, i) => sees(i, f)));
  return {
    config: args.config, platform: args.platform, firewall: args.firewall,
    sections, unaudited,
    unbound: [...unbound, ...bound.filter((_, i) => idle[i]).map((b) => `${b.policy.firewall} (no rules, accepts all; no required flow)`)],
    warnings: notes.length ? [...args.parsed.warnings, ...notes.map((message) => ({ line: 1, message }))] : args.parsed.warnings,
    notEvaluated: args.parsed.warnings.filter((w) => skipsRule(w.message)).length,
    ok: sections.every((s) => s.result.ok) && unaudited.length === 0,
  };
}
