// Check Point (Management API through mgmt_cli): hosts, networks, groups, TCP/UDP services (one
// port range each, grouped), and access rules appended to an access layer, then publish. Check
// Point rules match traffic in either direction across the gateway, so each rule names its source
// and destination; anything else meets the layer's cleanup rule (drop).
import type { PortRange } from '../net/port.ts';
import type { Policy } from '../policy/types.ts';
import { ruleRemark } from './cisco-asa.ts';
import { buildZoneObjects, ZONE_FIREWALL_CAPABILITIES } from './zone-objects.ts';
import { canServeWith, plainComment, RenderError, type Renderer, type RenderOptions } from './types.ts';

const TARGET = 'checkpoint';

/** Object names: at most 63 characters here (the API allows more; Check Point's own limit for rule names is 100). */
export const CHECKPOINT_NAMING = { max: 63, clean: (t: string) => t.replace(/["\\$`]/g, '').replace(/\s+/g, '-') };
/** Rule comments are at most 1024 characters here. */
const COMMENT_MAX = 1024;
/** The access layer appended to, unless --layer names another. */
export const DEFAULT_LAYER = 'Network';

const range = (p: PortRange) => {
  const from = Math.max(p.from, 1);
  return from === p.to ? `${from}` : `${from}-${p.to}`;
};
const q = (s: string) => `"${s}"`;
const indexed = (key: string, list: string[]) => list.map((v, i) => `${key}.${i + 1} ${q(v)}`).join(' ');

export function renderCheckpoint(policy: Policy, options: RenderOptions & { layer?: string } = {}): string {
  const why = canServeWith(policy, ZONE_FIREWALL_CAPABILITIES);
  if (why !== true) throw new RenderError(TARGET, policy.firewall, why);
  const o = buildZoneObjects(policy, CHECKPOINT_NAMING, TARGET, options.interfaces, (r) => plainComment(ruleRemark(r), COMMENT_MAX));
  const layer = options.layer ?? DEFAULT_LAYER;
  const cli = (rest: string) => `mgmt_cli -s id.txt ${rest}`;
  const out: string[] = [
    `# Portolan: Check Point access rules for perimeter firewall "${policy.firewall}": ${o.rules.length} rules appended to layer "${layer}".`,
    '# Run after `mgmt_cli login user USER > id.txt`; the last command publishes the session.',
    '# Install the policy on the gateway afterwards; its cleanup rule drops anything else.',
  ];
  for (const a of o.addresses) {
    const [ip, len] = a.prefix.split('/');
    const host = Number(len) === (a.family === 'ipv4' ? 32 : 128);
    const v = a.family === 'ipv4' ? '4' : '6';
    out.push(cli(host ? `add host name ${q(a.name)} ${a.family === 'ipv4' ? 'ip-address' : 'ipv6-address'} ${q(ip!)}` : `add network name ${q(a.name)} subnet${v} ${q(ip!)} mask-length${v} ${q(len!)}`));
  }
  for (const g of o.addressGroups) out.push(cli(`add group name ${q(g.name)} ${indexed('members', g.members)}`));
  // One service object per destination (and source) range; several make a service group.
  for (const s of o.services) {
    const parts: string[] = [];
    const many = s.ports.length * (s.sourcePorts?.length ?? 1) > 1;
    let n = 0;
    for (const d of s.ports) for (const sp of s.sourcePorts ?? [undefined]) {
      const name = many ? `${s.name}.${++n}` : s.name;
      if (name.length > CHECKPOINT_NAMING.max) throw new RenderError(TARGET, policy.firewall, `service name ${name} is longer than ${CHECKPOINT_NAMING.max} characters`);
      out.push(cli(`add service-${s.transport.toLowerCase()} name ${q(name)} port ${q(range(d))}${sp ? ` source-port ${q(range(sp))}` : ''}`));
      parts.push(name);
    }
    if (many) out.push(cli(`add service-group name ${q(s.name)} ${indexed('members', parts)}`));
  }
  for (const r of o.rules) {
    const list = (key: string, v: string[] | 'any') => indexed(key, v === 'any' ? ['Any'] : v);
    out.push(cli(`add access-rule layer ${q(layer)} position "bottom" name ${q(r.name)} ${list('source', r.source)} ${list('destination', r.destination)} ${list('service', r.services)} action "Accept" track.type "Log" comments ${q(r.description)}`));
  }
  out.push(cli('publish'));
  return out.join('\n') + '\n';
}

export const checkpointRenderer: Renderer = {
  target: TARGET,
  extension: '.sh',
  description: 'Check Point Management API (mgmt_cli): hosts, networks, groups, services and access rules',
  capabilities: ZONE_FIREWALL_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, ZONE_FIREWALL_CAPABILITIES),
  render: (policy, options) => renderCheckpoint(policy, options),
};
