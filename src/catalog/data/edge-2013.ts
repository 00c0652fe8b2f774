// Lync Server 2013 edge rows: 000 (DNS load balancing), 001 (hardware load balancing),
// 003 (SIP federation, public IM connectivity, XMPP). One requirement per distinct rule; each
// citation carries its own row's condition and wording where it differs.
import { ANY, any, anyOf, cite, ep, port, range, requirement } from '../define.ts';
import type { Condition, Requirement } from '../types.ts';
import type { EdgeLoadBalancing } from '../products.ts';

const XMPP: Condition = anyOf('xmpp-federation');
const REMOTE: Condition = anyOf('remote-user-access');
const FED_OR_PIC: Condition = anyOf('sip-federation', 'public-im-connectivity');
const FED: Condition = anyOf('sip-federation');
const PIC: Condition = anyOf('public-im-connectivity');
const OCS2007: Condition = anyOf('federation-ocs2007');
// 000/001: "Required for federating with partners running OCS 2007, OCS 2007 R2, Lync Server 2010 and Lync Server 2013."
const FED_ANY_PARTNER: Condition = anyOf('federation-ocs2007', 'federation-ocs2007r2', 'federation-lync2010', 'federation-lync2013');
// 000/001: "Required for federation with Lync Server 2010, Windows Live Messenger, and OCS 2007 R2,
// and also if multiple Edge pools are deployed within a company."
const STUN_OUT: Condition = anyOf('federation-lync2010', 'public-im-connectivity', 'federation-ocs2007r2', 'multiple-edge-pools');
// 003 names no edge topology. Its Access Edge rows bind the real servers' addresses on single and
// DNS load balanced edges and the Access Edge VIP on hardware load balanced ones (interpretation
// 'access-interface-behind-hlb'); its A/V and internal rows bind every edge.
const NOT_HLB: EdgeLoadBalancing[] = ['none', 'dns'];
const HLB: EdgeLoadBalancing[] = ['hardware'];
const PIC_NOTE_003 = 'For federated and public IM connectivity that use SIP.';
const LIVE_STUN_NOTE = 'Required for public IM connectivity with Windows Live Messenger';
const XMPP_IN_NOTE = 'Standard server-to-server communication port for XMPP. Allows communication to the Edge Server XMPP proxy from federated XMPP partners';
const XMPP_OUT_NOTE = 'Standard server-to-server communication port for XMPP. Allows communication from the Edge Server XMPP proxy to federated XMPP partners';

const MEDIA = range(50000, 59999);
const ACCESS_IF = 'Edge Server Access interface';
const LIVE = 'Live Messenger clients';

const CLS_NOTE = 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection';

function cls(n: 50001 | 50002 | 50003, row: number): Requirement {
  return requirement({
    id: `2013.edge-internal.cls.mtls-${n}`, role: 'Access', interface: 'edge-internal',
    source: ANY, destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(n), transport: 'TCP', application: 'MTLS', note: CLS_NOTE,
    citations: [cite('000-internal', row), cite('001-internal', row - 3)],
  });
}

