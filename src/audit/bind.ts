// Which parsed policy filters which required flows. A configuration holds several filters
// (chains, ACLs, security groups, NSG directions); each sees one direction of traffic:
// a forward chain both, input/ingress/Inbound the inbound flows, output/egress/Outbound the
// outbound ones, and an ASA ACL bound `in` on the less trusted interface the inbound flows.
import type { Direction } from '../catalog/types.ts';
import type { Policy, PolicyKind } from '../policy/types.ts';

export type Sees = Direction | 'both';

export interface BoundPolicy {
  sees: Sees;
  policy: Policy;
  /** The parsed policies merged into this one (allow-lists of one direction are a union). */
  parts: string[];
}

export interface BindOptions {
  /** ASA: the interface toward the less trusted side (default outside, or dmz for internal). */
  outsideInterface: string;
  /** Only these parsed policies (by name), when given. */
  only?: string[];
  /** A perimeter firewall's traffic crosses forward chains; a host's meets input and output. */
  kind?: PolicyKind;
}

const HOST_CHAIN = /(^|\s)(input|output)$/i;
const FORWARD_CHAIN = /(^|\s)forward$/i;

/** How a parsed policy's name says what it sees (names as the parsers give them). */
export function seesOf(name: string, outsideInterface: string): Sees | undefined {
  if (/(^|\s)forward$/i.test(name)) return 'both';
  // ASA `access-group NAME global`: every interface's inbound traffic, both directions.
  if (/^\S+ global$/.test(name)) return 'both';
  if (/(^|\s)(input|ingress|inbound)$/i.test(name)) return 'in';
  if (/(^|\s)(output|egress|outbound)$/i.test(name)) return 'out';
  const acl = /^\S+ (in|out) (\S+)$/.exec(name);
  if (acl) {
    const onOutside = acl[2] === outsideInterface;
    // An ACL applied `in` on the outside interface sees what enters from outside.
    return (acl[1] === 'in') === onOutside ? 'in' : 'out';
  }
  return undefined;
}

export function bindPolicies(policies: Policy[], options: BindOptions): { bound: BoundPolicy[]; unbound: string[] } {
  let chosen = options.only ? policies.filter((p) => options.only!.includes(p.firewall)) : policies;
  // Without an explicit choice, leave out the chains that guard the firewall host itself (for a
  // perimeter firewall) or that forward (for a host firewall).
  if (!options.only && options.kind === 'perimeter' && chosen.some((p) => FORWARD_CHAIN.test(p.firewall))) chosen = chosen.filter((p) => !HOST_CHAIN.test(p.firewall));
  if (!options.only && options.kind && options.kind !== 'perimeter') chosen = chosen.filter((p) => !FORWARD_CHAIN.test(p.firewall));
  const groups = new Map<Sees, Policy[]>();
  const unbound: string[] = [];
  // An ASA's interface `in` ACLs already end with the global ACL's entries (the parser appends
  // them); the global ACL alone sees only the directions no interface ACL covers.
  const ifaceIn = new Set(chosen.filter((p) => /^\S+ in \S+$/.test(p.firewall)).map((p) => seesOf(p.firewall, options.outsideInterface)));
  for (const p of chosen) {
    let sees = seesOf(p.firewall, options.outsideInterface);
    if (/^\S+ global$/.test(p.firewall) && ifaceIn.size > 0) {
      if (ifaceIn.has('in') && ifaceIn.has('out')) continue;
      sees = ifaceIn.has('in') ? 'out' : 'in';
    }
    if (!sees) { unbound.push(p.firewall); continue; }
    groups.set(sees, [...(groups.get(sees) ?? []), p]);
  }
  const bound: BoundPolicy[] = [];
  for (const sees of ['both', 'in', 'out'] as const) {
    const ps = groups.get(sees);
    if (!ps) continue;
    if (ps.length === 1) { bound.push({ sees, policy: ps[0], parts: [ps[0].firewall] }); continue; }
    // Several allow-lists for one direction (security groups): their union, in the given order.
    bound.push({
      sees,
      parts: ps.map((p) => p.firewall),
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
