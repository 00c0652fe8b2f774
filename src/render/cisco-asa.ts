// Cisco ASA (9.x) configuration: network and service object-groups, one extended access-list per
// ingress interface (IPv4 and IPv6 in the same unified ACL), bound with `access-group … in`.
import { asciiFold } from '../text/ascii.ts';
import type { Direction } from '../catalog/types.ts';
import { formatHost, parseCidr } from '../net/address.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import type { PortRange } from '../net/port.ts';
import { canServeWith, RenderError, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';
import { citationText } from '../catalog/citation-text.ts';
import { source } from '../catalog/sources.ts';

const TARGET = 'cisco-asa';

export const CISCO_ASA_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  namedGroups: true,
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: true,
};

export interface CiscoAsaOptions extends RenderOptions {
  /** Access-list names per direction; default `<ingress interface>_access_in`. */
  accessLists?: Partial<Record<Direction, string>>;
}

/**
 * Default interfaces (nameif): flows `in` enter on the less trusted side (`outside` of
 * RenderOptions.interfaces), flows `out` on the more trusted side (`inside`). The external
 * firewall sits between the Internet and the perimeter network, the internal one between the
 * perimeter network and the internal network.
 */
const DEFAULT_INTERFACES: Record<string, { outside: string; inside: string }> = {
  external: { outside: 'outside', inside: 'dmz' },
  internal: { outside: 'dmz', inside: 'inside' },
};

/** ASA remarks are at most 100 characters. */
const REMARK_MAX = 100;
/** ASA object names are at most 64 characters. */
const NAME_MAX = 64;

export function ciscoAsaCanServe(policy: Policy): true | string {
  if (policy.kind !== 'perimeter') {
    return `cisco-asa renders perimeter firewalls; ${policy.firewall} is a ${policy.kind} firewall (use windows or nftables for host firewalls)`;
  }
  return canServeWith(policy, CISCO_ASA_CAPABILITIES);
}

export function asaName(text: string): string {
  const n = text.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return (n || 'PORTOLAN').slice(0, NAME_MAX);
}

/** The ASA way of writing one address or network (host / mask for IPv4, prefix for IPv6). */
export function asaAddress(text: string): string {
  const p = parseCidr(text);
  const addr = formatHost(p.family, p.lo);
  if (p.family === 'ipv4') {
    if (p.prefix === 32) return `host ${addr}`;
    const mask = p.prefix === 0 ? 0 : (0xffffffff << (32 - p.prefix)) >>> 0;
    return `${addr} ${[24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.')}`;
  }
  return p.prefix === 128 ? `host ${addr}` : `${addr}/${p.prefix}`;
}

export function asaPort(p: PortRange): string {
  return p.from === p.to ? `eq ${p.from}` : `range ${p.from} ${p.to}`;
}

