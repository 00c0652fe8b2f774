// Hand-built flows modelled on reference architecture 1 of 002 (single consolidated edge), plus a
// few IPv6, host and load-balancer flows. Stands in for compileFlows() until it lands.
import type { Citation, Direction, Role, Transport } from '../../src/catalog/types.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import type { FirewallName, Flow } from '../../src/flows/types.ts';

const DOC = '002_05efe164eb02fb9d.txt';
const EXT = 'External Ports Settings Required for Single Consolidated Edge Topology';
const INT = 'Internal Ports Settings Required for Single Consolidated Edge Topology';
const HLB = 'Hardware Load Balancer Ports if Using Only Hardware Load Balancing';

type Ends = string[] | 'Any';
const p = (x: number | [number, number] | 'Any') => (x === 'Any' ? 'Any' : typeof x === 'number' ? { from: x, to: x } : { from: x[0], to: x[1] });

function flow(
  firewall: FirewallName, direction: Direction, role: Role,
  source: Ends, sport: number | [number, number] | 'Any', destination: Ends, dport: number | [number, number] | 'Any',
  transport: Transport, application: string, requirement: string, cite: Citation,
  sourceName: string, destinationName: string,
): Flow {
  const any = [...(source === 'Any' ? [] : source), ...(destination === 'Any' ? [] : destination)];
  const family: AddressFamily | 'any' = any.length === 0 ? 'any' : any[0]!.includes(':') ? 'ipv6' : 'ipv4';
  return {
    firewall, direction, role, source, sourcePort: p(sport), destination, destinationPort: p(dport),
    transport, application, family, requirement, citations: [cite], note: '', sourceName, destinationName,
  };
}
const ext = (row: number): Citation => ({ document: DOC, table: EXT, row });
const int = (row: number): Citation => ({ document: DOC, table: INT, row });
const hlb = (row: number): Citation => ({ document: '004_8b5a42377f2fcd8b.txt', table: HLB, row });

export const ACCESS = '10.45.16.10';
export const WEBCONF = '10.45.16.20';
export const AV = '10.45.16.30';
export const RP_EXT = '10.45.16.40';
export const EDGE_INT = '172.25.33.10';
export const RP_INT = '172.25.33.40';
export const FE = ['192.168.10.90', '192.168.10.91'];
export const VIP = '192.168.10.190';
export const ACCESS6 = '2001:db8:45::10';

const A = 'edge Access Edge';
const W = 'edge Web Conferencing Edge';
const V = 'edge A/V Edge';
const I = 'edge internal interface';
const F = 'Front End pool pool1';

