// portolan render: firewall configuration for one platform, one firewall (or one file each).
import { join } from 'node:path';
import { compileFlows, FIREWALL_ORDER } from '../../flows/compile.ts';
import { topologyPolicies } from '../../policy/nat.ts';
import { rendererTargets } from '../../platforms/index.ts';
import { renderAll, renderOne, requireRenderer } from '../../platforms/render-all.ts';
import type { RenderOptions } from '../../render/types.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS } from '../topology-input.ts';
import { UsageError } from '../../errors.ts';
import { suggest } from '../../text/suggest.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../io.ts';
import { writeGeneration, type GenerationReport } from '../../files.ts';

/** Tells what a directory write replaced: files of another render, files kept. */
function reportGeneration(io: { stderr: (t: string) => void }, dir: string, r: GenerationReport): void {
  for (const s of r.stale) io.stderr(`removed stale ${join(dir, s.file)} (written by: portolan ${s.writtenBy})\n`);
  for (const k of r.kept) io.stderr(`kept ${join(dir, k)} (not written by portolan render)\n`);
}

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

${TOPOLOGY_HELP}
`;

export { renderAll, renderOne, requireRenderer, type Rendered } from '../../platforms/render-all.ts';

export const renderCommand: Command = {
  name: 'render',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...TOPOLOGY_OPTIONS,
      target: { type: 'string' }, firewall: { type: 'string' }, output: { type: 'string', short: 'o' },
      outside: { type: 'string' }, inside: { type: 'string' },
      profile: { type: 'string' }, 'ignore-source-ports': { type: 'boolean' },
    }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    if (!values.target) throw new UsageError(`--target is required; targets: ${rendererTargets().join(', ')}`);
    const renderer = requireRenderer(values.target);
    const topology = await loadTopologyInput(positionals[0], values);
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
        reportGeneration(io, values.output, writeGeneration(values.output, out, `render ${positionals[0]} --target ${renderer.target} --firewall ${values.firewall}`));
      }
      return 0;
    }
    if (!values.output) {
      throw new UsageError(`choose one firewall with --firewall (or write one file each with -o DIR); firewalls: ${names.join(', ')}`);
    }
    // Render everything first so a refusal leaves nothing half-written.
    const { files, skipped } = renderAll(topology, renderer.target, options);
    if (files.length === 0) throw new UsageError(`target ${renderer.target} serves none of this topology's firewalls: ${skipped.map((s) => `${s.firewall} (${s.reason})`).join('; ')}`);
    const generation = writeGeneration(values.output, files, `render ${positionals[0]} --target ${renderer.target}`);
    for (const f of files) io.stdout(`wrote ${join(values.output, f.file)}\n`);
    reportGeneration(io, values.output, generation);
    for (const s of skipped) io.stderr(`skipped ${s.firewall}: ${s.reason}\n`);
    return 0;
  },
};
