// portolan render: firewall configuration for one platform, one firewall (or one file each).
import { join } from 'node:path';
import { compileFlows, FIREWALL_ORDER } from '../../flows/compile.ts';
import { topologyPolicies } from '../../policy/nat.ts';
import type { Policy } from '../../policy/types.ts';
import { findRenderer, rendererTargets } from '../../render/index.ts';
import { poolsFromTopology } from '../../render/haproxy.ts';
import { RenderError, type Renderer, type RenderOptions } from '../../render/types.ts';
import { loadTopology } from '../../topology/load.ts';
import type { Topology } from '../../topology/model.ts';
import { UsageError } from '../../errors.ts';
import { suggest } from '../../text/suggest.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../io.ts';

const HELP = `usage: portolan render TOPOLOGY --target T [--firewall F] [-o FILE|DIR]
                       [--outside IF] [--inside IF]

Firewall configuration for platform T, built from the topology's flows through the policy IR
(grouped addresses and ports, stateful return traffic, default deny, a comment per rule with
its requirement and citation). Output is deterministic.

targets: ${rendererTargets().join(', ')}
firewalls: ${FIREWALL_ORDER.join(', ')} (those the topology has flows for)

options:
  --target T      the platform (see docs/targets/T.md)
  --firewall F    one firewall; required when printing to standard output
  -o, --output P  with --firewall: a file; without: a directory, one file per firewall
                  the target can serve (iptables writes NAME.rules.v4 and NAME.rules.v6)
  --outside IF    perimeter firewalls: interface (panos, junos, fortigate: zone; pfsense:
                  interface name) toward the less trusted side
  --inside IF     perimeter firewalls: interface or zone toward the more trusted side
  --profile P     windows: firewall profiles, comma-separated (default Domain)
  --ignore-source-ports
                  aws: drop source-port matches security groups cannot express (this
                  widens those rules; without it such a firewall is refused)

A target that cannot serve a firewall (haproxy for a packet filter, windows for a perimeter
firewall) refuses with exit 2 and says why.
`;

export interface Rendered {
  firewall: string;
  file: string;
  content: string;
}

function renderOne(renderer: Renderer, policy: Policy, topology: Topology, options: RenderOptions): Rendered[] {
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

function requireRenderer(target: string): Renderer {
  const r = findRenderer(target);
  if (!r) {
    const s = suggest(target, rendererTargets());
    throw new UsageError(`unknown target '${target}'${s ? ` (did you mean '${s}'?)` : ''}; targets: ${rendererTargets().join(', ')}`);
  }
  return r;
}

export const renderCommand: Command = {
  name: 'render',
  summary: 'firewall configuration for a platform',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      target: { type: 'string' }, firewall: { type: 'string' }, output: { type: 'string', short: 'o' },
      outside: { type: 'string' }, inside: { type: 'string' },
      profile: { type: 'string' }, 'ignore-source-ports': { type: 'boolean' },
    }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    if (!values.target) throw new UsageError(`--target is required; targets: ${rendererTargets().join(', ')}`);
    const renderer = requireRenderer(values.target);
    const topology = loadTopology(positionals[0]);
    const options: RenderOptions & { profiles?: string[]; ignoreSourcePorts?: boolean } = {
      ...((values.outside || values.inside) ? { interfaces: { ...(values.outside ? { outside: values.outside } : {}), ...(values.inside ? { inside: values.inside } : {}) } } : {}),
      ...(values.profile ? { profiles: values.profile.split(',') } : {}),
      ...(values['ignore-source-ports'] ? { ignoreSourcePorts: true } : {}),
    };
    const policies = topologyPolicies(topology);
    const names = policies.map((p) => p.firewall);
    if (values.firewall) {
      const policy = policies.find((p) => p.firewall === values.firewall);
      if (!policy) {
        const s = suggest(values.firewall, names);
        throw new UsageError(`this topology has no flows for firewall '${values.firewall}'${s ? ` (did you mean '${s}'?)` : ''}; firewalls: ${names.join(', ')}`);
      }
      const out = renderOne(renderer, policy, topology, options);
      if (!values.output) {
        // A several-file target prints its first file (iptables: IPv4; the ip6tables target gives IPv6).
        io.stdout(out[0].content);
      } else if (out.length === 1) {
        writeFileAtomic(values.output, out[0].content);
      } else {
        for (const f of out) writeFileAtomic(join(values.output, f.file), f.content);
      }
      return 0;
    }
    if (!values.output) {
      throw new UsageError(`choose one firewall with --firewall (or write one file each with -o DIR); firewalls: ${names.join(', ')}`);
    }
    // Render everything first so a refusal leaves nothing half-written.
    const { files, skipped } = renderAll(topology, renderer.target, options);
    if (files.length === 0) throw new UsageError(`target ${renderer.target} serves none of this topology's firewalls: ${skipped.map((s) => `${s.firewall} (${s.reason})`).join('; ')}`);
    for (const f of files) writeFileAtomic(join(values.output, f.file), f.content);
    for (const f of files) io.stdout(`wrote ${join(values.output, f.file)}\n`);
    for (const s of skipped) io.stderr(`skipped ${s.firewall}: ${s.reason}\n`);
    return 0;
  },
};
