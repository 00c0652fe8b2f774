// Azure network security group JSON (`az network nsg show`/`list`, the REST/ARM resource, or an
// ARM template) → one policy per NSG and direction, rules in priority order, with Azure's
// default rules added when the JSON does not carry them.
import { InputError } from '../errors.ts';
import type { AddressMatch, Policy, PortMatch, PortRange } from '../policy/types.ts';
import { type Pos, parseLocatedJson } from './located-json.ts';
import { ANY_ADDR, ANY_PORT, cidrFamily, mergePorts, parsePortRange } from './net.ts';
import { type L4, PolicyBuilder, Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** The documented source address of Azure load balancer health probes. */
const AZURE_LB = '168.63.129.16';

interface Rule {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: string;
  src: string[]; dst: string[]; sport: string[]; dport: string[];
  asg: boolean;
  pos: Pos;
  synthetic?: boolean;
}

const DEFAULTS: Omit<Rule, 'pos'>[] = [
  ['AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
  ['AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'],
  ['DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'],
  ['AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
  ['AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'],
  ['DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'],
].map(([name, priority, direction, access, src, dst]) => ({
  name: name as string, priority: priority as number, direction: direction as Rule['direction'], access: access as Rule['access'],
  protocol: '*', src: [src as string], dst: [dst as string], sport: ['*'], dport: ['*'], asg: false, synthetic: true,
}));

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
  const vnet = options.virtualNetwork ?? RFC1918;

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
      if (!Number.isInteger(rule.priority)) throw err(r, `rule ${rule.name}: priority must be an integer`);
      if (rule.direction !== 'Inbound' && rule.direction !== 'Outbound') throw err(r, `rule ${rule.name}: direction must be Inbound or Outbound`);
      if (rule.access !== 'Allow' && rule.access !== 'Deny') throw err(r, `rule ${rule.name}: access must be Allow or Deny`);
      return rule;
    };
    for (const r of props.securityRules ?? []) rules.push(read(r));
    const defaults = (props.defaultSecurityRules ?? []).map(read);
    for (const d of DEFAULTS) if (!defaults.some((x: Rule) => x.name === d.name)) defaults.push({ ...d, pos: at(nsg) });
    rules.push(...defaults);

    for (const direction of ['Inbound', 'Outbound'] as const) {
      const ordered = rules.filter((r) => r.direction === direction).sort((a, b) => a.priority - b.priority);
      const seen = new Map<number, string>();
      for (const r of ordered) {
        if (seen.has(r.priority)) throw new InputError(`rules ${seen.get(r.priority)} and ${r.name} share priority ${r.priority} (${direction})`, { file, ...r.pos });
        seen.set(r.priority, r.name);
      }
      const dir = direction === 'Inbound' ? 'in' : 'out';
      const b = new PolicyBuilder(`${nsgName} ${direction}`, options.kind ?? 'host', 'drop', true);
      for (const r of ordered) {
        const skip = (why: string) => w.add(r.pos.line, `rule ${r.name}: ${why}; rule skipped`, r.pos.col);
        if (r.asg) { skip('application security groups cannot be resolved to addresses'); continue; }
        const proto = r.protocol.toLowerCase();
        const transports: L4[] | 'any' | undefined = proto === '*' || proto === 'any' ? 'any' : proto === 'tcp' ? ['TCP'] : proto === 'udp' ? ['UDP'] : undefined;
        if (!transports) { skip(`protocol ${r.protocol} is not modelled (TCP and UDP only)`); continue; }
        let unresolved: string | undefined;
        let vnetNoted = false;
        const addresses = (prefixes: string[]): AddressMatch => {
          const out: string[] = [];
          for (const a of prefixes) {
            if (a === '*' || a.toLowerCase() === 'any' || a === 'Internet' || a === '0.0.0.0/0' || a === '::/0') return ANY_ADDR;
            if (a === 'VirtualNetwork') {
              if ((!r.synthetic || !options.virtualNetwork) && !vnetNoted) w.add(r.pos.line, `rule ${r.name}: service tag VirtualNetwork taken as ${vnet.join(', ')}${options.virtualNetwork ? '' : ' (assumed: the RFC 1918 ranges; pass the VNet address space to be exact)'}`, r.pos.col);
              vnetNoted = true;
              out.push(...vnet);
            } else if (a === 'AzureLoadBalancer') out.push(AZURE_LB);
            else if (cidrFamily(a)) out.push(a.replace(/\/32$/, ''));
            else if (/^[A-Za-z][\w.]*$/.test(a)) unresolved = `service tag ${a} cannot be resolved to addresses`;
            else throw new InputError(`rule ${r.name}: invalid address prefix '${a}'`, { file, ...r.pos });
          }
          if (!prefixes.length) throw new InputError(`rule ${r.name}: missing address prefix`, { file, ...r.pos });
          return { any: false, addresses: out };
        };
        const ports = (ranges: string[]): PortMatch => {
          const out: PortRange[] = [];
          for (const s of ranges) {
            if (s === '*') return ANY_PORT;
            const p = parsePortRange(s, /-/);
            if (!p) throw new InputError(`rule ${r.name}: invalid port range '${s}'`, { file, ...r.pos });
            out.push(p);
          }
          return out.length ? { any: false, ports: mergePorts(out) } : ANY_PORT;
        };
        const source = addresses(r.src), destination = addresses(r.dst);
        if (unresolved) { skip(unresolved); continue; }
        const text = `${r.name} priority ${r.priority} ${r.direction} ${r.access} ${r.protocol} ${r.src.join(',')}:${r.sport.join(',')} -> ${r.dst.join(',')}:${r.dport.join(',')}${r.synthetic ? ' (Azure default rule, not in the file)' : ''}`;
        b.add({ family: 'any', transports, source, sourcePorts: ports(r.sport), destination, destinationPorts: ports(r.dport) },
          r.access === 'Allow' ? 'accept' : 'drop', dir, { file, line: r.pos.line, text }, r.name);
      }
      policies.push(b.policy);
    }
  }
  w.list.sort((a, b) => a.line - b.line);
  return { policies, warnings: w.list };
};
