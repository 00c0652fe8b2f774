// AWS security groups as Terraform: one `aws_security_group` per address set the policy names
// (a role's servers, an edge service address), with one `aws_vpc_security_group_ingress_rule`
// on the receiving end and `_egress_rule` on the sending end per remote CIDR, port range and protocol.
import type { AddressFamily } from '../net/family.ts';
import { canonicalAddress, parseCidr } from '../net/address.ts';
import type { AddressMatch, Policy, PolicyRule } from '../policy/types.ts';
import { type PortRange, formatPortRange } from '../net/port.ts';
import { block, hclString, tfLabel } from '../hcl/write.ts';
import { RenderError, unsupported, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';

const TARGET = 'aws';

export const AWS_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter', 'host'],
  sourcePorts: false, // refused at render time unless ignoreSourcePorts widens explicitly
  portRanges: true,
  ipv6: true,
  namedGroups: false, // one security group per protected address set, rules per CIDR
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: false,
};

export interface AwsOptions extends RenderOptions {
  /**
   * Security groups cannot match source ports. By default a rule with a source port is refused;
   * `true` drops the source port (a documented widening, written into every affected description).
   */
  ignoreSourcePorts?: boolean;
  /** Terraform expression of the VPC id; default a variable `<firewall>_vpc_id` declared here. */
  vpcId?: string;
}

const DESCRIPTION_MAX = 255;

/**
 * Source ports are checked in render, not here: the ignoreSourcePorts option can lift that
 * refusal, and canServe sees no options.
 */
export function awsCanServe(policy: Policy): true | string {
  const why = unsupported(policy, { ...AWS_CAPABILITIES, sourcePorts: true });
  if (why) return why;
  // A security group acts where it is attached, so at least one end must be concrete addresses.
  const open = policy.rules.find((r) => r.source.any && r.destination.any);
  if (open) return `rule ${open.id} is Any to Any, and a security group needs the addresses of one end to attach to`;
  return true;
}

/** AWS accepts only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* in descriptions. */
export function awsText(text: string, max = DESCRIPTION_MAX): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
  return s.length <= max ? s : `${s.slice(0, max - 3).trimEnd()}...`;
}

function cidr(address: string): string {
  const p = parseCidr(address);
  const c = canonicalAddress(address);
  return c.includes('/') ? c : `${c}/${p.family === 'ipv4' ? 32 : 128}`;
}

const ANY_CIDR: Record<AddressFamily, string> = { ipv4: '0.0.0.0/0', ipv6: '::/0' };

/**
 * Remote CIDRs of one half of a rule, in the families the security group's own addresses use
 * (traffic never mixes families); Any becomes the whole of each such family.
 */
function remoteCidrs(rule: PolicyRule, remote: AddressMatch, local: string[]): { family: AddressFamily; cidr: string }[] {
  const fams = new Set<AddressFamily>(local.map((a) => parseCidr(a).family));
  if (rule.family !== 'any') for (const f of [...fams]) if (f !== rule.family) fams.delete(f);
  if (!remote.any) {
    return remote.addresses.map((a) => ({ family: parseCidr(a).family, cidr: cidr(a) })).filter((x) => fams.has(x.family));
  }
  return (['ipv4', 'ipv6'] as AddressFamily[]).filter((f) => fams.has(f)).map((f) => ({ family: f, cidr: ANY_CIDR[f] }));
}

interface Group {
  label: string;
  addresses: string[];
  lines: string[];
  count: { ingress: number; egress: number };
}

/** AWS's default quota of rules per security group and direction (adjustable per account). */
const RULES_PER_GROUP = 60;

