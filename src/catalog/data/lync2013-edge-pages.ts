// Lync Server 2013 edge port summaries the seeds lack: single consolidated edge with public IP
// addresses, single consolidated edge with private IP addresses using NAT, and scaled DNS load
// balanced edge with private addresses using NAT. Their rows repeat 000's (scaled, public
// addresses) row for row; the NAT pages name the edge services without "public IP address"
// (the private address the edge holds; the firewall's NAT maps it to the public one).
import { restates, type Restatement, type RowReading } from '../restate.ts';

const ROWS_16 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

/** The single edge pages name the XMPP Gateway source in other words than 000. */
const XMPP_GATEWAY_SE: RowReading = { says: { source: 'Any (can be defined as Standard Edition server IP, Standard Edition server IP address, or pool IP address running the XMPP Gateway service)' } };

function commonTables(prefix: string, internal: (number | [number, RowReading])[]): Restatement[] {
  return [
    ...restates(`${prefix}-internal`, '000-internal', internal),
    ...restates(`${prefix}-federation`, '000-federation', [1]),
    ...restates(`${prefix}-pic`, '000-pic', [1, 2, 3, 4, 5, 6]),
    ...restates(`${prefix}-xmpp`, '000-xmpp', [1, 2, 3]),
  ];
}

export const LYNC2013_EDGE_PAGES: Restatement[] = [
  ...restates('l13-single-public-external', '000-external', [1, 2, 3, 4, 5, 6, 7,
    [8, { says: { note: 'Web Conferencing media' } }],
    // The page names the Access Edge address as the source of outbound RTP/TCP; 000 names the A/V Edge.
    [9, { says: { source: 'Edge Server Access Edge service public IP address' } }],
    10, 11, 12, 13, 14, 15, 16]),
  ...commonTables('l13-single-public', [[1, XMPP_GATEWAY_SE],
    [2, { says: { destination: 'Edge Server IP, or pool that holds the internal interface' } }],
    [3, { says: { destination: 'Any (can be defined as Director, Director pool IP address, Front End Server or Front End pool address)' } }],
    4, 5, 6, 7, 8, 9, 10, 11]),
  ...restates('l13-single-nat-external', '000-external', ROWS_16),
  ...commonTables('l13-single-nat', [[1, XMPP_GATEWAY_SE], 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  // The scaled NAT page adds the outbound XMPP row (001's external VIP table has it) as its row 2.
  ...restates('l13-scaled-nat-external', '000-external', [1]),
  ...restates('l13-scaled-nat-external', '000-xmpp', [[2, { says: {
    source: 'XMPP Proxy service (shares IP address with Access Edge service)',
    note: 'XMPP Proxy service sends traffic to XMPP contacts in defined XMPP federations' } }]]).map((r) => ({ ...r, row: 2 })),
  ...restates('l13-scaled-nat-external', '000-external', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]).map((r) => ({ ...r, row: r.row + 2 })),
  ...commonTables('l13-scaled-nat', [[1, { says: { destination: 'Edge Server internal interface IP address' } }], 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
];
