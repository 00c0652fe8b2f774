// Palo Alto Networks PAN-OS: address objects and groups, service objects (protocol, port,
// source-port), and security rules between zones (application any, explicit services, so a
// rule matches exactly the documented ports). Two spellings of the same configuration: `set`
// commands for the CLI's configuration mode, and the XML of the candidate configuration
// (vsys1) for the XML API or `load config partial`.
import type { PortRange } from '../net/port.ts';
import type { Policy } from '../policy/types.ts';
import { escapeXml } from '../xml/escape.ts';
import { ruleRemark } from './cisco-asa.ts';
import { buildZoneObjects, type ZoneObjects, WORD_NAMING, ZONE_FIREWALL_CAPABILITIES } from './zone-objects.ts';
import { canServeWith, plainComment, RenderError, type Renderer, type RenderOptions } from './types.ts';

const TARGET = 'panos';

/** Security rule descriptions are at most 1024 characters. */
const DESCRIPTION_MAX = 1024;

const ports = (ps: PortRange[]) => ps.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(',');
const members = (list: string[] | 'any') => (list === 'any' ? 'any' : list.length === 1 ? list[0]! : `[ ${list.join(' ')} ]`);

export function panosObjects(policy: Policy, options: RenderOptions = {}): ZoneObjects {
  const why = canServeWith(policy, ZONE_FIREWALL_CAPABILITIES);
  if (why !== true) throw new RenderError(TARGET, policy.firewall, why);
  return buildZoneObjects(policy, WORD_NAMING, TARGET, options.interfaces, (r) => plainComment(ruleRemark(r), DESCRIPTION_MAX));
}

/** `set` commands, as typed in configuration mode (no comments: the CLI would reject them). */
export function renderPanosSet(policy: Policy, options: RenderOptions = {}): string {
  const o = panosObjects(policy, options);
  const out: string[] = [];
  for (const a of o.addresses) out.push(`set address ${a.name} ip-netmask ${a.prefix}`);
  for (const g of o.addressGroups) out.push(`set address-group ${g.name} static ${members(g.members)}`);
  for (const s of o.services) {
    out.push(`set service ${s.name} protocol ${s.transport.toLowerCase()} port ${ports(s.ports)}${s.sourcePorts ? ` source-port ${ports(s.sourcePorts)}` : ''}`);
  }
  for (const r of o.rules) {
    const base = `set rulebase security rules ${r.name}`;
    out.push(`${base} from ${r.from} to ${r.to} source ${members(r.source)} destination ${members(r.destination)} application any service ${members(r.services)} action allow`);
    out.push(`${base} description "${r.description}"`);
  }
  return out.join('\n') + '\n';
}

function xmlMembers(tag: string, list: string[] | 'any', indent: string): string[] {
  return [`${indent}<${tag}>`, ...(list === 'any' ? ['any'] : list).map((m) => `${indent}  <member>${escapeXml(m)}</member>`), `${indent}</${tag}>`];
}

/** The vsys1 part of the candidate configuration, as `show config candidate` prints it. */
export function renderPanosXml(policy: Policy, options: RenderOptions = {}): string {
  const o = panosObjects(policy, options);
  const i = '            ';
  const out: string[] = [
    '<?xml version="1.0"?>',
    `<!-- Portolan: PAN-OS configuration for perimeter firewall "${escapeXml(policy.firewall)}": ${o.rules.length} security rules.`,
    `     Zones: traffic "in" goes from ${escapeXml(o.zones.in.from)} to ${escapeXml(o.zones.in.to)}, traffic "out" from ${escapeXml(o.zones.out.from)} to ${escapeXml(o.zones.out.to)}.`,
    '     Anything else meets the interzone-default rule (deny); sessions allow return traffic. -->',
    '<config>',
    '  <devices>',
    '    <entry name="localhost.localdomain">',
    '      <vsys>',
    '        <entry name="vsys1">',
  ];
  out.push(`${i.slice(2)}<address>`);
  for (const a of o.addresses) out.push(`${i}<entry name="${escapeXml(a.name)}">`, `${i}  <ip-netmask>${a.prefix}</ip-netmask>`, `${i}</entry>`);
  out.push(`${i.slice(2)}</address>`, `${i.slice(2)}<address-group>`);
  for (const g of o.addressGroups) out.push(`${i}<entry name="${escapeXml(g.name)}">`, ...xmlMembers('static', g.members, `${i}  `), `${i}</entry>`);
  out.push(`${i.slice(2)}</address-group>`, `${i.slice(2)}<service>`);
  for (const s of o.services) {
    const p = s.transport.toLowerCase();
    out.push(`${i}<entry name="${escapeXml(s.name)}">`, `${i}  <protocol>`, `${i}    <${p}>`, `${i}      <port>${ports(s.ports)}</port>`);
    if (s.sourcePorts) out.push(`${i}      <source-port>${ports(s.sourcePorts)}</source-port>`);
    out.push(`${i}    </${p}>`, `${i}  </protocol>`, `${i}</entry>`);
  }
  out.push(`${i.slice(2)}</service>`, `${i.slice(2)}<rulebase>`, `${i}<security>`, `${i}  <rules>`);
  const j = `${i}    `;
  for (const r of o.rules) {
    out.push(
      `${j}<entry name="${escapeXml(r.name)}">`,
      ...xmlMembers('from', [r.from], `${j}  `), ...xmlMembers('to', [r.to], `${j}  `),
      ...xmlMembers('source', r.source, `${j}  `), ...xmlMembers('destination', r.destination, `${j}  `),
      ...xmlMembers('application', 'any', `${j}  `), ...xmlMembers('service', r.services, `${j}  `),
      `${j}  <action>allow</action>`,
      `${j}  <description>${escapeXml(r.description)}</description>`,
      `${j}</entry>`,
    );
  }
  out.push(`${i}  </rules>`, `${i}</security>`, `${i.slice(2)}</rulebase>`, '        </entry>', '      </vsys>', '    </entry>', '  </devices>', '</config>');
  return out.join('\n') + '\n';
}

export const panosRenderer: Renderer = {
  target: TARGET,
  extension: '.set',
  description: 'Palo Alto Networks PAN-OS: address/service objects and security rules between zones, as set commands and as XML',
  capabilities: ZONE_FIREWALL_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, ZONE_FIREWALL_CAPABILITIES),
  render: renderPanosSet,
  renderFiles: (policy, options) => [
    { extension: '.set', content: renderPanosSet(policy, options) },
    { extension: '.xml', content: renderPanosXml(policy, options) },
  ],
};
