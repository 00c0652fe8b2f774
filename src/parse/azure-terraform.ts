// Terraform for Azure network security groups → one policy per NSG and direction, like the NSG
// JSON reader: `azurerm_network_security_group` with inline `security_rule` blocks, and
// `azurerm_network_security_rule` resources attached by `network_security_group_name`. Rules
// are ordered by priority, with Azure's default rules behind them (Terraform never declares
// those). A rule with a value Terraform would have to evaluate (a variable, a function call) is
// skipped with a located warning: skipping part of it could widen or narrow it unnoticed.
import { InputError } from '../errors.ts';
import type { Policy } from '../policy/types.ts';
import { blockFields, type HclExpr, type HclFields, type HclPos, literalString, objectFields, parseHcl, resources } from '../hcl/read.ts';
import { buildNsgPolicies, missingDefaults, type NsgRule } from './nsg.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

const NSG = 'azurerm_network_security_group';
const RULE = 'azurerm_network_security_rule';

interface Nsg {
  key: string;
  name?: string;
  pos: HclPos;
  rules: NsgRule[];
}

class Unevaluated extends Error {
  constructor(readonly pos: HclPos, readonly what: string) {
    super(what);
  }
}

export const parseAzureTerraform: ConfigParser = (text, file, options = {}) => {
  const hcl = parseHcl(text, file);
  const w = new Warnings();
  const warn = (pos: HclPos, message: string) => w.add(pos.line, message, pos.col);
  const nsgs = new Map<string, Nsg>();
  const counted = (b: { attributes: Map<string, unknown>; pos: HclPos }, where: string) => {
    for (const meta of ['count', 'for_each']) if (b.attributes.has(meta)) warn(b.pos, `${where}: ${meta} is not evaluated; the resource is read once`);
  };

  const read = (f: HclFields, where: string): NsgRule | undefined => {
    const err = (at: HclPos, msg: string) => new InputError(`${where}: ${msg}`, { file, ...at });
    const scalar = (name: string, required = true): string | undefined => {
      const x = f.get(name);
      if (!x) { if (required) throw err(f.pos, `${name} is required`); return undefined; }
      const v = literalString(x);
      if (v === undefined) throw new Unevaluated(x.pos, `${name} = ${x.text}`);
      return v;
    };
    const list = (one: string, many: string): string[] => {
      const m = f.get(many);
      if (m) {
        if (m.kind !== 'tuple') throw new Unevaluated(m.pos, `${many} = ${m.text}`);
        if (m.items.length) return m.items.map((x: HclExpr) => { const v = literalString(x); if (v === undefined) throw new Unevaluated(x.pos, `${many} entry ${x.text}`); return v; });
      }
      const v = scalar(one, false);
      return v !== undefined && v !== '' ? [v] : [];
    };
    try {
      const name = scalar('name') ?? '?';
      const pr = f.get('priority');
      const priority = Number(scalar('priority'));
      if (!Number.isInteger(priority)) throw err(pr?.pos ?? f.pos, `rule ${name}: priority must be an integer`);
      const canon = (attr: string, allowed: string[]): string => {
        const v = scalar(attr)!;
        const c = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
        if (!c) throw err(f.get(attr)!.pos, `rule ${name}: ${attr} must be ${allowed.join(' or ')}`);
        return c;
      };
      const direction = canon('direction', ['Inbound', 'Outbound']) as NsgRule['direction'];
      const access = canon('access', ['Allow', 'Deny']) as NsgRule['access'];
      const asgs = ['source_application_security_group_ids', 'destination_application_security_group_ids'].some((a) => {
        const x = f.get(a);
        return x !== undefined && !(x.kind === 'tuple' && x.items.length === 0);
      });
      return {
        name, priority, direction, access, protocol: scalar('protocol')!,
        src: list('source_address_prefix', 'source_address_prefixes'), dst: list('destination_address_prefix', 'destination_address_prefixes'),
        sport: list('source_port_range', 'source_port_ranges'), dport: list('destination_port_range', 'destination_port_ranges'),
        asg: asgs, pos: f.pos,
      };
    } catch (e) {
      if (!(e instanceof Unevaluated)) throw e;
      warn(e.pos, `${where}: ${e.what} is not evaluated; rule skipped`);
      return undefined;
    }
  };

  for (const b of resources(hcl, NSG)) {
    const key = `${NSG}.${b.labels[1]}`;
    counted(b, key);
    const nsg: Nsg = { key, name: literalString(b.attributes.get('name')?.expr), pos: b.pos, rules: [] };
    nsgs.set(key, nsg);
    for (const x of b.blocks) {
      if (x.type === 'security_rule') { const r = read(blockFields(x), `${key} security_rule`); if (r) nsg.rules.push(r); }
      if (x.type === 'dynamic' && x.labels[0] === 'security_rule') warn(x.pos, `${key}: dynamic "security_rule" blocks are not evaluated; rules skipped`);
    }
    const attr = b.attributes.get('security_rule');
    if (attr) {
      if (attr.expr.kind !== 'tuple') warn(attr.expr.pos, `${key}: security_rule = ${attr.expr.text} is not evaluated; rules skipped`);
      else for (const item of attr.expr.items) {
        if (item.kind !== 'object') { warn(item.pos, `${key}: security_rule entry ${item.text} is not evaluated; rule skipped`); continue; }
        const r = read(objectFields(item), `${key} security_rule`);
        if (r) nsg.rules.push(r);
      }
    }
  }

  for (const b of resources(hcl, RULE)) {
    const where = `${RULE}.${b.labels[1]}`;
    counted(b, where);
    const ref = b.attributes.get('network_security_group_name')?.expr;
    if (!ref) throw new InputError(`${where}: network_security_group_name is required`, { file, ...b.pos });
    let nsg: Nsg | undefined;
    const m = ref.kind === 'reference' ? new RegExp(`^${NSG}\\.([A-Za-z_][\\w-]*)\\.name$`).exec(ref.ref) : null;
    if (m) nsg = nsgs.get(`${NSG}.${m[1]}`);
    const lit = literalString(ref);
    if (!nsg && lit !== undefined) nsg = [...nsgs.values()].find((n) => n.name === lit) ?? nsgs.get(lit);
    if (!nsg) {
      const key = lit ?? ref.text;
      if (lit === undefined) warn(ref.pos, `network security group ${key} is not declared in this file; its rules form a group of their own`);
      nsg = { key, pos: b.pos, rules: [] };
      nsgs.set(key, nsg);
    }
    const r = read(blockFields(b), where);
    if (r) nsg.rules.push(r);
  }

  const policies: Policy[] = [];
  for (const nsg of nsgs.values()) {
    const rules = [...nsg.rules, ...missingDefaults(nsg.rules, nsg.pos)];
    policies.push(...buildNsgPolicies(nsg.name && nsg.name !== nsg.key ? `${nsg.key} ${nsg.name}` : nsg.key, rules, file, options, w));
  }
  w.list.sort((a, b) => a.line - b.line || (a.col ?? 0) - (b.col ?? 0));
  return { policies, warnings: w.list };
};
