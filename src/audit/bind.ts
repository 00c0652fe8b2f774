// Which parsed filter filters which required flows. A configuration holds several filters
// (chains, ACLs, security groups, NSG directions); each sees one direction of traffic, read from
// where its parser found it (`policy.binding`), never from its name: a base chain on the forward
// hook sees both directions, one on input the inbound flows and one on output the outbound ones;
// an ASA ACL bound `in` on the less trusted interface sees the inbound flows; a security group's
// ingress and an NSG's Inbound rules the inbound ones. Filters of one direction combine as the
// platform runs them: netfilter base chains on one path in turn (a packet passes what every one
// lets through, base-chains.ts), security groups attached together as a union.
import type { Direction } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';
import type { FilterBinding, NetfilterHook, Policy, PolicyKind } from '../policy/types.ts';
import { MAX_TRAVERSAL_RULES, traverse, type Traversal } from './base-chains.ts';

export type Sees = Direction | 'both';

export interface BoundPolicy {
  sees: Sees;
  policy: Policy;
  /** The parsed policies combined into this one, in the order a packet meets them. */
  parts: string[];
  /** The address family the merged filters can speak for; undefined for both. */
  family?: AddressFamily;
  /** Security groups: on the instances rather than on a path between networks. */
  onInstances: boolean;
  /** Several netfilter base chains on the path, composed: a packet passes only what every one lets through. */
  composedOf?: Traversal;
  /** Why these chains are audited one by one rather than composed. */
  note?: string;
}

export interface BindOptions {
  /** ASA: the interface toward the less trusted side (default outside, or dmz for internal). */
  outsideInterface: string;
  /** Only these parsed policies (by the name the parser printed), when given. */
  only?: string[];
  /** A perimeter firewall's traffic crosses forward chains; a host's meets input and output. */
  kind?: PolicyKind;
  /** At most this many rules in a composition of base chains (default MAX_TRAVERSAL_RULES). */
  maxTraversalRules?: number;
}

/** Hooks of the firewall host's own traffic. */
const HOST_HOOKS: ReadonlySet<NetfilterHook> = new Set(['input', 'output']);

/** What a filter sees, from its binding; undefined when it cannot be placed. */
export function seesOf(b: FilterBinding | undefined, outsideInterface: string, kind?: PolicyKind): Sees | undefined {
  if (!b) return undefined;
  if (b.hook) {
    switch (b.hook.name) {
      case 'forward': return 'both';
      case 'input': return 'in';
      case 'output': return 'out';
      // Before routing / after it: every packet, forwarded ones of both directions included.
      case 'prerouting': case 'ingress': return kind === 'perimeter' ? 'both' : 'in';
      case 'postrouting': case 'egress': return kind === 'perimeter' ? 'both' : 'out';
      default: return undefined;
    }
  }
  // ASA `access-group NAME global`: every interface's inbound traffic, both directions.
  if (b.attachment === 'global') return 'both';
  if (b.attachment === 'interface' && b.direction && b.interfaces.length === 1) {
    // An ACL applied `in` on the outside interface sees what enters from outside.
    return (b.direction === 'in') === (b.interfaces[0] === outsideInterface) ? 'in' : 'out';
  }
  if ((b.attachment === 'instance' || b.attachment === 'subnet' || b.attachment === 'zones') && b.direction) return b.direction;
  return undefined;
}

const hookOf = (p: Policy) => p.binding?.hook?.name;

/** One family when every part is tied to the same one; undefined for both. */
function commonFamily(ps: Policy[]): AddressFamily | undefined {
  const fs = new Set(ps.map((p) => p.binding?.family ?? 'any'));
  const [f] = fs;
  return fs.size === 1 && f !== 'any' ? f : undefined;
}

export function bindPolicies(policies: Policy[], options: BindOptions): { bound: BoundPolicy[]; unbound: string[] } {
  let chosen = options.only ? policies.filter((p) => options.only!.includes(p.firewall)) : policies;
  // Without an explicit choice, leave out the chains that guard the firewall host itself (for a
  // perimeter firewall) or that forward (for a host firewall).
  if (!options.only && options.kind === 'perimeter' && chosen.some((p) => hookOf(p) === 'forward')) chosen = chosen.filter((p) => !HOST_HOOKS.has(hookOf(p)!));
  if (!options.only && options.kind && options.kind !== 'perimeter') chosen = chosen.filter((p) => hookOf(p) !== 'forward');
  const groups = new Map<Sees, Policy[]>();
  const unbound: string[] = [];
  // An ASA's interface `in` ACLs already end with the global ACL's entries (the parser appends
  // them); the global ACL alone sees only the directions no interface ACL covers.
  const ifaceIn = new Set(chosen.filter((p) => p.binding?.attachment === 'interface' && p.binding.direction === 'in').map((p) => seesOf(p.binding, options.outsideInterface, options.kind)));
  for (const p of chosen) {
    let sees = seesOf(p.binding, options.outsideInterface, options.kind);
    if (p.binding?.attachment === 'global' && ifaceIn.size > 0) {
      if (ifaceIn.has('in') && ifaceIn.has('out')) continue;
      sees = ifaceIn.has('in') ? 'out' : 'in';
    }
    if (!sees) { unbound.push(p.firewall); continue; }
    groups.set(sees, [...(groups.get(sees) ?? []), p]);
  }
  const bound: BoundPolicy[] = [];
  for (const sees of ['both', 'in', 'out'] as const) {
    const found = groups.get(sees);
    if (!found) continue;
    const ps = found;
    const common = { family: commonFamily(ps), onInstances: ps.some((p) => p.binding?.attachment === 'instance') };
    if (ps.length === 1) { bound.push({ sees, policy: ps[0], parts: [ps[0].firewall], ...common }); continue; }
    // Base chains on one path: every one filters the packet in turn (their intersection).
    if (ps.every((p) => p.binding?.attachment === 'chain')) {
      const max = options.maxTraversalRules ?? MAX_TRAVERSAL_RULES;
      const t = traverse(ps, max);
      if (t) { bound.push({ sees, policy: t.policy, parts: t.parts.map((p) => p.firewall), ...common, composedOf: t }); continue; }
      const note = `base chains ${ps.map((p) => p.firewall).join(', ')} compose to more than ${max} rules: each is audited alone (a required flow must pass every one; each one's over-permissions are an upper bound of what passes)`;
      for (const p of ps) bound.push({ sees, policy: p, parts: [p.firewall], family: p.binding?.family === 'any' ? undefined : p.binding?.family, onInstances: false, note });
      continue;
    }
    // Several allow-lists for one direction (security groups): their union, in the given order.
    bound.push({
      sees,
      parts: ps.map((p) => p.firewall),
      ...common,
      policy: {
        ...ps[0],
        firewall: ps.map((p) => p.firewall).join(' + '),
        rules: ps.flatMap((p) => p.rules),
        addressGroups: ps.flatMap((p) => p.addressGroups),
        portGroups: ps.flatMap((p) => p.portGroups),
      },
    });
  }
  return { bound, unbound };
}
