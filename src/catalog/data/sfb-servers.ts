// Skype for Business Server internal servers (sfb-ports-and-protocols.md). The tables repeat
// Lync Server 2013's row for row, with one new row (File Share access over SMB, 445).
import { port } from '../define.ts';
import { restates, type Restatement } from '../restate.ts';
import type { Requirement } from '../types.ts';
import { serverRequirements } from './servers-2010.ts';

const T = 'sfb-server';
const note = (n: string) => ({ says: { note: n } });
const seq = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const SFB_SERVERS: Requirement[] = serverRequirements({
  row: 36, role: 'Front End', host: 'frontend.servers', hostText: 'Front End Servers', port: port(445), transports: ['TCP'],
  application: 'SMB', slug: 'file-share-smb-445',
  note: 'Used to retrieve Address book, meeting content, and other items stored on the File Share server.', says: { 36: { application: 'SMB/TCP' } },
}, T, 'sfb');

export const SFB_SERVER_RESTATEMENTS: Restatement[] = [
  ...restates(T, 'l13-server', [1, 2,
    [3, note('Used by Standard Edition servers and Front End pools for all internal SIP communications between servers (MTLS), for SIP communications between Server and Client (TLS) and for SIP communications between Front End Servers and Mediation Servers (MTLS). Also used for communications with a Monitoring Server.')],
    ...seq(4, 35)]),
  ...restates(T, 'l13-server', seq(36, 52)).map((r) => ({ ...r, row: r.row + 36 })),
  ...restates('sfb-hlb-only', 'l13-hlb-only', [1, 2, 3, 4,
    [5, note('TCP - Client and device retrieval of root certificate from Front End Server - clients and devices authenticated by NTLM')],
    ...seq(6, 20)]),
  ...restates('sfb-hlb-dns', 'l13-hlb-dns', [1, 2,
    [3, note('TCP - Client and device retrieval of root certificate from Front End Server - clients and devices authenticated by NTLM')],
    4, 5, 7]),
  ...restates('sfb-client', 'l13-client', [1, 2, 3, 4, 5, 6,
    [7, note('Used for file transfer between Skype for Business clients and previous clients.')],
    8, 9, 10, 11, 12]),
];
