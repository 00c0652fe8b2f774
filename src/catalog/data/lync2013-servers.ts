// Lync Server 2013 internal servers (lync2013-ports-and-protocols-for-internal-servers.md). Most
// rows repeat 004's (Lync Server 2010) rows; the rows new in 2013 are requirements here.
import { port } from '../define.ts';
import { restates, type Restatement } from '../restate.ts';
import type { Endpoint, Requirement } from '../types.ts';
import { lbRequirement, serverRequirements, type ServerRow } from './servers-2010.ts';

const FE = 'Front End Servers';
const T = 'l13-server';

const NEW_SERVER_ROWS: ServerRow[] = [
  { row: 13, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(8080), transports: ['TCP'], application: 'HTTP', slug: 'web-compatibility-8080',
    note: 'Used by web components for external access.', says: { 13: { application: 'TCP and HTTP' } } },
  { row: 14, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(4443), transports: ['TCP'], application: 'HTTPS', slug: 'https-4443',
    note: 'HTTPS (from Reverse Proxy) and HTTPS Front End inter-pool communications for Autodiscover sign-in.' },
  { row: 15, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(8060), transports: ['TCP'], application: 'TCP (MTLS)', slug: 'web-8060',
    note: '' },
  { row: 16, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(8061), transports: ['TCP'], application: 'TCP (MTLS)', slug: 'web-8061',
    note: '' },
  { row: 17, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5086), transports: ['TCP'], application: 'SIP (MTLS)', slug: 'mobility-5086',
    note: 'SIP port used by Mobility Services internal processes', says: { 17: { application: 'TCP (MTLS)' } } },
  { row: 18, role: 'Front End', host: 'frontend.servers', hostText: FE, port: port(5087), transports: ['TCP'], application: 'SIP (MTLS)', slug: 'mobility-5087',
    note: 'SIP port used by Mobility Services internal processes', says: { 18: { application: 'TCP (MTLS)' } } },
  { row: 40, role: 'Office Web Apps', host: 'office-web-apps' as Endpoint, hostText: 'Office Web Apps Servers', port: port(443), transports: ['TCP'], application: 'HTTPS', slug: 'https-443',
    note: 'Used by Lync Server 2013 to connect to Office Web Apps Server.', says: { 40: { application: '(no protocol given)' } } },
  { row: 50, role: 'Persistent Chat', host: 'persistent-chat', hostText: 'Persistent Chat Front End Server', port: port(5041), transports: ['TCP'], application: 'SIP (MTLS)', slug: 'sip-mtls-5041',
    note: 'Persistent Chat SIP', says: { 50: { application: 'TCP (MTLS)' } } },
  { row: 51, role: 'Persistent Chat', host: 'persistent-chat', hostText: 'Persistent Chat Front End Server', port: port(881), transports: ['TCP'], application: 'TCP (TLS) and TCP (MTLS)', slug: 'wcf-881',
    note: 'Persistent Chat Windows Communication Foundation (WCF)' },
  { row: 52, role: 'Persistent Chat', host: 'persistent-chat', hostText: 'Persistent Chat Front End Server', port: port(443), transports: ['TCP'], application: 'HTTPS', slug: 'file-transfer-443',
    note: 'Persistent Chat File Transfer Service', says: { 52: { application: 'TCP (TLS)' } } },
];

export const LYNC2013_SERVERS: Requirement[] = [
  ...NEW_SERVER_ROWS.flatMap((r) => serverRequirements(r, T, '2013')),
  lbRequirement({ table: 'l13-hlb-only', row: 16, vip: 'frontend.hlb-vip', lb: 'Front End Server load balancer (if the pool also runs Mediation Server)', port: 5070, application: 'SIP' }, '2013'),
];

/** Rows of 2013 that repeat 004's. `note`: the 2013 wording where it differs. */
const note = (n: string) => ({ says: { note: n } });

export const LYNC2013_SERVER_RESTATEMENTS: Restatement[] = [
  ...restates(T, '004-server', [
    [30, note('SQL Browser for the local replicated copy of the Central Management Store database.')],
    1, 2, [3, { says: { application: 'HTTPS TCP' } }], 4, 5, 6,
    [7, note('Used to listen for Persistent Shared Object Model (PSOM) connections from the Live Meeting client and previous versions of Lync Server.')],
    8, 9, 10, 11,
  ]),
  ...restates(T, '004-server', [[11, { says: { note: '' } }], 12,
    [13, note('Used for incoming SIP requests for Attendant (dial in conferencing).')],
    14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]).map((r) => ({ ...r, row: r.row + 18 })),
  ...restates(T, '004-server', [32, 33, 34, 35, 36, 37, 38, 39, 40]).map((r) => ({ ...r, row: r.row + 40 })),
  ...restates('l13-hlb-only', '004-hlb-only', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
  ...restates('l13-hlb-only', '004-hlb-only', [16, 17, 18, 19]).map((r) => ({ ...r, row: r.row + 16 })),
  // Row 6 of the 2013 DNS load balancing table is printed empty (004 lists Director 444 there).
  ...restates('l13-hlb-dns', '004-hlb-dns', [1, 2, 3, 4, 5]),
  { table: 'l13-hlb-dns', row: 7, of: { table: '004-hlb-dns', row: 7 } },
  ...restates('l13-client', '004-client', [
    [1, { says: { port: '67/68', note: 'Used by Lync Server to find the Registrar FQDN (that is, if DNS SRV fails and manual settings are not configured).' } }],
    // 2013 prints "(UDP)" where 004 printed "(TCP)": this row reads as the requirement does.
    2, 3, 4, [5, { says: {} }], 6,
    [7, note('Used for file transfer between Lync clients and previous clients (clients of Microsoft Office Communications Server 2007 R2, Microsoft Office Communications Server 2007, and Live Communications Server 2005).')],
    8, 9, 10, 11,
    [12, { says: { port: '67/68', note: 'Used by the listed devices to find the Lync Server certificate, provisioning FQDN, and Registrar FQDN.' } }],
  ]),
];
