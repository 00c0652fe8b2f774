// `terraform show -json` (state, or a saved plan's planned_values) → the resources of AWS security
// groups and Azure NSGs, read by the same code as describe-security-groups and NSG JSON. The
// format is Terraform's documented "values representation"
// (https://developer.hashicorp.com/terraform/internals/json-format): `values.root_module`
// (state) or `planned_values.root_module` (plan), each module with `resources[]` ({ address,
// mode, type, name, values }) and `child_modules[]`.
import { InputError } from '../errors.ts';
import { awsGroupPolicies } from './aws.ts';
import { type Pos, parseLocatedJson } from './located-json.ts';
import { buildNsgPolicies, missingDefaults, nsgRuleProblem, type NsgRule } from './nsg.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser, ParseResult } from './types.ts';

interface Resource { address: string; type: string; values: any }

/** Whether a text is Terraform's JSON output rather than HCL. */
/** `terraform show -json` output: a JSON object that names its format and Terraform version near the top. */
export const isTerraformJson = (text: string): boolean => /^\s*\{/.test(text) && /"(format_version|terraform_version)"\s*:/.test(text.slice(0, 4096));

function readResources(text: string, file: string): { resources: Resource[]; at: (n: unknown) => Pos } {
  const j = parseLocatedJson(text, file);
  const at = (n: unknown): Pos => j.at(n) ?? { line: 1, col: 1 };
  const root = j.value as any;
  const top = root?.values?.root_module ?? root?.planned_values?.root_module;
  if (!top) throw new InputError('not `terraform show -json` output: no values.root_module or planned_values.root_module', { file, ...at(root) });
  const resources: Resource[] = [];
  const walk = (m: any) => {
    for (const r of m?.resources ?? []) if (r?.mode === 'managed' && typeof r.type === 'string' && r.values && typeof r.values === 'object') resources.push(r);
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(top);
  return { resources, at };
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** AWS: aws_security_group (inline ingress/egress), aws_security_group_rule, aws_vpc_security_group_*_rule. */
export const parseAwsTerraformJson: ConfigParser = (text, file, options = {}) => {
  const { resources, at } = readResources(text, file);
  // Objects made here are located at the resource values they come from.
  const origin = new WeakMap<object, unknown>();
  const made = <T extends object>(o: T, from: unknown): T => { origin.set(o, from); return o; };
  const locate = (n: unknown): Pos => at(n && typeof n === 'object' && origin.has(n) ? origin.get(n) : n);
  const groups = new Map<string, any>();
  const group = (id: string, from: unknown) => groups.get(id) ?? groups.set(id, made({ GroupId: id, IpPermissions: [], IpPermissionsEgress: [] }, from)).get(id);
  const classic = (r: any, from: unknown) => made({
    IpProtocol: String(r.protocol), FromPort: r.from_port, ToPort: r.to_port,
    IpRanges: list(r.cidr_blocks).map((c) => made({ CidrIp: c, Description: r.description || undefined }, from)),
    Ipv6Ranges: list(r.ipv6_cidr_blocks).map((c) => made({ CidrIpv6: c, Description: r.description || undefined }, from)),
    UserIdGroupPairs: [...list(r.security_groups), ...(r.source_security_group_id ? [r.source_security_group_id] : []), ...(r.self ? ['self'] : [])].map((g) => made({ GroupId: g }, from)),
    PrefixListIds: list(r.prefix_list_ids).map((p) => made({ PrefixListId: p }, from)),
  }, from);
  for (const r of resources) {
    const v = r.values;
    if (r.type === 'aws_security_group' || r.type === 'aws_default_security_group') {
      const g = group(v.id ?? r.address, v);
      g.GroupName = v.name ?? undefined;
      g.Tags = Object.entries(v.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      for (const x of list(v.ingress)) g.IpPermissions.push(classic(x, x));
      for (const x of list(v.egress)) g.IpPermissionsEgress.push(classic(x, x));
    } else if (r.type === 'aws_security_group_rule') {
      const g = group(v.security_group_id ?? `${r.address} (group id known after apply)`, v);
      (v.type === 'egress' ? g.IpPermissionsEgress : g.IpPermissions).push(classic(v, v));
    } else if (r.type === 'aws_vpc_security_group_ingress_rule' || r.type === 'aws_vpc_security_group_egress_rule') {
      const g = group(v.security_group_id ?? `${r.address} (group id known after apply)`, v);
      const all = String(v.ip_protocol) === '-1';
      const p = made({
        IpProtocol: String(v.ip_protocol), FromPort: all ? undefined : v.from_port, ToPort: all ? undefined : v.to_port,
        IpRanges: v.cidr_ipv4 ? [made({ CidrIp: v.cidr_ipv4, Description: v.description || undefined }, v)] : [],
        Ipv6Ranges: v.cidr_ipv6 ? [made({ CidrIpv6: v.cidr_ipv6, Description: v.description || undefined }, v)] : [],
        UserIdGroupPairs: v.referenced_security_group_id ? [made({ GroupId: v.referenced_security_group_id }, v)] : [],
        PrefixListIds: v.prefix_list_id ? [made({ PrefixListId: v.prefix_list_id }, v)] : [],
      }, v);
      (r.type.endsWith('egress_rule') ? g.IpPermissionsEgress : g.IpPermissions).push(p);
    }
  }
  return awsGroupPolicies([...groups.values()], locate, file, options);
};

/** Azure: azurerm_network_security_group (inline security_rule) and azurerm_network_security_rule. */
export const parseAzureTerraformJson: ConfigParser = (text, file, options = {}): ParseResult => {
  const { resources, at } = readResources(text, file);
  const nsgs = new Map<string, { name: string; pos: Pos; rules: NsgRule[] }>();
  const nsg = (name: string, pos: Pos) => nsgs.get(name) ?? nsgs.set(name, { name, pos, rules: [] }).get(name)!;
  const many = (v: any, one: string, several: string): string[] => {
    const m = list(v[several]).map(String);
    return m.length ? m : v[one] !== undefined && v[one] !== null && v[one] !== '' ? [String(v[one])] : [];
  };
  const rule = (v: any): NsgRule => {
    const r: NsgRule = {
      name: String(v.name ?? '?'), priority: v.priority, direction: v.direction, access: v.access, protocol: String(v.protocol ?? ''),
      src: many(v, 'source_address_prefix', 'source_address_prefixes'), dst: many(v, 'destination_address_prefix', 'destination_address_prefixes'),
      sport: many(v, 'source_port_range', 'source_port_ranges'), dport: many(v, 'destination_port_range', 'destination_port_ranges'),
      asg: list(v.source_application_security_group_ids).length > 0 || list(v.destination_application_security_group_ids).length > 0,
      pos: at(v),
    };
    const bad = nsgRuleProblem(r);
    if (bad) throw new InputError(bad, { file, ...r.pos });
    return r;
  };
  for (const r of resources) {
    const v = r.values;
    if (r.type === 'azurerm_network_security_group') nsg(String(v.name ?? r.address), at(v)).rules.push(...list(v.security_rule).map(rule));
    else if (r.type === 'azurerm_network_security_rule') nsg(String(v.network_security_group_name ?? r.address), at(v)).rules.push(rule(v));
  }
  const w = new Warnings();
  const policies = [...nsgs.values()].flatMap((n) => buildNsgPolicies(n.name, [...n.rules, ...missingDefaults(n.rules, n.pos)], file, options, w));
  w.list.sort((a, b) => a.line - b.line);
  return { policies, warnings: w.list };
};
