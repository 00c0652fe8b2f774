// Where Portolan reads more into a row than its words say: each entry quotes the row(s)
// verbatim, says how Portolan reads them and why. An interpretation may narrow (a transport the
// row leaves open, an address it leaves Any) but never removes a flow a row requires unless the
// topology says so.
import { at, passage } from './quote.ts';
import { CATALOG } from './index.ts';
import { keyOf } from './define.ts';
import type { Interpretation, Reading } from './types.ts';

/** Ids of the requirements citing any of the quoted rows (in catalog order). */
function citing(quotes: Reading[]): string[] {
  const rows = new Set(quotes.filter((q) => q.citation.row !== undefined).map((q) => `${keyOf(q.citation)}#${q.citation.row}`));
  return CATALOG.filter((r) => r.citations.some((c) => rows.has(`${keyOf(c)}#${c.row}`))).map((r) => r.id);
}

function interpretation(x: Omit<Interpretation, 'requirements'> & { requirements?: string[] }): Interpretation {
  return { ...x, requirements: x.requirements ?? citing(x.quotes) };
}

const WEB_ROWS: Reading[] = [
  at('004-server', 10, 'Front End Servers | Lync Server Web Compatibility service | 80 | HTTP'),
  at('004-server', 11, 'Front End Servers | Lync Server Web Compatibility service | 443 | HTTPS'),
  at('004-server', 35, 'Directors | Lync Server Web Compatibility service | 443 | HTTPS'),
  at('004-hlb-only', 2, 'Front End Server load balancer | 444 | HTTPS'),
  at('004-hlb-only', 4, 'Front End Server load balancer | 80 | HTTP'),
  at('004-hlb-only', 6, 'Front End Server load balancer | 443 | HTTPS'),
  at('004-hlb-only', 7, 'Front End Server load balancer | 4443 | HTTPS (from reverse proxy)'),
  at('004-hlb-only', 16, 'Director load balancer | 443 | HTTPS'),
  at('004-hlb-only', 17, 'Director load balancer | 444 | HTTPS'),
  at('004-hlb-only', 19, 'Director load balancer | 4443 | HTTPS (from reverse proxy)'),
  at('004-hlb-dns', 1, 'Front End Server load balancer | 80 | HTTP'),
  at('004-hlb-dns', 2, 'Front End Server load balancer | 443 | HTTPS'),
  at('004-hlb-dns', 4, 'Front End Server load balancer | 4443 | HTTPS (from reverse proxy)'),
  at('004-hlb-dns', 5, 'Director load balancer | 443 | HTTPS'),
  at('004-hlb-dns', 6, 'Director load balancer | 444 | HTTPS'),
  at('004-hlb-dns', 7, 'Director load balancer | 4443 | HTTPS (from reverse proxy)'),
  at('l13-server', 14, 'Front End Servers | Web server component | 4443 | HTTPS'),
  at('sfb-server', 14, 'Front End Servers | Web server component | 4443 | HTTPS'),
];

const DHCP_ROWS: Reading[] = [
  at('004-client', 1, 'Clients | 67/68 | DHCP'),
  at('004-client', 12, '67/68 | DHCP | Used by the listed devices to find the Lync Server 2010 certificate, provisioning FQDN, and Registrar FQDN.'),
];

const RPC_ROWS: Reading[] = [
  at('004-server', 4, 'Front End Servers | Lync Server Front-End service | 135 | DCOM and remote procedure call (RPC)'),
  at('004-hlb-only', 3, 'Front End Server load balancer | 135 | DCOM and remote procedure call (RPC)'),
];

const FROM_FRONT_END: Reading[] = [
  at('004-server', 14, '5070 | TCP | Used by the Mediation Server for incoming requests from the Front End Server to the Mediation Server.'),
  at('004-server', 37, '5070 | TCP | Used by the Mediation Server for incoming requests from the Front End Server.'),
  at('004-server', 40, '5070 | TCP (MTLS) | Used for SIP requests from the Front End Servers.'),
];
const FROM_GATEWAY: Reading[] = [
  at('004-server', 15, '5067 | TCP (TLS) | Used for incoming SIP requests from the PSTN gateway to the Mediation Server.'),
  at('004-server', 16, '5068 | TCP | Used for incoming SIP requests from the PSTN gateway to the Mediation Server.'),
  at('004-server', 38, '5067 | TCP (TLS) | Used for incoming SIP requests from the PSTN gateway.'),
  at('004-server', 39, '5068 | TCP | Used for incoming SIP requests from the PSTN gateway.'),
];

