// Lync Server 2010 internal servers (004): ports per server role (host firewalls), hardware load
// balancer virtual services, and client ports. Rows are listed in the document's order.
import { ANY, any, anyOf, cite, ep, port, range, requirement } from '../define.ts';
import type { Condition, Endpoint, PortSpec, Requirement, Role, Selector, Transport } from '../types.ts';

export interface ServerRow {
  row: number | number[];
  role: Role;
  host: Endpoint; // the server the port is open on
  hostText: string;
  port: PortSpec;
  transports: Transport[];
  application: string;
  note: string;
  /**
   * The peer the note names ("from the Front End Server", "from the PSTN gateway"). 004 has no
   * source column, so the source is Any; tightening to this peer is Portolan's reading
   * (interpretation 'server-peer-from-note').
   */
  peer?: { tightenTo: Endpoint[] };
  /** Outgoing requests: the host is the source and this endpoint the destination. */
  outgoingTo?: { endpoint: Endpoint; text: string };
  when?: Condition;
  says?: Record<number, { application?: string; note?: string; port?: string }>;
  slug: string;
}

const FE = 'Front End Servers';
const RCC: Condition = anyOf('remote-call-control');
const FROM_FE = { tightenTo: ['frontend.servers'] as Endpoint[] };
const FROM_GW = { tightenTo: ['pstn-gateways'] as Endpoint[] };

