// Several netfilter base chains on one packet's path. The kernel hands a packet to every base
// chain of a hook, in priority order (equal priorities: in the order they were registered, which
// a ruleset dump does not show), and to the hooks of its path in order (prerouting, then input,
// forward or output, then postrouting). An accept ends only the chain it is in: the packet goes
// on to the next base chain; a drop or reject anywhere is final. So what passes is what every
// chain lets through (accepts, or leaves to an accept policy) — their intersection, not their
// union. Composed here into one first-match policy the analysis reads like any other.
import type { AddressFamily } from '../net/family.ts';
import { ANY_ADDR, ANY_PORT, intersectAddresses, intersectPorts, restrictFamily } from '../policy/match.ts';
import type { NetfilterHook, Policy, PolicyRule } from '../policy/types.ts';

/** Beyond this many composed rules the chains are audited one by one instead (said so). */
export const MAX_TRAVERSAL_RULES = 1_000_000;

/** Where a hook sits on a packet's path (input, forward and output are alternatives). */
const HOOK_RANK: Record<NetfilterHook, number> = { ingress: 0, prerouting: 1, input: 2, forward: 2, output: 2, postrouting: 3, egress: 4 };

/** Base chains in the order a packet meets them: hook, then priority (a stable sort keeps the dump's order for ties). */
export function pathOrder(chains: readonly Policy[]): Policy[] {
  const rank = (p: Policy) => (p.binding?.hook ? HOOK_RANK[p.binding.hook.name] : 0);
  return [...chains].sort((a, b) => rank(a) - rank(b) || (a.binding?.hook?.priority ?? 0) - (b.binding?.hook?.priority ?? 0));
}

export interface Traversal {
  /** One first-match policy: a packet's first matching rule is what the chains together do to it. */
  policy: Policy;
  /** The chains composed, in path order, with ids made distinct across them. */
  parts: Policy[];
  /**
   * Per composed rule, the position of the first rule copied from the same rule of a chain: a
   * chain's rule is copied once per path into it, and findings name it once.
   */
  canonical: Int32Array;
  /** Per composed rule, the chain's rule as written; undefined for a chain's policy. */
  written: (PolicyRule | undefined)[];
}

type Space = Pick<PolicyRule, 'family' | 'transport' | 'source' | 'sourcePorts' | 'destination' | 'destinationPorts'>;
const EVERYTHING: Space = { family: 'any', transport: 'any', source: ANY_ADDR, sourcePorts: ANY_PORT, destination: ANY_ADDR, destinationPorts: ANY_PORT };

/** The packets in both; null when none. */
function meet(a: Space, b: Space): Space | null {
  if (a.family !== 'any' && b.family !== 'any' && a.family !== b.family) return null;
  if (a.transport !== 'any' && b.transport !== 'any' && a.transport !== b.transport) return null;
  const family = a.family === 'any' ? b.family : a.family;
  const transport = a.transport === 'any' ? b.transport : a.transport;
  const as = restrictFamily(a.source, family), bs = restrictFamily(b.source, family);
  const ad = restrictFamily(a.destination, family), bd = restrictFamily(b.destination, family);
  if (!as || !bs || !ad || !bd) return null;
  const source = intersectAddresses(as, bs), destination = intersectAddresses(ad, bd);
  const sourcePorts = intersectPorts(a.sourcePorts, b.sourcePorts), destinationPorts = intersectPorts(a.destinationPorts, b.destinationPorts);
  if (!source || !destination || !sourcePorts || !destinationPorts) return null;
  return { family, transport, source, sourcePorts, destination, destinationPorts };
}

/** Rule ids are unique within a chain; `nft -j` handles are per table: prefixed with the chain's name when two chains share one. */
function distinctIds(chains: Policy[]): Policy[] {
  const seen = new Set<string>();
  let clash = false;
  for (const p of chains) {
    const own = new Set(p.rules.map((r) => r.id));
    for (const id of own) { if (seen.has(id)) clash = true; }
    for (const id of own) seen.add(id);
  }
  if (!clash) return chains;
  return chains.map((p) => ({ ...p, rules: p.rules.map((r) => ({ ...r, id: `${p.firewall} ${r.id}` })) }));
}

