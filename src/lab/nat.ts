// Proof that the external firewall's 1:1 NAT keeps the client's source address inbound (the
// pages: "Configure your NAT to not change incoming source addresses"): each NAT'd edge node
// counts, on its own input hook, the packets that reach its private addresses from the internet
// client's address and those that arrive from the firewall's own address (what a masquerading
// NAT would show). Lab plumbing, not part of the rendered rules.
import type { LabPlan } from './addressing.ts';
import { inNs, must } from './exec.ts';

const TABLE = 'portolan_lab_seen';

export interface NatSeen {
  /** Edge namespace → packets from the internet client / from the firewall's outside-facing address. */
  byNs: Map<string, { client: number; firewall: number }>;
}

/** The edge namespaces holding NAT'd private addresses, with those addresses. */
export function natTargets(plan: LabPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of plan.nat) {
    const ns = plan.owner.get(m.private);
    if (ns) out.set(ns, [...(out.get(ns) ?? []), m.private]);
  }
  return out;
}

export function natSeenRuleset(plan: LabPlan, privates: string[], firewallAddress: string): string {
  const set = `{ ${privates.join(', ')} }`;
  return [
    `table ip ${TABLE}`,
    `delete table ip ${TABLE}`,
    `table ip ${TABLE} {`,
    '\tchain in {',
    '\t\ttype filter hook input priority filter; policy accept;',
    `\t\tip saddr ${plan.internetClient} ip daddr ${set} counter comment "client"`,
    `\t\tip saddr ${firewallAddress} ip daddr ${set} counter comment "firewall"`,
    '\t}',
    '}',
    '',
  ].join('\n');
}

export async function loadNatSeen(plan: LabPlan, firewallAddress: string): Promise<void> {
  for (const [ns, privates] of natTargets(plan)) await must(inNs(ns, ['nft', '-f', '-']), { input: natSeenRuleset(plan, privates, firewallAddress) });
}

/** The counters now, read from `nft -j`. */
export async function readNatSeen(plan: LabPlan): Promise<NatSeen> {
  const byNs = new Map<string, { client: number; firewall: number }>();
  for (const ns of natTargets(plan).keys()) {
    const json = JSON.parse(await must(inNs(ns, ['nft', '-j', 'list', 'table', 'ip', TABLE]))) as { nftables: { rule?: { comment?: string; expr: { counter?: { packets: number } }[] } }[] };
    const count = (c: string) => json.nftables.flatMap((x) => (x.rule?.comment === c ? x.rule.expr : [])).reduce((n, e) => n + (e.counter?.packets ?? 0), 0);
    byNs.set(ns, { client: count('client'), firewall: count('firewall') });
  }
  return { byNs };
}
