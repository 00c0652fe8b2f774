// Azure network security groups as Terraform: one `azurerm_network_security_group` per firewall
// and one `azurerm_network_security_rule` per rule, transport and address family, with
// priorities allocated in rule order.
import type { AddressFamily } from '../net/family.ts';
import { canonicalAddress, parseCidr } from '../net/address.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import { block, hclString, tfLabel } from '../hcl/write.ts';
import { canServeWith, RenderError, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';
import { formatPortRange } from '../net/port.ts';

const TARGET = 'azure';

export const AZURE_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter', 'host'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  namedGroups: false, // prefixes are listed in each rule (no application security groups)
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: false,
};

export interface AzureOptions extends RenderOptions {
  /** First priority (default 100) and the step between rules (default 10). */
  priorityStart?: number;
  priorityStep?: number;
  /** Terraform expressions for the resource group and location; default variables declared here. */
  resourceGroupName?: string;
  location?: string;
}

/** Azure accepts priorities 100–4096. The two closing deny rules take the last two. */
const PRIORITY_MIN = 100;
const PRIORITY_MAX = 4096;
const DENY_INBOUND = 4095;
const DENY_OUTBOUND = 4096;
/** Azure limits rule descriptions to 140 characters and rule names to 80. */
const DESCRIPTION_MAX = 140;
const NAME_MAX = 80;

export function azureCanServe(policy: Policy): true | string {
  return canServeWith(policy, AZURE_CAPABILITIES);
}

/** Priorities `start, start+step, …` for `count` rules; throws when they would pass the last free one. */
export function allocatePriorities(count: number, start = PRIORITY_MIN, step = 10, last = DENY_INBOUND - 1): number[] {
  if (!Number.isInteger(start) || !Number.isInteger(step) || step < 1 || start < PRIORITY_MIN) {
    throw new Error(`priority start ${start} and step ${step} must be integers, start at least ${PRIORITY_MIN}, step at least 1`);
  }
  const highest = start + (count - 1) * step;
  if (count > 0 && highest > last) {
    const fit = Math.floor((last - start) / step) + 1;
    throw new Error(
      `${count} rules need priorities up to ${highest}, beyond ${last} (at most ${Math.max(fit, 0)} fit from ${start} in steps of ${step}; use a smaller priorityStep)`,
    );
  }
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function azureText(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length <= max ? s : `${s.slice(0, max - 3).trimEnd()}...`;
}

/** Rule names: letters, digits, `_ . -`; start with a letter or digit, end with a letter, digit or `_`. */
function ruleName(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, NAME_MAX);
  return s.replace(/[.-]+$/, '') || 'rule';
}

const ANY_PREFIX: Record<AddressFamily, string> = { ipv4: '0.0.0.0/0', ipv6: '::/0' };

/** One prefix list per address family present on either side of the rule. */
function familySplit(rule: PolicyRule): { family: AddressFamily | 'any'; source: string[]; destination: string[] }[] {
  const byFamily = (m: AddressMatch, f: AddressFamily) =>
    m.any ? null : m.addresses.filter((a) => parseCidr(a).family === f).map(canonicalAddress);
  if (rule.source.any && rule.destination.any) {
    if (rule.family === 'any') return [{ family: 'any', source: ['*'], destination: ['*'] }];
    // Both ends Any in one family: name the family so the rule does not cover the other one.
    return [{ family: rule.family, source: [ANY_PREFIX[rule.family]], destination: ['*'] }];
  }
  const out: ReturnType<typeof familySplit> = [];
  for (const f of ['ipv4', 'ipv6'] as AddressFamily[]) {
    if (rule.family !== 'any' && rule.family !== f) continue;
    const s = byFamily(rule.source, f);
    const d = byFamily(rule.destination, f);
    // A family absent from one concrete side cannot flow; Azure forbids mixing families in a rule.
    if ((s && s.length === 0) || (d && d.length === 0)) continue;
    out.push({ family: f, source: s ?? ['*'], destination: d ?? ['*'] });
  }
  return out;
}

function portList(m: PortMatch): string[] {
  return m.any ? ['*'] : m.ports.map((p) => formatPortRange(p));
}

/** Singular attribute for one value, plural list otherwise (the provider has both forms). */
function listAttr(singular: string, plural: string, values: string[]): [string, string] {
  return values.length === 1 ? [singular, hclString(values[0]!)] : [plural, `[${values.map(hclString).join(', ')}]`];
}

interface Planned {
  rule: PolicyRule;
  protocol: string;
  family: AddressFamily | 'any';
  source: string[];
  destination: string[];
}

