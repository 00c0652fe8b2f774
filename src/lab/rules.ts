// The rendered nftables rulesets of the external and internal firewalls, exactly as
// `portolan render --target nftables` produces them (with the lab's interface names), plus the
// two lab-only changes the mutation test needs: a ruleset with one accept rule removed, and one
// with an over-broad rule added.
import type { Flow } from '../flows/types.ts';
import { buildPolicies } from '../policy/build.ts';
import { withStaticNat } from '../policy/nat.ts';
import type { Policy } from '../policy/types.ts';
import { nftablesRenderer } from '../render/nftables.ts';
import type { LabPlan } from './addressing.ts';
import { NS } from './addressing.ts';
import { inNs, must } from './exec.ts';

export type PerimeterFirewall = 'external' | 'internal';
export const FIREWALL_NS: Record<PerimeterFirewall, string> = { external: NS.fwext, internal: NS.fwint };

export interface LabRuleset {
  firewall: PerimeterFirewall;
  policy: Policy;
  text: string;
}

export function labRulesets(flows: readonly Flow[], plan: LabPlan): LabRuleset[] {
  const policies = buildPolicies(flows.filter((f) => f.firewall === 'external' || f.firewall === 'internal'));
  return (['external', 'internal'] as const).flatMap((fw) => {
    const policy = policies.find((p) => p.firewall === fw);
    if (!policy) return [];
    // The external firewall does the edge's 1:1 NAT, rendered with its filter rules.
    const withNat = fw === 'external' && plan.nat.length ? withStaticNat(policy, plan.nat) : policy;
    return [{ firewall: fw, policy: withNat, text: nftablesRenderer.render(withNat, { interfaces: plan.interfaces[fw] }) }];
  });
}

const ACCEPT_LINE = /\bcounter accept comment "/;

/** The ruleset without the policy's `index`-th accept rule (and the comment line above it). */
export function withoutRule(text: string, index: number): string {
  const lines = text.split('\n');
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!ACCEPT_LINE.test(lines[i]!)) continue;
    if (++seen !== index) continue;
    const from = i > 0 && lines[i - 1]!.trim().startsWith('#') ? i - 1 : i;
    lines.splice(from, i - from + 1);
    return lines.join('\n');
  }
  throw new Error(`ruleset has no accept rule #${index}`);
}

/** The ruleset with one extra rule at the end of its forward chain. */
export function withExtraRule(text: string, rule: string): string {
  const at = text.lastIndexOf('\n\t}');
  if (at < 0) throw new Error('ruleset has no chain to extend');
  return `${text.slice(0, at)}\n\t\t${rule}${text.slice(at)}`;
}

/** Load a ruleset into a firewall namespace (`nft -f -` replaces the table as a whole). */
export async function loadRuleset(firewall: PerimeterFirewall, text: string): Promise<void> {
  await must(inNs(FIREWALL_NS[firewall], ['nft', '-f', '-']), { input: text });
}

/**
 * Lab plumbing, not part of the rendered rules: every packet is put in conntrack zone `zone`
 * before conntrack sees it. Moving to a fresh zone after a rule change makes earlier connections
 * (UDP with fixed ports, say) invisible, so `ct state established` cannot let a removed rule's
 * flow through on old state. The rendered table is never touched by this.
 */
export function zoneRuleset(zone: number): string {
  return [
    'table inet portolan_lab',
    'delete table inet portolan_lab',
    'table inet portolan_lab {',
    `\tchain pre { type filter hook prerouting priority raw; ct zone set ${zone}; }`,
    `\tchain out { type filter hook output priority raw; ct zone set ${zone}; }`,
    '}',
    '',
  ].join('\n');
}

export async function setZone(zone: number): Promise<void> {
  await Promise.all(Object.values(FIREWALL_NS).map((ns) => must(inNs(ns, ['nft', '-f', '-']), { input: zoneRuleset(zone) })));
}
