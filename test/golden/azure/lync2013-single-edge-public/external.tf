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

# external r1: Any -> edge01 Access Edge, SIP (MTLS), SIP (TLS), XMPP; requirements 2013.edge-external.access.sip-mtls-5061.in, 2013.edge-external.access.sip-tls-443.in, 2013.edge-external.xmpp.5269.in; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 1; "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" rows 1, 5, 6; "Firewall Summary – Public Instant Messaging Connectivity" rows 1, 3 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)" row 1; "Firewall Summary – Public Instant Messaging Connectivity" rows 1, 3 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 1; "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" rows 1, 5, 6; "Firewall Summary – Public Instant Messaging Connectivity" rows 1, 3
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
  destination_address_prefix  = "131.107.155.10"
  destination_port_ranges     = ["443", "5061", "5269"]
  description                 = "external r1: 2013.edge-external.access.sip-mtls-5061.in 2013.edge-external.access.sip-tls-443.in 2013.edge-external.xmpp.5269.in"
}

# external r2: Any -> edge01 Web Conferencing Edge, PSOM (TLS); requirements 2013.edge-external.webconf.psom-tls-443.in; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" row 8 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" row 8
resource "azurerm_network_security_rule" "external_r2_tcp_v4" {
  name                        = "r2-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "131.107.155.20"
  destination_port_range      = "443"
  description                 = "external r2: 2013.edge-external.webconf.psom-tls-443.in"
}

# external r3: Any -> edge01 A/V Edge, RTP, STUN/MSTURN; requirements 2013.edge-external.av.rtp-tcp-50000-59999.in, 2013.edge-external.av.stun-tcp-443.in; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" rows 11, 15 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" rows 11, 15
resource "azurerm_network_security_rule" "external_r3_tcp_v4" {
  name                        = "r3-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "131.107.155.30"
  destination_port_ranges     = ["443", "50000-59999"]
  description                 = "external r3: 2013.edge-external.av.rtp-tcp-50000-59999.in 2013.edge-external.av.stun-tcp-443.in"
}

# external r4: Any -> edge01 A/V Edge, RTP, STUN/MSTURN; requirements 2013.edge-external.av.rtp-udp-50000-59999.in, 2013.edge-external.av.stun-udp-3478.in; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" rows 12, 14; "Firewall Summary – Public Instant Messaging Connectivity" row 6 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary – Public Instant Messaging Connectivity" row 6 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" rows 12, 14; "Firewall Summary – Public Instant Messaging Connectivity" row 6
resource "azurerm_network_security_rule" "external_r4_udp_v4" {
  name                        = "r4-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "131.107.155.30"
  destination_port_ranges     = ["3478", "50000-59999"]
  description                 = "external r4: 2013.edge-external.av.rtp-udp-50000-59999.in 2013.edge-external.av.stun-udp-3478.in"
}

# external r5: Any -> rp external, HTTP, HTTPS; requirements 2010.reverse-proxy-external.http-80.in, 2010.reverse-proxy-external.https-443.in; cites Lync Server 2013: Port summary - Reverse proxy <https://technet.microsoft.com/en-us/library/JJ204932(v=OCS.15)>: "Firewall Details for Reverse Proxy Server: External Interface" rows 1, 2
resource "azurerm_network_security_rule" "external_r5_tcp_v4" {
  name                        = "r5-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 140
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "131.107.155.40"
  destination_port_ranges     = ["80", "443"]
  description                 = "external r5: 2010.reverse-proxy-external.http-80.in 2010.reverse-proxy-external.https-443.in"
}

# external r6: edge01 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-tcp-50000-59999.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" row 9; "Firewall Summary – Public Instant Messaging Connectivity" row 4 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary – Public Instant Messaging Connectivity" row 4 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" row 9; "Firewall Summary – Public Instant Messaging Connectivity" row 4
resource "azurerm_network_security_rule" "external_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "131.107.155.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r6: 2013.edge-external.av.rtp-tcp-50000-59999.out"
}

# external r7: edge01 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-tcp-443.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" row 16 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" row 16
resource "azurerm_network_security_rule" "external_r7_tcp_v4" {
  name                        = "r7-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 160
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "131.107.155.30"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "443"
  description                 = "external r7: 2013.edge-external.av.stun-tcp-443.out"
}

# external r8: edge01 Access Edge -> Any, DNS, HTTP, SIP (MTLS), XMPP; requirements 2013.edge-external.access.dns-tcp-53.out, 2013.edge-external.access.http-80.out, 2013.edge-external.access.sip-mtls-5061.out, 2013.edge-external.xmpp.5269.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 2; "Firewall Summary for Federation" row 1; "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" rows 2, 3, 7; "Firewall Summary – Public Instant Messaging Connectivity" row 2 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)" row 2; "Firewall Summary - SIP Federation" row 1; "Firewall Summary – Public Instant Messaging Connectivity" row 2 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 2; "Firewall Summary for Federation" row 1; "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" rows 2, 3, 7; "Firewall Summary – Public Instant Messaging Connectivity" row 2
resource "azurerm_network_security_rule" "external_r8_tcp_v4" {
  name                        = "r8-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "131.107.155.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["53", "80", "5061", "5269"]
  description                 = "external r8: 2013.edge-external.access.dns-tcp-53.out 2013.edge-external.access.http-80.out 2013.edge-external.access.sip-mtls-5061.out 2..."
}

# external r9: edge01 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-udp-50000-59999.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" row 10 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" row 10
resource "azurerm_network_security_rule" "external_r9_udp_v4" {
  name                        = "r9-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 180
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "131.107.155.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r9: 2013.edge-external.av.rtp-udp-50000-59999.out"
}

# external r10: edge01 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-udp-3478.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" row 13; "Firewall Summary – Public Instant Messaging Connectivity" row 5 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary – Public Instant Messaging Connectivity" row 5 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" row 13; "Firewall Summary – Public Instant Messaging Connectivity" row 5
resource "azurerm_network_security_rule" "external_r10_udp_v4" {
  name                        = "r10-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "131.107.155.30"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "3478"
  description                 = "external r10: 2013.edge-external.av.stun-udp-3478.out"
}

# external r11: edge01 Access Edge -> Any, DNS; requirements 2013.edge-external.access.dns-udp-53.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: External Interface – Node 1 and Node 2 (Example)" row 4 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface" row 4
resource "azurerm_network_security_rule" "external_r11_udp_v4" {
  name                        = "r11-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "131.107.155.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "53"
  description                 = "external r11: 2013.edge-external.access.dns-udp-53.out"
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
