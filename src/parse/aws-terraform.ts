// Terraform for AWS security groups → one policy per security group and direction, like the
// describe-security-groups reader: `aws_security_group` (and `aws_default_security_group`) with
// inline `ingress`/`egress` blocks, `aws_vpc_security_group_ingress_rule`/`_egress_rule`, and
// the older `aws_security_group_rule`. Each CIDR becomes one rule; what cannot be resolved to
// addresses here (other security groups, prefix lists, variables and other expressions) is
// reported as a located warning. A group tagged `portolan:addresses` (as `render --target aws`
// writes) has its own end set to those addresses; otherwise it is Any, as a group applies
// wherever it is attached.
import { InputError } from '../errors.ts';
import type { AddressMatch, Policy } from '../policy/types.ts';
import { blockFields, type HclExpr, type HclFields, type HclPos, literalString, objectFields, parseHcl, resources } from '../hcl/read.ts';
import { ANY_ADDR } from '../policy/match.ts';
import { cidrFamily } from '../net/address.ts';
import { PolicyBuilder, Warnings } from './rules.ts';
import { type SgDirection, sgMatch, sgPolicyName, sgPorts, sgTransports, taggedAddresses } from './security-group.ts';
import type { ConfigParser } from './types.ts';

const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];
const VPC_RULES: Record<string, SgDirection> = { aws_vpc_security_group_ingress_rule: 'in', aws_vpc_security_group_egress_rule: 'out' };

interface Group {
  key: string;
  name?: string;
  local: AddressMatch;
}

interface Entry {
  group: string;
  dir: SgDirection;
  fields: HclFields;
  /** The resource address (and inline block) for reports. */
  where: string;
  style: 'vpc' | 'classic';
}

