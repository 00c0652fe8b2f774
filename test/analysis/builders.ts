// Small builders for policies, rules and flows in the analysis tests.
import type { Flow } from '../../src/flows/types.ts';
import type { Policy, PolicyRule } from '../../src/policy/types.ts';
import type { PortRange } from '../../src/net/port.ts';

type Ends = string[] | 'any';
type Ports = PortRange[] | number | 'any';

const ports = (p: Ports) => (p === 'any' ? { any: true as const } : { any: false as const, ports: typeof p === 'number' ? [{ from: p, to: p }] : p });
const ends = (a: Ends) => (a === 'any' ? { any: true as const } : { any: false as const, addresses: a });

export function rule(
  id: string,
  action: PolicyRule['action'],
  source: Ends,
  destination: Ends,
  destinationPorts: Ports,
  more: Partial<PolicyRule> & { sourcePorts?: Ports } = {},
): PolicyRule {
  const { sourcePorts, ...rest } = more;
  return {
    id,
    action,
    family: 'any',
    transport: 'TCP',
    direction: 'in',
    source: ends(source),
    sourcePorts: ports(sourcePorts ?? 'any'),
    destination: ends(destination),
    destinationPorts: ports(destinationPorts),
    comment: '',
    requirements: [],
    citations: [],
    origin: { file: 'fw.conf', line: Number(id.replace(/\D/g, '')) || 1, text: id },
    ...rest,
  };
}

export function policy(rules: PolicyRule[], defaultAction: Policy['defaultAction'] = 'drop'): Policy {
  return { firewall: 'external', kind: 'perimeter', rules, defaultAction, stateful: true, addressGroups: [], portGroups: [] };
}

export function flow(
  requirement: string,
  source: string[] | 'Any',
  destination: string[] | 'Any',
  port: number | [number, number] | 'Any',
  more: Partial<Flow> = {},
): Flow {
  const all = [...(source === 'Any' ? [] : source), ...(destination === 'Any' ? [] : destination)];
  return {
    firewall: 'external',
    direction: 'in',
    role: 'Access',
    source,
    sourcePort: 'Any',
    destination,
    destinationPort: port === 'Any' ? 'Any' : typeof port === 'number' ? { from: port, to: port } : { from: port[0], to: port[1] },
    transport: 'TCP',
    application: 'SIP (TLS)',
    family: all.length === 0 ? 'any' : all[0]!.includes(':') ? 'ipv6' : 'ipv4',
    requirement,
    citations: [],
    note: '',
    sourceName: 'src',
    destinationName: 'dst',
    ...more,
  };
}
