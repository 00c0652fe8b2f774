// Static (1:1) NAT of the edge's external services: each service's private address, held by the
// edge, and the public address the external firewall maps it to. The firewall's filter rules see
// the private address (DNAT before, SNAT after filtering); clients' source addresses are kept
// inbound, as the pages require ("Configure your NAT to not change incoming source addresses").
import { compileFlows } from '../flows/compile.ts';
import { cidrFamily as addressFamily } from '../net/address.ts';
import { buildPolicies } from './build.ts';
import type { Policy, StaticNat } from './types.ts';
import type { Topology } from '../topology/model.ts';

const SERVICE_NAME = { access: 'Access Edge', webConferencing: 'Web Conferencing Edge', av: 'A/V Edge' } as const;

/** Pairs the private and public addresses of one service by family (one of each at most). */
function pairs(name: string, privates: string[], publics: string[]): StaticNat[] {
  return privates.flatMap((priv) => {
    const pub = publics.find((p) => addressFamily(p) === addressFamily(priv));
    return pub ? [{ name, private: priv, public: pub }] : [];
  });
}

/** The 1:1 NAT mappings the external firewall performs for this topology (deterministic order). */
export function staticNat(t: Topology): StaticNat[] {
  const out: StaticNat[] = [];
  for (const pool of t.edgePools) {
    for (const n of pool.nodes) {
      if (pool.nat && n.public) {
        for (const svc of ['access', 'webConferencing', 'av'] as const) out.push(...pairs(`${n.name} ${SERVICE_NAME[svc]}`, n[svc], n.public[svc]));
      } else if (pool.avNat && n.avPublic) {
        out.push(...pairs(`${n.name} A/V Edge`, n.av, n.avPublic));
      }
    }
  }
  // A service sharing one address with another (distinct ports) is mapped once.
  const seen = new Set<string>();
  return out.filter((m) => !seen.has(m.private) && seen.add(m.private));
}

/** The external firewall's policy with its NAT: the inbound rules whose every destination is a NAT private address match translated packets only (PolicyRule.translated). */
export function withStaticNat(p: Policy, nat: StaticNat[]): Policy {
  const privates = new Set(nat.map((m) => m.private));
  const rules = p.rules.map((r) => (r.direction === 'in' && !r.destination.any && r.destination.addresses.every((a) => privates.has(a)) ? { ...r, translated: true } : r));
  return { ...p, nat, rules };
}

/** The policies of a topology: per firewall from its flows, with the external firewall's NAT. */
export function topologyPolicies(t: Topology): Policy[] {
  const nat = staticNat(t);
  return buildPolicies(compileFlows(t)).map((p) => (p.firewall === 'external' && nat.length ? withStaticNat(p, nat) : p));
}
