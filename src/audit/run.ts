// The audit of one configuration against one firewall's required flows: parse, bind each
// parsed filter to the flows it sees, analyse. Pure apart from the parser it is given.
import { auditPolicy, type AuditResult } from '../analysis/audit.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import type { ParseResult } from '../parse/types.ts';
import type { Topology } from '../topology/model.ts';
import { bindPolicies, type Sees } from './bind.ts';
import { policyKind } from '../policy/build.ts';

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

export function runAudit(args: {
  topology: Topology; flows: Flow[]; parsed: ParseResult; config: string; platform: string;
  firewall: FirewallName; outsideInterface: string; only?: string[];
}): AuditReport {
  const required = args.flows.filter((f) => f.firewall === args.firewall);
  const { bound, unbound } = bindPolicies(args.parsed.policies, { outsideInterface: args.outsideInterface, kind: policyKind(args.firewall), ...(args.only ? { only: args.only } : {}) });
  const corporate = corporateNetworks(args.topology);
  const sections = bound.map((b) => ({
    policy: b.policy.firewall,
    sees: b.sees,
    result: auditPolicy(b.policy, required.filter((f) => b.sees === 'both' || f.direction === b.sees), { corporateNetworks: corporate }),
  }));
  const seen = new Set(bound.flatMap((b) => (b.sees === 'both' ? ['in', 'out'] : [b.sees])));
  const unaudited = required.filter((f) => !seen.has(f.direction));
  return {
    config: args.config, platform: args.platform, firewall: args.firewall,
    sections, unaudited, unbound, warnings: args.parsed.warnings,
    ok: sections.every((s) => s.result.ok) && unaudited.length === 0,
  };
}