const HLB_ACCESS_ROWS: Reading[] = [
  at('003-federation', 1, 'Access/SIP(MTLS)/TCP/5061 | Access Edge service public IP address | Any'),
  at('003-pic', 1, 'Access/SIP(MTLS)/TCP/5061 | Public IM connectivity partners | Edge Server Access interface'),
  at('003-pic', 2, 'Access/SIP(MTLS)/TCP/5061 | Edge Server Access interface | Public IM connectivity partners'),
  at('003-pic', 3, 'Access/SIP(TLS)/TCP/443 | Clients | Edge Server Access interface'),
  at('003-xmpp', 1, 'XMPP/TCP/5269 | Any | Access Edge service interface IP address'),
  at('003-xmpp', 2, 'XMPP/TCP/5269 | Access Edge service interface IP address | Any'),
  passage('001', 'hardware load balancer requirements', 'For the Access Edge service and Web Conferencing Edge service, (and using NAT on the HLB) the client contacts the VIP'),
  passage('001', 'hardware load balancer requirements', 'Once established, client to A/V Edge service communication is to the real server, not the HLB'),
];

export const INTERPRETATIONS: Interpretation[] = [
  interpretation({
    id: 'dcom-rpc-transport',
    quotes: RPC_ROWS,
    reading: 'TCP port 135 only.',
    why: 'Neither row names a transport. DCOM reaches the RPC endpoint mapper on TCP 135, and a firewall rule needs a transport; UDP is not opened, so the rule does not widen beyond what DCOM over TCP needs. Add UDP 135 yourself if your deployment uses RPC over UDP.',
  }),
  interpretation({
    id: 'web-protocols-over-tcp',
    quotes: WEB_ROWS,
    reading: 'TCP.',
    why: 'The rows name HTTP or HTTPS but no transport; HTTP and HTTPS (HTTP over TLS) run over TCP.',
  }),
  interpretation({
    id: 'office-web-apps-over-https',
    quotes: [
      at('l13-server', 40, 'Office Web Apps Servers | | 443 | | Used by Lync Server 2013 to connect to Office Web Apps Server.'),
      at('sfb-server', 41, 'Office Web Apps Servers | | 443 | | Used by Skype for Business Server to connect to Office Web Apps Server.'),
    ],
    reading: 'HTTPS over TCP.',
    why: 'The rows give port 443 and leave the protocol cell empty; the servers reach Office Web Apps Server over HTTPS, which runs over TCP.',
  }),
  interpretation({
    id: 'dhcp-over-udp',
    quotes: DHCP_ROWS,
    reading: 'UDP, client port 68 to server port 67.',
    why: 'The rows name DHCP and "67/68" but no transport; DHCP runs over UDP with the client on 68 and the server on 67 (RFC 2131).',
  }),
  interpretation({
    id: 'server-peer-from-note',
    quotes: [...FROM_FRONT_END, ...FROM_GATEWAY],
    reading: 'The source is Any (004 has no source column). With tightenAny, rows whose note says "from the Front End Server(s)" are tightened to the Front End Servers, and rows whose note says "from the PSTN gateway" to the PSTN gateways.',
    why: 'The note names the sender. Tightening only happens with tightenAny and only to servers the topology names; otherwise the source stays Any, so no required flow is lost.',
  }),
  interpretation({
    id: 'access-interface-behind-hlb',
    quotes: HLB_ACCESS_ROWS,
    reading: "003's Access Edge rows name the real servers' Access Edge addresses on single and DNS load balanced edges, and the Access Edge VIP on hardware load balanced edges; its A/V rows (RTP 50,000-59,999, STUN 3478) and its internal XMPP row name the real servers on every edge.",
    why: "003 is not written for one edge topology. 001 says the client contacts the Access Edge VIP, while A/V communication is to the real server, so each 003 row binds the address its traffic reaches. No row loses its flow: on a hardware load balanced edge with public IM connectivity the A/V rows still give RTP/TCP 50K outbound from every node.",
  }),
];