export function referenceFlows(): Flow[] {
  return [
    // external firewall, 002 external table
    flow('external', 'out', 'Access', [ACCESS], 'Any', 'Any', 80, 'TCP', 'HTTP', '2010.ext.access.http-80.out', ext(1), A, 'Any'),
    flow('external', 'out', 'Access', [ACCESS], 'Any', 'Any', 53, 'UDP', 'DNS', '2010.ext.access.dns-53.out', ext(2), A, 'Any'),
    flow('external', 'in', 'Access', 'Any', 'Any', [ACCESS], 443, 'TCP', 'SIP (TLS)', '2010.ext.access.sip-tls-443.in', ext(3), 'Any', A),
    flow('external', 'in', 'Access', 'Any', 'Any', [ACCESS], 5061, 'TCP', 'SIP (MTLS)', '2010.ext.access.sip-mtls-5061.in', ext(4), 'Any', A),
    flow('external', 'out', 'Access', [ACCESS], 'Any', 'Any', 5061, 'TCP', 'SIP (MTLS)', '2010.ext.access.sip-mtls-5061.out', ext(5), A, 'Any'),
    flow('external', 'in', 'Web Conferencing', 'Any', 'Any', [WEBCONF], 443, 'TCP', 'PSOM (TLS)', '2010.ext.webconf.psom-443.in', ext(6), 'Any', W),
    flow('external', 'out', 'A/V', [AV], [50000, 59999], 'Any', 'Any', 'TCP', 'RTP', '2010.ext.av.rtp-tcp.out', ext(7), V, 'Any'),
    flow('external', 'out', 'A/V', [AV], [50000, 59999], 'Any', 'Any', 'UDP', 'RTP', '2010.ext.av.rtp-udp.out', ext(8), V, 'Any'),
    flow('external', 'in', 'A/V', 'Any', 'Any', [AV], [50000, 59999], 'TCP', 'RTP', '2010.ext.av.rtp-tcp.in', ext(9), 'Any', V),
    flow('external', 'in', 'A/V', 'Any', 'Any', [AV], [50000, 59999], 'UDP', 'RTP', '2010.ext.av.rtp-udp.in', ext(10), 'Any', V),
    flow('external', 'out', 'A/V', [AV], 3478, 'Any', 3478, 'UDP', 'STUN/MSTURN', '2010.ext.av.stun-3478.out', ext(11), V, 'Any'),
    flow('external', 'in', 'A/V', 'Any', 'Any', [AV], 3478, 'UDP', 'STUN/MSTURN', '2010.ext.av.stun-3478.in', ext(12), 'Any', V),
    flow('external', 'in', 'A/V', 'Any', 'Any', [AV], 443, 'TCP', 'STUN/MSTURN', '2010.ext.av.stun-443.in', ext(13), 'Any', V),
    flow('external', 'in', 'Reverse Proxy', 'Any', 'Any', [RP_EXT], 80, 'TCP', 'HTTP', '2010.rp-ext.http-80.in', ext(14), 'Any', 'reverse proxy external'),
    flow('external', 'in', 'Reverse Proxy', 'Any', 'Any', [RP_EXT], 443, 'TCP', 'HTTPS', '2010.rp-ext.https-443.in', ext(15), 'Any', 'reverse proxy external'),
    // an IPv6 Access Edge address beside the IPv4 one
    flow('external', 'in', 'Access', 'Any', 'Any', [ACCESS6], 443, 'TCP', 'SIP (TLS)', '2010.ext.access.sip-tls-443.in', ext(3), 'Any', A),
    flow('external', 'in', 'Access', 'Any', 'Any', [ACCESS6], 5061, 'TCP', 'SIP (MTLS)', '2010.ext.access.sip-mtls-5061.in', ext(4), 'Any', A),
    // internal firewall, 002 internal table
    flow('internal', 'in', 'Access', [EDGE_INT], 'Any', FE, 5061, 'TCP', 'SIP (MTLS)', '2010.int.access.sip-5061.in', int(1), I, F),
    flow('internal', 'out', 'Access', FE, 'Any', [EDGE_INT], 5061, 'TCP', 'SIP (MTLS)', '2010.int.access.sip-5061.out', int(2), F, I),
    flow('internal', 'out', 'Access', FE, 'Any', [EDGE_INT], 4443, 'TCP', 'HTTPS', '2010.int.access.cms-4443.out', int(3), F, I),
    flow('internal', 'out', 'Web Conferencing', 'Any', 'Any', [EDGE_INT], 8057, 'TCP', 'PSOM (MTLS)', '2010.int.webconf.psom-8057.out', int(4), 'Any', I),
    flow('internal', 'out', 'A/V', FE, 'Any', [EDGE_INT], 5062, 'TCP', 'SIP (MTLS)', '2010.int.av.auth-5062.out', int(5), F, I),
    flow('internal', 'out', 'A/V', 'Any', 'Any', [EDGE_INT], 3478, 'UDP', 'STUN/MSTURN', '2010.int.av.stun-3478.out', int(6), 'Any', I),
    flow('internal', 'out', 'A/V', 'Any', 'Any', [EDGE_INT], 443, 'TCP', 'STUN/MSTURN', '2010.int.av.stun-443.out', int(7), 'Any', I),
    flow('internal', 'in', 'Reverse Proxy', [RP_INT], 'Any', [VIP], 8080, 'TCP', 'HTTPS', '2010.int.rp.8080.in', int(8), 'reverse proxy internal', 'Front End pool pool1 VIP'),
    flow('internal', 'in', 'Reverse Proxy', [RP_INT], 'Any', [VIP], 4443, 'TCP', 'HTTPS', '2010.int.rp.4443.in', int(9), 'reverse proxy internal', 'Front End pool pool1 VIP'),
    // a Front End host firewall (004) and the pool's hardware load balancer
    flow('host-frontend', 'in', 'Front End', 'Any', 'Any', FE, 5061, 'TCP', 'SIP (MTLS)', '2010.host.fe.sip-5061', hlb(1), 'Any', F),
    flow('host-frontend', 'in', 'Front End', 'Any', 'Any', FE, 444, 'TCP', 'HTTPS', '2010.host.fe.https-444', hlb(2), 'Any', F),
    flow('host-frontend', 'in', 'Front End', [EDGE_INT], 'Any', FE, 5061, 'TCP', 'SIP (MTLS)', '2010.host.fe.sip-5061', hlb(1), I, F),
    flow('load-balancer', 'in', 'Load Balancer', 'Any', 'Any', [VIP], 5061, 'TCP', 'SIP (TLS)', '2010.lb.fe.5061', hlb(1), 'Any', 'Front End pool pool1 VIP'),
    flow('load-balancer', 'in', 'Load Balancer', 'Any', 'Any', [VIP], 443, 'TCP', 'HTTPS', '2010.lb.fe.443', hlb(6), 'Any', 'Front End pool pool1 VIP'),
    flow('load-balancer', 'in', 'Load Balancer', [RP_INT], 'Any', [VIP], 4443, 'TCP', 'HTTPS', '2010.lb.fe.4443', hlb(7), 'reverse proxy internal', 'Front End pool pool1 VIP'),
  ];
}
