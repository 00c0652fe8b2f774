// pfSense / OPNsense: the <aliases> and <filter> sections of config.xml. Interface rules filter
// traffic as it enters an interface, first match wins, anything else is blocked; so flows `in`
// get pass rules on the outside interface and flows `out` on the inside one. Host and port
// aliases carry the rules' address and port lists; descriptions carry the citations.
import type { Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import { pfsenseInterfaces } from '../policy/zones.ts';
import { escapeXml } from '../xml/escape.ts';
import { ruleRemark } from './cisco-asa.ts';
import { ZONE_FIREWALL_CAPABILITIES } from './zone-objects.ts';
import { canServeWith, plainComment, RenderError, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';
import { cidrFamily } from '../net/address.ts';

const TARGET = 'pfsense';

/** Alias names: letters, digits and underscores, at most 31 characters. */
const ALIAS_MAX = 31;
const aliasName = (t: string) => t.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+/, '').slice(0, ALIAS_MAX);

interface Alias { name: string; type: 'host' | 'network' | 'port'; content: string[]; descr: string }

/** The zone targets' capabilities, and the edge's static 1:1 NAT ("Firewall > NAT > 1:1"). */
export const PFSENSE_CAPABILITIES: RendererCapabilities = { ...ZONE_FIREWALL_CAPABILITIES, nat: true };

/**
 * One 1:1 (binat) mapping per edge service on the outside interface: inbound to the public address
 * is translated to the private one before the rules, which therefore name the private addresses
 * (as pfSense asks of rules for 1:1 NAT); the client's source address is not changed.
 */
function oneToOne(policy: Policy, outside: string): string[] {
  return (policy.nat ?? []).flatMap((m) => [
    '\t\t<onetoone>',
    `\t\t\t<external>${m.public}</external>`,
    `\t\t\t<descr><![CDATA[${plainComment(`Portolan: ${m.name} ${m.private} <-> ${m.public}`, 4000)}]]></descr>`,
    `\t\t\t<interface>${outside}</interface>`,
    `\t\t\t<ipprotocol>${cidrFamily(m.private) === 'ipv6' ? 'inet6' : 'inet'}</ipprotocol>`,
    '\t\t\t<source>', `\t\t\t\t<address>${m.private}</address>`, '\t\t\t</source>',
    '\t\t\t<destination>', '\t\t\t\t<any></any>', '\t\t\t</destination>',
    '\t\t</onetoone>',
  ]);
}

export function renderPfsense(policy: Policy, options: RenderOptions = {}): string {
  const why = canServeWith(policy, PFSENSE_CAPABILITIES);
  if (why !== true) throw new RenderError(TARGET, policy.firewall, why);
  const ifs = pfsenseInterfaces(policy.firewall, options.interfaces);
  if (ifs.outside === ifs.inside) throw new RenderError(TARGET, policy.firewall, `the outside and inside interfaces must differ (both ${ifs.outside})`);
  const aliases = new Map<string, Alias>(); // content key → alias
  const used = new Set<string>();
  const alias = (type: Alias['type'], content: string[], wanted: string): string => {
    const key = `${type} ${content.join(' ')}`;
    const have = aliases.get(key);
    if (have) return have.name;
    let name = aliasName(wanted) || `portolan_${type}`;
    for (let n = 2; used.has(name); n++) name = `${aliasName(wanted).slice(0, ALIAS_MAX - String(n).length - 1)}_${n}`;
    used.add(name);
    aliases.set(key, { name, type, content, descr: `Portolan: ${type === 'port' ? 'ports' : 'addresses'} of ${policy.firewall} rules` });
    return name;
  };
  const side = (m: PolicyRule['source'], ports: PortMatch, wanted: string, indent: string): string[] => {
    const out: string[] = [];
    if (m.any) out.push(`${indent}<any></any>`);
    else if (m.addresses.length === 1) out.push(`${indent}<address>${m.addresses[0]}</address>`);
    else out.push(`${indent}<address>${alias(m.addresses.some((a) => a.includes('/')) ? 'network' : 'host', m.addresses, m.group ?? `${wanted}_hosts`)}</address>`);
    if (!ports.any) {
      const p = ports.ports;
      const one = p.length === 1 && p[0]!.from === p[0]!.to;
      out.push(`${indent}<port>${one ? p[0]!.from : alias('port', p.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}:${r.to}`)), ports.group ?? `${wanted}_ports`)}</port>`);
    }
    return out;
  };
  const rules: string[] = [];
  let n = 0;
  for (const r of policy.rules) {
    n++;
    const iface = r.direction === 'in' ? ifs.outside : ifs.inside;
    const proto = r.transport === 'any' ? (r.sourcePorts.any && r.destinationPorts.any ? undefined : 'tcp/udp') : r.transport.toLowerCase();
    rules.push(
      '\t\t<rule>',
      `\t\t\t<tracker>${1700000000 + n}</tracker>`,
      '\t\t\t<type>pass</type>',
      `\t\t\t<interface>${iface}</interface>`,
      `\t\t\t<ipprotocol>${r.family === 'ipv4' ? 'inet' : r.family === 'ipv6' ? 'inet6' : 'inet46'}</ipprotocol>`,
      '\t\t\t<statetype><![CDATA[keep state]]></statetype>',
      ...(proto ? [`\t\t\t<protocol>${proto}</protocol>`] : []),
      '\t\t\t<source>', ...side(r.source, r.sourcePorts, `${r.id}_src`, '\t\t\t\t'), '\t\t\t</source>',
      '\t\t\t<destination>', ...side(r.destination, r.destinationPorts, `${r.id}_dst`, '\t\t\t\t'), '\t\t\t</destination>',
      `\t\t\t<descr><![CDATA[${plainComment(ruleRemark(r), 4000).replace(/]]>/g, '] ]>')}]]></descr>`,
      '\t\t</rule>',
    );
  }
  return [
    '<?xml version="1.0"?>',
    `<!-- Portolan: pfSense / OPNsense rules for perimeter firewall "${escapeXml(policy.firewall)}": ${policy.rules.length} pass rules${policy.nat?.length ? `, ${policy.nat.length} 1:1 NAT mappings (the rules name the private addresses)` : ''}.`,
    `     Traffic "in" enters on interface ${escapeXml(ifs.outside)}, traffic "out" on ${escapeXml(ifs.inside)}; anything else is blocked.`,
    `     Restore the "Aliases"${policy.nat?.length ? ', "NAT"' : ''} and "Firewall Rules" areas from this file (Diagnostics > Backup & Restore). -->`,
    '<pfsense>',
    '\t<aliases>',
    ...[...aliases.values()].flatMap((a) => [
      '\t\t<alias>', `\t\t\t<name>${a.name}</name>`, `\t\t\t<type>${a.type}</type>`,
      `\t\t\t<address>${a.content.join(' ')}</address>`, `\t\t\t<descr><![CDATA[${a.descr}]]></descr>`, '\t\t</alias>',
    ]),
    '\t</aliases>',
    ...(policy.nat?.length ? ['\t<nat>', ...oneToOne(policy, ifs.outside), '\t</nat>'] : []),
    '\t<filter>',
    ...rules,
    '\t</filter>',
    '</pfsense>',
    '',
  ].join('\n');
}

export const pfsenseRenderer: Renderer = {
  target: TARGET,
  extension: '.xml',
  description: 'pfSense / OPNsense config.xml: host and port aliases, pass rules per interface',
  capabilities: PFSENSE_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, PFSENSE_CAPABILITIES),
  render: renderPfsense,
};
