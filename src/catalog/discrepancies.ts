// Where the documents disagree with each other (or slip inside one table). Every reading is
// kept, and each entry says what Portolan does with it.
import { cite } from './define.ts';
import type { Citation, Discrepancy } from './types.ts';

function at(tableKey: string, row: number): Omit<Citation, 'says'> {
  const { document, table, row: r } = cite(tableKey, row);
  return { document, table, row: r };
}

export const DISCREPANCIES: Discrepancy[] = [
  {
    id: 'public-im-av-from-access-interface',
    summary: "003's public IM connectivity table lists A/V media (RTP 50,000-59,999 and STUN 3478) from and to the \"Edge Server Access interface\"; 000's identical table names the A/V Edge service.",
    readings: [
      { citation: at('003-pic', 4), says: 'A/V/RTP/TCP/50,000-59,999: Edge Server Access interface → Live Messenger clients' },
      { citation: at('003-pic', 5), says: 'A/V/STUN,MSTURN/UDP/3478: Edge Server Access interface → Live Messenger clients' },
      { citation: at('003-pic', 6), says: 'A/V/STUN,MSTURN/UDP/3478: Live Messenger clients → Edge Server Access interface' },
      { citation: at('000-pic', 4), says: 'A/V/RTP/TCP/50,000-59,999: Edge Server A/V Edge service → Live Messenger clients' },
      { citation: at('000-pic', 5), says: 'A/V/STUN,MSTURN/UDP/3478: Edge Server A/V Edge service → Live Messenger clients' },
      { citation: at('000-pic', 6), says: 'A/V/STUN,MSTURN/UDP/3478: Live Messenger clients → Edge Server A/V Edge service' },
    ],
    handling: "Flows use the A/V Edge service address (000's reading, and the only one consistent with the A/V role); the 003 reading stays on the citation ('says') so reports show it.",
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out', '2013.edge-external.av.stun-udp-3478.out', '2013.edge-external.av.stun-udp-3478.in'],
  },
  {
    id: 'media-range-port-column',
    summary: "The 2013 tables give one port column (\"A/V/RTP/TCP/50,000-59,999\") for outbound media; 002's concrete table puts 50,000-59,999 on the A/V Edge's source port with destination port Any.",
    readings: [
      { citation: at('000-external', 9), says: 'A/V/RTP/TCP/50,000-59,999, A/V Edge → Any (port column does not say source or destination)' },
      { citation: at('001-external', 4), says: 'A/V/RTP/TCP/50,000-59,999, A/V Edge → Any (port column does not say source or destination)' },
      { citation: at('002-external', 7), says: 'Source port 50,000 – 59,999, destination port Any' },
    ],
    handling: 'Outbound media rows put 50000-59999 on the source port for both versions, as the concrete 002 table does.',
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out', '2013.edge-external.av.rtp-udp-50000-59999.out', '2010.edge-external.av.rtp-tcp-50000-59999.out', '2010.edge-external.av.rtp-udp-50000-59999.out'],
  },
  {
    id: 'dns-transport',
    summary: "002's summary says \"DNS 53 (out)\" without a transport and its concrete table lists UDP only; the 2013 tables list DNS over TCP and over UDP.",
    readings: [
      { citation: at('002-external-summary', 2), says: 'DNS 53 (out)' },
      { citation: at('002-external', 2), says: '53 UDP DNS' },
      { citation: at('000-external', 3), says: 'Access/DNS/TCP/53' },
      { citation: at('000-external', 4), says: 'Access/DNS/UDP/53' },
      { citation: at('sfb-edge-external', 3), says: 'Access/DNS | TCP | 53' },
      { citation: at('sfb-edge-external', 4), says: 'Access/DNS | UDP | 53' },
    ],
    handling: 'Lync 2010 flows allow UDP 53 only (the concrete table); Lync 2013 and Skype for Business Server flows allow TCP and UDP 53.',
    requirements: ['2010.edge-external.access.dns-udp-53.out', '2013.edge-external.access.dns-tcp-53.out', '2013.edge-external.access.dns-udp-53.out'],
  },
  {
    id: 'stun-3478-source-port',
    summary: "002's concrete table restricts outbound STUN to source port 3478; the 2013 tables have no source port column.",
    readings: [
      { citation: at('002-external', 11), says: 'source port 3478 → destination port 3478' },
      { citation: at('000-external', 13), says: 'A/V/STUN,MSTURN/UDP/3478 (no source port given)' },
    ],
    handling: 'Lync 2010 flows carry source port 3478; Lync 2013 flows leave the source port Any.',
    requirements: ['2010.edge-external.av.stun-udp-3478.out', '2013.edge-external.av.stun-udp-3478.out'],
  },
  {
    id: 'media-50k-conditions-2010',
    summary: "002's summary and concrete tables state different conditions for the 50K media ranges (e.g. inbound TCP: summary says OCS 2007 R2 interoperability and Windows Live Messenger; concrete says only federation with OCS 2007).",
    readings: [
      { citation: at('002-external-summary', 6), says: 'RTP/TCP/50K range (in): … Windows Live Messenger if public IM connectivity is enabled. Required for OCS 2007 R2 interoperability' },
      { citation: at('002-external', 9), says: 'Required only for federation with partners still running Office Communications Server 2007.' },
      { citation: at('002-external-summary', 9), says: 'RTP/UDP/50K range (out): … or A/V with Windows Live Messenger. Required for OCS 2007 interoperability' },
      { citation: at('002-external', 8), says: 'Required only for federation with partners still running Office Communications Server 2007.' },
    ],
    handling: "Each citation keeps its own condition; a flow appears when any citing row's condition holds, and the flow lists the citations.",
    requirements: ['2010.edge-external.av.rtp-tcp-50000-59999.in', '2010.edge-external.av.rtp-udp-50000-59999.out', '2010.edge-external.av.rtp-udp-50000-59999.in', '2010.edge-external.av.rtp-tcp-50000-59999.out'],
  },
  {
    id: 'webconf-8057-source',
    summary: '000 says the PSOM 8057 source can be defined as each Front End Server; 001 says Director IP, Front End Server IP or Pool virtual IP.',
    readings: [
      { citation: at('000-internal', 4), says: 'Any (can be defined as Front End Server IP address, or each Front End Server IP address in a Front End pool)' },
      { citation: at('001-internal', 3), says: 'Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)' },
    ],
    handling: 'Tightening uses the Front End Servers (000); the 001 wording stays on its citation.',
    requirements: ['2013.edge-internal.webconf.psom-mtls-8057.out'],
  },
  {
    id: 'internal-media-source',
    summary: "000 lists internal STUN 3478/UDP and 443/TCP from plain Any (internal clients send media to the edge); 001 says Any (can be defined as Director IP, Front End Server IP or Pool virtual IP), which would cut off internal clients.",
    readings: [
      { citation: at('000-internal', 6), says: 'Any' },
      { citation: at('001-internal', 4), says: 'Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)' },
      { citation: at('000-internal', 7), says: 'Any' },
      { citation: at('001-internal', 5), says: 'Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)' },
    ],
    handling: 'The source stays Any, even with tightening on; the 001 reading is shown, not applied.',
    requirements: ['2013.edge-internal.av.stun-udp-3478.out', '2013.edge-internal.av.stun-tcp-443.out'],
  },
  {
    id: 'reverse-proxy-8080-application',
    summary: "002's concrete table labels the reverse proxy's 8080 to the pool VIP as HTTPS; 004 describes 8080 on the Front End load balancer as plain TCP (root certificate retrieval), and 002's introduction only says it routes reverse proxy traffic to the pool VIP.",
    readings: [
      { citation: at('002-internal', 8), says: '172.25.33.40 → 192.168.10.190 8080 TCP HTTPS' },
      { citation: at('004-hlb-only', 5), says: '8080 TCP - Client and device retrieval of root certificate from Front End Server' },
      { citation: at('l13-rp-internal', 1), says: 'HTTP/TCP/8080 | Internal reverse proxy interface | Front End Server, Front End pool, Director, Director pool' },
    ],
    handling: "The requirement keeps 002's application word (HTTPS); the Lync Server 2013 citation says HTTP; the load balancer flows say HTTP. Probes try HTTP first on 8080.",
    requirements: ['2010.reverse-proxy-internal.https-8080.in', '2010.load-balancer.frontend.hlb.http-8080.in'],
  },
  {
    id: 'client-3478-transport-note',
    summary: "004's client table gives 3478 as UDP (STUN/MSTURN) but its note says \"A/V sessions and media (TCP)\", copied from the 443 row.",
    readings: [{ citation: at('004-client', 5), says: '3478 UDP (STUN/MSTURN): Used for external user access to A/V sessions and media (TCP)' }],
    handling: 'The flow is UDP (the protocol column); the note is shown as printed.',
    requirements: ['2010.client.client.stun-udp-3478.out'],
  },
  {
    id: 'mediation-5070-twice',
    summary: "004 lists Mediation Servers port 5070 twice: once as TCP (requests from the Front End Server) and once as TCP (MTLS) (SIP requests from the Front End Servers).",
    readings: [
      { citation: at('004-server', 37), says: '5070 TCP' },
      { citation: at('004-server', 40), says: '5070 TCP (MTLS)' },
    ],
    handling: 'One requirement citing both rows.',
    requirements: ['2010.server-host.mediation.sip-5070.in'],
  },
  {
    id: 'xmpp-5269-outbound-listed-separately',
    summary: "000's External Interface table lists only inbound XMPP 5269; its XMPP table and 003 also list outbound 5269 from the Access Edge address.",
    readings: [
      { citation: at('000-external', 1), says: 'XMPP/TCP/5269 Any → XMPP Proxy service' },
      { citation: at('000-xmpp', 2), says: 'XMPP/TCP/5269 Edge Server Access Edge service interface IP address → Any' },
    ],
    handling: 'Both directions are required when XMPP federation is on.',
    requirements: ['2013.edge-external.xmpp.5269.in', '2013.edge-external.xmpp.5269.out'],
  },
  {
    id: 'hlb-federation-destination',
    summary: "001's external VIP table names the outbound 5061 destination \"Federated partner\" where every other table says Any.",
    readings: [
      { citation: at('001-external-vip', 5), says: 'Access Edge service public VIP address → Federated partner' },
      { citation: at('000-external', 7), says: 'Edge Server Access Edge service public IP address → Any' },
    ],
    handling: 'The destination is Any (federated partners are not enumerable in general).',
    requirements: ['2013.hlb-external-vip.access.sip-mtls-5061.out'],
  },
  // ---- Lync Server 2013 pages against Skype for Business Server pages (and the seeds) ----
  {
    id: 'stun-3478-outbound-purpose',
    summary: 'Outbound 3478/UDP from the A/V Edge: Lync Server 2013 requires it for federation with Lync Server 2010, Windows Live Messenger and OCS 2007 R2 and for multiple Edge pools; Skype for Business Server lists its purposes and requires it for Lync Server 2010 federation and multiple Edge pools, or, in its hardware load balancer table, for federation in general.',
    readings: [
      { citation: at('000-external', 13), says: '3478 outbound is used to determine the version of Edge Server that Lync Server is communicating with and also for media traffic from Edge Server-to-Edge Server. Required for federation with Lync Server 2010, Windows Live Messenger, and Office Communications Server 2007 R2, and also if multiple Edge pools are deployed within a company.' },
      { citation: at('sfb-edge-external', 11), says: "3478 outbound is: • Used by Skype for Business Server to determine the version of Edge Server it's communicating with. • Used for media traffic between Edge Servers. • Required for federation with Lync Server 2010. • Needed if multiple Edge pools are deployed within your organization." },
      { citation: at('sfb-hlb-external', 6), says: "3478 outbound is: • Used by Skype for Business Server to determine the version of Edge Server it's communicating with. • Used for media traffic between Edge Servers. • Required for federation. • Needed if multiple Edge pools are deployed within your organization." },
    ],
    handling: 'Each citation keeps its own condition: Lync 2013 rows apply with Lync 2010, OCS 2007 R2 or public IM federation or multiple Edge pools; the Skype for Business single/DNS load balanced row with Lync 2010 federation or multiple Edge pools; its hardware load balanced row with any SIP federation or multiple Edge pools.',
    requirements: ['2013.edge-external.av.stun-udp-3478.out'],
  },
  {
    id: 'media-relay-condition',
    summary: 'Outbound RTP 50000-59999 from the A/V Edge: Lync Server 2013 requires it only for federation (TCP: OCS 2007, 2007 R2, Lync 2010 and 2013 partners; UDP: OCS 2007 partners) and lists inbound 50000-59999 for OCS 2007 federation; Skype for Business Server says it relays media, with no condition, and lists no inbound rule.',
    readings: [
      { citation: at('000-external', 9), says: 'Required for federating with partners running Office Communications Server 2007, Office Communications Server 2007 R2, Lync Server 2010 and Lync Server 2013.' },
      { citation: at('000-external', 10), says: 'Required only for federation with partners running Office Communications Server 2007' },
      { citation: at('000-external', 11), says: 'A/V/RTP/TCP/50,000-59,999 | Any | Edge Server A/V Edge service public IP address' },
      { citation: at('sfb-edge-external', 9), says: 'A/V/RTP | TCP | 50000-59999' },
      { citation: at('sfb-edge-external', 10), says: 'This is used for relaying media traffic.' },
    ],
    handling: 'Skype for Business Server topologies always get the outbound media ranges and never the inbound ones; Lync Server 2013 topologies get them under the 2013 conditions.',
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out', '2013.edge-external.av.rtp-udp-50000-59999.out', '2013.edge-external.av.rtp-tcp-50000-59999.in', '2013.edge-external.av.rtp-udp-50000-59999.in'],
  },
  {
    id: 'cls-ports',
    summary: "Centralized Logging Service 50001-50003 on the edge's internal interface: absent from Lync Server 2010's tables (002); listed by Lync Server 2013 and Skype for Business Server alike, each naming its own Management Shell.",
    readings: [
      { citation: at('000-internal', 9), says: 'MTLS/TCP/50001' },
      { citation: at('sfb-edge-internal', 9), says: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets' },
      { citation: at('sfb-hlb-internal', 6), says: 'MTLS | TCP | 50001' },
    ],
    handling: 'Lync 2013 and Skype for Business Server flows open 50001-50003 when centralizedLogging is on; Lync 2010 topologies get none (its documents have no such row).',
    requirements: ['2013.edge-internal.cls.mtls-50001', '2013.edge-internal.cls.mtls-50002', '2013.edge-internal.cls.mtls-50003'],
  },
  {
    id: 'xmpp-not-in-2019',
    summary: 'The Skype for Business Server edge tables keep the XMPP rows, marked "Not supported in Skype for Business Server 2019"; Migrating XMPP federation says XMPP stays on legacy 2015 or Lync 2013 servers in coexistence.',
    readings: [
      { citation: at('sfb-edge-external', 1), says: 'XMPP Not supported in Skype for Business Server 2019' },
      { citation: at('sfb-hlb-external-vip', 1), says: 'XMPP Not Supported in Skype for Businesss Server 2019' },
      { citation: at('sfb-edge-internal', 1), says: 'XMPP Gateways and proxies are available in Skype for Business Server 2015 but are no longer supported in Skype for Business Server 2019.' },
    ],
    handling: 'The XMPP rows cite the page for sfb2015 only; a sfb2019 or sfbse topology that asks for XMPP federation gets a lint error citing Migrating XMPP federation (Subscription Edition follows 2019).',
    requirements: ['2013.edge-external.xmpp.5269.in', '2013.edge-external.xmpp.5269.out', '2013.edge-internal.xmpp.mtls-23456.out', '2013.hlb-external-vip.xmpp.5269.in', '2013.hlb-external-vip.xmpp.5269.out'],
  },
  {
    id: 'single-public-rtp-source',
    summary: "Lync Server 2013's single consolidated edge page names the Access Edge address as the source of outbound RTP/TCP 50,000-59,999; 000 and every other page name the A/V Edge.",
    readings: [
      { citation: at('l13-single-public-external', 9), says: 'A/V/RTP/TCP/50,000-59,999 | Edge Server Access Edge service public IP address | Any' },
      { citation: at('000-external', 9), says: 'A/V/RTP/TCP/50,000-59,999 | Edge Server A/V Edge service public IP address | Any' },
    ],
    handling: 'Flows use the A/V Edge address (media is relayed by the A/V Edge service); the single edge page reading stays on its citation.',
    requirements: ['2013.edge-external.av.rtp-tcp-50000-59999.out'],
  },
  {
    id: 'dns-lb-director-444',
    summary: "Lync Server 2013's \"Hardware Load Balancer Ports if Using DNS Load Balancing\" prints an empty row where 004 (Lync Server 2010) lists the Director load balancer's 444; Skype for Business Server's table has no such row either.",
    readings: [
      { citation: at('004-hlb-dns', 6), says: '444' },
      { citation: at('l13-hlb-dns', 6), says: '(empty row)' },
    ],
    handling: 'Lync 2013 and Skype for Business Server topologies get no 444 rule on a DNS load balanced Director VIP (the row is empty); Lync 2010 topologies keep it.',
    requirements: ['2010.load-balancer.director.dnslb.https-444.in'],
  },
  {
    id: 'hlb-internal-media-source',
    summary: 'Skype for Business Server: the internal 3478/UDP and 443/TCP media rows name the source "Any" for single and DNS load balanced edges, but "Any: Front End Server, Each Front End Server in your Front End pool" in the hardware load balancer table, which would cut off internal clients.',
    readings: [
      { citation: at('sfb-edge-internal', 6), says: 'STUN/MSTURN | UDP | 3478 | Any | Edge Server internal interface' },
      { citation: at('sfb-hlb-internal', 4), says: 'STUN/MSTURN | UDP | 3478 | Any: • Front End Server • Each Front End Server in your Front End pool' },
    ],
    handling: 'The source stays Any (as in internal-media-source for Lync 2013); the hardware load balancer reading is shown, not applied.',
    requirements: ['2013.edge-internal.av.stun-udp-3478.out', '2013.edge-internal.av.stun-tcp-443.out'],
  },
];
