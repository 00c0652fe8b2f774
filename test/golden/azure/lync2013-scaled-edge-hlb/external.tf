# Portolan: Azure network security group for perimeter firewall "external".
# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are
# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.

variable "external_resource_group_name" {
  type = string
}

variable "external_location" {
  type = string
}

resource "azurerm_network_security_group" "external" {
  name                = "portolan-external"
  location            = var.external_location
  resource_group_name = var.external_resource_group_name
}

# external r1: Any -> edgepool Access Edge VIP, SIP (MTLS), SIP (TLS), XMPP; requirements 2013.hlb-external-vip.access.sip-mtls-5061.in, 2013.hlb-external-vip.access.sip-tls-443.in, 2013.hlb-external-vip.xmpp.5269.in; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "External Port Settings Required for Scaled Consolidated Edge, Hardware Load Balanced: External Interface Virtual IPs" rows 1, 3, 4 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)" row 1; "Firewall Summary – Public Instant Messaging Connectivity" rows 1, 3
resource "azurerm_network_security_rule" "external_r1_tcp_v4" {
  name                        = "r1-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "203.0.113.100"
  destination_port_ranges     = ["443", "5061", "5269"]
  description                 = "external r1: 2013.hlb-external-vip.access.sip-mtls-5061.in 2013.hlb-external-vip.access.sip-tls-443.in 2013.hlb-external-vip.xmpp.5269.in"
}

# external r2: Any -> edgepool A/V Edge VIP + edgepool Web Conferencing Edge VIP, PSOM (TLS), STUN/MSTURN; requirements 2013.hlb-external-vip.av.stun-tcp-443.in, 2013.hlb-external-vip.webconf.psom-tls-443.in; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "External Port Settings Required for Scaled Consolidated Edge, Hardware Load Balanced: External Interface Virtual IPs" rows 6, 8
resource "azurerm_network_security_rule" "external_r2_tcp_v4" {
  name                         = "r2-tcp-v4"
  resource_group_name          = var.external_resource_group_name
  network_security_group_name  = azurerm_network_security_group.external.name
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["203.0.113.101", "203.0.113.102"]
  destination_port_range       = "443"
  description                  = "external r2: 2013.hlb-external-vip.av.stun-tcp-443.in 2013.hlb-external-vip.webconf.psom-tls-443.in"
}

# external r3: Any -> edgepool A/V Edge VIP, STUN/MSTURN; requirements 2013.hlb-external-vip.av.stun-udp-3478.in; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "External Port Settings Required for Scaled Consolidated Edge, Hardware Load Balanced: External Interface Virtual IPs" row 7
resource "azurerm_network_security_rule" "external_r3_udp_v4" {
  name                        = "r3-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "203.0.113.102"
  destination_port_range      = "3478"
  description                 = "external r3: 2013.hlb-external-vip.av.stun-udp-3478.in"
}

# external r4: Any -> edge01 A/V Edge + edge02 A/V Edge, RTP, STUN/MSTURN; requirements 2013.edge-external.av.rtp-tcp-50000-59999.in, 2013.edge-external.av.stun-tcp-443.in; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" rows 6, 10
resource "azurerm_network_security_rule" "external_r4_tcp_v4" {
  name                         = "r4-tcp-v4"
  resource_group_name          = var.external_resource_group_name
  network_security_group_name  = azurerm_network_security_group.external.name
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["203.0.113.30", "203.0.113.31"]
  destination_port_ranges      = ["443", "50000-59999"]
  description                  = "external r4: 2013.edge-external.av.rtp-tcp-50000-59999.in 2013.edge-external.av.stun-tcp-443.in"
}

# external r5: Any -> edge01 A/V Edge + edge02 A/V Edge, RTP, STUN/MSTURN; requirements 2013.edge-external.av.rtp-udp-50000-59999.in, 2013.edge-external.av.stun-udp-3478.in; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" rows 7, 9 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary – Public Instant Messaging Connectivity" row 6
resource "azurerm_network_security_rule" "external_r5_udp_v4" {
  name                         = "r5-udp-v4"
  resource_group_name          = var.external_resource_group_name
  network_security_group_name  = azurerm_network_security_group.external.name
  priority                     = 140
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["203.0.113.30", "203.0.113.31"]
  destination_port_ranges      = ["3478", "50000-59999"]
  description                  = "external r5: 2013.edge-external.av.rtp-udp-50000-59999.in 2013.edge-external.av.stun-udp-3478.in"
}

