// Lync Server 2010 reference architecture 1 (002): the (in)/(out) port summaries and the two
// concrete tables with real addresses. Each summary row cites the concrete row(s) it describes.
import { ANY, anyOf, cite, ep, port, range, requirement } from '../define.ts';
import type { Condition, Requirement } from '../types.ts';

const REMOTE: Condition = anyOf('remote-user-access');
const FED_OR_PIC: Condition = anyOf('sip-federation', 'public-im-connectivity');
// 002 summary row 4: "Federation and connectivity with a hosted Exchange service".
const FED_OR_HOSTED_EXCHANGE: Condition = anyOf('sip-federation', 'hosted-exchange');
/** A concrete-table row with an empty Notes cell. */
const NO_NOTE = { note: '' };
const WEBCONF: Condition = anyOf('remote-user-access', 'sip-federation');
const OCS2007: Condition = anyOf('federation-ocs2007');
const MEDIA = range(50000, 59999);
const ACCESS = 'Edge Server Access Edge service (10.45.16.10 in the reference architecture)';
const AV = 'Edge Server A/V Edge service (10.45.16.30 in the reference architecture)';
const EDGE_INT = 'Edge Server internal interface (172.25.33.10 in the reference architecture)';
const NEXT_HOP = 'next hop server(s): the two pool Front End Servers (192.168.10.90 192.168.10.91 in the reference architecture)';
const FRONT_ENDS = 'all Front End Servers (192.168.10.90 192.168.10.91 in the reference architecture)';
const MEDIA_NOTE = 'Media exchange (for details, see Determining External A/V Firewall and Port Requirements)';