export function renderAzure(policy: Policy, options: AzureOptions = {}): string {
  const served = azureCanServe(policy);
  if (served !== true) throw new RenderError(TARGET, policy.firewall, served);
  const fw = tfLabel(policy.firewall);
  const rg = options.resourceGroupName ?? `var.${fw}_resource_group_name`;
  const location = options.location ?? `var.${fw}_location`;
  const closing = policy.defaultAction === 'drop';

  const planned: Planned[] = [];
  for (const rule of policy.rules) {
    const ported = !rule.sourcePorts.any || !rule.destinationPorts.any;
    const protocols = rule.transport === 'TCP' ? ['Tcp'] : rule.transport === 'UDP' ? ['Udp'] : ported ? ['Tcp', 'Udp'] : ['*'];
    for (const protocol of protocols) {
      for (const split of familySplit(rule)) planned.push({ rule, protocol, ...split });
    }
  }
  let priorities: number[];
  try {
    priorities = allocatePriorities(planned.length, options.priorityStart, options.priorityStep, closing ? DENY_INBOUND - 1 : PRIORITY_MAX);
  } catch (e) {
    throw new RenderError(TARGET, policy.firewall, (e as Error).message);
  }

  const nsg = `azurerm_network_security_group.${fw}`;
  const out: string[] = [
    `# Portolan: Azure network security group for ${policy.kind} firewall "${policy.firewall}".`,
    '# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are',
    '# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.',
    '',
  ];
  if (!options.resourceGroupName) out.push(block(`variable "${fw}_resource_group_name"`, [['type', 'string']]), '');
  if (!options.location) out.push(block(`variable "${fw}_location"`, [['type', 'string']]), '');
  out.push(
    block(`resource "azurerm_network_security_group" "${fw}"`, [
      ['name', hclString(ruleName(`portolan-${policy.firewall}`))],
      ['location', location],
      ['resource_group_name', rg],
    ]),
    '',
  );

  const emit = (label: string, comment: string, attrs: [string, string][]) => {
    out.push(`# ${comment}`, block(`resource "azurerm_network_security_rule" "${label}"`, attrs), '');
  };
  const common = (name: string, priority: number, direction: string): [string, string][] => [
    ['name', hclString(name)],
    ['resource_group_name', rg],
    ['network_security_group_name', `${nsg}.name`],
    ['priority', String(priority)],
    ['direction', hclString(direction)],
  ];
  const usedNames = new Set<string>();
  planned.forEach((p, i) => {
    const suffix = [p.protocol === '*' ? '' : p.protocol.toLowerCase(), p.family === 'any' ? '' : p.family === 'ipv4' ? 'v4' : 'v6'].filter(Boolean).join('-');
    let name = ruleName(`${p.rule.id}${suffix ? `-${suffix}` : ''}`);
    for (let k = 2; usedNames.has(name); k++) name = ruleName(`${p.rule.id}-${suffix}-${k}`);
    usedNames.add(name);
    const description = azureText(`${policy.firewall} ${p.rule.id}: ${p.rule.requirements.join(' ') || p.rule.comment}`, DESCRIPTION_MAX);
    emit(tfLabel(`${fw}_${name}`), `${policy.firewall} ${p.rule.comment.replace(/\s+/g, ' ').trim() || p.rule.id}`, [
      ...common(name, priorities[i]!, p.rule.direction === 'in' ? 'Inbound' : 'Outbound'),
      ['access', hclString('Allow')],
      ['protocol', hclString(p.protocol)],
      listAttr('source_address_prefix', 'source_address_prefixes', p.source),
      listAttr('source_port_range', 'source_port_ranges', portList(p.rule.sourcePorts)),
      listAttr('destination_address_prefix', 'destination_address_prefixes', p.destination),
      listAttr('destination_port_range', 'destination_port_ranges', portList(p.rule.destinationPorts)),
      ['description', hclString(description)],
    ]);
  });
  // Azure's default rules allow all virtual-network traffic (65000) and outbound Internet
  // (65001); a default-drop policy needs explicit deny rules in front of them.
  if (closing) {
    for (const [direction, priority] of [['Inbound', DENY_INBOUND], ['Outbound', DENY_OUTBOUND]] as const) {
      const name = `portolan-deny-all-${direction.toLowerCase()}`;
      emit(tfLabel(`${fw}_${name}`), `default drop (${direction}): overrides Azure's default allow rules`, [
        ...common(name, priority, direction),
        ['access', hclString('Deny')],
        ['protocol', hclString('*')],
        ['source_address_prefix', hclString('*')],
        ['source_port_range', hclString('*')],
        ['destination_address_prefix', hclString('*')],
        ['destination_port_range', hclString('*')],
        ['description', hclString(`${policy.firewall}: default drop`)],
      ]);
    }
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

export const azureRenderer: Renderer = {
  target: TARGET,
  extension: '.tf',
  description: 'Terraform: azurerm_network_security_group with azurerm_network_security_rule, priorities from 100',
  capabilities: AZURE_CAPABILITIES,
  canServe: azureCanServe,
  render: (policy, options) => renderAzure(policy, options as AzureOptions | undefined),
};