const SERVER_ROWS: ServerRow[] = [
  { row: 1, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5060), transports: ['TCP'], application: 'SIP', slug: 'sip-5060', when: RCC,
    note: 'Optionally used by Standard Edition servers and Front End Servers for static routes to trusted services, such as remote call control servers.' },
  { row: 2, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5061), transports: ['TCP'], application: 'SIP (TLS)', slug: 'sip-tls-5061',
    note: 'Used by Standard Edition servers and Front End pools for all internal SIP communications between servers (MTLS), for SIP communications between Server and Client (TLS) and for SIP communications between Front End Servers and Mediation Servers (MTLS). Also used for communications with Monitoring Server.' },
  { row: 3, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(444), transports: ['TCP'], application: 'HTTPS', slug: 'https-444',
    note: 'Used for HTTPS communication between the Focus (the Lync Server component that manages conference state) and the individual servers. This port is also used for TCP communication between Front End Servers and Survivable Branch Appliances. Additionally, if a Director is present, client certificates are published and validated (that is, if already published). If no Director is present, the client updates and validates directly' },
  { row: 4, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(135), transports: ['TCP'], application: 'DCOM/RPC', slug: 'rpc-135',
    note: 'Used for DCOM based operations such as Moving Users, User Replicator Synchronization, and Address Book Synchronization.' },
  { row: 5, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5062), transports: ['TCP'], application: 'SIP', slug: 'sip-5062',
    note: 'Used for incoming SIP requests for instant messaging (IM) conferencing.' },
  { row: 6, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(8057), transports: ['TCP'], application: 'PSOM (TLS)', slug: 'psom-8057',
    note: 'Used to listen for Persistent Shared Object Model (PSOM) connections from client.' },
  { row: 7, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(8058), transports: ['TCP'], application: 'PSOM (TLS)', slug: 'psom-8058',
    note: 'Used to listen for Persistent Shared Object Model (PSOM) connections from the Live Meeting client and previous versions of Communicator.' },
  { row: 8, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5063), transports: ['TCP'], application: 'SIP', slug: 'sip-5063',
    note: 'Used for incoming SIP requests for audio/video (A/V) conferencing.' },
  { row: 9, role: 'Front End', host: 'frontend.servers', hostText: FE, port: range(57501, 65535), transports: ['TCP', 'UDP'], application: 'RTP', slug: 'media-57501-65535',
    note: 'Media port range used for video conferencing.' },
  { row: 10, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(80), transports: ['TCP'], application: 'HTTP', slug: 'http-80',
    note: 'Used for communication from Front End Servers to the web farm FQDNs (the URLs used by IIS web components) when HTTPS is not used.' },
  { row: 11, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(443), transports: ['TCP'], application: 'HTTPS', slug: 'https-443',
    note: 'Used for communication from Front End Servers to the web farm FQDNs (the URLs used by IIS web components).' },
  { row: 12, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5064), transports: ['TCP'], application: 'SIP', slug: 'sip-5064',
    note: 'Used for incoming SIP requests for dial-in conferencing.' },
  { row: 13, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5072), transports: ['TCP'], application: 'SIP', slug: 'sip-5072',
    note: 'Used for incoming SIP requests for Microsoft Lync 2010 Attendant (dial in conferencing).' },
  { row: 14, role: 'Mediation', host: 'frontend.collocated-mediation', hostText: 'Front End Servers that also run a Collocated Mediation Server', port: port(5070), transports: ['TCP'], application: 'SIP', slug: 'collocated-mediation.sip-5070', peer: FROM_FE,
    note: 'Used by the Mediation Server for incoming requests from the Front End Server to the Mediation Server.' },
  { row: 15, role: 'Mediation', host: 'frontend.collocated-mediation', hostText: 'Front End Servers that also run a Collocated Mediation Server', port: port(5067), transports: ['TCP'], application: 'SIP (TLS)', slug: 'collocated-mediation.sip-tls-5067', peer: FROM_GW,
    note: 'Used for incoming SIP requests from the PSTN gateway to the Mediation Server.' },
  { row: 16, role: 'Mediation', host: 'frontend.collocated-mediation', hostText: 'Front End Servers that also run a Collocated Mediation Server', port: port(5068), transports: ['TCP'], application: 'SIP', slug: 'collocated-mediation.sip-5068', peer: FROM_GW,
    note: 'Used for incoming SIP requests from the PSTN gateway to the Mediation Server.' },
  { row: 17, role: 'Mediation', host: 'frontend.collocated-mediation', hostText: 'Front End Servers that also run a Collocated Mediation Server', port: port(5081), transports: ['TCP'], application: 'SIP', slug: 'collocated-mediation.sip-5081',
    outgoingTo: { endpoint: 'pstn-gateways', text: 'PSTN gateway' },
    note: 'Used for outgoing SIP requests from the Mediation Server to the PSTN gateway.' },
  { row: 18, role: 'Mediation', host: 'frontend.collocated-mediation', hostText: 'Front End Servers that also run a Collocated Mediation Server', port: port(5082), transports: ['TCP'], application: 'SIP (TLS)', slug: 'collocated-mediation.sip-tls-5082',
    outgoingTo: { endpoint: 'pstn-gateways', text: 'PSTN gateway' },
    note: 'Used for outgoing SIP requests from the Mediation Server to the PSTN gateway.' },
  { row: 19, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5065), transports: ['TCP'], application: 'SIP', slug: 'sip-5065',
    note: 'Used for incoming SIP listening requests for application sharing.' },
  { row: 20, role: 'Front End', host: 'frontend.servers', hostText: FE, port: range(49152, 65535), transports: ['TCP'], application: 'RTP', slug: 'appsharing-49152-65535',
    note: 'Media port range used for application sharing.' },
  { row: 21, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5073), transports: ['TCP'], application: 'SIP', slug: 'sip-5073',
    note: 'Used for incoming SIP requests for the Lync Server Conferencing Announcement service (that is, for dial-in conferencing).' },
  { row: 22, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5075), transports: ['TCP'], application: 'SIP', slug: 'sip-5075',
    note: 'Used for incoming SIP requests for the Call Park application.' },
  { row: 23, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5076), transports: ['TCP'], application: 'SIP', slug: 'sip-5076',
    note: 'Used for incoming SIP requests for the Audio Test service.' },
  { row: 24, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5066), transports: ['TCP'], application: 'SIP', slug: 'sip-5066',
    outgoingTo: { endpoint: 'e911-gateways', text: 'Enhanced 9-1-1 (E9-1-1) gateway' },
    note: 'Used for outbound Enhanced 9-1-1 (E9-1-1) gateway.' },
  { row: 25, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5071), transports: ['TCP'], application: 'SIP', slug: 'sip-5071',
    note: 'Used for incoming SIP requests for the Response Group application.' },
  { row: 26, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(8404), transports: ['TCP'], application: 'SIP (MTLS)', slug: 'sip-mtls-8404',
    note: 'Used for incoming SIP requests for the Response Group application.' },
  { row: 27, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5080), transports: ['TCP'], application: 'TCP', slug: 'bandwidth-5080',
    note: 'Used for call admission control by the Bandwidth Policy service for A/V Edge TURN traffic.' },
  { row: 28, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(448), transports: ['TCP'], application: 'TCP', slug: 'bandwidth-448',
    note: 'Used for call admission control by the Lync Server Bandwidth Policy Service.' },
  { row: 29, role: 'Front End', host: 'frontend.cms', hostText: 'Front End Servers where the Central Management store resides', port: port(445), transports: ['TCP'], application: 'TCP', slug: 'cms-445',
    note: 'Used to push configuration data from the Central Management store to servers running Lync Server.' },
  { row: 30, role: 'All Servers', host: 'internal-servers', hostText: 'All Servers', port: port(1434), transports: ['UDP'], application: 'SQL Browser', slug: 'sql-browser-1434',
    note: 'SQL Browser for local replicated copy of Central Management store data in local SQL Server instance' },
  { row: 31, role: 'All Servers', host: 'internal-servers', hostText: 'All internal servers', port: range(49152, 57500), transports: ['TCP', 'UDP'], application: 'RTP', slug: 'audio-49152-57500',
    note: 'Media port range used for audio conferencing on all internal servers. Used by all servers that terminate audio: Front End Servers (for Lync Server Conferencing Attendant service, Lync Server Conferencing Announcement service, and Lync Server Audio/Video Conferencing service), and Mediation Server.' },
  { row: 32, role: 'Director', host: 'director.servers', hostText: 'Directors', port: port(5060), transports: ['TCP'], application: 'SIP', slug: 'sip-5060', when: RCC,
    note: 'Optionally used for static routes to trusted services, such as remote call control servers.' },
  { row: 33, role: 'Director', host: 'director.servers', hostText: 'Directors', port: port(444), transports: ['TCP'], application: 'HTTPS', slug: 'https-444',
    note: 'Inter-server communication between Front End and Director. Additionally, client certificate publish (to Front End Servers) or validate if the client certificate has already been published.' },
  { row: 34, role: 'Director', host: 'director.servers', hostText: 'Directors', port: port(80), transports: ['TCP'], application: 'HTTP', slug: 'http-80',
    note: 'Used for initial communication from Directors to the web farm FQDNs (the URLs used by IIS web components). In normal operation, will switch to HTTPS traffic, using port 443 and protocol type TCP.' },
  { row: 35, role: 'Director', host: 'director.servers', hostText: 'Directors', port: port(443), transports: ['TCP'], application: 'HTTPS', slug: 'https-443',
    note: 'Used for communication from Directors to the web farm FQDNs (the URLs used by IIS web components).' },
  { row: 36, role: 'Director', host: 'director.servers', hostText: 'Directors', port: port(5061), transports: ['TCP'], application: 'SIP (TLS)', slug: 'sip-tls-5061',
    note: 'Used for internal communications between servers and for client connections.' },
  { row: [37, 40], role: 'Mediation', host: 'mediation.servers', hostText: 'Mediation Servers', port: port(5070), transports: ['TCP'], application: 'SIP (MTLS)', slug: 'sip-5070', peer: FROM_FE,
    note: 'Used by the Mediation Server for incoming requests from the Front End Server.',
    says: { 37: { application: 'TCP' }, 40: { application: 'TCP (MTLS)', note: 'Used for SIP requests from the Front End Servers.' } } },
  { row: 38, role: 'Mediation', host: 'mediation.servers', hostText: 'Mediation Servers', port: port(5067), transports: ['TCP'], application: 'SIP (TLS)', slug: 'sip-tls-5067', peer: FROM_GW,
    note: 'Used for incoming SIP requests from the PSTN gateway.' },
  { row: 39, role: 'Mediation', host: 'mediation.servers', hostText: 'Mediation Servers', port: port(5068), transports: ['TCP'], application: 'SIP', slug: 'sip-5068', peer: FROM_GW,
    note: 'Used for incoming SIP requests from the PSTN gateway.' },
];

