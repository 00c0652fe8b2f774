// The audit of one configuration against one firewall's required flows: parse, bind each
// parsed filter to the flows it sees, analyse. Pure apart from the parser it is given.
import { auditPolicy, type AuditResult } from '../analysis/audit.ts';
import type { AddressFamily } from '../net/family.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import type { ParseResult } from '../parse/types.ts';
import type { Topology } from '../topology/model.ts';
import { bindPolicies, type Sees } from './bind.ts';
import { policyKind } from '../policy/build.ts';
import { NSG_DEFAULT_RULES } from '../parse/nsg.ts';
import type { Policy } from '../policy/types.ts';

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
  ok: boolean;
}

/** The corporate side, for ranking over-permissions: declared zones, clients and servers. */
export function corporateNetworks(t: Topology): string[] {
  const servers = [...t.frontEndPools, ...t.directorPools, ...t.mediationPools].flatMap((p) => [...(p.vip ?? []), ...p.servers.flatMap((s) => s.addresses)]);
  return [...new Set([...(t.zones?.corporate ?? []), ...t.clientNetworks, ...t.ipPhoneNetworks, ...servers])];
}

/**
 * The address family a filter can speak for, when its platform ties it to one: an nftables
 * `ip` / `ip6` table, an ip6tables-save (`ip6 filter …`) or an iptables-save (IPv4). Undefined
 * for both families (nftables `inet`, security groups, NSGs, ASA ACLs).
 */
export function filterFamily(name: string, platform: string): AddressFamily | undefined {
  if (/^ip6 /.test(name)) return 'ipv6';
  if (/^ip /.test(name)) return 'ipv4';
  if (platform === 'iptables') return 'ipv4'; // iptables-save policies carry no family prefix
  return undefined;
}

const familyMatches = (f: Flow, family: AddressFamily | undefined) => family === undefined || f.family === 'any' || f.family === family;

const NSG_DEFAULTS = new Set(NSG_DEFAULT_RULES.map((r) => r.name));

/**
 * Azure's default rules sit behind every NSG and cannot be removed: that the user's rules cover
 * them (a DenyAll at 4096) is the intent, not a finding.
 */
function isNsgDefault(policy: Policy, index: number, platform: string): boolean {
  return platform.startsWith('azure') && NSG_DEFAULTS.has(policy.rules[index]?.comment ?? '');
}

export function runAudit(args: {
  topology: Topology; flows: Flow[]; parsed: ParseResult; config: string; platform: string;
  firewall: FirewallName; outsideInterface: string; only?: string[];
}): AuditReport {
  const required = args.flows.filter((f) => f.firewall === args.firewall);
  const { bound, unbound } = bindPolicies(args.parsed.policies, { outsideInterface: args.outsideInterface, kind: policyKind(args.firewall), ...(args.only ? { only: args.only } : {}) });
  const corporate = corporateNetworks(args.topology);
  // A filter of one address family (ip6tables, an nftables ip6 table) is audited against the
  // flows of that family only: it cannot speak for the other one.
  const families = bound.map((b) => b.parts.map((n) => filterFamily(n, args.platform)).reduce<AddressFamily | undefined | null>((a, x) => (a === null ? x : a === x ? a : undefined), null) ?? undefined);
  // Security groups sit on the instances, not on a path: a packet needs the destination's
  // ingress and the source's egress, whichever way it crosses the perimeter.
  const onInstances = args.platform === 'aws' || args.platform === 'aws-terraform';
  const seesDirection = (s: Sees, f: Flow) =>
    s === 'both' || (onInstances ? (s === 'in' ? f.destination !== 'Any' : f.source !== 'Any') : f.direction === s);
  const sees = (i: number, f: Flow) => seesDirection(bound[i].sees, f) && familyMatches(f, families[i]);
  // An empty chain that accepts everything (iptables' built-in OUTPUT ACCEPT of a host firewall
  // that filters inbound only) filters nothing any flow requires: like an absent chain, not audited.
  const idle = bound.map((b, i) => b.policy.rules.length === 0 && b.policy.defaultAction === 'accept' && !required.some((f) => sees(i, f)));
  const sections = bound.flatMap((b, i) => (idle[i] ? [] : [{ b, i }])).map(({ b, i }) => {
    const result = auditPolicy(b.policy, required.filter((f) => sees(i, f)), { corporateNetworks: corporate });
    return { policy: b.policy.firewall, sees: b.sees, result: { ...result, shadowed: result.shadowed.filter((x) => !isNsgDefault(b.policy, x.rule.index, args.platform)) } };
  });
  const unaudited = required.filter((f) => !bound.some((_, i) => sees(i, f)));
  return {
    config: args.config, platform: args.platform, firewall: args.firewall,
    sections, unaudited,
    unbound: [...unbound, ...bound.filter((_, i) => idle[i]).map((b) => `${b.policy.firewall} (no rules, accepts all; no required flow)`)],
    warnings: args.parsed.warnings,
    ok: sections.every((s) => s.result.ok) && unaudited.length === 0,
  };
}
