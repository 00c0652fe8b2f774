// What the readers of Azure network security groups share, whatever the format (NSG / ARM JSON,
// Terraform): Azure's default rules, and one policy per NSG and direction with rules in
// priority order, service tags and prefixes resolved where they can be.
import { InputError } from '../errors.ts';
import type { AddressMatch, Policy, PortMatch } from '../policy/types.ts';
import type { PortRange } from '../net/port.ts';
import { ANY_ADDR, ANY_PORT } from '../policy/match.ts';
import { cidrFamily } from '../net/address.ts';
import { mergePorts, parsePortRange } from '../net/port.ts';
import { type L4, PolicyBuilder, type Warnings } from './rules.ts';
import type { ParseOptions } from './types.ts';

export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** The documented source address of Azure load balancer health probes. */
export const AZURE_LB = '168.63.129.16';

export interface NsgRule {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: string;
  src: string[]; dst: string[]; sport: string[]; dport: string[];
  /** Application security groups on either end (cannot be resolved to addresses). */
  asg: boolean;
  pos: { line: number; col: number };
  /** An Azure default rule the input does not carry. */
  synthetic?: boolean;
}

/** Azure's default rules, present in every NSG behind the user's rules. */
export const NSG_DEFAULT_RULES: readonly Omit<NsgRule, 'pos'>[] = [
  ['AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
  ['AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'],
  ['DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'],
  ['AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
  ['AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'],
  ['DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'],
].map(([name, priority, direction, access, src, dst]) => ({
  name: name as string, priority: priority as number, direction: direction as NsgRule['direction'], access: access as NsgRule['access'],
  protocol: '*', src: [src as string], dst: [dst as string], sport: ['*'], dport: ['*'], asg: false, synthetic: true,
}));

/** The default rules the given ones lack, located at `pos` (the NSG). */
export function missingDefaults(given: readonly NsgRule[], pos: NsgRule['pos']): NsgRule[] {
  return NSG_DEFAULT_RULES.filter((d) => !given.some((x) => x.name === d.name)).map((d) => ({ ...d, pos }));
}

/**
 * `NAME Inbound` and `NAME Outbound`: the rules of each direction in priority order (two rules
 * of one direction with one priority are an error), each resolved to IR rules or skipped with
 * a warning.
 */
export function buildNsgPolicies(nsgName: string, rules: readonly NsgRule[], file: string, options: ParseOptions, w: Warnings): Policy[] {
  const vnet = options.virtualNetwork ?? RFC1918;
  const policies: Policy[] = [];
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
  return policies;
}
