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

# external r1: Any -> edge01 Access Edge, SIP (MTLS), SIP (TLS); requirements 2010.edge-external.access.sip-mtls-5061.in, 2010.edge-external.access.sip-tls-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 3, 4; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 3, 4
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
  destination_address_prefix  = "10.45.16.10"
  destination_port_ranges     = ["443", "5061"]
  description                 = "external r1: 2010.edge-external.access.sip-mtls-5061.in 2010.edge-external.access.sip-tls-443.in"
}

# external r2: Any -> edge01 Web Conferencing Edge, PSOM (TLS); requirements 2010.edge-external.webconf.psom-tls-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 6; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 5
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
  destination_address_prefix  = "10.45.16.20"
  destination_port_range      = "443"
  description                 = "external r2: 2010.edge-external.webconf.psom-tls-443.in"
}

# external r3: Any -> edge01 A/V Edge, RTP, STUN/MSTURN; requirements 2010.edge-external.av.rtp-tcp-50000-59999.in, 2010.edge-external.av.stun-tcp-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 9, 13; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 6, 11
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
  destination_address_prefix  = "10.45.16.30"
  destination_port_ranges     = ["443", "50000-59999"]
  description                 = "external r3: 2010.edge-external.av.rtp-tcp-50000-59999.in 2010.edge-external.av.stun-tcp-443.in"
}

# external r4: Any -> edge01 A/V Edge, RTP, STUN/MSTURN; requirements 2010.edge-external.av.rtp-udp-50000-59999.in, 2010.edge-external.av.stun-udp-3478.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 10, 12; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 8, 10
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
  destination_address_prefix  = "10.45.16.30"
  destination_port_ranges     = ["3478", "50000-59999"]
  description                 = "external r4: 2010.edge-external.av.rtp-udp-50000-59999.in 2010.edge-external.av.stun-udp-3478.in"
}

# external r5: Any -> rp external, HTTP, HTTPS; requirements 2010.reverse-proxy-external.http-80.in, 2010.reverse-proxy-external.https-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 14, 15; "Firewall Details for Reverse Proxy Server: External Interface" rows 1, 2
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
  destination_address_prefix  = "10.45.16.40"
  destination_port_ranges     = ["80", "443"]
  description                 = "external r5: 2010.reverse-proxy-external.http-80.in 2010.reverse-proxy-external.https-443.in"
}

# external r6: edge01 A/V Edge -> Any, RTP; requirements 2010.edge-external.av.rtp-tcp-50000-59999.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 7; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 7
resource "azurerm_network_security_rule" "external_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r6: 2010.edge-external.av.rtp-tcp-50000-59999.out"
}

# external r7: edge01 Access Edge -> Any, HTTP, SIP (MTLS); requirements 2010.edge-external.access.http-80.out, 2010.edge-external.access.sip-mtls-5061.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 1, 5; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 1, 4
resource "azurerm_network_security_rule" "external_r7_tcp_v4" {
  name                        = "r7-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 160
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["80", "5061"]
  description                 = "external r7: 2010.edge-external.access.http-80.out 2010.edge-external.access.sip-mtls-5061.out"
}

# external r8: edge01 A/V Edge -> Any, RTP; requirements 2010.edge-external.av.rtp-udp-50000-59999.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 8; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 9
resource "azurerm_network_security_rule" "external_r8_udp_v4" {
  name                        = "r8-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r8: 2010.edge-external.av.rtp-udp-50000-59999.out"
}

# external r9: edge01 A/V Edge -> Any, STUN/MSTURN; requirements 2010.edge-external.av.stun-udp-3478.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 11; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 10
resource "azurerm_network_security_rule" "external_r9_udp_v4" {
  name                        = "r9-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 180
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "3478"
  destination_address_prefix  = "*"
  destination_port_range      = "3478"
  description                 = "external r9: 2010.edge-external.av.stun-udp-3478.out"
}

# external r10: edge01 Access Edge -> Any, DNS; requirements 2010.edge-external.access.dns-udp-53.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 2; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 2
resource "azurerm_network_security_rule" "external_r10_udp_v4" {
  name                        = "r10-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "53"
  description                 = "external r10: 2010.edge-external.access.dns-udp-53.out"
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