export const parseAwsTerraform: ConfigParser = (text, file, options = {}) => {
  const hcl = parseHcl(text, file);
  const w = new Warnings();
  const warn = (pos: HclPos, message: string) => w.add(pos.line, message, pos.col);
  const groups = new Map<string, Group>();
  const entries: Entry[] = [];
  const counted = (b: { attributes: Map<string, unknown>; pos: HclPos }, where: string) => {
    for (const meta of ['count', 'for_each']) if (b.attributes.has(meta)) warn(b.pos, `${where}: ${meta} is not evaluated; the resource is read once`);
  };

  for (const b of resources(hcl)) {
    const [type, label] = b.labels as [string, string];
    if (!GROUP_TYPES.includes(type)) continue;
    const key = `${type}.${label}`;
    counted(b, key);
    groups.set(key, { key, name: literalString(b.attributes.get('name')?.expr) ?? literalString(b.attributes.get('name_prefix')?.expr), local: localAddresses(b.attributes.get('tags')?.expr, key, warn) });
    for (const kind of ['ingress', 'egress'] as const) {
      const dir: SgDirection = kind === 'ingress' ? 'in' : 'out';
      for (const x of b.blocks.filter((x) => x.type === kind)) entries.push({ group: key, dir, fields: blockFields(x), where: `${key} ${kind}`, style: 'classic' });
      for (const x of b.blocks.filter((x) => x.type === 'dynamic' && x.labels[0] === kind)) warn(x.pos, `${key}: dynamic "${kind}" blocks are not evaluated; rules skipped`);
      const attr = b.attributes.get(kind);
      if (!attr) continue;
      if (attr.expr.kind !== 'tuple') { warn(attr.expr.pos, `${key}: ${kind} = ${attr.expr.text} is not evaluated; rules skipped`); continue; }
      for (const item of attr.expr.items) {
        if (item.kind === 'object') entries.push({ group: key, dir, fields: objectFields(item), where: `${key} ${kind}`, style: 'classic' });
        else warn(item.pos, `${key}: ${kind} entry ${item.text} is not evaluated; rules skipped`);
      }
    }
  }

  const groupOf = (expr: HclExpr | undefined, where: string, pos: HclPos): string => {
    if (!expr) throw new InputError(`${where}: security_group_id is required`, { file, ...pos });
    if (expr.kind === 'reference') {
      const m = /^(aws_security_group|aws_default_security_group)\.([A-Za-z_][\w-]*)\.id$/.exec(expr.ref);
      if (m && groups.has(`${m[1]}.${m[2]}`)) return `${m[1]}.${m[2]}`;
    }
    const key = literalString(expr) ?? expr.text;
    if (!groups.has(key)) {
      if (expr.kind !== 'literal') warn(expr.pos, `security group ${key} is not declared in this file; its rules form a group of their own, its addresses unknown`);
      groups.set(key, { key, local: ANY_ADDR });
    }
    return key;
  };

  for (const b of resources(hcl)) {
    const [type, label] = b.labels as [string, string];
    const where = `${type}.${label}`;
    if (VPC_RULES[type]) {
      counted(b, where);
      entries.push({ group: groupOf(b.attributes.get('security_group_id')?.expr, where, b.pos), dir: VPC_RULES[type]!, fields: blockFields(b), where, style: 'vpc' });
    } else if (type === 'aws_security_group_rule') {
      counted(b, where);
      const t = b.attributes.get('type')?.expr;
      const kind = literalString(t);
      if (kind !== 'ingress' && kind !== 'egress') {
        if (t && t.kind !== 'literal') { warn(t.pos, `${where}: type = ${t.text} is not evaluated; rule skipped`); continue; }
        throw new InputError(`${where}: type must be "ingress" or "egress"`, { file, ...(t?.pos ?? b.pos) });
      }
      entries.push({ group: groupOf(b.attributes.get('security_group_id')?.expr, where, b.pos), dir: kind === 'ingress' ? 'in' : 'out', fields: blockFields(b), where, style: 'classic' });
    }
  }

  const builders = new Map<string, PolicyBuilder>();
  for (const g of groups.values()) {
    for (const dir of ['in', 'out'] as const) builders.set(`${g.key}|${dir}`, new PolicyBuilder(sgPolicyName(g.key, g.name, dir), options.kind ?? 'host', 'drop', true));
  }
  entries.sort((a, b) => a.fields.pos.line - b.fields.pos.line || a.fields.pos.col - b.fields.pos.col);
  for (const e of entries) readEntry(e, groups.get(e.group)!, builders.get(`${e.group}|${e.dir}`)!, file, warn);

  const policies: Policy[] = [...builders.values()].map((b) => b.policy);
  w.list.sort((a, b) => a.line - b.line || (a.col ?? 0) - (b.col ?? 0));
  return { policies, warnings: w.list };
};

/** `tags = { "portolan:addresses" = "10.0.0.1/32 10.0.0.2/32" }` → those addresses; Any without. */
function localAddresses(tags: HclExpr | undefined, where: string, warn: (pos: HclPos, m: string) => void): AddressMatch {
  if (tags?.kind !== 'object') return ANY_ADDR;
  const item = tags.items.find((x) => x.key === 'portolan:addresses');
  if (!item) return ANY_ADDR;
  const tagged = taggedAddresses(literalString(item.value) ?? '');
  if (!tagged) warn(item.value.pos, `${where}: tag portolan:addresses is not a list of addresses; the group's own addresses are taken as Any`);
  return tagged ?? ANY_ADDR;
}

