// The same flows as a Capirca policy (a .pol file and its NETWORK/SERVICES definitions), so the
// CLI benchmark can time Capirca's `aclgen` rendering the policy Portolan renders. One term per
// flow; one iptables filter per address family (Capirca's `inet` / `inet6`), FORWARD, default DROP.
import type { PortSpec } from '../src/catalog/types.ts';
import type { Flow } from '../src/flows/types.ts';

export interface CapircaPolicy {
  /** policies/pol/NAME.pol */
  policy: string;
  /** def/NETWORK.net */
  networks: string;
  /** def/SERVICES.svc */
  services: string;
  terms: number;
}

export function capircaPolicy(flows: readonly Flow[], name: string): CapircaPolicy {
  const networks = new Map<string, string>();
  const services = new Map<string, string>();
  const network = (addresses: string[] | 'Any') => {
    if (addresses === 'Any') return undefined;
    const key = addresses.join(' ');
    if (!networks.has(key)) networks.set(key, `NET_${networks.size + 1}`);
    return networks.get(key)!;
  };
  const service = (p: PortSpec, transport: string) => {
    if (p === 'Any') return undefined;
    const proto = transport.toLowerCase();
    const value = p.from === p.to ? `${p.from}/${proto}` : `${p.from}-${p.to}/${proto}`;
    if (!services.has(value)) services.set(value, `SVC_${value.replace(/[/-]/g, '_').toUpperCase()}`);
    return services.get(value)!;
  };
  const term = (f: Flow, i: number) => {
    const src = network(f.source), dst = network(f.destination);
    const sport = service(f.sourcePort, f.transport), dport = service(f.destinationPort, f.transport);
    return [
      `term f${i} {`,
      `  comment:: "${f.requirement}"`,
      ...(src ? [`  source-address:: ${src}`] : []),
      ...(dst ? [`  destination-address:: ${dst}`] : []),
      ...(sport ? [`  source-port:: ${sport}`] : []),
      ...(dport ? [`  destination-port:: ${dport}`] : []),
      `  protocol:: ${f.transport.toLowerCase()}`,
      '  action:: accept',
      '}',
    ].join('\n');
  };
  const sections: string[] = [];
  let n = 0;
  for (const [family, af] of [['ipv4', 'inet'], ['ipv6', 'inet6']] as const) {
    const fs = flows.filter((f) => f.family === family || f.family === 'any');
    if (fs.length === 0) continue;
    sections.push(`header {\n  comment:: "${name} ${family}: generated from portolan flows"\n  target:: iptables FORWARD DROP ${af}\n}\n`);
    for (const f of fs) sections.push(term(f, ++n) + '\n');
  }
  const netLines = [...networks].flatMap(([addresses, id]) => addresses.split(' ').map((a, k) => (k === 0 ? `${id} = ${a}` : `${' '.repeat(id.length + 3)}${a}`)));
  const svcLines = [...services].map(([value, id]) => `${id} = ${value}`);
  return { policy: sections.join('\n'), networks: netLines.join('\n') + '\n', services: svcLines.join('\n') + '\n', terms: n };
}
