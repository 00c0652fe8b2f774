// Policy IR → iptables-restore input (IPv4) or ip6tables-restore input (IPv6). iptables keeps
// the families in separate tables, so one policy gives two documents: `family` picks one, and
// renderIptablesPair returns both. Family-`any` rules go into both documents.
import type { AddressFamily } from '../net/family.ts';
import { cidrFamily } from '../net/address.ts';
import type { Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import { canServeWith, plainComment, RenderError, unsupported, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';
import { formatPortRange, type PortRange } from '../net/port.ts';

const TARGET = 'iptables';

export const IPTABLES_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter', 'host', 'load-balancer', 'client'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  // Address and port lists are written inline (ipset would be needed for named groups).
  namedGroups: false,
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: true,
};

/** The multiport match takes at most 15 ports, a range counting as two. */
const MULTIPORT_MAX = 15;
const COMMENT_MAX = 250;
const IFNAME = /^[A-Za-z0-9_.:@-]{1,15}\+?$/;

const portText = (r: PortRange) => formatPortRange(r, ':');

/** Port lists cut into pieces multiport accepts; [] stands for Any. */
function portChunks(m: PortMatch): string[][] {
  if (m.any) return [[]];
  const chunks: string[][] = [];
  let cur: string[] = [];
  let weight = 0;
  for (const r of m.ports) {
    const w = r.from === r.to ? 1 : 2;
    if (weight + w > MULTIPORT_MAX) {
      chunks.push(cur);
      cur = [];
      weight = 0;
    }
    cur.push(portText(r));
    weight += w;
  }
  chunks.push(cur);
  return chunks;
}

function portArgs(proto: string, side: 'sport' | 'dport', ports: string[]): string[] {
  if (ports.length === 0) return [];
  if (ports.length === 1) return [`--${side} ${ports[0]}`];
  return [`-m multiport --${side}s ${ports.join(',')}`];
}

/** Addresses of one family for a rule side, or null for Any. */
function addrs(m: PolicyRule['source'], family: AddressFamily): string[] | null {
  if (m.any) return null;
  return m.addresses.filter((a) => cidrFamily(a) === family);
}

/**
 * iptables-restore refuses a word of 1,024 characters or more ("Parameter too long!": its
 * parameter buffer is 1,024 bytes with the terminating NUL), so a long address list is written
 * as several rules, each list under the limit. [null] stands for Any.
 */
export const PARAM_MAX = 1023;
export function addressChunks(list: string[] | null): (string | null)[] {
  if (!list) return [null];
  const out: string[] = [];
  let cur = '';
  for (const a of list) {
    if (cur && cur.length + 1 + a.length > PARAM_MAX) { out.push(cur); cur = ''; }
    cur = cur ? `${cur},${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}

function ruleLines(policy: Policy, r: PolicyRule, family: AddressFamily, chain: string, iface: string[]): string[] {
  const src = addrs(r.source, family);
  const dst = addrs(r.destination, family);
  // A family-any rule whose addresses are all of the other family has nothing for this document.
  if ((src && src.length === 0) || (dst && dst.length === 0)) return [];
  const protos = r.transport === 'any' ? ['tcp', 'udp'] : [r.transport.toLowerCase()];
  const comment = plainComment(r.comment, COMMENT_MAX);
  const lines: string[] = [];
  for (const proto of protos)
    for (const s of addressChunks(src))
    for (const d of addressChunks(dst))
    for (const sp of portChunks(r.sourcePorts))
      for (const dp of portChunks(r.destinationPorts)) {
        const parts = [
          `-A ${chain}`,
          ...iface,
          // iptables-restore expands comma-separated address lists into one rule per address.
          ...(s ? [`-s ${s}`] : []),
          ...(d ? [`-d ${d}`] : []),
          `-p ${proto}`,
          ...portArgs(proto, 'sport', sp),
          ...portArgs(proto, 'dport', dp),
          ...(r.translated ? ['-m conntrack --ctstate DNAT'] : []),
          `-m comment --comment "${comment}"`,
          '-j ACCEPT',
        ];
        lines.push(parts.join(' '));
      }
  return lines;
}

function ifaceArgs(fw: string, r: PolicyRule, options: RenderOptions): string[] {
  const { outside, inside } = options.interfaces ?? {};
  for (const n of [outside, inside]) if (n !== undefined && !IFNAME.test(n)) throw new RenderError(TARGET, fw, `interface name ${JSON.stringify(n)} is not valid`);
  const [from, to] = r.direction === 'in' ? [outside, inside] : [inside, outside];
  return [...(from ? [`-i ${from}`] : []), ...(to ? [`-o ${to}`] : [])];
}

function renderFamily(policy: Policy, family: AddressFamily, options: RenderOptions): string {
  const why = unsupported(policy, IPTABLES_CAPABILITIES);
  if (why) throw new RenderError(TARGET, policy.firewall, why);
  const mine = policy.rules.filter((r) => r.family === family || r.family === 'any');
  const others = policy.rules.length - mine.length;
  const stateful = ['-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-m conntrack --ctstate INVALID -j DROP'];
  const body: string[] = [];
  let policies: Record<'INPUT' | 'FORWARD' | 'OUTPUT', 'ACCEPT' | 'DROP'>;
  if (policy.kind === 'perimeter') {
    // Only traffic through the firewall is governed; its own traffic is left to the operator.
    policies = { INPUT: 'ACCEPT', FORWARD: 'DROP', OUTPUT: 'ACCEPT' };
    body.push(...stateful.map((s) => `-A FORWARD ${s}`));
    body.push(...mine.flatMap((r) => ruleLines(policy, r, family, 'FORWARD', ifaceArgs(policy.firewall, r, options))));
  } else {
    // Host firewalls: `in` rules are connections to this host, `out` rules connections it opens.
    const outs = mine.filter((r) => r.direction === 'out');
    const filterOut = policy.rules.some((r) => r.direction === 'out');
    policies = { INPUT: 'DROP', FORWARD: 'DROP', OUTPUT: filterOut ? 'DROP' : 'ACCEPT' };
    body.push('-A INPUT -i lo -j ACCEPT', ...stateful.map((s) => `-A INPUT ${s}`));
    body.push(...mine.filter((r) => r.direction === 'in').flatMap((r) => ruleLines(policy, r, family, 'INPUT', [])));
    if (filterOut) {
      body.push('-A OUTPUT -o lo -j ACCEPT', ...stateful.map((s) => `-A OUTPUT ${s}`));
      body.push(...outs.flatMap((r) => ruleLines(policy, r, family, 'OUTPUT', [])));
    }
  }
  const tool = family === 'ipv4' ? 'iptables-restore' : 'ip6tables-restore';
  return [
    ...natTable(policy, family, options),
    `# Portolan: firewall ${policy.firewall} (${policy.kind}), ${family === 'ipv4' ? 'IPv4' : 'IPv6'} rules; load with \`${tool} FILE\`.`,
    ...(others ? [`# ${others} rule(s) of this policy are ${family === 'ipv4' ? 'IPv6' : 'IPv4'} only: they are in the ${family === 'ipv4' ? 'ip6tables (family ipv6)' : 'iptables (family ipv4)'} document.`] : []),
    '*filter',
    `:INPUT ${policies.INPUT} [0:0]`,
    `:FORWARD ${policies.FORWARD} [0:0]`,
    `:OUTPUT ${policies.OUTPUT} [0:0]`,
    ...body,
    'COMMIT',
    '',
  ].join('\n');
}

/**
 * Static 1:1 NAT in the nat table: DNAT before filtering (the FORWARD rules see the private
 * address), SNAT after; the client's source address is never changed inbound.
 */
function natTable(policy: Policy, family: AddressFamily, options: RenderOptions): string[] {
  const mine = (policy.nat ?? []).filter((m) => cidrFamily(m.private) === family);
  if (mine.length === 0) return [];
  const outside = options.interfaces?.outside;
  if (outside !== undefined && !IFNAME.test(outside)) throw new RenderError(TARGET, policy.firewall, `interface name ${JSON.stringify(outside)} is not valid`);
  const host = family === 'ipv4' ? 32 : 128;
  const bracket = (a: string) => (family === 'ipv6' ? `[${a}]` : a);
  const lines: string[] = ['*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'];
  for (const m of mine) {
    const c = plainComment(`${m.name} ${m.private} <-> ${m.public}`, COMMENT_MAX);
    lines.push(`-A PREROUTING${outside ? ` -i ${outside}` : ''} -d ${m.public}/${host} -m comment --comment "${c}" -j DNAT --to-destination ${bracket(m.private)}`);
    lines.push(`-A POSTROUTING${outside ? ` -o ${outside}` : ''} -s ${m.private}/${host} -m comment --comment "${c}" -j SNAT --to-source ${bracket(m.public)}`);
  }
  return [...lines, 'COMMIT'];
}

/** Both documents of a policy: IPv4 for iptables-restore, IPv6 for ip6tables-restore. */
export function renderIptablesPair(policy: Policy, options: RenderOptions = {}): { ipv4: string; ipv6: string } {
  return { ipv4: renderFamily(policy, 'ipv4', options), ipv6: renderFamily(policy, 'ipv6', options) };
}

export const iptablesRenderer: Renderer = {
  target: 'iptables',
  extension: '.rules.v4',
  description: 'iptables-restore document (IPv4; option family: ipv6 for the ip6tables-restore document)',
  capabilities: IPTABLES_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, IPTABLES_CAPABILITIES),
  render: (policy, options = {}) => renderFamily(policy, options.family ?? 'ipv4', options),
  // Written to files, a policy is both documents: what iptables-restore and ip6tables-restore load.
  renderFiles: (policy, options = {}) => [
    { extension: '.rules.v4', content: renderFamily(policy, 'ipv4', options) },
    { extension: '.rules.v6', content: renderFamily(policy, 'ipv6', options) },
  ],
};

/** The IPv6 half as its own target, so `-o DIR` can write both files. */
export const ip6tablesRenderer: Renderer = {
  target: 'ip6tables',
  extension: '.rules.v6',
  description: 'ip6tables-restore document (IPv6 rules of the policy)',
  capabilities: IPTABLES_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, IPTABLES_CAPABILITIES),
  render: (policy, options = {}) => renderFamily(policy, 'ipv6', options),
};
