// Whether a requirement applies to a deployment: some citing row's table describes this
// scenario (a document of the product version, narrowed by the row where it names versions;
// edge load balancing; public or NAT'd edge addresses) and that row's own condition holds.
import { table, type EdgeAddressing } from '../catalog/tables.ts';
import { citationVersions, keyOf } from '../catalog/define.ts';
import type { Citation, Condition, Feature, Requirement } from '../catalog/types.ts';
import type { EdgePool, Topology } from '../topology/model.ts';

/** Private addresses behind NAT, or public addresses, on the edge pool's external services. */
export function edgeAddressing(pool: EdgePool): EdgeAddressing {
  return pool.nat || pool.avNat ? 'nat' : 'public';
}

export function holds(condition: Condition | undefined, features: ReadonlySet<Feature>): boolean {
  if (!condition || condition.length === 0) return true;
  return condition.some((clause) => clause.every((f) => features.has(f)));
}

/** The citations through which the requirement applies (empty: it does not apply). */
export function applyingCitations(r: Requirement, topology: Topology, edgePool?: EdgePool): Citation[] {
  return r.citations.filter((c) => {
    const t = table(keyOf(c));
    if (!citationVersions(c).includes(topology.version)) return false;
    // A table's edge scope binds edge rows only: the reverse proxy rows of 002's concrete tables
    // do not depend on how the edge is load balanced.
    if (isEdgeRequirement(r)) {
      const scope = c.edgeLoadBalancing ?? t.edgeLoadBalancing;
      if (scope && (edgePool === undefined || !scope.includes(edgePool.loadBalancing))) return false;
      if (t.addressing && (edgePool === undefined || !t.addressing.includes(edgeAddressing(edgePool)))) return false;
    }
    return holds(c.when, topology.features);
  });
}

/** Edge rows are evaluated once per edge pool; the others once per topology. */
export function isEdgeRequirement(r: Requirement): boolean {
  return r.interface === 'edge-external' || r.interface === 'edge-internal' || r.interface === 'hlb-external-vip' || r.interface === 'hlb-internal-vip';
}
