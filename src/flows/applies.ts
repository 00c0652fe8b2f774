// Whether a requirement applies to a deployment: some citing row's table describes this
// scenario (a document of the product version, edge load balancing) and that row's own
// condition holds.
import { keyOf } from '../catalog/define.ts';
import { PRODUCTS, type EdgeLoadBalancing } from '../catalog/products.ts';
import { table } from '../catalog/tables.ts';
import type { Citation, Condition, Feature, Requirement } from '../catalog/types.ts';
import type { Topology } from '../topology/model.ts';

export function holds(condition: Condition | undefined, features: ReadonlySet<Feature>): boolean {
  if (!condition || condition.length === 0) return true;
  return condition.some((clause) => clause.every((f) => features.has(f)));
}

/** The citations through which the requirement applies (empty: it does not apply). */
export function applyingCitations(r: Requirement, topology: Topology, edgeLoadBalancing?: EdgeLoadBalancing): Citation[] {
  return r.citations.filter((c) => {
    const t = table(keyOf(c));
    if (!PRODUCTS[topology.version].documents.includes(t.document)) return false;
    // A table's edge scope binds edge rows only: the reverse proxy rows of 002's concrete tables
    // do not depend on how the edge is load balanced.
    const scope = c.edgeLoadBalancing ?? t.edgeLoadBalancing;
    if (isEdgeRequirement(r) && scope && (edgeLoadBalancing === undefined || !scope.includes(edgeLoadBalancing))) return false;
    return holds(c.when, topology.features);
  });
}

/** Edge rows are evaluated once per edge pool; the others once per topology. */
export function isEdgeRequirement(r: Requirement): boolean {
  return r.interface === 'edge-external' || r.interface === 'edge-internal' || r.interface === 'hlb-external-vip' || r.interface === 'hlb-internal-vip';
}