const ROLE_SLUG: Partial<Record<Role, string>> = {
  'Front End': 'frontend', Director: 'director', Mediation: 'mediation', 'All Servers': 'all-servers',
  'Office Web Apps': 'office-web-apps', 'Persistent Chat': 'persistent-chat',
};

/** One requirement per transport of a server row of `table`; ids start with `prefix` (the version). */
export function serverRequirements(r: ServerRow, table = '004-server', prefix = '2010'): Requirement[] {
  const rows = Array.isArray(r.row) ? r.row : [r.row];
  return r.transports.map((transport) => {
    const host = ep(r.host, r.hostText);
    const peer: Selector = r.peer ? any('Any', r.peer.tightenTo) : ANY;
    const out = r.outgoingTo;
    const suffix = r.transports.length > 1 ? `.${transport.toLowerCase()}` : '';
    return requirement({
      id: `${prefix}.server-host.${ROLE_SLUG[r.role]}.${r.slug}${suffix}${out ? '.out' : '.in'}`,
      role: r.role, interface: 'server-host',
      source: out ? host : peer,
      destination: out ? ep(out.endpoint, out.text) : host,
      destinationPort: r.port, transport, application: r.application,
      direction: out ? 'out' : 'in', note: r.note,
      citations: rows.map((row) => cite(table, row, {
        ...(r.when ? { when: r.when } : {}),
        ...(r.says?.[row] ? { says: r.says[row] } : {}),
      })),
    });
  });
}