/** A chain's policy as a rule of the composition: it decides what the chain's rules leave. */
function policyRule(p: Policy): PolicyRule {
  return {
    id: `${p.firewall} policy`, action: p.defaultAction, ...EVERYTHING, direction: p.rules[0]?.direction ?? 'in',
    comment: `policy ${p.defaultAction} of ${p.firewall}`, requirements: [], citations: [],
    ...(p.defaultOrigin ? { origin: p.defaultOrigin } : {}),
  };
}

class TooLarge extends Error {}

/**
 * The base chains of one path composed into one first-match policy: a drop or reject of a chain
 * (its rules' or its policy's) is final for the packets that reach it; what a chain accepts (by a
 * rule or its policy) goes through the next chains; a chain of one address family lets the other
 * family's packets by untouched. Undefined when the composition would exceed `max` rules.
 */
export function traverse(chains: readonly Policy[], max = MAX_TRAVERSAL_RULES): Traversal | undefined {
  const parts = distinctIds(pathOrder(chains));
  const rules: PolicyRule[] = [];
  const written: (PolicyRule | undefined)[] = [];
  const canonical: number[] = [];
  const first = new Map<PolicyRule, number>();
  const policies = parts.map(policyRule);
  const copy = (from: PolicyRule, space: Space, asWritten: PolicyRule | undefined, action: PolicyRule['action']) => {
    if (rules.length >= max) throw new TooLarge();
    const at = first.get(from);
    if (at === undefined) first.set(from, rules.length);
    canonical.push(at ?? rules.length);
    written.push(asWritten);
    rules.push({ ...from, ...space, action });
  };
  // `via`: the rule (or policy) of the last chain that accepted these packets; they are accepted
  // once no chain is left. Packets of a family no chain speaks for are left to the default.
  const walk = (i: number, space: Space, via: { rule: PolicyRule; written: PolicyRule | undefined } | undefined): void => {
    if (i === parts.length) {
      if (via) copy(via.rule, space, via.written, 'accept');
      return;
    }
    const part = parts[i]!;
    const family = part.binding?.family ?? 'any';
    if (family !== 'any') {
      if (space.family !== 'any' && space.family !== family) return walk(i + 1, space, via);
      if (space.family === 'any') {
        const other: AddressFamily = family === 'ipv4' ? 'ipv6' : 'ipv4';
        const rest = meet(space, { ...EVERYTHING, family: other });
        if (rest) walk(i + 1, rest, via);
        const own = meet(space, { ...EVERYTHING, family });
        if (!own) return;
        space = own;
      }
    }
    for (const r of part.rules) {
      const m = meet(space, r);
      if (!m) continue;
      if (r.action === 'accept') walk(i + 1, m, { rule: r, written: r });
      else copy(r, m, r, r.action);
    }
    const pol = policies[i]!;
    if (part.defaultAction === 'accept') walk(i + 1, space, { rule: pol, written: undefined });
    else copy(pol, space, undefined, 'drop');
  };
  try {
    walk(0, EVERYTHING, undefined);
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
    throw e;
  }
  const last = parts[parts.length - 1]!;
  const policy: Policy = {
    ...last,
    firewall: parts.map((p) => p.firewall).join(' then '),
    rules,
    // Reached only by packets of a family no chain speaks for (every chain is of the other one):
    // as for one chain, the audit does not speak for that family (its flows are not audited).
    defaultAction: last.defaultAction,
    stateful: parts.some((p) => p.stateful),
    addressGroups: parts.flatMap((p) => p.addressGroups),
    portGroups: parts.flatMap((p) => p.portGroups),
  };
  delete policy.defaultOrigin;
  return { policy, parts, canonical: Int32Array.from(canonical), written };
}
