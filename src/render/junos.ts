// Juniper SRX (Junos): global address book, custom applications (one term per port range, source
// ports where the documents give them), and security policies from zone to zone, as `set`
// commands for `load set terminal` / `load set FILE`. Anything else meets the default policy
// (deny-all); sessions allow return traffic.
import type { PortRange } from '../net/port.ts';
import type { Policy } from '../policy/types.ts';
import { ruleRemark } from './cisco-asa.ts';
import { buildZoneObjects, WORD_NAMING, ZONE_FIREWALL_CAPABILITIES } from './zone-objects.ts';
import { canServeWith, plainComment, RenderError, type Renderer, type RenderOptions } from './types.ts';

const TARGET = 'junos';

/** Policy descriptions are at most 900 characters. */
const DESCRIPTION_MAX = 900;

const port = (p: PortRange) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`);

export function renderJunos(policy: Policy, options: RenderOptions = {}): string {
  const why = canServeWith(policy, ZONE_FIREWALL_CAPABILITIES);
  if (why !== true) throw new RenderError(TARGET, policy.firewall, why);
  const o = buildZoneObjects(policy, WORD_NAMING, TARGET, options.interfaces, (r) => plainComment(ruleRemark(r), DESCRIPTION_MAX));
  const out: string[] = [
    `# Portolan: Junos SRX configuration for perimeter firewall "${policy.firewall}": ${o.rules.length} security policies.`,
    `# Zones: traffic "in" goes from ${o.zones.in.from} to ${o.zones.in.to}, traffic "out" from ${o.zones.out.from} to ${o.zones.out.to}.`,
    '# Load with `load set FILE` (or `load set terminal`) in configuration mode, then `commit check`.',
  ];
  for (const a of o.addresses) out.push(`set security address-book global address ${a.name} ${a.prefix}`);
  for (const g of o.addressGroups) for (const m of g.members) out.push(`set security address-book global address-set ${g.name} address ${m}`);
  for (const s of o.services) {
    // One term per destination range (and source range): a Junos term names one range of each.
    let n = 0;
    for (const d of s.ports) {
      for (const sp of s.sourcePorts ?? [undefined]) {
        const full = d.from === 0 && d.to === 65535;
        out.push(`set applications application ${s.name} term t${++n} protocol ${s.transport.toLowerCase()}${sp ? ` source-port ${port(sp)}` : ''}${full ? '' : ` destination-port ${port(d)}`}`);
      }
    }
  }
  for (const r of o.rules) {
    const base = `set security policies from-zone ${r.from} to-zone ${r.to} policy ${r.name}`;
    out.push(`${base} description "${r.description}"`);
    for (const a of r.source === 'any' ? ['any'] : r.source) out.push(`${base} match source-address ${a}`);
    for (const a of r.destination === 'any' ? ['any'] : r.destination) out.push(`${base} match destination-address ${a}`);
    for (const s of r.services === 'any' ? ['any'] : r.services) out.push(`${base} match application ${s}`);
    out.push(`${base} then permit`);
  }
  return out.join('\n') + '\n';
}

export const junosRenderer: Renderer = {
  target: TARGET,
  extension: '.set',
  description: 'Juniper SRX (Junos): global address book, applications, security policies between zones, as set commands',
  capabilities: ZONE_FIREWALL_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, ZONE_FIREWALL_CAPABILITIES),
  render: renderJunos,
};