/** 004's load balancer tables have no Notes column: a note is the Protocol cell's own words beyond the protocol. */
export interface LbRow { table: string; row: number; vip: Endpoint; lb: string; port: number; application: string; note?: string }

function lb(table: LbRow['table'], vip: Endpoint, lbName: string, rows: [number, number, string, string?][]): LbRow[] {
  return rows.map(([row, p, application, note]) => ({ table, row, vip, lb: lbName, port: p, application, ...(note ? { note } : {}) }));
}

// The Protocol cell reads "TCP - Client and device retrieval of root certificate from Front End Server – …".
const ROOT_CERT = 'Client and device retrieval of root certificate from Front End Server – clients and devices authenticated by NTLM';
const LB_ROWS: LbRow[] = [
  ...lb('004-hlb-only', 'frontend.hlb-vip', 'Front End Server load balancer', [
    [1, 5061, 'SIP (TLS)'], [2, 444, 'HTTPS'], [3, 135, 'DCOM/RPC'], [4, 80, 'HTTP'], [5, 8080, 'TCP', ROOT_CERT],
    [6, 443, 'HTTPS'], [7, 4443, 'HTTPS', 'HTTPS (from reverse proxy)'], [8, 5072, 'SIP'], [9, 5073, 'SIP'], [10, 5075, 'SIP'],
    [11, 5076, 'SIP'], [12, 5071, 'SIP'], [13, 5080, 'TCP'], [14, 448, 'TCP'],
  ]),
  ...lb('004-hlb-only', 'mediation.hlb-vip', 'Mediation Server load balancer', [[15, 5070, 'SIP']]),
  ...lb('004-hlb-only', 'director.hlb-vip', 'Director load balancer', [
    [16, 443, 'HTTPS'], [17, 444, 'HTTPS'], [18, 5061, 'SIP (TLS)'], [19, 4443, 'HTTPS', 'HTTPS (from reverse proxy)'],
  ]),
  ...lb('004-hlb-dns', 'frontend.dnslb-vip', 'Front End Server load balancer', [
    [1, 80, 'HTTP'], [2, 443, 'HTTPS'], [3, 8080, 'TCP', ROOT_CERT], [4, 4443, 'HTTPS', 'HTTPS (from reverse proxy)'],
  ]),
  ...lb('004-hlb-dns', 'director.dnslb-vip', 'Director load balancer', [
    [5, 443, 'HTTPS'], [6, 444, 'HTTPS'], [7, 4443, 'HTTPS', 'HTTPS (from reverse proxy)'],
  ]),
];

export function lbRequirement(r: LbRow, prefix = '2010'): Requirement {
  const mode = r.table.endsWith('hlb-only') ? 'hlb' : 'dnslb';
  const pool = r.vip.split('.')[0];
  return requirement({
    id: `${prefix}.load-balancer.${pool}.${mode}.${r.application.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}-${r.port}.in`,
    role: 'Load Balancer', interface: 'load-balancer',
    source: ANY, destination: ep(r.vip, `${r.lb} virtual IP`),
    destinationPort: port(r.port), transport: 'TCP', application: r.application, direction: 'in',
    note: r.note ?? '',
    citations: [cite(r.table, r.row)],
  });
}

interface ClientRow { row: number; role: Role; port: PortSpec; sourcePort?: PortSpec; transports: Transport[]; application: string; outbound: boolean; slug: string; note: string; says?: { note?: string; port?: string } }

