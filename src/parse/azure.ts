// Azure network security group JSON (`az network nsg show`/`list`, the REST/ARM resource, or an
// ARM template) → one policy per NSG and direction, rules in priority order, with Azure's
// default rules added when the JSON does not carry them.
import { InputError } from '../errors.ts';
import type { Policy } from '../policy/types.ts';
import { type Pos, parseLocatedJson } from './located-json.ts';
import { buildNsgPolicies, missingDefaults, nsgRuleProblem, type NsgRule as Rule } from './nsg.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

export const parseAzure: ConfigParser = (text, file, options = {}) => {
  const j = parseLocatedJson(text, file);
  const at = (n: unknown): Pos => j.at(n) ?? { line: 1, col: 1 };
  const err = (n: unknown, msg: string) => new InputError(msg, { file, ...at(n) });
  const root = j.value as any;
  const nsgs: any[] = Array.isArray(root) ? root
    : Array.isArray(root?.resources) ? root.resources.filter((r: any) => /networkSecurityGroups$/i.test(r?.type ?? ''))
    : Array.isArray(root?.value) ? root.value : [root];
  const w = new Warnings();
  const policies: Policy[] = [];

  for (const nsg of nsgs) {
    const props = nsg?.properties ?? nsg;
    if (!props || typeof props !== 'object' || (!('securityRules' in props) && !('defaultSecurityRules' in props)))
      throw err(nsg, 'not a network security group (no securityRules)');
    const nsgName = String(nsg.name ?? 'nsg');
    const rules: Rule[] = [];
    const read = (r: any): Rule => {
      const p = r?.properties ?? r;
      const list = (one: string, many: string): string[] => {
        const m = p[many];
        if (Array.isArray(m) && m.length) return m.map(String);
        return p[one] !== undefined && p[one] !== null && p[one] !== '' ? [String(p[one])] : [];
      };
      const rule: Rule = {
        name: String(r?.name ?? p?.name ?? '?'), priority: p?.priority, direction: p?.direction, access: p?.access,
        protocol: String(p?.protocol ?? ''),
        src: list('sourceAddressPrefix', 'sourceAddressPrefixes'), dst: list('destinationAddressPrefix', 'destinationAddressPrefixes'),
        sport: list('sourcePortRange', 'sourcePortRanges'), dport: list('destinationPortRange', 'destinationPortRanges'),
        asg: Boolean(p?.sourceApplicationSecurityGroups?.length || p?.destinationApplicationSecurityGroups?.length),
        pos: at(r),
      };
      const bad = nsgRuleProblem(rule);
      if (bad) throw err(r, bad);
      return rule;
    };
    for (const r of props.securityRules ?? []) rules.push(read(r));
    const defaults: Rule[] = (props.defaultSecurityRules ?? []).map(read);
    defaults.push(...missingDefaults(defaults, at(nsg)));
    rules.push(...defaults);
    policies.push(...buildNsgPolicies(nsgName, rules, file, options, w));
  }
  w.list.sort((a, b) => a.line - b.line);
  return { policies, warnings: w.list };
};
