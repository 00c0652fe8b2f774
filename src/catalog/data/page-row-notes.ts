// The Notes cell of page rows that repeat an encoded row in other words ("your Edge Server",
// "Skype for Business Server" for "Lync Server", a corrected transport). Each is the row's own
// note as the page prints it; test/catalog/findings.test.ts reads every one back from the page. The
// XMPP rows stop before the page's link ("See Migrating XMPP federation for more information.").
// Applied to every citation of the row (restating or not), after the restatements, so it wins over
// a restatement's `says.note`; a new page row's reworded note goes here, its other words in `says`.
export const PAGE_ROW_NOTES: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  'l13-client': {
    5: 'Used for external user access to A/V sessions and media (UDP)',
  },
  'l13-server': {
    4: 'Used for HTTPS communication between the Focus (the Lync Server component that manages conference state) and the individual servers. This port is also used for TCP communication between Survivable Branch Appliances and Front End Servers.',
  },
  'l13-single-public-external': {
    10: 'Required only for federation with partners running Office Communications Server 2007',
  },
  'sfb-client': {
    1: 'Used by Skype for Business Server to find the Registrar FQDN (that is, if DNS SRV fails and manual settings are not configured).',
    5: 'Used for external user access to A/V sessions and media (UDP)',
    12: 'Used by the listed devices to find the Skype for Business Server certificate, provisioning FQDN, and Registrar FQDN.',
  },
  'sfb-edge-external': {
    2: 'Certificate revocation and CRL check and retrieval.',
    8: 'Web conferencing media.',
    11: '3478 outbound is: • Used by Skype for Business Server to determine the version of Edge Server it\'s communicating with. • Used for media traffic between Edge Servers. • Required for federation with Lync Server 2010. • Needed if multiple Edge pools are deployed within your organization.',
    12: 'STUN/TURN negotiation of candidates over UDP on port 3478.',
    13: 'STUN/TURN negotiation of candidates over TCP on port 443.',
    14: 'STUN/TURN negotiation of candidates over TCP on port 443.',
  },
  'sfb-edge-internal': {
    1: 'Outbound XMPP traffic from your XMPP Gateway service running on your Front End Server or Front End pool. Note: XMPP Gateways and proxies are available in Skype for Business Server 2015 but are no longer supported in Skype for Business Server 2019.',
    2: 'Outbound SIP traffic from your Director, Director pool, Front End Server or Front End pool to your Edge Server internal interface.',
    3: 'Inbound SIP traffic to your Director, Director pool, Front End Server, or Front End pool from your Edge Server internal interface.',
    4: 'Web conferencing traffic from your Front End Server or each Front End Server (if you have a Front End pool) to your Edge Server internal interface.',
    5: 'Authentication of A/V users from your Front End Server or Front End pool, or your Survivable Branch Appliance or Survivable Branch Server, using your Edge Server.',
    6: 'Preferred path for A/V media transfer between your internal and external users and your Survivable Branch Appliance or Survivable Branch Server.',
    7: 'Fallback path for A/V media transfer between your internal and external users and your Survivable Branch Appliance or Survivable Branch Server, if UDP communication doesn\'t work. TCP is then used for file transfers and desktop sharing.',
    8: 'Replication of changes from your Central Management store to your Edge Server.',
    9: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection.',
    10: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection.',
    11: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection.',
  },
  'sfb-hlb-external': {
    1: 'Certificate revocation and CRL check and retrieval.',
    6: '3478 outbound is: • Used by Skype for Business Server to determine the version of Edge Server it\'s communicating with. • Used for media traffic between Edge Servers. • Required for federation. • Needed if multiple Edge pools are deployed within your organization.',
    7: 'STUN/TURN negotiation of candidates over UDP on port 3478.',
    8: 'STUN/TURN negotiation of candidates over TCP on port 443.',
    9: 'STUN/TURN negotiation of candidates over TCP on port 443.',
  },
  'sfb-hlb-external-vip': {
    2: 'The XMPP Proxy service sends traffic from XMPP contacts in defined XMPP federations.',
    4: 'For federated and public IM connectivity using SIP.',
    5: 'For federated and public IM connectivity using SIP.',
    6: 'Web conferencing media.',
    7: 'STUN/TURN negotiation of candidates over UDP on port 3478.',
    8: 'STUN/TURN negotiation of candidates over TCP on port 443.',
  },
  'sfb-hlb-internal': {
    1: 'Outbound XMPP traffic from your XMPP Gateway service running on your Front End Server or Front End pool. Note: XMPP Gateways and proxies are available in Skype for Business Server 2015 but are no longer supported in Skype for Business Server 2019.',
    2: 'Replication of changes from your Central Management store to your Edge Server.',
    3: 'Web conferencing traffic from your Front End Server or each Front End Server (if you have a Front End pool) to your Edge Server internal interface.',
    4: 'Preferred path for A/V media transfer between your internal and external users and your Survivable Branch Appliance or Survivable Branch Server.',
    5: 'Fallback path for A/V media transfer between your internal and external users and your Survivable Branch Appliance or Survivable Branch Server, if UDP communication doesn\'t work. TCP is then used for file transfers and desktop sharing.',
    6: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection.',
    7: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection.',
    8: 'Centralized Logging Service controller using Skype for Business Server Management Shell and Centralized Logging Service cmdlets, ClsController command line (ClsController.exe) or agent (ClsAgent.exe) commands and log collection.',
  },
  'sfb-hlb-internal-vip': {
    1: 'Outbound SIP traffic from your Director, Director pool VIP address, Front End Server, or Front End pool VIP address to your Edge Server internal interface.',
    2: 'Inbound SIP traffic to your Director, Director pool VIP address, Front End Server, or Front End pool VIP address from your Edge Server internal interface.',
    3: 'Authentication of A/V users from your Front End Server or Front End pool, or your Survivable Branch Appliance or Survivable Branch Server, using your Edge Server.',
    4: 'Preferred path for A/V media transfer between your internal and external users.',
    5: 'Fallback path for A/V media transfer between your internal and external users if UDP communication doesn\'t work. TCP is then used for file transfers and desktop sharing.',
  },
  'sfb-server': {
    4: 'Used for HTTPS communication between the Focus (the Skype for Business Server component that manages conference state) and the individual servers. This port is also used for TCP communication between Survivable Branch Appliances and Front End Servers.',
    8: 'Used to listen for Persistent Shared Object Model (PSOM) connections from the Live Meeting client and previous versions of Skype for Business Server.',
    29: 'Used for incoming SIP requests for the Skype for Business Server Conferencing Announcement service (that is, for dial-in conferencing).',
    37: 'Used for call admission control by the Skype for Business Server Bandwidth Policy Service.',
    38: 'Used to push configuration data from the Central Management store to servers running Skype for Business Server.',
    40: 'Media port range used for audio conferencing on all internal servers. Used by all servers that terminate audio: Front End Servers (for Skype for Business Server Conferencing Attendant service, Skype for Business Server Conferencing Announcement service, and Skype for Business Server Audio/Video Conferencing service), and Mediation Server.',
    41: 'Used by Skype for Business Server to connect to Office Web Apps Server.',
  },
};
