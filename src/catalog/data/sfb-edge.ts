// Skype for Business Server edge (sfb-edge-environmental-requirements.md, "Port and firewall
// planning"). Every row repeats a Lync Server 2013 row (000 for single and DNS load balanced
// edges, 001 for hardware load balancing); what changed is recorded on the row: XMPP only in
// 2015, outbound media relaying without the federation condition, no inbound 50,000-59,999, and
// outbound 3478 for Lync Server 2010 federation and multiple edge pools only.
import { anyOf } from '../define.ts';
import { restates, type RowReading, type Restatement } from '../restate.ts';

/** "XMPP … Not supported in Skype for Business Server 2019" (and "available in … 2015 but are no
 * longer supported in … 2019"): the XMPP rows speak for 2015 only. */
const XMPP_2015: RowReading = { versions: ['sfb2015'] };
/** "This is used for relaying media traffic." — no condition. */
const RELAY: RowReading = { when: [], says: { note: 'This is used for relaying media traffic.' } };
/** "3478 outbound is: Used by Skype for Business Server to determine the version of Edge Server it's
 * communicating with. Used for media traffic between Edge Servers. Required for federation with
 * Lync Server 2010. Needed if multiple Edge pools are deployed within your organization." */
const STUN_OUT: RowReading = {
  when: anyOf('federation-lync2010', 'multiple-edge-pools'),
};

/** The hardware load balancer table's copy says "Required for federation." where the other says "… with Lync Server 2010". */
const STUN_OUT_HLB: RowReading = {
  when: anyOf('sip-federation', 'multiple-edge-pools'),
};

export const SFB_EDGE: Restatement[] = [
  ...restates('sfb-edge-external', '000-external', [[1, XMPP_2015], 2, 3, 4, 5, 6, 7, 8, [9, RELAY], [10, RELAY], [13, STUN_OUT], 14, 15, 16]),
  ...restates('sfb-edge-internal', '000-internal', [[1, XMPP_2015], 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  ...restates('sfb-hlb-external', '001-external', [1, 2, 3, [4, RELAY], [5, RELAY], [8, STUN_OUT_HLB], 9, 10, 11]),
  ...restates('sfb-hlb-internal', '001-internal', [[1, XMPP_2015], 2, 3, 4, 5, 6, 7, 8]),
  ...restates('sfb-hlb-external-vip', '001-external-vip', [[1, XMPP_2015], [2, XMPP_2015], 3, 4, 5, 6, 7, 8]),
  ...restates('sfb-hlb-internal-vip', '001-internal-vip', [1, 2, 3, 4, 5]),
];