function readEntry(e: Entry, g: Group, b: PolicyBuilder, file: string, warn: (pos: HclPos, m: string) => void): void {
  const f = e.fields;
  const pos = f.pos;
  const err = (at: HclPos, msg: string) => new InputError(`${e.where}: ${msg}`, { file, ...at });
  const skip = (at: HclPos, msg: string) => warn(at, `${e.where}: ${msg}`);

  // Protocol and ports.
  const protoAttr = e.style === 'vpc' ? 'ip_protocol' : 'protocol';
  const protoExpr = f.get(protoAttr);
  if (!protoExpr) throw err(pos, `${protoAttr} is required`);
  const proto = literalString(protoExpr);
  if (proto === undefined) { skip(protoExpr.pos, `${protoAttr} = ${protoExpr.text} is not evaluated; rule skipped`); return; }
  const transports = sgTransports(proto);
  if (!transports) { skip(protoExpr.pos, `protocol ${proto} is not modelled (TCP and UDP only); rule skipped`); return; }
  const num = (name: string): number | undefined | null => {
    const x = f.get(name);
    if (!x) return undefined;
    if (x.kind === 'literal' && typeof x.value === 'number') return x.value;
    if (x.kind === 'literal' && typeof x.value === 'string' && /^-?\d+$/.test(x.value)) return Number(x.value);
    if (x.kind === 'literal') throw err(x.pos, `${name} must be a number`);
    if (transports !== 'any') skip(x.pos, `${name} = ${x.text} is not evaluated; rule skipped`);
    return transports === 'any' ? undefined : null;
  };
  const from = num('from_port'), to = num('to_port');
  if (from === null || to === null) return;
  const ports = sgPorts(transports, from, to);
  if (!ports) throw err(f.get('from_port')?.pos ?? pos, `invalid port range ${from}-${to ?? from}`);
  const portText = ports.any ? '' : ` from_port=${from} to_port=${to ?? from}`;
  const description = literalString(f.get('description')) ?? '';

  // Remote ends: CIDRs become rules, the rest warnings.
  const cidrs: { cidr: string; attr: string; pos: HclPos }[] = [];
  const addCidr = (attr: string, x: HclExpr) => {
    const c = literalString(x);
    if (c === undefined) { skip(x.pos, `${attr} entry ${x.text} is not evaluated (not a literal address); entry skipped`); return; }
    const fam = cidrFamily(c);
    const want = /ipv6/.test(attr) ? 'ipv6' : 'ipv4';
    if (!fam || !c.includes('/') || fam !== want) throw err(x.pos, `invalid ${want === 'ipv6' ? 'IPv6' : 'IPv4'} CIDR ${JSON.stringify(c)} in ${attr}`);
    cidrs.push({ cidr: c, attr, pos: x.pos });
  };
  const unresolvable = (attr: string, what: string) => {
    const x = f.get(attr);
    if (!x) return;
    const items = x.kind === 'tuple' ? x.items : [x];
    for (const i of items) skip(i.pos, `${what} ${literalString(i) ?? i.text} cannot be resolved to addresses; entry skipped`);
  };
  if (e.style === 'vpc') {
    for (const attr of ['cidr_ipv4', 'cidr_ipv6']) { const x = f.get(attr); if (x) addCidr(attr, x); }
    unresolvable('referenced_security_group_id', 'security group');
    unresolvable('prefix_list_id', 'prefix list');
  } else {
    for (const attr of ['cidr_blocks', 'ipv6_cidr_blocks']) {
      const x = f.get(attr);
      if (!x) continue;
      if (x.kind === 'tuple') x.items.forEach((i) => addCidr(attr, i));
      else skip(x.pos, `${attr} = ${x.text} is not evaluated; entries skipped`);
    }
    unresolvable('security_groups', 'security group');
    unresolvable('source_security_group_id', 'security group');
    unresolvable('prefix_list_ids', 'prefix list');
    const self = f.get('self');
    if (self && !(self.kind === 'literal' && self.value === false)) skip(self.pos, 'self (the group itself as the other end) cannot be resolved to addresses; entry skipped');
  }
  for (const c of cidrs) {
    const text = `${e.where}: ${protoAttr}=${proto}${portText} ${c.attr}=${c.cidr}`;
    b.add(sgMatch(c.cidr, e.dir, transports, ports, g.local), 'accept', e.dir, { file, line: pos.line, text }, description);
  }
}
