# Portolan: Azure network security group for host firewall "host-edge".
# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are
# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.

variable "host_edge_resource_group_name" {
  type = string
}

variable "host_edge_location" {
  type = string
}

resource "azurerm_network_security_group" "host_edge" {
  name                = "portolan-host-edge"
  location            = var.host_edge_location
  resource_group_name = var.host_edge_resource_group_name
}

# host-edge r1: Any -> edge01 Access Edge, SIP (MTLS), SIP (TLS); requirements 2010.edge-external.access.sip-mtls-5061.in, 2010.edge-external.access.sip-tls-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 3, 4; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 3, 4
resource "azurerm_network_security_rule" "host_edge_r1_tcp_v4" {
  name                        = "r1-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "10.45.16.10"
  destination_port_ranges     = ["443", "5061"]
  description                 = "host-edge r1: 2010.edge-external.access.sip-mtls-5061.in 2010.edge-external.access.sip-tls-443.in"
}

# host-edge r2: Any -> edge01 Web Conferencing Edge, PSOM (TLS); requirements 2010.edge-external.webconf.psom-tls-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 6; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 5
resource "azurerm_network_security_rule" "host_edge_r2_tcp_v4" {
  name                        = "r2-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "10.45.16.20"
  destination_port_range      = "443"
  description                 = "host-edge r2: 2010.edge-external.webconf.psom-tls-443.in"
}

# host-edge r3: Any -> edge01 A/V Edge, RTP, STUN/MSTURN; requirements 2010.edge-external.av.rtp-tcp-50000-59999.in, 2010.edge-external.av.stun-tcp-443.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 9, 13; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 6, 11
resource "azurerm_network_security_rule" "host_edge_r3_tcp_v4" {
  name                        = "r3-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "10.45.16.30"
  destination_port_ranges     = ["443", "50000-59999"]
  description                 = "host-edge r3: 2010.edge-external.av.rtp-tcp-50000-59999.in 2010.edge-external.av.stun-tcp-443.in"
}

# host-edge r4: Any -> edge01 A/V Edge, RTP, STUN/MSTURN; requirements 2010.edge-external.av.rtp-udp-50000-59999.in, 2010.edge-external.av.stun-udp-3478.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 10, 12; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 8, 10
resource "azurerm_network_security_rule" "host_edge_r4_udp_v4" {
  name                        = "r4-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "10.45.16.30"
  destination_port_ranges     = ["3478", "50000-59999"]
  description                 = "host-edge r4: 2010.edge-external.av.rtp-udp-50000-59999.in 2010.edge-external.av.stun-udp-3478.in"
}

# host-edge r5: Any -> edge01 internal, PSOM (MTLS), STUN/MSTURN; requirements 2010.edge-internal.av.stun-tcp-443.out, 2010.edge-internal.webconf.psom-mtls-8057.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "Firewall Details for Single/Scaled Consolidated Edge with DNS Load Balancing: Internal Interface" rows 2, 5; "Internal Ports Settings Required for Single Consolidated Edge Topology" rows 4, 7
resource "azurerm_network_security_rule" "host_edge_r5_tcp_v4" {
  name                        = "r5-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 140
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_ranges     = ["443", "8057"]
  description                 = "host-edge r5: 2010.edge-internal.av.stun-tcp-443.out 2010.edge-internal.webconf.psom-mtls-8057.out"
}

# host-edge r6: fe01, fe02 -> edge01 internal, HTTPS, SIP (MTLS); requirements 2010.edge-internal.access.https-4443.out, 2010.edge-internal.access.sip-mtls-5061.out, 2010.edge-internal.av.sip-mtls-5062.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "Firewall Details for Single/Scaled Consolidated Edge with DNS Load Balancing: Internal Interface" rows 1, 3, 6; "Internal Ports Settings Required for Single Consolidated Edge Topology" rows 2, 3, 5
resource "azurerm_network_security_rule" "host_edge_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 150
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["192.168.10.90", "192.168.10.91"]
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_ranges     = ["4443", "5061-5062"]
  description                 = "host-edge r6: 2010.edge-internal.access.https-4443.out 2010.edge-internal.access.sip-mtls-5061.out 2010.edge-internal.av.sip-mtls-5062.out"
}

