# Portolan: Check Point access rules for perimeter firewall "internal": 4 rules appended to layer "Network".
# Run after `mgmt_cli login user USER > id.txt`; the last command publishes the session.
# Install the policy on the gateway afterwards; its cleanup rule drops anything else.
mgmt_cli -s id.txt add host name "h-172.25.33.10" ip-address "172.25.33.10"
mgmt_cli -s id.txt add host name "h-192.168.10.90" ip-address "192.168.10.90"
mgmt_cli -s id.txt add host name "h-192.168.10.91" ip-address "192.168.10.91"
mgmt_cli -s id.txt add host name "h-192.168.10.92" ip-address "192.168.10.92"
mgmt_cli -s id.txt add group name "fe01_fe02_fe03" members.1 "h-192.168.10.90" members.2 "h-192.168.10.91" members.3 "h-192.168.10.92"
mgmt_cli -s id.txt add service-tcp name "tcp-5061" port "5061"
mgmt_cli -s id.txt add service-tcp name "tcp-443_50001-50003.1" port "443"
mgmt_cli -s id.txt add service-tcp name "tcp-443_50001-50003.2" port "50001-50003"
mgmt_cli -s id.txt add service-group name "tcp-443_50001-50003" members.1 "tcp-443_50001-50003.1" members.2 "tcp-443_50001-50003.2"
mgmt_cli -s id.txt add service-tcp name "tcp-4443_5061-5062_8057.1" port "4443"
mgmt_cli -s id.txt add service-tcp name "tcp-4443_5061-5062_8057.2" port "5061-5062"
mgmt_cli -s id.txt add service-tcp name "tcp-4443_5061-5062_8057.3" port "8057"
mgmt_cli -s id.txt add service-group name "tcp-4443_5061-5062_8057" members.1 "tcp-4443_5061-5062_8057.1" members.2 "tcp-4443_5061-5062_8057.2" members.3 "tcp-4443_5061-5062_8057.3"
mgmt_cli -s id.txt add service-udp name "udp-3478" port "3478"
mgmt_cli -s id.txt add access-rule layer "Network" position "bottom" name "portolan-r1" source.1 "h-172.25.33.10" destination.1 "fe01_fe02_fe03" service.1 "tcp-5061" action "Accept" track.type "Log" comments "r1: edge01 internal -> fe01, fe02, fe03, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: Port and firewall planning -> Internal port firewall summary table row 3"
mgmt_cli -s id.txt add access-rule layer "Network" position "bottom" name "portolan-r2" source.1 "Any" destination.1 "h-172.25.33.10" service.1 "tcp-443_50001-50003" action "Accept" track.type "Log" comments "r2: Any -> edge01 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: Port and firewall planning -> Internal port firewall summary table rows 7, 9, 10, 11"
mgmt_cli -s id.txt add access-rule layer "Network" position "bottom" name "portolan-r3" source.1 "fe01_fe02_fe03" destination.1 "h-172.25.33.10" service.1 "tcp-4443_5061-5062_8057" action "Accept" track.type "Log" comments "r3: fe01, fe02, fe03 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: Port and firewall planning -> Internal port firewall summary table rows 2, 4, 5, 8"
mgmt_cli -s id.txt add access-rule layer "Network" position "bottom" name "portolan-r4" source.1 "Any" destination.1 "h-172.25.33.10" service.1 "udp-3478" action "Accept" track.type "Log" comments "r4: Any -> edge01 internal, STUN/MSTURN; requirements 2013.edge-internal.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: Port and firewall planning -> Internal port firewall summary table row 6"
mgmt_cli -s id.txt publish
