// AWS `aws ec2 describe-security-groups` JSON → one policy per security group and direction.
// Security groups are allow-only and stateful with an implicit deny; each CIDR entry becomes
// one rule so that its Description stays with it.
import { InputError } from '../errors.ts';
import type { Policy } from '../policy/types.ts';
import { type Pos, parseLocatedJson } from './located-json.ts';
import { cidrFamily } from '../net/address.ts';
import { PolicyBuilder, Warnings } from './rules.ts';
import { sgMatch, sgPolicyName, sgPorts, sgTransports, taggedAddresses } from './security-group.ts';
import type { AddressMatch } from '../policy/types.ts';
import type { ConfigParser } from './types.ts';

export const parseAws: ConfigParser = (text, file, options = {}) => {
  const j = parseLocatedJson(text, file);
  const at = (n: unknown): Pos => j.at(n) ?? { line: 1, col: 1 };
  const err = (n: unknown, msg: string) => new InputError(msg, { file, ...at(n) });
  const root = j.value as any;
  const groups: any[] = Array.isArray(root) ? root : Array.isArray(root?.SecurityGroups) ? root.SecurityGroups : root?.GroupId ? [root] : (() => { throw err(root, 'expected describe-security-groups output (a "SecurityGroups" array)'); })();
  const w = new Warnings();
  const policies: Policy[] = [];
  for (const g of groups) {
    if (!g || typeof g !== 'object' || typeof g.GroupId !== 'string') throw err(g, 'security group without a GroupId');
    // The group's own end: the addresses of its `portolan:addresses` tag, else Any.
    const tag = Array.isArray(g.Tags) ? g.Tags.find((t: { Key?: unknown }) => t?.Key === 'portolan:addresses') : undefined;
    let local: AddressMatch | undefined;
    if (tag) {
      local = taggedAddresses(String(tag.Value ?? ''));
      if (!local) { const q = at(tag); w.add(q.line, `${g.GroupId}: tag portolan:addresses is not a list of addresses; the group's own addresses are taken as Any`, q.col); }
    }
    for (const [key, dir] of [['IpPermissions', 'in'], ['IpPermissionsEgress', 'out']] as const) {
      const perms = g[key] ?? [];
      if (!Array.isArray(perms)) throw err(g, `${key} must be an array`);
      const name = sgPolicyName(g.GroupId, g.GroupName, dir);
      const b = new PolicyBuilder(name, options.kind ?? 'host', 'drop', true);
      for (const p of perms) {
        const pos = at(p);
        const proto = String(p?.IpProtocol ?? '');
        const transports = sgTransports(proto);
        if (!p || typeof p !== 'object' || p.IpProtocol === undefined) throw err(p, 'permission without IpProtocol');
        if (!transports) { w.add(pos.line, `protocol ${proto} is not modelled (TCP and UDP only); permission skipped`, pos.col); continue; }
        const ports = sgPorts(transports, p.FromPort, p.ToPort);
        if (!ports) throw err(p, `invalid port range ${p.FromPort}-${p.ToPort ?? p.FromPort}`);
        const entries: { cidr: string; desc?: string; node: unknown }[] = [];
        for (const r of p.IpRanges ?? []) entries.push({ cidr: r.CidrIp, desc: r.Description, node: r });
        for (const r of p.Ipv6Ranges ?? []) entries.push({ cidr: r.CidrIpv6, desc: r.Description, node: r });
        for (const r of p.UserIdGroupPairs ?? []) {
          const q = at(r);
          w.add(q.line, `source/destination security group ${r.GroupId ?? r.GroupName} cannot be resolved to addresses; entry skipped`, q.col);
        }
        for (const r of p.PrefixListIds ?? []) {
          const q = at(r);
          w.add(q.line, `prefix list ${r.PrefixListId} cannot be resolved to addresses; entry skipped`, q.col);
        }
        for (const e of entries) {
          if (typeof e.cidr !== 'string' || !cidrFamily(e.cidr)) throw err(e.node, `invalid CIDR ${JSON.stringify(e.cidr)}`);
          const q = at(e.node);
          const m = local ? sgMatch(e.cidr, dir, transports, ports, local) : sgMatch(e.cidr, dir, transports, ports);
          const text = `${key}: IpProtocol=${proto}${ports.any ? '' : ` FromPort=${p.FromPort} ToPort=${p.ToPort ?? p.FromPort}`} ${e.cidr.includes(':') ? 'CidrIpv6' : 'CidrIp'}=${e.cidr}`;
          b.add(m, 'accept', dir, { file, line: q.line, text }, e.desc ?? '');
        }
      }
      policies.push(b.policy);
    }
  }
  w.list.sort((a, b) => a.line - b.line);
  return { policies, warnings: w.list };
};
