// Where the documents disagree with each other (or slip inside one table). Every reading is
// kept, quoted verbatim (cells joined by " | ", "…" marks an omission; a test finds each quote in
// the document), and each entry says what Portolan does with it.
import { at, passage } from './quote.ts';
import type { Discrepancy } from './types.ts';

const MEDIA = 'Media exchange (for details, see Determining External A/V Firewall and Port Requirements)';
const OCS2007_ONLY = 'Required only for federation with partners still running Office Communications Server 2007.';

export const DISCREPANCIES: Discrepancy[] = [
  {
    id: 'public-im-av-from-access-interface',
    summary: "003's public IM connectivity table lists A/V media (RTP 50,000-59,999 and STUN 3478) from and to the \"Edge Server Access interface\"; 000's identical table names the A/V Edge service.",
    readings: [
      at('003-pic', 4, 'A/V/RTP/TCP/50,000-59,999 | Edge Server Access interface | Live Messenger clients'),
      at('003-pic', 5, 'A/V/STUN,MSTURN/UDP/3478 | Edge Server Access interface | Live Messenger clients'),
      at('003-pic', 6, 'A/V/STUN,MSTURN/UDP/3478 | Live Messenger clients | Edge Server Access interface'),
      at('000-pic', 4, 'A/V/RTP/TCP/50,000-59,999 | Edge Server A/V Edge service | Live Messenger clients'),
      at('000-pic', 5, 'A/V/STUN,MSTURN/UDP/3478 | Edge Server A/V Edge service | Live Messenger clients'),
      at('000-pic', 6, 'A/V/STUN,MSTURN/UDP/3478 | Live Messenger clients | Edge Server A/V Edge service'),
    ],
    handling: "Flows use the A/V Edge service address (000's reading, and the only one consistent with the A/V role); the 003 reading stays on the citation ('says') and flows and plans show it.",
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out', '2013.edge-external.av.stun-udp-3478.out', '2013.edge-external.av.stun-udp-3478.in'],
  },
  {
    id: 'media-range-port-column',
    summary: "The 2013 tables give one port column (\"A/V/RTP/TCP/50,000-59,999\") for outbound media; 002's concrete table puts 50,000-59,999 on the A/V Edge's source port with destination port Any.",
    readings: [
      at('000-external', 9, 'A/V/RTP/TCP/50,000-59,999 | Edge Server A/V Edge service public IP address | Any'),
      at('001-external', 4, 'A/V/RTP/TCP/50,000-59,999 | Edge Server A/V Edge service IP address | Any'),
      at('002-external', 7, 'A/V | 10.45.16.30 | 50,000 – 59,999 | Any | Any | TCP | RTP'),
    ],
    handling: 'Outbound media rows put 50000-59999 on the source port for both versions, as the concrete 002 table does.',
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out', '2013.edge-external.av.rtp-udp-50000-59999.out', '2010.edge-external.av.rtp-tcp-50000-59999.out', '2010.edge-external.av.rtp-udp-50000-59999.out'],
  },
  {
    id: 'dns-transport',
    summary: "002's summary says \"DNS 53 (out)\" without a transport and its concrete table lists UDP only; the 2013 tables list DNS over TCP and over UDP.",
    readings: [
      at('002-external-summary', 2, 'DNS 53 (out) | External DNS queries'),
      at('002-external', 2, 'Access | 10.45.16.10 | Any | Any | 53 | UDP | DNS'),
      at('000-external', 3, 'Access/DNS/TCP/53 | Edge Server Access Edge service public IP address | Any | DNS query over TCP'),
      at('000-external', 4, 'Access/DNS/UDP/53 | Edge Server Access Edge service public IP address | Any | DNS query over UDP'),
      at('sfb-edge-external', 3, 'Access/DNS | TCP | 53'),
      at('sfb-edge-external', 4, 'Access/DNS | UDP | 53'),
    ],
    handling: 'Lync 2010 flows allow UDP 53 only (the concrete table); Lync 2013 and Skype for Business Server flows allow TCP and UDP 53.',
    requirements: ['2010.edge-external.access.dns-udp-53.out', '2013.edge-external.access.dns-tcp-53.out', '2013.edge-external.access.dns-udp-53.out'],
  },
  {
    id: 'stun-3478-source-port',
    summary: "002's concrete table restricts outbound STUN to source port 3478; the 2013 tables have no source port column.",
    readings: [
      at('002-external', 11, 'A/V | 10.45.16.30 | 3478 | Any | 3478 | UDP | STUN/MSTURN'),
      at('000-external', 13, 'A/V/STUN,MSTURN/UDP/3478 | Edge Server A/V Edge service public IP address | Any'),
    ],
    handling: 'Lync 2010 flows carry source port 3478; Lync 2013 flows leave the source port Any.',
    requirements: ['2010.edge-external.av.stun-udp-3478.out', '2013.edge-external.av.stun-udp-3478.out'],
  },
  {
    id: 'media-50k-conditions-2010',
    summary: "002's summary and concrete tables state different conditions for each of the four 50K media ranges: the summary speaks of media exchange, Windows Live Messenger and OCS 2007 R2 interoperability (and gives no condition at all for UDP inbound); the concrete table of desktop sharing, OCS 2007 R2 and Lync Server 2010 federation (TCP outbound) and of OCS 2007 federation only (the other three).",
    readings: [
      at('002-external-summary', 6, `RTP/TCP/50K range (in) | ${MEDIA} and Windows Live Messenger if public IM connectivity is enabled Required for Office Communications Server 2007 R2 interoperability`),
      at('002-external', 9, `A/V | Any | Any | 10.45.16.30 | 50,000 – 59,999 | TCP | RTP | ${OCS2007_ONLY}`),
      at('002-external-summary', 7, `RTP/TCP/50K range (out) | ${MEDIA} Required for Office Communications Server 2007 R2 interoperability Required for Office Communications Server 2007 R2 desktop sharing and federation Required for Lync Server 2010 application sharing, file transfer, or A/V with Windows Live Messenger`),
      at('002-external', 7, 'A/V | 10.45.16.30 | 50,000 – 59,999 | Any | Any | TCP | RTP | Required only for desktop sharing, or federation with partners running Office Communications Server 2007 R2. Also required for application sharing or file transfer with Lync Server 2010 federated users and A/V sessions with Windows Live Messenger.'),
      at('002-external-summary', 8, `RTP/UDP/50K range (in) | ${MEDIA}`),
      at('002-external', 10, `A/V | Any | Any | 10.45.16.30 | 50,000 – 59,999 | UDP | RTP | ${OCS2007_ONLY}`),
      at('002-external-summary', 9, `RTP/UDP/50K range (out) | ${MEDIA} or A/V with Windows Live Messenger Required for Office Communications Server 2007 interoperability`),
      at('002-external', 8, `A/V | 10.45.16.30 | 50,000 – 59,999 | Any | Any | UDP | RTP | ${OCS2007_ONLY}`),
    ],
    handling: "Each citation keeps its own row's condition; a flow appears when any citing row's condition holds, and shows the notes of exactly those rows. Summary row 8 states no condition, so RTP/UDP 50K inbound applies to every Lync 2010 edge.",
    requirements: ['2010.edge-external.av.rtp-tcp-50000-59999.in', '2010.edge-external.av.rtp-udp-50000-59999.out', '2010.edge-external.av.rtp-udp-50000-59999.in', '2010.edge-external.av.rtp-tcp-50000-59999.out'],
  },
  {
    id: 'stun-3478-outbound-purpose-2010',
    summary: "002's summary gives STUN UDP 3478 in both directions for external user access; its concrete table says the outbound 3478 is for Edge version detection and Edge-to-Edge media, required for federation with Lync Server 2010, Windows Live Messenger, OCS 2007 R2 or multiple Edge pools.",
    readings: [
      at('002-external-summary', 10, 'STUN/MSTURN/UDP/3478 (in/out) | External user access to A/V sessions (UDP)'),
      at('002-external', 11, 'A/V | 10.45.16.30 | 3478 | Any | 3478 | UDP | STUN/MSTURN | 3478 outbound is used to determine the version of Edge Server that Lync Server 2010 is communicating with and also for media traffic from Edge Server to Edge Server. Required for federation with Lync Server 2010, Windows Live Messenger, and Office Communications Server 2007 R2, and also if multiple Edge pools are deployed within a company.'),
    ],
    handling: 'Both rows are cited with their own conditions: the outbound flow appears with remote user access (summary) or with any of the concrete row\'s federation partners, public IM connectivity or multiple Edge pools, and carries the notes of the rows that apply.',
    requirements: ['2010.edge-external.av.stun-udp-3478.out'],
  },
  {
    id: 'sip-5061-purpose-2010',
    summary: "002's summary gives SIP/MTLS 5061 (in/out) for federation and a hosted Exchange service; its concrete rows give it for federation and public IM connectivity.",
    readings: [
      at('002-external-summary', 4, 'SIP/MTLS/5061 (in/out) | Federation and connectivity with a hosted Exchange service'),
      at('002-external', 4, 'Access | Any | Any | 10.45.16.10 | 5061 | TCP | SIP (MTLS) | For federated and public IM connectivity using SIP'),
      at('002-external', 5, 'Access | 10.45.16.10 | Any | Any | 5061 | TCP | SIP (MTLS) | For federated and public IM connectivity using SIP'),
    ],
    handling: 'The 5061 flows appear with SIP federation, with a hosted Exchange service (the summary; topology feature hostedExchange) or with public IM connectivity (the concrete rows).',
    requirements: ['2010.edge-external.access.sip-mtls-5061.in', '2010.edge-external.access.sip-mtls-5061.out'],
  },
  {
    id: 'hlb-internal-5061-source',
    summary: "001's internal VIP row for SIP 5061 to the next hop names the \"Edge Server Internal VIP interface\" as source, while its own note says the traffic comes \"from Edge Server internal interface\"; 001's table for the nodes' internal interfaces lists no 5061 at all, and 000 gives the row from the Edge Server internal interface.",
    readings: [
      at('001-internal-vip', 2, 'Access/SIP(MTLS)/TCP/5061 | Edge Server Internal VIP interface | Any (can be defined as Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)'),
      at('001-internal-vip', 2, 'Inbound SIP traffic (to Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address) from Edge Server internal interface'),
      at('000-internal', 3, 'SIP/MTLS/TCP/5061 | Edge Server internal interface | Any (can be defined as Director, Director pool IP address, Front End Server or Front End pool IP address)'),
    ],
    handling: 'Both readings give flows: from the internal VIP (the source column) and from each node\'s internal interface (the note), to the next hop on 5061.',
    requirements: ['2013.hlb-internal-vip.access.sip-mtls-5061.in', '2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes'],
  },
  {
    id: 'hlb-internal-vip-443-outbound',
    summary: "001's internal VIP table lists STUN/MSTURN TCP 443 from the Internal VIP to Any; neither 000 nor 002 has such an outbound row on the internal side (both list 443 only towards the Edge's internal interface).",
    readings: [
      at('001-internal-vip', 6, 'STUN/MSTURN/TCP/443 | Edge Server Internal VIP interface | Any'),
      at('000-internal', 7, 'STUN/MSTURN/TCP/443 | Any | Edge Server internal interface'),
      at('002-internal-summary', 5, 'STUN/MSTURN/TCP/443 (out) | Alternate path for media transfer between internal and external users (TCP)'),
      at('002-internal', 7, 'A/V | Any | Any | 172.25.33.10 | 443 | TCP | STUN/MSTURN'),
    ],
    handling: "The 001 row applies to hardware load balanced edges only (its table's scope): their internal firewall allows the VIP to Any on TCP 443. Single and DNS load balanced edges get no such flow.",
    requirements: ['2013.hlb-internal-vip.av.stun-tcp-443.in'],
  },
  {
    id: 'client-5061-external-access',
    summary: "004's client table gives TCP 5061 (MTLS) \"for client-to-server SIP traffic for external user access\"; 003 says clients reach the Access Edge on 443 and only federated partners use 5061.",
    readings: [
      at('004-client', 6, 'Clients | 5061 | TCP (MTLS) | Used for client-to-server SIP traffic for external user access.'),
      at('004-client', 2, 'Clients | 443 | TCP (TLS) | Used for client-to-server SIP traffic for external user access.'),
      passage('003', 'introduction', 'Clients initiate communication with the Access Edge service over TLS/SIP/TCP 443. Federated partners however, will initiate communications to the Access Edge service over MTLS/SIP/TCP 5061.'),
      at('003-pic', 3, 'Access/SIP(TLS)/TCP/443 | Clients | Edge Server Access interface | Client-to-server SIP traffic for external user access.'),
    ],
    handling: "The client's own firewall allows outbound 5061 (004's row); the Edge's inbound 5061 stays tied to federation and public IM connectivity, so external clients are not given 5061 at the Edge.",
    requirements: ['2010.client.client.sip-mtls-5061.out', '2013.edge-external.access.sip-mtls-5061.in'],
  },
  {
    id: 'reverse-proxy-internal-8080',
    summary: "002's reverse proxy internal-interface table lists only HTTPS 4443; its concrete internal table and its introduction add 8080 from the reverse proxy to the pool VIP.",
    readings: [
      at('002-rp-internal', 1, 'HTTPS 4443 (in) | Traffic sent to 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface so that the pool web services can distinguish it from internal web traffic'),
      at('002-internal', 8, 'Reverse proxy: N/A | 172.25.33.40 | Any | 192.168.10.190 | 8080 | TCP | HTTPS'),
      passage('002', 'introduction', 'Port 8080 is used to route traffic from the reverse proxy internal interface to the pool virtual IP (VIP)'),
    ],
    handling: 'The 8080 flow is kept (concrete row 8, cited alone); the 4443 flow cites both tables.',
    requirements: ['2010.reverse-proxy-internal.https-8080.in', '2010.reverse-proxy-internal.https-4443.in'],
  },
  {
    id: 'webconf-8057-source',
    summary: '000 says the PSOM 8057 source can be defined as each Front End Server; 001 says Director IP, Front End Server IP or Pool virtual IP.',
    readings: [
      at('000-internal', 4, 'PSOM/MTLS/TCP/8057 | Any (can be defined as Front End Server IP address, or each Front End Server IP address in a Front End pool)'),
      at('001-internal', 3, 'PSOM/MTLS/TCP/8057 | Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
    ],
    handling: 'Tightening uses the Front End Servers (000); the 001 wording stays on its citation.',
    requirements: ['2013.edge-internal.webconf.psom-mtls-8057.out'],
  },
  {
    id: 'internal-media-source',
    summary: "000 lists internal STUN 3478/UDP and 443/TCP from plain Any (internal clients send media to the edge); 001 says Any (can be defined as Director IP, Front End Server IP or Pool virtual IP), which would cut off internal clients.",
    readings: [
      at('000-internal', 6, 'STUN/MSTURN/UDP/3478 | Any | Edge Server internal interface'),
      at('001-internal', 4, 'STUN/MSTURN/UDP/3478 | Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
      at('000-internal', 7, 'STUN/MSTURN/TCP/443 | Any | Edge Server internal interface'),
      at('001-internal', 5, 'STUN/MSTURN/TCP/443 | Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
    ],
    handling: 'The source stays Any, even with tightening on; the 001 reading is shown, not applied.',
    requirements: ['2013.edge-internal.av.stun-udp-3478.out', '2013.edge-internal.av.stun-tcp-443.out'],
  },
  {
    id: 'reverse-proxy-8080-application',
    summary: "002's concrete table labels the reverse proxy's 8080 to the pool VIP as HTTPS; 004 gives 8080 on the Front End load balancer as TCP (root certificate retrieval), and 002's introduction only says it routes reverse proxy traffic to the pool VIP.",
    readings: [
      at('002-internal', 8, 'Reverse proxy: N/A | 172.25.33.40 | Any | 192.168.10.190 | 8080 | TCP | HTTPS'),
      at('004-hlb-only', 5, 'Front End Server load balancer | 8080 | TCP - Client and device retrieval of root certificate from Front End Server'),
      at('l13-rp-internal', 1, 'HTTP/TCP/8080 | Internal reverse proxy interface | Front End Server, Front End pool, Director, Director pool'),
    ],
    handling: "The 2010 reverse proxy flow keeps 002's application word (HTTPS); the load balancer flows say TCP, as 004 prints it. The Lync Server 2013 reverse proxy page says HTTP for its 8080 row. Probes follow the application: an HTTPS GET for the reverse proxy flow, a TCP connect for the load balancer flows.",
    requirements: ['2010.reverse-proxy-internal.https-8080.in', '2010.load-balancer.frontend.hlb.tcp-8080.in'],
  },
  {
    id: 'client-3478-transport-note',
    summary: "004's client table gives 3478 as UDP (STUN/MSTURN) but its note says \"A/V sessions and media (TCP)\", the note of the 443 row above it.",
    readings: [
      at('004-client', 5, 'Clients | 3478 | UDP (STUN/MSTURN) | Used for external user access to A/V sessions and media (TCP)'),
      at('004-client', 4, 'Clients | 443 | TCP (STUN/MSTURN) | Used for external user access to A/V sessions and media (TCP)'),
    ],
    handling: 'The flow is UDP (the Protocol column); the note is shown as printed, "(TCP)".',
    requirements: ['2010.client.client.stun-udp-3478.out'],
  },
  {
    id: 'mediation-5070-twice',
    summary: '004 lists Mediation Servers port 5070 twice: once as TCP (requests from the Front End Server) and once as TCP (MTLS) (SIP requests from the Front End Servers).',
    readings: [
      at('004-server', 37, 'Mediation Servers | Lync Server Mediation service | 5070 | TCP | Used by the Mediation Server for incoming requests from the Front End Server.'),
      at('004-server', 40, 'Mediation Servers | Lync Server Mediation service | 5070 | TCP (MTLS) | Used for SIP requests from the Front End Servers.'),
    ],
    handling: 'One requirement citing both rows, each with its own note.',
    requirements: ['2010.server-host.mediation.sip-5070.in'],
  },
  {
    id: 'xmpp-5269-outbound-listed-separately',
    summary: "000's External Interface table lists only inbound XMPP 5269; its XMPP table and 003 also list outbound 5269 from the Access Edge address.",
    readings: [
      at('000-external', 1, 'XMPP/TCP/5269 | Any | XMPP Proxy service (shares IP address with Access Edge service)'),
      at('000-xmpp', 2, 'XMPP/TCP/5269 | Edge Server Access Edge service interface IP address | Any'),
    ],
    handling: 'Both directions are required when XMPP federation is on.',
    requirements: ['2013.edge-external.xmpp.5269.in', '2013.edge-external.xmpp.5269.out'],
  },
  {
    id: 'hlb-federation-destination',
    summary: "001's external VIP table names the outbound 5061 destination \"Federated partner\" where every other table says Any.",
    readings: [
      at('001-external-vip', 5, 'Access/SIP(MTLS)/TCP/5061 | Access Edge service public VIP address | Federated partner'),
      at('000-external', 7, 'Access/SIP(MTLS)/TCP/5061 | Edge Server Access Edge service public IP address | Any'),
    ],
    handling: 'The destination is Any (federated partners are not enumerable in general).',
    requirements: ['2013.hlb-external-vip.access.sip-mtls-5061.out'],
  },
  // ---- Lync Server 2013 pages against Skype for Business Server pages (and the seeds) ----
  {
    id: 'stun-3478-outbound-purpose',
    summary: 'Outbound 3478/UDP from the A/V Edge: Lync Server 2013 requires it for federation with Lync Server 2010, Windows Live Messenger and OCS 2007 R2 and for multiple Edge pools; Skype for Business Server lists its purposes and requires it for Lync Server 2010 federation and multiple Edge pools, or, in its hardware load balancer table, for federation in general.',
    readings: [
      at('000-external', 13, '3478 outbound is used to determine the version of Edge Server that Lync Server is communicating with and also for media traffic from Edge Server-to-Edge Server. Required for federation with Lync Server 2010, Windows Live Messenger, and Office Communications Server 2007 R2, and also if multiple Edge pools are deployed within a company.'),
      at('sfb-edge-external', 11, "3478 outbound is: • Used by Skype for Business Server to determine the version of Edge Server it's communicating with. • Used for media traffic between Edge Servers. • Required for federation with Lync Server 2010. • Needed if multiple Edge pools are deployed within your organization."),
      at('sfb-hlb-external', 6, "3478 outbound is: • Used by Skype for Business Server to determine the version of Edge Server it's communicating with. • Used for media traffic between Edge Servers. • Required for federation. • Needed if multiple Edge pools are deployed within your organization."),
    ],
    handling: 'Each citation keeps its own condition: Lync 2013 rows apply with Lync 2010, OCS 2007 R2 or public IM federation or multiple Edge pools; the Skype for Business single/DNS load balanced row with Lync 2010 federation or multiple Edge pools; its hardware load balanced row with any SIP federation or multiple Edge pools.',
    requirements: ['2013.edge-external.av.stun-udp-3478.out'],
  },
  {
    id: 'media-relay-condition',
    summary: 'Outbound RTP 50000-59999 from the A/V Edge: Lync Server 2013 requires it only for federation (TCP: OCS 2007, 2007 R2, Lync 2010 and 2013 partners; UDP: OCS 2007 partners) and lists inbound 50000-59999 for OCS 2007 federation; Skype for Business Server says it relays media, with no condition, and lists no inbound rule.',
    readings: [
      at('000-external', 9, 'Required for federating with partners running Office Communications Server 2007, Office Communications Server 2007 R2, Lync Server 2010 and Lync Server 2013.'),
      at('000-external', 10, 'Required only for federation with partners running Office Communications Server 2007'),
      at('000-external', 11, 'A/V/RTP/TCP/50,000-59,999 | Any | Edge Server A/V Edge service public IP address'),
      at('sfb-edge-external', 9, 'A/V/RTP | TCP | 50000-59999'),
      at('sfb-edge-external', 10, 'This is used for relaying media traffic.'),
    ],
    handling: 'Skype for Business Server topologies always get the outbound media ranges and never the inbound ones; Lync Server 2013 topologies get them under the 2013 conditions.',
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out', '2013.edge-external.av.rtp-udp-50000-59999.out', '2013.edge-external.av.rtp-tcp-50000-59999.in', '2013.edge-external.av.rtp-udp-50000-59999.in'],
  },
  {
    id: 'cls-ports',
    summary: "Centralized Logging Service 50001-50003 on the edge's internal interface: absent from Lync Server 2010's tables (002); listed by Lync Server 2013 and Skype for Business Server alike, each naming its own Management Shell.",
    readings: [
      at('000-internal', 9, 'MTLS/TCP/50001'),
      at('sfb-edge-internal', 9, 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets'),
      at('sfb-hlb-internal', 6, 'MTLS | TCP | 50001'),
    ],
    handling: 'Lync 2013 and Skype for Business Server flows open 50001-50003 when centralizedLogging is on; Lync 2010 topologies get none (its documents have no such row).',
    requirements: ['2013.edge-internal.cls.mtls-50001', '2013.edge-internal.cls.mtls-50002', '2013.edge-internal.cls.mtls-50003'],
  },
  {
    id: 'xmpp-not-in-2019',
    summary: 'The Skype for Business Server edge tables keep the XMPP rows, marked "Not supported in Skype for Business Server 2019"; Migrating XMPP federation says XMPP stays on legacy 2015 or Lync 2013 servers in coexistence.',
    readings: [
      at('sfb-edge-external', 1, 'XMPP Not supported in Skype for Business Server 2019'),
      at('sfb-hlb-external-vip', 1, 'XMPP Not Supported in Skype for Businesss Server 2019'),
      at('sfb-edge-internal', 1, 'XMPP Gateways and proxies are available in Skype for Business Server 2015 but are no longer supported in Skype for Business Server 2019.'),
    ],
    handling: 'The XMPP rows cite the page for sfb2015 only; a sfb2019 or sfbse topology that asks for XMPP federation gets a lint error citing Migrating XMPP federation (Subscription Edition follows 2019).',
    requirements: ['2013.edge-external.xmpp.5269.in', '2013.edge-external.xmpp.5269.out', '2013.edge-internal.xmpp.mtls-23456.out', '2013.hlb-external-vip.xmpp.5269.in', '2013.hlb-external-vip.xmpp.5269.out'],
  },
  {
    id: 'single-public-rtp-source',
    summary: "Lync Server 2013's single consolidated edge page names the Access Edge address as the source of outbound RTP/TCP 50,000-59,999; 000 and every other page name the A/V Edge.",
    readings: [
      at('l13-single-public-external', 9, 'A/V/RTP/TCP/50,000-59,999 | Edge Server Access Edge service public IP address | Any'),
      at('000-external', 9, 'A/V/RTP/TCP/50,000-59,999 | Edge Server A/V Edge service public IP address | Any'),
    ],
    handling: 'Flows use the A/V Edge address (media is relayed by the A/V Edge service); the single edge page reading stays on its citation.',
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out'],
  },
  {
    id: 'dns-lb-director-444',
    summary: "Lync Server 2013's \"Hardware Load Balancer Ports if Using DNS Load Balancing\" prints an empty row where 004 (Lync Server 2010) lists the Director load balancer's 444; Skype for Business Server's table has no such row either.",
    readings: [
      at('004-hlb-dns', 6, '444'),
      at('l13-hlb-dns', 6, '(empty row)'),
    ],
    handling: 'Lync 2013 and Skype for Business Server topologies get no 444 rule on a DNS load balanced Director VIP (the row is empty); Lync 2010 topologies keep it.',
    requirements: ['2010.load-balancer.director.dnslb.https-444.in'],
  },
  {
    id: 'hlb-internal-media-source',
    summary: 'Skype for Business Server: the internal 3478/UDP and 443/TCP media rows name the source "Any" for single and DNS load balanced edges, but "Any: Front End Server, Each Front End Server in your Front End pool" in the hardware load balancer table, which would cut off internal clients.',
    readings: [
      at('sfb-edge-internal', 6, 'STUN/MSTURN | UDP | 3478 | Any | Edge Server internal interface'),
      at('sfb-hlb-internal', 4, 'STUN/MSTURN | UDP | 3478 | Any: • Front End Server • Each Front End Server in your Front End pool'),
    ],
    handling: 'The source stays Any (as in internal-media-source for Lync 2013); the hardware load balancer reading is shown, not applied.',
    requirements: ['2013.edge-internal.av.stun-udp-3478.out', '2013.edge-internal.av.stun-tcp-443.out'],
  },
];