export const EDGE_2013: Requirement[] = [
  // ---- External interface, real servers (000 External Interface; 001 External Interface) ----
  requirement({
    id: '2013.edge-external.xmpp.5269.in', role: 'XMPP', interface: 'edge-external',
    source: ANY, destination: ep('edge.access', 'XMPP Proxy service (shares IP address with Access Edge service)'),
    destinationPort: port(5269), transport: 'TCP', application: 'XMPP',
    note: 'XMPP Proxy service accepts traffic from XMPP contacts in defined XMPP federations',
    citations: [
      cite('000-external', 1, { when: XMPP }),
      cite('000-xmpp', 1, { when: XMPP, says: { destination: 'Edge Server Access Edge service interface IP address', note: XMPP_IN_NOTE } }),
      cite('003-xmpp', 1, { when: XMPP, edgeLoadBalancing: NOT_HLB, says: { destination: 'Access Edge service interface IP address', note: XMPP_IN_NOTE } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.xmpp.5269.out', role: 'XMPP', interface: 'edge-external',
    source: ep('edge.access', 'Edge Server Access Edge service interface IP address'), destination: ANY,
    destinationPort: port(5269), transport: 'TCP', application: 'XMPP',
    note: 'Standard server-to-server communication port for XMPP. Allows communication from the Edge Server XMPP proxy to federated XMPP partners',
    citations: [
      cite('000-xmpp', 2, { when: XMPP }),
      cite('003-xmpp', 2, { when: XMPP, edgeLoadBalancing: NOT_HLB, says: { source: 'Access Edge service interface IP address' } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.access.http-80.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', 'Edge Server Access Edge service public IP address'), destination: ANY,
    destinationPort: port(80), transport: 'TCP', application: 'HTTP',
    note: 'Certificate revocation/CRL check and retrieval',
    citations: [cite('000-external', 2), cite('001-external', 1)],
  }),
  requirement({
    id: '2013.edge-external.access.dns-tcp-53.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', 'Edge Server Access Edge service public IP address'), destination: ANY,
    destinationPort: port(53), transport: 'TCP', application: 'DNS', note: 'DNS query over TCP',
    citations: [cite('000-external', 3), cite('001-external', 2)],
  }),
  requirement({
    id: '2013.edge-external.access.dns-udp-53.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', 'Edge Server Access Edge service public IP address'), destination: ANY,
    destinationPort: port(53), transport: 'UDP', application: 'DNS', note: 'DNS query over UDP',
    citations: [cite('000-external', 4), cite('001-external', 3)],
  }),
  requirement({
    id: '2013.edge-external.access.sip-tls-443.in', role: 'Access', interface: 'edge-external',
    source: ANY, destination: ep('edge.access', 'Edge Server Access Edge service public IP address'),
    destinationPort: port(443), transport: 'TCP', application: 'SIP (TLS)',
    note: 'Client-to-server SIP traffic for external user access',
    citations: [
      cite('000-external', 5, { when: REMOTE }),
      cite('000-pic', 3, { when: PIC, says: { source: 'Clients', destination: 'Edge Server Access Edge service' } }),
      cite('003-pic', 3, { when: PIC, edgeLoadBalancing: NOT_HLB, says: { source: 'Clients', destination: ACCESS_IF, note: 'Client-to-server SIP traffic for external user access.' } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.access.sip-mtls-5061.in', role: 'Access', interface: 'edge-external',
    source: ANY, destination: ep('edge.access', 'Edge Server Access Edge service public IP address'),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'For federated and public IM connectivity using SIP',
    citations: [
      cite('000-external', 6, { when: FED_OR_PIC }),
      cite('000-pic', 1, { when: PIC, says: { source: 'Public IM connectivity partners', destination: 'Edge Server Access Edge service' } }),
      cite('003-pic', 1, { when: PIC, edgeLoadBalancing: NOT_HLB, says: { source: 'Public IM connectivity partners', destination: ACCESS_IF, note: PIC_NOTE_003 } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.access.sip-mtls-5061.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', 'Edge Server Access Edge service public IP address'), destination: ANY,
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'For federated and public IM connectivity using SIP',
    citations: [
      cite('000-external', 7, { when: FED_OR_PIC }),
      cite('000-federation', 1, { when: FED, says: { source: 'Access Edge service public IP address' } }),
      cite('000-pic', 2, { when: PIC, says: { source: 'Edge Server Access Edge service', destination: 'Public IM connectivity partners' } }),
      cite('003-federation', 1, { when: FED, edgeLoadBalancing: NOT_HLB, says: { source: 'Access Edge service public IP address' } }),
      cite('003-pic', 2, { when: PIC, edgeLoadBalancing: NOT_HLB, says: { source: ACCESS_IF, destination: 'Public IM connectivity partners', note: PIC_NOTE_003 } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.webconf.psom-tls-443.in', role: 'Web Conferencing', interface: 'edge-external',
    source: ANY, destination: ep('edge.webconf', 'Edge Server Web Conferencing Edge service public IP address'),
    destinationPort: port(443), transport: 'TCP', application: 'PSOM (TLS)', note: 'Web Conferencing media',
    citations: [cite('000-external', 8)],
  }),
  requirement({
    id: '2013.edge-external.av.rtp-tcp-50000-59999.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', 'Edge Server A/V Edge service public IP address'), sourcePort: MEDIA,
    destination: ANY, destinationPort: 'Any', transport: 'TCP', application: 'RTP',
    note: 'Required for federating with partners running Office Communications Server 2007, Office Communications Server 2007 R2, Lync Server 2010 and Lync Server 2013.',
    citations: [
      cite('000-external', 9, { when: FED_ANY_PARTNER, says: { port: 'A/V/RTP/TCP/50,000-59,999' } }),
      cite('001-external', 4, { when: FED_ANY_PARTNER, says: { source: 'Edge Server A/V Edge service IP address', port: 'A/V/RTP/TCP/50,000-59,999' } }),
      cite('000-pic', 4, { when: PIC, says: { source: 'Edge Server A/V Edge service', destination: LIVE, note: 'Used for A/V sessions with Windows Live Messenger if public IM connectivity is configured.' } }),
      cite('003-pic', 4, { when: PIC, says: { source: ACCESS_IF, destination: LIVE, note: 'Used for A/V sessions with Windows Live Messenger if public IM connectivity is configured.' } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.av.rtp-udp-50000-59999.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', 'Edge Server A/V Edge service public IP address'), sourcePort: MEDIA,
    destination: ANY, destinationPort: 'Any', transport: 'UDP', application: 'RTP',
    note: 'Required only for federation with partners running Office Communications Server 2007.',
    citations: [
      cite('000-external', 10, { when: OCS2007, says: { port: 'A/V/RTP/UDP/50,000-59,999' } }),
      cite('001-external', 5, { when: OCS2007, says: { port: 'A/V/RTP/UDP/50,000-59,999' } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.av.rtp-tcp-50000-59999.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', 'Edge Server A/V Edge service public IP address'),
    destinationPort: MEDIA, transport: 'TCP', application: 'RTP',
    note: 'Required only for federation with partners running Office Communications Server 2007',
    citations: [cite('000-external', 11, { when: OCS2007 }), cite('001-external', 6, { when: OCS2007 })],
  }),
  requirement({
    id: '2013.edge-external.av.rtp-udp-50000-59999.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', 'Edge Server A/V Edge service public IP address'),
    destinationPort: MEDIA, transport: 'UDP', application: 'RTP',
    note: 'Required only for federation with partners running Office Communications Server 2007',
    citations: [cite('000-external', 12, { when: OCS2007 }), cite('001-external', 7, { when: OCS2007 })],
  }),
  requirement({
    id: '2013.edge-external.av.stun-udp-3478.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', 'Edge Server A/V Edge service public IP address'), destination: ANY,
    destinationPort: port(3478), transport: 'UDP', application: 'STUN/MSTURN',
    note: '3478 outbound is used to determine the version of Edge Server that Lync Server is communicating with and also for media traffic from Edge Server-to-Edge Server. Required for federation with Lync Server 2010, Windows Live Messenger, and Office Communications Server 2007 R2, and also if multiple Edge pools are deployed within a company.',
    citations: [
      cite('000-external', 13, { when: STUN_OUT }),
      cite('001-external', 8, { when: STUN_OUT }),
      cite('000-pic', 5, { when: PIC, says: { source: 'Edge Server A/V Edge service', destination: LIVE, note: LIVE_STUN_NOTE } }),
      cite('003-pic', 5, { when: PIC, says: { source: ACCESS_IF, destination: LIVE, note: `${LIVE_STUN_NOTE}.` } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.av.stun-udp-3478.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', 'Edge Server A/V Edge service public IP address'),
    destinationPort: port(3478), transport: 'UDP', application: 'STUN/MSTURN',
    note: 'STUN/TURN negotiation of candidates over UDP/3478',
    citations: [
      cite('000-external', 14),
      cite('001-external', 9),
      cite('000-pic', 6, { when: PIC, says: { source: LIVE, destination: 'Edge Server A/V Edge service', note: LIVE_STUN_NOTE } }),
      cite('003-pic', 6, { when: PIC, says: { source: LIVE, destination: ACCESS_IF, note: `${LIVE_STUN_NOTE}.` } }),
    ],
  }),
  requirement({
    id: '2013.edge-external.av.stun-tcp-443.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', 'Edge Server A/V Edge service public IP address'),
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN',
    note: 'STUN/TURN negotiation of candidates over TCP/443',
    citations: [cite('000-external', 15), cite('001-external', 10)],
  }),
  requirement({
    id: '2013.edge-external.av.stun-tcp-443.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', 'Edge Server A/V Edge service public IP address'), destination: ANY,
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN',
    note: 'STUN/TURN negotiation of candidates over TCP/443',
    citations: [
      cite('000-external', 16, { says: { source: 'Edge Server A/V Edge service' } }),
      cite('001-external', 11),
    ],
  }),

  // ---- Internal interface, real servers (000 Internal Interface; 001 Internal Interface) ----
  requirement({
    id: '2013.edge-internal.xmpp.mtls-23456.out', role: 'XMPP', interface: 'edge-internal',
    source: any('Any (can be defined as Front End Server address, or Front End pool IP address running the XMPP Gateway service)', ['frontend.xmpp-gateway', 'frontend.xmpp-gateway-hlb-vip']),
    destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(23456), transport: 'TCP', application: 'XMPP (MTLS)',
    note: 'Outbound XMPP traffic from XMPP Gateway service running on Front End Server or Front End pool',
    citations: [
      cite('000-internal', 1, { when: XMPP }),
      cite('000-xmpp', 3, { when: XMPP, says: { source: 'Any', destination: 'Each internal Edge Server Interface IP', note: 'Internal XMPP traffic from the XMPP Gateway on the Front End Server or Front End pool to the Edge Server internal IP address or each Edge pool member’s internal IP address' } }),
      cite('003-xmpp', 3, { when: XMPP, says: { source: 'Any', destination: 'Internal Edge Server Interface IP', port: 'XMPP/MTLS/23456', note: 'Internal XMPP traffic from the XMPP Gateway on the Front End Server or Front End pool to the Edge Server' } }),
      cite('001-internal', 1, { when: XMPP, says: { source: 'Any (can be defined as Front End Server address, or Front End pool virtual IP address running the XMPP Gateway service)' } }),
    ],
  }),
  requirement({
    id: '2013.edge-internal.access.sip-mtls-5061.out', role: 'Access', interface: 'edge-internal',
    source: any('Any (can be defined as Director, Director pool IP address, Front End Server or Front End pool IP address)', ['next-hop.servers', 'next-hop.vip']),
    destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Outbound SIP traffic (from Director, Director pool IP address, Front End Server or Front End pool IP address) to Edge Server internal interface',
    citations: [cite('000-internal', 2)],
  }),
  requirement({
    id: '2013.edge-internal.access.sip-mtls-5061.in', role: 'Access', interface: 'edge-internal',
    source: ep('edge.internal', 'Edge Server internal interface'),
    destination: any('Any (can be defined as Director, Director pool IP address, Front End Server or Front End pool IP address)', ['next-hop.servers', 'next-hop.vip']),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Inbound SIP traffic (to Director, Director pool IP address, Front End Server or Front End pool IP address) from Edge Server internal interface',
    citations: [cite('000-internal', 3)],
  }),
  requirement({
    id: '2013.edge-internal.webconf.psom-mtls-8057.out', role: 'Web Conferencing', interface: 'edge-internal',
    source: any('Any (can be defined as Front End Server IP address, or each Front End Server IP address in a Front End pool)', ['frontend.servers']),
    destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(8057), transport: 'TCP', application: 'PSOM (MTLS)',
    note: 'Web conferencing traffic from Front End Server or each Front End Server if in a pool, to Edge Server internal interface',
    citations: [
      cite('000-internal', 4),
      cite('001-internal', 3, { says: { source: 'Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)', note: 'Web conferencing traffic from Internal deployment to Internal Edge Server interface' } }),
    ],
  }),
  requirement({
    id: '2013.edge-internal.av.sip-mtls-5062.out', role: 'A/V', interface: 'edge-internal',
    source: any('Any (can be defined as Front End Server IP address, or Front End pool IP address or any Survivable Branch Appliance or Survivable Branch Server using this Edge Server)', ['frontend.servers', 'frontend.hlb-vip', 'survivable-branches']),
    destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(5062), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Authentication of A/V users (A/V authentication service) from Front End Server or Front End pool IP address or any Survivable Branch Appliance or Survivable Branch Server using this Edge Server',
    citations: [cite('000-internal', 5)],
  }),
  requirement({
    id: '2013.edge-internal.av.stun-udp-3478.out', role: 'A/V', interface: 'edge-internal',
    source: ANY, destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(3478), transport: 'UDP', application: 'STUN/MSTURN',
    note: 'Preferred path for A/V media transfer between internal and external users, Survivable Branch Appliance or Survivable Branch Server',
    citations: [
      cite('000-internal', 6),
      cite('001-internal', 4, { says: { source: 'Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)' } }),
    ],
  }),
  requirement({
    id: '2013.edge-internal.av.stun-tcp-443.out', role: 'A/V', interface: 'edge-internal',
    source: ANY, destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN',
    note: 'Fallback path for A/V media transfer between internal and external users, Survivable Branch Appliance or Survivable Branch Server if UDP communication cannot be established, TCP is used for file transfer and desktop sharing',
    citations: [
      cite('000-internal', 7),
      cite('001-internal', 5, { says: { source: 'Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)' } }),
    ],
  }),
  requirement({
    id: '2013.edge-internal.access.https-4443.out', role: 'Access', interface: 'edge-internal',
    source: any('Any (can be defined as the Front End Server IP address, or pool that holds the Central Management store)', ['frontend.cms']),
    destination: ep('edge.internal', 'Edge Server internal interface'),
    destinationPort: port(4443), transport: 'TCP', application: 'HTTPS',
    note: 'Replication of changes from the Central Management store to the Edge Server',
    citations: [
      cite('000-internal', 8),
      cite('001-internal', 2, { says: { source: 'Any (can be defined as the Front End Server server IP or pool that holds the Central Management store)' } }),
    ],
  }),
  cls(50001, 9),
  cls(50002, 10),
  cls(50003, 11),

  // ---- Hardware load balancer: external VIPs (001) ----
  requirement({
    id: '2013.hlb-external-vip.xmpp.5269.in', role: 'XMPP', interface: 'hlb-external-vip',
    source: ANY, destination: ep('vip.access', 'XMPP Proxy service (shares IP address with Access Edge service)'),
    destinationPort: port(5269), transport: 'TCP', application: 'XMPP',
    note: 'XMPP Proxy service accepts traffic from XMPP contacts in defined XMPP federations',
    citations: [
      cite('001-external-vip', 1, { when: XMPP }),
      cite('003-xmpp', 1, { when: XMPP, edgeLoadBalancing: HLB, says: { destination: 'Access Edge service interface IP address', note: XMPP_IN_NOTE } }),
    ],
  }),
  requirement({
    id: '2013.hlb-external-vip.xmpp.5269.out', role: 'XMPP', interface: 'hlb-external-vip',
    source: ep('vip.access', 'XMPP Proxy service (shares IP address with Access Edge service)'), destination: ANY,
    destinationPort: port(5269), transport: 'TCP', application: 'XMPP',
    note: 'XMPP Proxy service sends traffic to XMPP contacts in defined XMPP federations',
    citations: [
      cite('001-external-vip', 2, { when: XMPP }),
      cite('003-xmpp', 2, { when: XMPP, edgeLoadBalancing: HLB, says: { source: 'Access Edge service interface IP address', note: XMPP_OUT_NOTE } }),
    ],
  }),
  requirement({
    id: '2013.hlb-external-vip.access.sip-tls-443.in', role: 'Access', interface: 'hlb-external-vip',
    source: ANY, destination: ep('vip.access', 'Access Edge service public VIP address'),
    destinationPort: port(443), transport: 'TCP', application: 'SIP (TLS)',
    note: 'Client-to-server SIP traffic for external user access',
    citations: [
      cite('001-external-vip', 3, { when: REMOTE }),
      cite('003-pic', 3, { when: PIC, edgeLoadBalancing: HLB, says: { source: 'Clients', destination: ACCESS_IF, note: 'Client-to-server SIP traffic for external user access.' } }),
    ],
  }),
  requirement({
    id: '2013.hlb-external-vip.access.sip-mtls-5061.in', role: 'Access', interface: 'hlb-external-vip',
    source: ANY, destination: ep('vip.access', 'Access Edge service public VIP address'),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'SIP signaling, federated and public IM connectivity using SIP',
    citations: [
      cite('001-external-vip', 4, { when: FED_OR_PIC }),
      cite('003-pic', 1, { when: PIC, edgeLoadBalancing: HLB, says: { source: 'Public IM connectivity partners', destination: ACCESS_IF, note: PIC_NOTE_003 } }),
    ],
  }),
  requirement({
    id: '2013.hlb-external-vip.access.sip-mtls-5061.out', role: 'Access', interface: 'hlb-external-vip',
    source: ep('vip.access', 'Access Edge service public VIP address'), destination: any('Federated partner'),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'SIP signaling, federated and public IM connectivity using SIP',
    citations: [
      cite('001-external-vip', 5, { when: FED_OR_PIC }),
      cite('003-federation', 1, { when: FED, edgeLoadBalancing: HLB, says: { source: 'Access Edge service public IP address', destination: 'Any', note: 'For federated and public IM connectivity using SIP' } }),
      cite('003-pic', 2, { when: PIC, edgeLoadBalancing: HLB, says: { source: ACCESS_IF, destination: 'Public IM connectivity partners', note: PIC_NOTE_003 } }),
    ],
  }),
  requirement({
    id: '2013.hlb-external-vip.webconf.psom-tls-443.in', role: 'Web Conferencing', interface: 'hlb-external-vip',
    source: ANY, destination: ep('vip.webconf', 'Edge Server Web Conferencing Edge service public VIP address'),
    destinationPort: port(443), transport: 'TCP', application: 'PSOM (TLS)', note: 'Web Conferencing media',
    citations: [cite('001-external-vip', 6)],
  }),
  requirement({
    id: '2013.hlb-external-vip.av.stun-udp-3478.in', role: 'A/V', interface: 'hlb-external-vip',
    source: ANY, destination: ep('vip.av', 'Edge Server A/V Edge service public VIP address'),
    destinationPort: port(3478), transport: 'UDP', application: 'STUN/MSTURN',
    note: 'STUN/TURN negotiation of candidates over UDP/3478',
    citations: [cite('001-external-vip', 7)],
  }),
  requirement({
    id: '2013.hlb-external-vip.av.stun-tcp-443.in', role: 'A/V', interface: 'hlb-external-vip',
    source: ANY, destination: ep('vip.av', 'Edge Server A/V Edge service public VIP address'),
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN',
    note: 'STUN/TURN negotiation of candidates over TCP/443',
    citations: [cite('001-external-vip', 8)],
  }),

  // ---- Hardware load balancer: internal VIP (001) ----
  requirement({
    id: '2013.hlb-internal-vip.access.sip-mtls-5061.out', role: 'Access', interface: 'hlb-internal-vip',
    source: any('Any (can be defined as Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)', ['next-hop.servers', 'next-hop.vip']),
    destination: ep('vip.internal', 'Edge Server Internal VIP interface'),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Outbound SIP traffic (from Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)to Internal Edge VIP',
    citations: [cite('001-internal-vip', 1)],
  }),
  requirement({
    id: '2013.hlb-internal-vip.access.sip-mtls-5061.in', role: 'Access', interface: 'hlb-internal-vip',
    source: ep('vip.internal', 'Edge Server Internal VIP interface'),
    destination: any('Any (can be defined as Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)', ['next-hop.servers', 'next-hop.vip']),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Inbound SIP traffic (to Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address) from Edge Server internal interface',
    citations: [cite('001-internal-vip', 2)],
  }),
  // The same row's note names the sender "Edge Server internal interface" (the nodes), not the VIP
  // its source column names; both readings are kept (discrepancy 'hlb-internal-5061-source').
  requirement({
    id: '2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes', role: 'Access', interface: 'hlb-internal-vip',
    source: ep('edge.internal', 'Edge Server internal interface'),
    destination: any('Any (can be defined as Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)', ['next-hop.servers', 'next-hop.vip']),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Inbound SIP traffic (to Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address) from Edge Server internal interface',
    citations: [cite('001-internal-vip', 2, { says: { source: 'Edge Server Internal VIP interface' } })],
  }),
  requirement({
    id: '2013.hlb-internal-vip.av.sip-mtls-5062.out', role: 'A/V', interface: 'hlb-internal-vip',
    source: any('Any (can be defined as Front End Server IP address, or Front End pool IP address or any Survivable Branch Appliance or Survivable Branch Server using this Edge Server)', ['frontend.servers', 'frontend.hlb-vip', 'survivable-branches']),
    destination: ep('vip.internal', 'Edge Server Internal VIP interface'),
    destinationPort: port(5062), transport: 'TCP', application: 'SIP (MTLS)',
    note: 'Authentication of A/V users (A/V authentication service) from Front End Server or Front End pool IP address or any Survivable Branch Appliance or Survivable Branch Server using this Edge Server',
    citations: [cite('001-internal-vip', 3)],
  }),
  requirement({
    id: '2013.hlb-internal-vip.av.stun-udp-3478.out', role: 'A/V', interface: 'hlb-internal-vip',
    source: ANY, destination: ep('vip.internal', 'Edge Server Internal VIP interface'),
    destinationPort: port(3478), transport: 'UDP', application: 'STUN/MSTURN',
    note: 'Preferred path for A/V media transfer between internal and external users',
    citations: [cite('001-internal-vip', 4)],
  }),
  requirement({
    id: '2013.hlb-internal-vip.av.stun-tcp-443.out', role: 'A/V', interface: 'hlb-internal-vip',
    source: ANY, destination: ep('vip.internal', 'Edge Server Internal VIP interface'),
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN',
    note: 'Fallback path for A/V media transfer between internal and external users if UDP communication cannot be established, TCP is used for file transfer and desktop sharing',
    citations: [cite('001-internal-vip', 5)],
  }),
  requirement({
    id: '2013.hlb-internal-vip.av.stun-tcp-443.in', role: 'A/V', interface: 'hlb-internal-vip',
    source: ep('vip.internal', 'Edge Server Internal VIP interface'), destination: ANY,
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN',
    note: 'Fallback path for A/V media transfer between internal and external users if UDP communication cannot be established, TCP is used for file transfer and desktop sharing',
    citations: [cite('001-internal-vip', 6)],
  }),
];