export const EDGE_2010: Requirement[] = [
  // ---- External interface ----
  requirement({
    id: '2010.edge-external.access.http-80.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', ACCESS), destination: ANY, destinationPort: port(80), transport: 'TCP',
    application: 'HTTP', directionWord: 'out', note: 'Checking certificate revocation lists',
    citations: [cite('002-external-summary', 1, { says: { port: 'HTTP 80 (out)' } }), cite('002-external', 1, { says: NO_NOTE })],
  }),
  requirement({
    id: '2010.edge-external.access.dns-udp-53.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', ACCESS), destination: ANY, destinationPort: port(53), transport: 'UDP',
    application: 'DNS', directionWord: 'out', note: 'External DNS queries',
    citations: [cite('002-external-summary', 2, { says: { port: 'DNS 53 (out)' } }), cite('002-external', 2, { says: NO_NOTE })],
  }),
  requirement({
    id: '2010.edge-external.access.sip-tls-443.in', role: 'Access', interface: 'edge-external',
    source: ANY, destination: ep('edge.access', ACCESS), destinationPort: port(443), transport: 'TCP',
    application: 'SIP (TLS)', directionWord: 'in', note: 'Client-to-server SIP traffic for external user access',
    citations: [
      cite('002-external-summary', 3, { when: REMOTE, says: { port: 'SIP/TLS/443 (in)', note: 'Client to server SIP traffic for remote user access' } }),
      cite('002-external', 3, { when: REMOTE }),
    ],
  }),
  requirement({
    id: '2010.edge-external.access.sip-mtls-5061.in', role: 'Access', interface: 'edge-external',
    source: ANY, destination: ep('edge.access', ACCESS), destinationPort: port(5061), transport: 'TCP',
    application: 'SIP (MTLS)', directionWord: 'in/out', note: 'For federated and public IM connectivity using SIP',
    citations: [
      cite('002-external-summary', 4, { when: FED_OR_HOSTED_EXCHANGE, says: { port: 'SIP/MTLS/5061 (in/out)', note: 'Federation and connectivity with a hosted Exchange service' } }),
      cite('002-external', 4, { when: FED_OR_PIC }),
    ],
  }),
  requirement({
    id: '2010.edge-external.access.sip-mtls-5061.out', role: 'Access', interface: 'edge-external',
    source: ep('edge.access', ACCESS), destination: ANY, destinationPort: port(5061), transport: 'TCP',
    application: 'SIP (MTLS)', directionWord: 'in/out', note: 'For federated and public IM connectivity using SIP',
    citations: [
      cite('002-external-summary', 4, { when: FED_OR_HOSTED_EXCHANGE, says: { port: 'SIP/MTLS/5061 (in/out)', note: 'Federation and connectivity with a hosted Exchange service' } }),
      cite('002-external', 5, { when: FED_OR_PIC }),
    ],
  }),
  requirement({
    id: '2010.edge-external.webconf.psom-tls-443.in', role: 'Web Conferencing', interface: 'edge-external',
    source: ANY, destination: ep('edge.webconf', 'Edge Server Web Conferencing Edge service (10.45.16.20 in the reference architecture)'),
    destinationPort: port(443), transport: 'TCP', application: 'PSOM (TLS)', directionWord: 'in',
    note: 'Remote user access to conferences for anonymous and federated users',
    citations: [cite('002-external-summary', 5, { when: WEBCONF, says: { port: 'PSOM/TLS/443 (in)' } }), cite('002-external', 6, { says: NO_NOTE })],
  }),
  requirement({
    id: '2010.edge-external.av.rtp-tcp-50000-59999.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', AV), sourcePort: MEDIA, destination: ANY, destinationPort: 'Any', transport: 'TCP',
    application: 'RTP', directionWord: 'out',
    note: 'Required only for desktop sharing, or federation with partners running Office Communications Server 2007 R2. Also required for application sharing or file transfer with Lync Server 2010 federated users and A/V sessions with Windows Live Messenger.',
    citations: [
      cite('002-external-summary', 7, {
        when: [['federation-ocs2007r2'], ['desktop-sharing-federated'], ['federation-lync2010', 'desktop-sharing-federated'], ['federation-lync2010', 'file-transfer-federated'], ['public-im-connectivity']],
        says: { port: 'RTP/TCP/50K range (out)', note: `${MEDIA_NOTE} Required for Office Communications Server 2007 R2 interoperability Required for Office Communications Server 2007 R2 desktop sharing and federation Required for Lync Server 2010 application sharing, file transfer, or A/V with Windows Live Messenger` },
      }),
      cite('002-external', 7, {
        when: [['desktop-sharing-federated'], ['federation-ocs2007r2'], ['federation-lync2010', 'desktop-sharing-federated'], ['federation-lync2010', 'file-transfer-federated'], ['public-im-connectivity']],
      }),
    ],
  }),
  requirement({
    id: '2010.edge-external.av.rtp-udp-50000-59999.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', AV), sourcePort: MEDIA, destination: ANY, destinationPort: 'Any', transport: 'UDP',
    application: 'RTP', directionWord: 'out',
    note: 'Required only for federation with partners still running Office Communications Server 2007.',
    citations: [
      cite('002-external-summary', 9, {
        when: anyOf('federation-ocs2007', 'public-im-connectivity'),
        says: { port: 'RTP/UDP/50K range (out)', note: `${MEDIA_NOTE} or A/V with Windows Live Messenger Required for Office Communications Server 2007 interoperability` },
      }),
      cite('002-external', 8, { when: OCS2007 }),
    ],
  }),
  requirement({
    id: '2010.edge-external.av.rtp-tcp-50000-59999.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', AV), destinationPort: MEDIA, transport: 'TCP',
    application: 'RTP', directionWord: 'in',
    note: 'Required only for federation with partners still running Office Communications Server 2007.',
    citations: [
      cite('002-external-summary', 6, {
        when: anyOf('public-im-connectivity', 'federation-ocs2007r2'),
        says: { port: 'RTP/TCP/50K range (in)', note: `${MEDIA_NOTE} and Windows Live Messenger if public IM connectivity is enabled Required for Office Communications Server 2007 R2 interoperability` },
      }),
      cite('002-external', 9, { when: OCS2007 }),
    ],
  }),
  requirement({
    id: '2010.edge-external.av.rtp-udp-50000-59999.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', AV), destinationPort: MEDIA, transport: 'UDP',
    application: 'RTP', directionWord: 'in',
    note: 'Required only for federation with partners still running Office Communications Server 2007.',
    citations: [
      cite('002-external-summary', 8, { says: { port: 'RTP/UDP/50K range (in)', note: MEDIA_NOTE } }),
      cite('002-external', 10, { when: OCS2007 }),
    ],
  }),
  requirement({
    id: '2010.edge-external.av.stun-udp-3478.out', role: 'A/V', interface: 'edge-external',
    source: ep('edge.av', AV), sourcePort: port(3478), destination: ANY, destinationPort: port(3478),
    transport: 'UDP', application: 'STUN/MSTURN', directionWord: 'in/out',
    note: '3478 outbound is used to determine the version of Edge Server that Lync Server 2010 is communicating with and also for media traffic from Edge Server to Edge Server. Required for federation with Lync Server 2010, Windows Live Messenger, and Office Communications Server 2007 R2, and also if multiple Edge pools are deployed within a company.',
    citations: [
      cite('002-external-summary', 10, { when: REMOTE, says: { port: 'STUN/MSTURN/UDP/3478 (in/out)', note: 'External user access to A/V sessions (UDP)' } }),
      cite('002-external', 11, { when: anyOf('federation-lync2010', 'public-im-connectivity', 'federation-ocs2007r2', 'multiple-edge-pools') }),
    ],
  }),
  requirement({
    id: '2010.edge-external.av.stun-udp-3478.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', AV), destinationPort: port(3478), transport: 'UDP',
    application: 'STUN/MSTURN', directionWord: 'in/out', note: 'External user access to A/V sessions (UDP)',
    citations: [
      cite('002-external-summary', 10, { when: REMOTE, says: { port: 'STUN/MSTURN/UDP/3478 (in/out)' } }),
      cite('002-external', 12, { says: NO_NOTE }),
    ],
  }),
  requirement({
    id: '2010.edge-external.av.stun-tcp-443.in', role: 'A/V', interface: 'edge-external',
    source: ANY, destination: ep('edge.av', AV), destinationPort: port(443), transport: 'TCP',
    application: 'STUN/MSTURN', directionWord: 'in', note: 'External user access to A/V sessions and media (TCP)',
    citations: [
      cite('002-external-summary', 11, { when: REMOTE, says: { port: 'STUN/MSTURN/TCP/443 (in)' } }),
      cite('002-external', 13, { says: NO_NOTE }),
    ],
  }),
  requirement({
    id: '2010.reverse-proxy-external.http-80.in', role: 'Reverse Proxy', interface: 'reverse-proxy-external',
    source: ANY, destination: ep('reverse-proxy.external', 'Reverse proxy external interface (10.45.16.40 in the reference architecture)'),
    destinationPort: port(80), transport: 'TCP', application: 'HTTP', directionWord: 'in',
    note: '(Optional) Can be used to redirect http traffic to https.',
    citations: [
      cite('002-rp-external', 1, { when: anyOf('reverse-proxy-http-redirect'), says: { port: 'HTTP 80 (in)', note: '(Optional) Redirection to HTTPS if user accidentally enters https://<publishedSiteFQDN>' } }),
      cite('002-external', 14, { when: anyOf('reverse-proxy-http-redirect') }),
    ],
  }),
  requirement({
    id: '2010.reverse-proxy-external.https-443.in', role: 'Reverse Proxy', interface: 'reverse-proxy-external',
    source: ANY, destination: ep('reverse-proxy.external', 'Reverse proxy external interface (10.45.16.40 in the reference architecture)'),
    destinationPort: port(443), transport: 'TCP', application: 'HTTPS', directionWord: 'in',
    note: 'Address book downloads, Address Book Web Query service, client updates, meeting content, device updates, group expansion, dial-in conferencing, and meetings.',
    citations: [cite('002-rp-external', 2, { says: { port: 'HTTPS 443 (in)' } }), cite('002-external', 15, { says: NO_NOTE })],
  }),

  // ---- Internal interface ----
  requirement({
    id: '2010.edge-internal.access.sip-mtls-5061.in', role: 'Access', interface: 'edge-internal',
    source: ep('edge.internal', EDGE_INT), destination: ep('next-hop.servers', NEXT_HOP),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)', directionWord: 'in/out',
    note: 'Destination will be the next hop server(s). In the case of the reference architecture, it is the IP addresses of the two pool Front End Servers.',
    citations: [cite('002-internal-summary', 1, { says: { port: 'SIP/MTLS/5061 (in/out)', note: 'SIP traffic' } }), cite('002-internal', 1)],
  }),
  requirement({
    id: '2010.edge-internal.access.sip-mtls-5061.out', role: 'Access', interface: 'edge-internal',
    source: ep('next-hop.servers', NEXT_HOP), destination: ep('edge.internal', EDGE_INT),
    destinationPort: port(5061), transport: 'TCP', application: 'SIP (MTLS)', directionWord: 'in/out',
    note: 'Source will be the next hop server(s). In the case of the reference architecture, it is the IP addresses of the two pool Front End Servers.',
    citations: [cite('002-internal-summary', 1, { says: { port: 'SIP/MTLS/5061 (in/out)', note: 'SIP traffic' } }), cite('002-internal', 2)],
  }),
  requirement({
    id: '2010.edge-internal.access.https-4443.out', role: 'Access', interface: 'edge-internal',
    source: ep('frontend.servers', FRONT_ENDS), destination: ep('edge.internal', EDGE_INT),
    destinationPort: port(4443), transport: 'TCP', application: 'HTTPS', directionWord: 'out',
    note: 'Used by the replication agent for Central Management store replication, include all Front End Servers.',
    citations: [cite('002-internal-summary', 6, { says: { port: 'HTTPS 4443 (out)', note: 'Pushing Central Management store updates to Edge Servers' } }), cite('002-internal', 3)],
  }),
  requirement({
    id: '2010.edge-internal.webconf.psom-mtls-8057.out', role: 'Web Conferencing', interface: 'edge-internal',
    source: ANY, destination: ep('edge.internal', EDGE_INT),
    destinationPort: port(8057), transport: 'TCP', application: 'PSOM (MTLS)', directionWord: 'out',
    note: 'Web conferencing traffic from pool to Edge Server',
    citations: [cite('002-internal-summary', 2, { says: { port: 'PSOM/MTLS/8057 (out)' } }), cite('002-internal', 4, { says: NO_NOTE })],
  }),
  requirement({
    id: '2010.edge-internal.av.sip-mtls-5062.out', role: 'A/V', interface: 'edge-internal',
    source: ep('frontend.servers', FRONT_ENDS), destination: ep('edge.internal', EDGE_INT),
    destinationPort: port(5062), transport: 'TCP', application: 'SIP (MTLS)', directionWord: 'out',
    note: 'Include all Front End Servers using this particular A/V authentication service.',
    citations: [cite('002-internal-summary', 3, { says: { port: 'SIP/MTLS/5062 (out)', note: 'Authentication of A/V users (A/V authentication service)' } }), cite('002-internal', 5)],
  }),
  requirement({
    id: '2010.edge-internal.av.stun-udp-3478.out', role: 'A/V', interface: 'edge-internal',
    source: ANY, destination: ep('edge.internal', EDGE_INT),
    destinationPort: port(3478), transport: 'UDP', application: 'STUN/MSTURN', directionWord: 'out',
    note: 'Preferred path for media transfer between internal and external users (UDP)',
    citations: [cite('002-internal-summary', 4, { says: { port: 'STUN/MSTURN/UDP/3478 (out)' } }), cite('002-internal', 6, { says: NO_NOTE })],
  }),
  requirement({
    id: '2010.edge-internal.av.stun-tcp-443.out', role: 'A/V', interface: 'edge-internal',
    source: ANY, destination: ep('edge.internal', EDGE_INT),
    destinationPort: port(443), transport: 'TCP', application: 'STUN/MSTURN', directionWord: 'out',
    note: 'Alternate path for media transfer between internal and external users (TCP)',
    citations: [cite('002-internal-summary', 5, { says: { port: 'STUN/MSTURN/TCP/443 (out)' } }), cite('002-internal', 7, { says: NO_NOTE })],
  }),
  requirement({
    id: '2010.reverse-proxy-internal.https-8080.in', role: 'Reverse Proxy', interface: 'reverse-proxy-internal',
    source: ep('reverse-proxy.internal', 'Reverse proxy internal interface (172.25.33.40 in the reference architecture)'),
    destination: ep('published-pool.vip', 'pool virtual IP (192.168.10.190 in the reference architecture)'),
    destinationPort: port(8080), transport: 'TCP', application: 'HTTPS',
    // The row's Notes cell is empty; 002's introduction says "Port 8080 is used to route traffic
    // from the reverse proxy internal interface to the pool virtual IP (VIP)".
    note: '',
    citations: [cite('002-internal', 8)],
  }),
  requirement({
    id: '2010.reverse-proxy-internal.https-4443.in', role: 'Reverse Proxy', interface: 'reverse-proxy-internal',
    source: ep('reverse-proxy.internal', 'Reverse proxy internal interface (172.25.33.40 in the reference architecture)'),
    destination: ep('published-pool.vip', 'pool virtual IP (192.168.10.190 in the reference architecture)'),
    destinationPort: port(4443), transport: 'TCP', application: 'HTTPS', directionWord: 'in',
    note: 'Traffic sent to 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface so that the pool web services can distinguish it from internal web traffic',
    citations: [cite('002-rp-internal', 1, { says: { port: 'HTTPS 4443 (in)' } }), cite('002-internal', 9, { says: NO_NOTE })],
  }),
];