# host-edge r7: Any -> edge01 internal, STUN/MSTURN; requirements 2010.edge-internal.av.stun-udp-3478.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "Firewall Details for Single/Scaled Consolidated Edge with DNS Load Balancing: Internal Interface" row 4; "Internal Ports Settings Required for Single Consolidated Edge Topology" row 6
resource "azurerm_network_security_rule" "host_edge_r7_udp_v4" {
  name                        = "r7-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 160
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_range      = "3478"
  description                 = "host-edge r7: 2010.edge-internal.av.stun-udp-3478.out"
}

# host-edge r8: edge01 A/V Edge -> Any, RTP; requirements 2010.edge-external.av.rtp-tcp-50000-59999.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 7; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 7
resource "azurerm_network_security_rule" "host_edge_r8_tcp_v4" {
  name                        = "r8-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-edge r8: 2010.edge-external.av.rtp-tcp-50000-59999.out"
}

# host-edge r9: edge01 Access Edge -> Any, HTTP, SIP (MTLS); requirements 2010.edge-external.access.http-80.out, 2010.edge-external.access.sip-mtls-5061.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" rows 1, 5; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" rows 1, 4
resource "azurerm_network_security_rule" "host_edge_r9_tcp_v4" {
  name                        = "r9-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 180
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["80", "5061"]
  description                 = "host-edge r9: 2010.edge-external.access.http-80.out 2010.edge-external.access.sip-mtls-5061.out"
}

# host-edge r10: edge01 A/V Edge -> Any, RTP; requirements 2010.edge-external.av.rtp-udp-50000-59999.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 8; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 9
resource "azurerm_network_security_rule" "host_edge_r10_udp_v4" {
  name                        = "r10-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-edge r10: 2010.edge-external.av.rtp-udp-50000-59999.out"
}

# host-edge r11: edge01 A/V Edge -> Any, STUN/MSTURN; requirements 2010.edge-external.av.stun-udp-3478.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 11; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 10
resource "azurerm_network_security_rule" "host_edge_r11_udp_v4" {
  name                        = "r11-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "3478"
  destination_address_prefix  = "*"
  destination_port_range      = "3478"
  description                 = "host-edge r11: 2010.edge-external.av.stun-udp-3478.out"
}

# host-edge r12: edge01 Access Edge -> Any, DNS; requirements 2010.edge-external.access.dns-udp-53.out; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 2; "Firewall Summary for Single/Scaled Consolidated Edge with DNS Load Balancing: External Interface" row 2
resource "azurerm_network_security_rule" "host_edge_r12_udp_v4" {
  name                        = "r12-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 210
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "53"
  description                 = "host-edge r12: 2010.edge-external.access.dns-udp-53.out"
}

# host-edge r13: edge01 internal -> fe01, fe02, SIP (MTLS); requirements 2010.edge-internal.access.sip-mtls-5061.in; cites Reference Architecture 1: Port Summary for Single Consolidated Edge: "Firewall Details for Single/Scaled Consolidated Edge with DNS Load Balancing: Internal Interface" row 1; "Internal Ports Settings Required for Single Consolidated Edge Topology" row 1
resource "azurerm_network_security_rule" "host_edge_r13_tcp_v4" {
  name                         = "r13-tcp-v4"
  resource_group_name          = var.host_edge_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_edge.name
  priority                     = 220
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "172.25.33.10"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.90", "192.168.10.91"]
  destination_port_range       = "5061"
  description                  = "host-edge r13: 2010.edge-internal.access.sip-mtls-5061.in"
}

# default drop (Inbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_edge_portolan_deny_all_inbound" {
  name                        = "portolan-deny-all-inbound"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 4095
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-edge: default drop"
}

# default drop (Outbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_edge_portolan_deny_all_outbound" {
  name                        = "portolan-deny-all-outbound"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-edge: default drop"
}
