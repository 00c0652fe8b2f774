// Fortinet FortiGate (FortiOS 7.x CLI): firewall address/address6 objects and groups, custom
// services (tcp-portrange/udp-portrange with source ports), and firewall policies from one
// interface (or zone) to another, IPv4 and IPv6 in the same policy as FortiOS 7 writes them.
// Paste into the CLI; policies are appended in order, anything else meets the implicit deny.
import type { AddressFamily } from '../net/family.ts';
import type { PortRange } from '../net/port.ts';
import type { Policy } from '../policy/types.ts';
import { ruleRemark } from './cisco-asa.ts';
import { buildZoneObjects, type ZoneObjects, ZONE_FIREWALL_CAPABILITIES } from './zone-objects.ts';
import { canServeWith, plainComment, RenderError, type Renderer, type RenderOptions } from './types.ts';

const TARGET = 'fortigate';

/** FortiOS object names: at most 63 characters (policy names 35); quotes are not allowed. */
export const FORTIGATE_NAMING = { max: 63, clean: (t: string) => t.replace(/["\\]/g, '').replace(/\s+/g, '-') };
/** Policy comments are at most 1023 characters. */
const COMMENT_MAX = 1023;
const POLICY_NAME_MAX = 35;

/** FortiOS port ranges run from 1: its own ALL_TCP/ALL_UDP services use 1-65535 for every port. */
const portText = (p: PortRange) => {
  const from = Math.max(p.from, 1);
  return from === p.to ? `${from}` : `${from}-${p.to}`;
};

const q = (s: string) => `"${s}"`;

/** Members of a rule side split by family; groups of mixed family become one group per family. */
function sides(o: ZoneObjects, list: string[] | 'any'): Record<AddressFamily, string[]> | 'any' {
  if (list === 'any') return 'any';
  const family = new Map(o.addresses.map((a) => [a.name, a.family]));
  const out: Record<AddressFamily, string[]> = { ipv4: [], ipv6: [] };
  for (const name of list) {
    const g = o.addressGroups.find((x) => x.name === name);
    if (!g) { out[family.get(name)!].push(name); continue; }
    const fams = new Set(g.members.map((m) => family.get(m)!));
    for (const f of fams) out[f].push(fams.size > 1 && f === 'ipv6' ? `${name}-v6` : name);
  }
  return out;
}

export function renderFortigate(policy: Policy, options: RenderOptions = {}): string {
  const why = canServeWith(policy, ZONE_FIREWALL_CAPABILITIES);
  if (why !== true) throw new RenderError(TARGET, policy.firewall, why);
  const o = buildZoneObjects(policy, FORTIGATE_NAMING, TARGET, options.interfaces, (r) => plainComment(ruleRemark(r), COMMENT_MAX));
  const family = new Map(o.addresses.map((a) => [a.name, a.family]));
  const out: string[] = [
    `# Portolan: FortiGate (FortiOS 7.x) configuration for perimeter firewall "${policy.firewall}": ${o.rules.length} policies.`,
    `# Interfaces: traffic "in" goes from ${o.zones.in.from} to ${o.zones.in.to}, traffic "out" from ${o.zones.out.from} to ${o.zones.out.to}.`,
    '# Paste into the CLI. Sessions allow return traffic; anything else meets the implicit deny policy.',
  ];
  const block = (path: string, entries: string[][]) => {
    if (!entries.length) return;
    out.push(`config ${path}`);
    for (const e of entries) out.push(`    edit ${e[0]}`, ...e.slice(1).map((l) => `        ${l}`), '    next');
    out.push('end');
  };
  const cidrMask = (prefix: string) => {
    const [ip, len] = prefix.split('/');
    const n = Number(len);
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    return `${ip} ${[24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.')}`;
  };
  block('firewall address', o.addresses.filter((a) => a.family === 'ipv4').map((a) => [q(a.name), `set subnet ${cidrMask(a.prefix)}`]));
  block('firewall address6', o.addresses.filter((a) => a.family === 'ipv6').map((a) => [q(a.name), `set ip6 ${a.prefix}`]));
  const groups = (f: AddressFamily) => o.addressGroups.flatMap((g) => {
    const ms = g.members.filter((m) => family.get(m) === f);
    if (!ms.length) return [];
    const mixed = ms.length !== g.members.length;
    return [[q(mixed && f === 'ipv6' ? `${g.name}-v6` : g.name), `set member ${ms.map(q).join(' ')}`]];
  });
  block('firewall addrgrp', groups('ipv4'));
  block('firewall addrgrp6', groups('ipv6'));
  block('firewall service custom', o.services.map((s) => {
    const src = s.sourcePorts ?? [undefined];
    const ranges = s.ports.flatMap((d) => src.map((sp) => `${portText(d)}${sp ? `:${portText(sp)}` : ''}`));
    return [q(s.name), `set ${s.transport.toLowerCase()}-portrange ${ranges.join(' ')}`];
  }));
  const names = (l: string[]) => l.map(q).join(' ');
  block('firewall policy', o.rules.map((r, i) => {
    if (r.name.length > POLICY_NAME_MAX) throw new RenderError(TARGET, policy.firewall, `policy name ${r.name} is longer than ${POLICY_NAME_MAX} characters`);
    const src = sides(o, r.source), dst = sides(o, r.destination);
    const lines = [`${i + 1}`, `set name ${q(r.name)}`, `set srcintf ${q(r.from)}`, `set dstintf ${q(r.to)}`];
    // Each family that the rule's addresses allow: Any on one side follows the other side's family.
    for (const f of ['ipv4', 'ipv6'] as const) {
      const s = src === 'any' ? undefined : src[f], d = dst === 'any' ? undefined : dst[f];
      if ((src !== 'any' && !s!.length) || (dst !== 'any' && !d!.length)) continue;
      const v = f === 'ipv4' ? '' : '6';
      lines.push(`set srcaddr${v} ${s ? names(s) : q('all')}`, `set dstaddr${v} ${d ? names(d) : q('all')}`);
    }
    lines.push('set action accept', 'set schedule "always"', `set service ${r.services === 'any' ? q('ALL') : names(r.services)}`, `set comments ${q(r.description)}`);
    return lines;
  }));
  return out.join('\n') + '\n';
}

export const fortigateRenderer: Renderer = {
  target: TARGET,
  extension: '.conf',
  description: 'Fortinet FortiGate (FortiOS 7.x CLI): addresses, custom services, firewall policies between interfaces',
  capabilities: ZONE_FIREWALL_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, ZONE_FIREWALL_CAPABILITIES),
  render: renderFortigate,
};
