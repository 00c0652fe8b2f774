// Lync Server 2013 reverse proxy (lync2013-port-summary-reverse-proxy.md): the 2010 rows (002)
// again, in 2013's words, and one new row to Office Web Apps for conferencing.
import { anyOf, cite, ep, port, requirement } from '../define.ts';
import { restates, type Restatement } from '../restate.ts';
import type { Requirement } from '../types.ts';

const POOLS = 'Front End Server, Front End pool, Director, Director pool';

export const LYNC2013_REVERSE_PROXY: Requirement[] = [
  requirement({
    id: '2013.reverse-proxy-internal.office-web-apps-443.out', role: 'Reverse Proxy', interface: 'reverse-proxy-internal',
    source: ep('reverse-proxy.internal', 'Internal reverse proxy interface'),
    destination: ep('office-web-apps', 'Office Web Apps for conferencing'),
    destinationPort: port(443), transport: 'TCP', application: 'HTTPS',
    note: '',
    citations: [cite('l13-rp-internal', 3)],
  }),
];

export const LYNC2013_REVERSE_PROXY_RESTATEMENTS: Restatement[] = [
  ...restates('l13-rp-external', '002-rp-external', [
    [1, { when: anyOf('reverse-proxy-http-redirect'), says: { port: 'HTTP/TCP/80', note: '(Optional) Redirection to HTTPS if user enters http://<publishedSiteFQDN>. Also required if using Office Web Apps for conferencing and the Autodiscover Service for mobile devices running Lync in situations where the organization does not want to modify the external web service publishing rule certificate.' } }],
    [2, { says: { port: 'HTTPS/TCP/443', note: 'Address book downloads, Address Book Web Query service, Autodiscover, client updates, meeting content, device updates, group expansion, Office Web Apps for conferencing, dial-in conferencing, and meetings.' } }],
  ]),
  ...restates('l13-rp-internal', '002-internal', [
    [8, { says: { port: 'HTTP/TCP/8080', application: 'HTTP', destination: POOLS, note: 'Required if using the Autodiscover Service for mobile devices running Lync in situations where the organization does not want to modify the external web service publishing rule certificate. Traffic sent to port 80 on the reverse proxy external interface is redirected to a pool on port 8080 from the reverse proxy internal interface so that the pool Web Services can distinguish it from internal web traffic.' } }],
  ]),
  ...restates('l13-rp-internal', '002-rp-internal', [[1, { says: { port: 'HTTPS/TCP/4443', destination: POOLS, note: 'Traffic sent to port 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface so that the pool web services can distinguish it from internal web traffic.' } }]]).map((r) => ({ ...r, row: 2 })),
];
