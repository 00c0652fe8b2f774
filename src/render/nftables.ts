// Policy IR → an nftables script: one `table inet portolan_<firewall>` with named sets, a
// forward chain (perimeter) or input/output chains (hosts), policy drop, conntrack, counters.
import type { AddressFamily } from '../net/family.ts';
import { cidrFamily, parseCidr } from '../net/address.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import { type PortRange, formatPortRange } from '../net/port.ts';
import { canServeWith, plainComment, RenderError, unsupported, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';

const TARGET = 'nftables';

export const NFTABLES_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter', 'host', 'load-balancer', 'client'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  namedGroups: true,
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: true,
};

/** nft refuses longer rule comments. */
const NFT_COMMENT_MAX = 120;
const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Interface names as nft takes them (a trailing `*` is a wildcard); IFNAMSIZ is 16. */
const IFNAME = /^[A-Za-z0-9_.:@-]{1,15}\*?$/;

export function nftTableName(firewall: string): string {
  return `portolan_${firewall.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

const isInterval = (a: string) => parseCidr(a).prefix !== (cidrFamily(a) === 'ipv4' ? 32 : 128);
const list = (items: string[]) => (items.length === 1 ? items[0]! : `{ ${items.join(', ')} }`);

function groupFamily(fw: string, name: string, addresses: string[]): AddressFamily {
  const fams = [...new Set(addresses.map(cidrFamily))];
  if (fams.length !== 1) throw new RenderError(TARGET, fw, `address group ${name} mixes IPv4 and IPv6`);
  return fams[0]!;
}

function renderSets(policy: Policy): string[] {
  const out: string[] = [];
  const used = new Set(policy.rules.flatMap((r) => [r.source, r.destination, r.sourcePorts, r.destinationPorts].flatMap((m) => (!m.any && m.group ? [m.group] : []))));
  for (const g of policy.addressGroups) {
    if (!used.has(g.name)) continue;
    if (!IDENT.test(g.name)) throw new RenderError(TARGET, policy.firewall, `group name ${g.name} is not an nft identifier`);
    const fam = groupFamily(policy.firewall, g.name, g.addresses);
    out.push(`\tset ${g.name} {`, `\t\ttype ${fam === 'ipv4' ? 'ipv4_addr' : 'ipv6_addr'}`);
    if (g.addresses.some(isInterval)) out.push('\t\tflags interval');
    out.push(`\t\telements = { ${g.addresses.join(', ')} }`, '\t}');
  }
  for (const g of policy.portGroups) {
    if (!used.has(g.name)) continue;
    if (!IDENT.test(g.name)) throw new RenderError(TARGET, policy.firewall, `group name ${g.name} is not an nft identifier`);
    out.push(`\tset ${g.name} {`, '\t\ttype inet_service');
    if (g.ports.some((p) => p.from !== p.to)) out.push('\t\tflags interval');
    out.push(`\t\telements = { ${g.ports.map((r) => formatPortRange(r)).join(', ')} }`, '\t}');
  }
  return out;
}

function addrExpr(fw: string, r: PolicyRule, m: AddressMatch, side: 'saddr' | 'daddr'): string[] {
  if (m.any) return [];
  const fam = r.family === 'any' ? groupFamily(fw, r.id, m.addresses) : r.family;
  const proto = fam === 'ipv4' ? 'ip' : 'ip6';
  return [`${proto} ${side} ${m.group ? `@${m.group}` : list(m.addresses)}`];
}

function portExpr(proto: string, m: PortMatch, side: 'sport' | 'dport'): string[] {
  if (m.any) return [];
  return [`${proto} ${side} ${m.group ? `@${m.group}` : list(m.ports.map((r) => formatPortRange(r)))}`];
}

function ruleLine(policy: Policy, r: PolicyRule, iface: string[]): string[] {
  const expr: string[] = [...iface];
  if (r.family !== 'any' && r.source.any && r.destination.any) expr.push(`meta nfproto ${r.family}`);
  expr.push(...addrExpr(policy.firewall, r, r.source, 'saddr'), ...addrExpr(policy.firewall, r, r.destination, 'daddr'));
  // `tcp dport` implies the protocol; without ports the protocol is matched on its own.
  const proto = r.transport === 'any' ? 'th' : r.transport.toLowerCase();
  if (r.transport === 'any') expr.push('meta l4proto { tcp, udp }');
  const ports = [...portExpr(proto, r.sourcePorts, 'sport'), ...portExpr(proto, r.destinationPorts, 'dport')];
  if (ports.length === 0 && r.transport !== 'any') expr.push(`meta l4proto ${proto}`);
  expr.push(...ports);
  if (r.translated) expr.push('ct status dnat');
  const short = plainComment(`${r.id} ${r.comment.replace(/^[^:]*:\s*/, '').split(';')[0]}`, NFT_COMMENT_MAX);
  return [`\t\t# ${plainComment(r.comment, 4000)}`, `\t\t${expr.join(' ')} counter accept comment "${short}"`];
}

function ifaceMatch(fw: string, r: PolicyRule, options: RenderOptions): string[] {
  const { outside, inside } = options.interfaces ?? {};
  for (const n of [outside, inside]) if (n !== undefined && !IFNAME.test(n)) throw new RenderError(TARGET, fw, `interface name ${JSON.stringify(n)} is not valid`);
  const [from, to] = r.direction === 'in' ? [outside, inside] : [inside, outside];
  return [...(from ? [`iifname "${from}"`] : []), ...(to ? [`oifname "${to}"`] : [])];
}

function chain(name: 'forward' | 'input' | 'output', lines: string[], extra: string[]): string[] {
  return [
    `\tchain ${name} {`,
    `\t\ttype filter hook ${name} priority filter; policy drop;`,
    '\t\t# return traffic of accepted connections',
    '\t\tct state established,related counter accept',
    '\t\tct state invalid counter drop',
    ...extra,
    ...lines,
    '\t}',
  ];
}

/**
 * Static 1:1 NAT: inbound to the public address is DNAT'd to the private one before filtering,
 * outbound from the private address SNAT'd after; the client's source address is never changed.
 * With interface names, only traffic crossing the outside interface is translated.
 */
function natChains(policy: Policy, options: RenderOptions): string[] {
  if (!policy.nat?.length) return [];
  const outside = options.interfaces?.outside;
  if (outside !== undefined && !IFNAME.test(outside)) throw new RenderError(TARGET, policy.firewall, `interface name ${JSON.stringify(outside)} is not valid`);
  const pre: string[] = [], post: string[] = [];
  for (const m of policy.nat) {
    const proto = cidrFamily(m.private) === 'ipv4' ? 'ip' : 'ip6';
    const c = plainComment(`${m.name} ${m.private} <-> ${m.public}`, NFT_COMMENT_MAX);
    pre.push(`		${outside ? `iifname "${outside}" ` : ''}${proto} daddr ${m.public} dnat ${proto} to ${m.private} comment "${c}"`);
    post.push(`		${outside ? `oifname "${outside}" ` : ''}${proto} saddr ${m.private} snat ${proto} to ${m.public} comment "${c}"`);
  }
  return [
    '	# static 1:1 NAT of the edge services: public -> private inbound (client source kept), private -> public outbound',
    '	chain nat_prerouting {',
    '		type nat hook prerouting priority dstnat; policy accept;',
    ...pre,
    '	}',
    '',
    '	chain nat_postrouting {',
    '		type nat hook postrouting priority srcnat; policy accept;',
    ...post,
    '	}',
    '',
  ];
}

function render(policy: Policy, options: RenderOptions = {}): string {
  const why = unsupported(policy, NFTABLES_CAPABILITIES);
  if (why) throw new RenderError(TARGET, policy.firewall, why);
  const table = nftTableName(policy.firewall);
  const chains: string[] = [];
  if (policy.kind === 'perimeter') {
    chains.push(...chain('forward', policy.rules.flatMap((r) => ruleLine(policy, r, ifaceMatch(policy.firewall, r, options))), []));
  } else {
    // Host firewalls: `in` rules are connections to this host, `out` rules connections it opens.
    const ins = policy.rules.filter((r) => r.direction === 'in');
    const outs = policy.rules.filter((r) => r.direction === 'out');
    chains.push(...chain('input', ins.flatMap((r) => ruleLine(policy, r, [])), ['\t\t# the host talking to itself', '\t\tiif "lo" accept']));
    if (outs.length) chains.push('', ...chain('output', outs.flatMap((r) => ruleLine(policy, r, [])), ['\t\toif "lo" accept']));
  }
  const sets = renderSets(policy);
  return [
    '#!/usr/sbin/nft -f',
    `# Portolan: firewall ${policy.firewall} (${policy.kind}), ${policy.rules.length} accept rules, default drop${policy.nat?.length ? `, ${policy.nat.length} static NAT mappings (filter rules name the private addresses)` : ''}.`,
    `# Load with \`nft -f FILE\`: the table is replaced as a whole, other tables are untouched.`,
    `table inet ${table}`,
    `delete table inet ${table}`,
    '',
    `table inet ${table} {`,
    ...sets,
    ...(sets.length ? [''] : []),
    ...natChains(policy, options),
    ...chains,
    '}',
    '',
  ].join('\n');
}

export const nftablesRenderer: Renderer = {
  target: TARGET,
  extension: '.nft',
  description: 'nftables script: table inet, named sets, forward/input chains, policy drop, counters',
  capabilities: NFTABLES_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, NFTABLES_CAPABILITIES),
  render,
};