export function renderAws(policy: Policy, options: AwsOptions = {}): string {
  const served = awsCanServe(policy);
  if (served !== true) throw new RenderError(TARGET, policy.firewall, served);
  const fw = tfLabel(policy.firewall);
  const vpc = options.vpcId ?? `var.${fw}_vpc_id`;

  const groups = new Map<string, Group>(); // key: protected addresses
  const usedLabels = new Set<string>();
  const groupFor = (m: AddressMatch & { any: false }): Group => {
    const addresses = m.addresses.map(cidr);
    const key = addresses.join(' ');
    let g = groups.get(key);
    if (!g) {
      let label = tfLabel(`${fw}_${m.group ?? addresses.join('_')}`);
      for (let i = 2; usedLabels.has(label); i++) label = `${tfLabel(`${fw}_${m.group ?? addresses.join('_')}`)}_${i}`;
      usedLabels.add(label);
      g = { label, addresses, lines: [], count: { ingress: 0, egress: 0 } };
      groups.set(key, g);
    }
    return g;
  };

  for (const rule of policy.rules) {
    const widened: string[] = [];
    if (!rule.sourcePorts.any) {
      if (!options.ignoreSourcePorts) {
        throw new RenderError(
          TARGET,
          policy.firewall,
          `rule ${rule.id} matches source port ${rule.sourcePorts.ports.map((p) => formatPortRange(p)).join(',')}, which security groups cannot match (the ignoreSourcePorts option drops it, widening the rule)`,
        );
      }
      widened.push(`source port ${rule.sourcePorts.ports.map((p) => formatPortRange(p)).join(',')} not enforced`);
    }
    const description = awsText([`${policy.firewall} ${rule.id} ${rule.direction}`, rule.requirements.join(' '), ...widened].filter(Boolean).join(' - '));
    const protos: string[] =
      rule.transport !== 'any' ? [rule.transport.toLowerCase()] : rule.destinationPorts.any ? ['-1'] : ['tcp', 'udp'];
    const ports: (PortRange | null)[] = rule.destinationPorts.any ? [null] : rule.destinationPorts.ports;
    // Traffic between two instances passes the sender's egress and the receiver's ingress rules,
    // so each concrete end gets its half; an Any end is outside and has no security group.
    const halves: { kind: 'ingress' | 'egress'; local: AddressMatch; remote: AddressMatch }[] = [
      { kind: 'ingress', local: rule.destination, remote: rule.source },
      { kind: 'egress', local: rule.source, remote: rule.destination },
    ];
    for (const { kind, local, remote } of halves) {
      if (local.any) continue;
      const g = groupFor(local);
      let n = 0;
      g.lines.push(`# ${policy.firewall} ${rule.id} (${kind}): ${oneLine(rule.comment)}`);
      for (const proto of protos) {
        for (const { family, cidr: c } of remoteCidrs(rule, remote, g.addresses)) {
          for (const p of ports) {
            n++;
            const attrs: [string, string][] = [
              ['security_group_id', `aws_security_group.${g.label}.id`],
              ['description', hclString(description)],
              ['ip_protocol', hclString(proto)],
              [family === 'ipv4' ? 'cidr_ipv4' : 'cidr_ipv6', hclString(c)],
            ];
            if (proto !== '-1') attrs.push(['from_port', String(p ? p.from : 0)], ['to_port', String(p ? p.to : 65535)]);
            g.count[kind]++;
            g.lines.push(block(`resource "aws_vpc_security_group_${kind}_rule" "${g.label}_${tfLabel(rule.id)}_${kind}_${n}"`, attrs), '');
          }
        }
      }
    }
  }

  const out: string[] = [
    `# Portolan: AWS security groups for ${policy.kind} firewall "${oneLine(policy.firewall)}".`,
    '# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).',
    '# Attach each security group to the network interfaces that hold exactly its addresses (tag',
    '# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the',
    '# default allow-all egress rule of the groups it creates.',
    '',
  ];
  if (!options.vpcId) {
    out.push(block(`variable "${fw}_vpc_id"`, [['type', 'string'], ['description', hclString(`VPC of the hosts behind firewall ${policy.firewall}`)]]), '');
  }
  for (const g of groups.values()) {
    for (const kind of ['ingress', 'egress'] as const) {
      if (g.count[kind] > RULES_PER_GROUP) {
        out.push(`# NOTE: ${g.label} has ${g.count[kind]} ${kind} rules; the default AWS quota is ${RULES_PER_GROUP} per direction.`);
      }
    }
    out.push(
      block(`resource "aws_security_group" "${g.label}"`, [
        ['name', hclString(awsText(`portolan-${g.label}`))],
        ['description', hclString(awsText(`Portolan ${policy.firewall}: ${g.addresses.join(' ')}`))],
        ['vpc_id', vpc],
        ['tags', `{\n    Name                 = ${hclString(`portolan-${g.label}`)}\n    "portolan:addresses" = ${hclString(g.addresses.join(' '))}\n  }`],
      ]),
      '',
      ...g.lines,
    );
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}


function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export const awsRenderer: Renderer = {
  target: TARGET,
  extension: '.tf',
  description: 'Terraform: aws_security_group per address set with aws_vpc_security_group_ingress/egress_rule',
  capabilities: AWS_CAPABILITIES,
  canServe: awsCanServe,
  render: (policy, options) => renderAws(policy, options as AwsOptions | undefined),
};
