// Every file a target renders for a topology, refusals kept apart: what `portolan render -o DIR`
// writes, the golden files, and the planner's Configuration tab.
import { topologyPolicies } from '../policy/nat.ts';
import type { Policy } from '../policy/types.ts';
import { poolsFromTopology } from '../render/haproxy.ts';
import { RenderError, type Renderer, type RenderOptions } from '../render/types.ts';
import { findRenderer, rendererTargets } from './index.ts';
import type { Topology } from '../topology/model.ts';
import { InputError, UsageError } from '../errors.ts';
import { suggest } from '../text/suggest.ts';

export interface Rendered {
  firewall: string;
  file: string;
  content: string;
}

/** Why no renderer can serve this policy yet: hosts its flows name only by FQDN. */
function unresolvedRefusal(policy: Policy): string | undefined {
  const names = policy.unresolved ?? [];
  if (!names.length) return undefined;
  return `firewall ${policy.firewall} needs the address of ${names.length === 1 ? 'a host' : `${names.length} hosts`} the topology names only by FQDN: ${names.join(', ')} (give the addresses in the topology or an overlay, or import with --resolve)`;
}

export function renderOne(renderer: Renderer, policy: Policy, topology: Topology, options: RenderOptions): Rendered[] {
  const unresolved = unresolvedRefusal(policy);
  if (unresolved) throw new InputError(unresolved);
  const served = renderer.canServe(policy);
  if (served !== true) throw new UsageError(`target ${renderer.target} cannot serve firewall ${policy.firewall}: ${served}`);
  // Pool members come from the topology; targets that do not balance load ignore them.
  const opts: RenderOptions = { pools: poolsFromTopology(topology), ...options };
  const files = renderer.renderFiles?.(policy, opts) ?? [{ extension: renderer.extension, content: renderer.render(policy, opts) }];
  return files.map((f) => ({ firewall: policy.firewall, file: `${policy.firewall}${f.extension}`, content: f.content }));
}

/** Every file `render -o DIR` writes for this topology and target (used by the golden files too). */
export function renderAll(
  topology: Topology, target: string, options: RenderOptions = {},
  policies: Policy[] = topologyPolicies(topology),
): { files: Rendered[]; skipped: { firewall: string; reason: string }[] } {
  const renderer = requireRenderer(target);
  const files: Rendered[] = [];
  const skipped: { firewall: string; reason: string }[] = [];
  for (const policy of policies) {
    const unresolved = unresolvedRefusal(policy);
    if (unresolved) { skipped.push({ firewall: policy.firewall, reason: unresolved }); continue; }
    const served = renderer.canServe(policy);
    if (served !== true) { skipped.push({ firewall: policy.firewall, reason: served }); continue; }
    try {
      files.push(...renderOne(renderer, policy, topology, options));
    } catch (e) {
      // e.g. AWS security groups cannot match source ports: never widen silently, say why.
      if (!(e instanceof RenderError)) throw e;
      skipped.push({ firewall: policy.firewall, reason: e.message });
    }
  }
  return { files, skipped };
}

export function requireRenderer(target: string): Renderer {
  const r = findRenderer(target);
  if (!r) {
    const s = suggest(target, rendererTargets());
    throw new UsageError(`unknown target '${target}'${s ? ` (did you mean '${s}'?)` : ''}; targets: ${rendererTargets().join(', ')}`);
  }
  return r;
}