# external r6: edge01 A/V Edge + edge02 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-tcp-50000-59999.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" row 4 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary – Public Instant Messaging Connectivity" row 4
resource "azurerm_network_security_rule" "external_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["203.0.113.30", "203.0.113.31"]
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r6: 2013.edge-external.av.rtp-tcp-50000-59999.out"
}

# external r7: edge01 A/V Edge + edge02 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-tcp-443.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" row 11
resource "azurerm_network_security_rule" "external_r7_tcp_v4" {
  name                        = "r7-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 160
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["203.0.113.30", "203.0.113.31"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "443"
  description                 = "external r7: 2013.edge-external.av.stun-tcp-443.out"
}

# external r8: edgepool Access Edge VIP -> Any, SIP (MTLS), XMPP; requirements 2013.hlb-external-vip.access.sip-mtls-5061.out, 2013.hlb-external-vip.xmpp.5269.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "External Port Settings Required for Scaled Consolidated Edge, Hardware Load Balanced: External Interface Virtual IPs" rows 2, 5 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)" row 2; "Firewall Summary - SIP Federation" row 1; "Firewall Summary – Public Instant Messaging Connectivity" row 2
resource "azurerm_network_security_rule" "external_r8_tcp_v4" {
  name                        = "r8-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "203.0.113.100"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["5061", "5269"]
  description                 = "external r8: 2013.hlb-external-vip.access.sip-mtls-5061.out 2013.hlb-external-vip.xmpp.5269.out"
}

# external r9: edge01 Access Edge + edge02 Access Edge -> Any, DNS, HTTP; requirements 2013.edge-external.access.dns-tcp-53.out, 2013.edge-external.access.http-80.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" rows 1, 2
resource "azurerm_network_security_rule" "external_r9_tcp_v4" {
  name                        = "r9-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 180
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["203.0.113.10", "203.0.113.11"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["53", "80"]
  description                 = "external r9: 2013.edge-external.access.dns-tcp-53.out 2013.edge-external.access.http-80.out"
}

# external r10: edge01 A/V Edge + edge02 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-udp-50000-59999.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" row 5
resource "azurerm_network_security_rule" "external_r10_udp_v4" {
  name                        = "r10-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefixes     = ["203.0.113.30", "203.0.113.31"]
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r10: 2013.edge-external.av.rtp-udp-50000-59999.out"
}

# external r11: edge01 A/V Edge + edge02 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-udp-3478.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" row 8 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary – Public Instant Messaging Connectivity" row 5
resource "azurerm_network_security_rule" "external_r11_udp_v4" {
  name                        = "r11-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefixes     = ["203.0.113.30", "203.0.113.31"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "3478"
  description                 = "external r11: 2013.edge-external.av.stun-udp-3478.out"
}

# external r12: edge01 Access Edge + edge02 Access Edge -> Any, DNS; requirements 2013.edge-external.access.dns-udp-53.out; cites Port summary - Scaled consolidated edge with hardware load balancers <https://technet.microsoft.com/en-us/library/Gg398739(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: External Interface – Node 1 and Node 2 (Example)" row 3
resource "azurerm_network_security_rule" "external_r12_udp_v4" {
  name                        = "r12-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 210
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefixes     = ["203.0.113.10", "203.0.113.11"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "53"
  description                 = "external r12: 2013.edge-external.access.dns-udp-53.out"
}

# default drop (Inbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "external_portolan_deny_all_inbound" {
  name                        = "portolan-deny-all-inbound"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 4095
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external: default drop"
}

# default drop (Outbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "external_portolan_deny_all_outbound" {
  name                        = "portolan-deny-all-outbound"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external: default drop"
}