// The rows' "1024-65535 *" points at the table's footnote, quoted verbatim.
const ANY_PORT_NOTE = ' (* To configure specific ports for these media types, use the CsConferencingConfiguration cmdlet (ClientMediaPortRangeEnabled, ClientMediaPort, and ClientMediaPortRange parameters).)';
const CLIENT_ROWS: ClientRow[] = [
  { row: 1, role: 'Client', port: port(67), sourcePort: port(68), transports: ['UDP'], application: 'DHCP', outbound: true, slug: 'dhcp-67',
    note: 'Used by Lync Server 2010 to find the Registrar FQDN (that is, if DNS SRV fails and manual settings are not configured).', says: { port: '67/68' } },
  { row: 2, role: 'Client', port: port(443), transports: ['TCP'], application: 'SIP (TLS)', outbound: true, slug: 'sip-tls-443',
    note: 'Used for client-to-server SIP traffic for external user access.' },
  { row: 3, role: 'Client', port: port(443), transports: ['TCP'], application: 'PSOM (TLS)', outbound: true, slug: 'psom-tls-443',
    note: 'Used for external user access to web conferencing sessions.' },
  { row: 4, role: 'Client', port: port(443), transports: ['TCP'], application: 'STUN/MSTURN', outbound: true, slug: 'stun-tcp-443',
    note: 'Used for external user access to A/V sessions and media (TCP)' },
  { row: 5, role: 'Client', port: port(3478), transports: ['UDP'], application: 'STUN/MSTURN', outbound: true, slug: 'stun-udp-3478',
    // As printed: the UDP row's note says "(TCP)" (discrepancy 'client-3478-transport-note').
    note: 'Used for external user access to A/V sessions and media (TCP)' },
  { row: 6, role: 'Client', port: port(5061), transports: ['TCP'], application: 'SIP (MTLS)', outbound: true, slug: 'sip-mtls-5061',
    note: 'Used for client-to-server SIP traffic for external user access.' },
  { row: 7, role: 'Client', port: range(6891, 6901), transports: ['TCP'], application: 'File transfer', outbound: false, slug: 'file-transfer-6891-6901',
    note: 'Used for file transfer between Lync 2010 clients and previous clients (clients of Microsoft Office Communications Server 2007 R2, Microsoft Office Communications Server 2007, and Live Communications Server 2005).' },
  { row: 8, role: 'Client', port: range(1024, 65535), transports: ['TCP', 'UDP'], application: 'RTP', outbound: false, slug: 'audio-1024-65535',
    note: 'Audio port range (minimum of 20 ports required)' + ANY_PORT_NOTE },
  { row: 9, role: 'Client', port: range(1024, 65535), transports: ['TCP', 'UDP'], application: 'RTP', outbound: false, slug: 'video-1024-65535',
    note: 'Video port range (minimum of 20 ports required).' + ANY_PORT_NOTE },
  { row: 10, role: 'Client', port: range(1024, 65535), transports: ['TCP'], application: 'File transfer', outbound: false, slug: 'p2p-file-transfer-1024-65535',
    note: 'Peer-to-peer file transfer (for conferencing file transfer, clients use PSOM).' + ANY_PORT_NOTE },
  { row: 11, role: 'Client', port: range(1024, 65535), transports: ['TCP'], application: 'Application sharing', outbound: false, slug: 'appsharing-1024-65535',
    note: 'Application sharing.' + ANY_PORT_NOTE },
  { row: 12, role: 'IP Phone', port: port(67), sourcePort: port(68), transports: ['UDP'], application: 'DHCP', outbound: true, slug: 'dhcp-67',
    note: 'Used by the listed devices to find the Lync Server 2010 certificate, provisioning FQDN, and Registrar FQDN.', says: { port: '67/68' } },
];

function clientRequirements(r: ClientRow): Requirement[] {
  const self = r.role === 'IP Phone' ? ep('ip-phones', 'IP phones (Aastra, HP, Polycom devices listed)') : ep('clients', 'Clients');
  return r.transports.map((transport) => {
    const suffix = r.transports.length > 1 ? `.${transport.toLowerCase()}` : '';
    return requirement({
      id: `2010.client.${r.role === 'IP Phone' ? 'ip-phone' : 'client'}.${r.slug}${suffix}.${r.outbound ? 'out' : 'in'}`,
      role: r.role, interface: 'client',
      source: r.outbound ? self : ANY,
      ...(r.sourcePort ? { sourcePort: r.sourcePort } : {}),
      destination: r.outbound ? ANY : self,
      destinationPort: r.port, transport, application: r.application,
      direction: r.outbound ? 'out' : 'in', note: r.note,
      citations: [cite('004-client', r.row, r.says ? { says: r.says } : {})],
    });
  });
}

export const SERVERS_2010: Requirement[] = [
  ...SERVER_ROWS.flatMap((r) => serverRequirements(r)),
  ...LB_ROWS.map((r) => lbRequirement(r)),
  ...CLIENT_ROWS.flatMap(clientRequirements),
];