/** Splits text into remark lines of at most REMARK_MAX characters, at spaces where possible. */
export function remarkLines(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  let rest = clean;
  while (rest.length > REMARK_MAX) {
    let cut = rest.lastIndexOf(' ', REMARK_MAX);
    if (cut <= 0) cut = REMARK_MAX;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

type Proto = 'tcp' | 'udp' | 'ip';

/** Object-groups collected while the ACEs are written, so each group is declared once. */
class Objects {
  readonly network = new Map<string, string[]>(); // name → network-object texts
  readonly serviceLines = new Map<string, string[]>(); // name → port-object texts
  readonly protos = new Map<string, Set<string>>(); // service name → ACE protocols using it
  private readonly byContent = new Map<string, string>();
  private readonly counters = { network: 0, service: 0 };

  constructor(private readonly policy: Policy) {}

  address(m: AddressMatch, family: PolicyRule['family']): string {
    if (m.any) return family === 'ipv4' ? 'any4' : family === 'ipv6' ? 'any6' : 'any';
    if (m.addresses.length === 1 && !m.group) return asaAddress(m.addresses[0]!);
    const name = this.name('network', m.group, m.addresses.join(' '));
    // The rule's own addresses define the group, so an ACE never matches more than its rule.
    this.declare(this.network, name, m.addresses.map(asaAddress));
    return `object-group ${name}`;
  }

  ports(m: PortMatch, proto: Proto): string | undefined {
    if (m.any) return undefined;
    if (m.ports.length === 1 && !m.group) return asaPort(m.ports[0]!);
    const name = this.name('service', m.group, m.ports.map((p) => `${p.from}-${p.to}`).join(' '));
    this.declare(this.serviceLines, name, m.ports.map(asaPort));
    const protos = this.protos.get(name) ?? new Set<string>();
    protos.add(proto);
    this.protos.set(name, protos);
    return `object-group ${name}`;
  }

  private declare(into: Map<string, string[]>, name: string, lines: string[]): void {
    const have = into.get(name);
    if (have && have.join('\n') !== lines.join('\n')) {
      throw new RenderError(TARGET, this.policy.firewall, `group ${name} is used with different members by different rules`);
    }
    into.set(name, lines);
  }

  /** IR group names are kept; ad-hoc lists get a numbered name, shared by identical lists. */
  private name(kind: 'network' | 'service', group: string | undefined, content: string): string {
    if (group) return asaName(group);
    const key = `${kind}|${content}`;
    let n = this.byContent.get(key);
    if (!n) {
      n = `PORTOLAN_${kind === 'network' ? 'NET' : 'SVC'}_${++this.counters[kind]}`;
      this.byContent.set(key, n);
    }
    return n;
  }
}


/** The rule's comment, plus any requirement or cited document it does not already name. */
export function ruleRemark(rule: PolicyRule): string {
  const parts: string[] = rule.comment ? [rule.comment] : [rule.id];
  const reqs = rule.requirements.filter((r) => !rule.comment.includes(r));
  if (reqs.length) parts.push(`requirements ${reqs.join(', ')}`);
  for (const c of rule.citations) {
    if (!rule.comment.includes(source(c.document).title)) parts.push(`cites ${citationText(c)}`);
  }
  return parts.join('; ');
}

/** ASA ports belong to tcp/udp ACEs, so a port-bearing rule for any transport becomes both. */
function protos(rule: PolicyRule): Proto[] {
  if (rule.transport === 'TCP') return ['tcp'];
  if (rule.transport === 'UDP') return ['udp'];
  return rule.sourcePorts.any && rule.destinationPorts.any ? ['ip'] : ['tcp', 'udp'];
}

export function renderCiscoAsa(policy: Policy, options: CiscoAsaOptions = {}): string {
  const served = ciscoAsaCanServe(policy);
  if (served !== true) throw new RenderError(TARGET, policy.firewall, served);
  const defaults = DEFAULT_INTERFACES[policy.firewall] ?? { outside: 'outside', inside: 'inside' };
  const names = { ...defaults, ...options.interfaces };
  const iface = (d: Direction) => asaName(d === 'in' ? names.outside : names.inside);
  const acl = (d: Direction) => asaName(options.accessLists?.[d] ?? `${iface(d)}_access_in`);
  if (iface('in') === iface('out') || acl('in') === acl('out')) {
    throw new RenderError(TARGET, policy.firewall, `directions in and out need different interfaces and access-lists (${iface('in')}/${acl('in')}, ${iface('out')}/${acl('out')})`);
  }

  const objects = new Objects(policy);
  // Both interfaces get an access-list, even without rules: an interface without one would fall
  // back to the ASA's security-level default (higher to lower level allowed).
  const aces = new Map<Direction, string[]>([['in', []], ['out', []]]);
  for (const rule of policy.rules) {
    const name = acl(rule.direction);
    const lines = aces.get(rule.direction)!;
    for (const r of remarkLines(asciiFold(ruleRemark(rule)))) lines.push(`access-list ${name} remark ${r}`);
    for (const proto of protos(rule)) {
      const src = objects.address(rule.source, rule.family);
      const dst = objects.address(rule.destination, rule.family);
      const words = [`access-list ${name} extended permit ${proto}`, src];
      const sp = proto === 'ip' ? undefined : objects.ports(rule.sourcePorts, proto);
      if (sp) words.push(sp);
      words.push(dst);
      const dp = proto === 'ip' ? undefined : objects.ports(rule.destinationPorts, proto);
      if (dp) words.push(dp);
      lines.push(words.join(' '));
    }
  }
  for (const [d, lines] of aces) {
    if (lines.length === 0) {
      lines.push(`access-list ${acl(d)} remark No required flow enters on ${iface(d)}`);
      lines.push(`access-list ${acl(d)} extended deny ip any any`);
    }
  }

  const out: string[] = [
    `! Portolan: Cisco ASA configuration for perimeter firewall "${policy.firewall}".`,
    `! ASA 9.0 or later (IPv4 and IPv6 in one extended access-list). Paste in configuration mode.`,
    `! Interfaces: traffic "in" enters on ${iface('in')}, traffic "out" on ${iface('out')}.`,
    `! Each access-list ends in the ASA's implicit deny; return traffic is allowed by ASA's state table.`,
    '!',
  ];
  for (const [name, addrs] of objects.network) {
    out.push(`object-group network ${name}`);
    for (const a of addrs) out.push(` network-object ${a}`);
  }
  for (const [name, ports] of objects.serviceLines) {
    const protos = objects.protos.get(name)!;
    // A group used by tcp and udp ACEs is declared tcp-udp; the ACE's protocol still applies.
    out.push(`object-group service ${name} ${protos.size > 1 ? 'tcp-udp' : [...protos][0]!}`);
    for (const p of ports) out.push(` port-object ${p}`);
  }
  const clash = [...objects.serviceLines.keys()].find((n) => objects.network.has(n));
  // Network and service object-groups share one namespace on the ASA.
  if (clash) throw new RenderError(TARGET, policy.firewall, `object-group name ${clash} is used for both addresses and ports`);
  if (objects.network.size || objects.serviceLines.size) out.push('!');
  // Static 1:1 NAT (ASA 8.3+ object NAT): access-lists name the real (private) addresses.
  for (const m of policy.nat ?? []) {
    out.push(`object network ${asaName(`nat_${m.name}`)}`, ` host ${m.private}`, ` description ${asciiFold(`${m.name}: ${m.private} <-> ${m.public}`)}`, ` nat (${iface('out')},${iface('in')}) static ${m.public}`);
  }
  if (policy.nat?.length) out.push('!');
  for (const [, lines] of aces) out.push(...lines, '!');
  for (const d of aces.keys()) out.push(`access-group ${acl(d)} in interface ${iface(d)}`);
  return out.join('\n') + '\n';
}

export const ciscoAsaRenderer: Renderer = {
  target: TARGET,
  extension: '.cfg',
  description: 'Cisco ASA 9.x: network/service object-groups, extended access-lists per ingress interface, access-group',
  capabilities: CISCO_ASA_CAPABILITIES,
  canServe: ciscoAsaCanServe,
  render: (policy, options) => renderCiscoAsa(policy, options as CiscoAsaOptions | undefined),
};
