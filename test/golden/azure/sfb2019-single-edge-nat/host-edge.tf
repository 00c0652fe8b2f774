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

# host-edge r1: Any -> edge01 Access Edge, SIP (MTLS), SIP (TLS); requirements 2013.edge-external.access.sip-mtls-5061.in, 2013.edge-external.access.sip-tls-443.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" rows 5, 6
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
  description                 = "host-edge r1: 2013.edge-external.access.sip-mtls-5061.in 2013.edge-external.access.sip-tls-443.in"
}

# host-edge r2: Any -> edge01 A/V Edge + edge01 Web Conferencing Edge, PSOM (TLS), STUN/MSTURN; requirements 2013.edge-external.av.stun-tcp-443.in, 2013.edge-external.webconf.psom-tls-443.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" rows 8, 13
resource "azurerm_network_security_rule" "host_edge_r2_tcp_v4" {
  name                         = "r2-tcp-v4"
  resource_group_name          = var.host_edge_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_edge.name
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["10.45.16.20", "10.45.16.30"]
  destination_port_range       = "443"
  description                  = "host-edge r2: 2013.edge-external.av.stun-tcp-443.in 2013.edge-external.webconf.psom-tls-443.in"
}

# host-edge r3: Any -> edge01 A/V Edge + edge01 internal, STUN/MSTURN; requirements 2013.edge-external.av.stun-udp-3478.in, 2013.edge-internal.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" row 12; "Port and firewall planning → Internal port firewall summary table" row 6
resource "azurerm_network_security_rule" "host_edge_r3_udp_v4" {
  name                         = "r3-udp-v4"
  resource_group_name          = var.host_edge_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_edge.name
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["10.45.16.30", "172.25.33.10"]
  destination_port_range       = "3478"
  description                  = "host-edge r3: 2013.edge-external.av.stun-udp-3478.in 2013.edge-internal.av.stun-udp-3478.out"
}

# host-edge r4: Any -> edge01 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 7, 9, 10, 11
resource "azurerm_network_security_rule" "host_edge_r4_tcp_v4" {
  name                        = "r4-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_ranges     = ["443", "50001-50003"]
  description                 = "host-edge r4: 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-intern..."
}

# host-edge r5: fe01, fe02, fe03 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 2, 4, 5, 8
resource "azurerm_network_security_rule" "host_edge_r5_tcp_v4" {
  name                        = "r5-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 140
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["192.168.10.90", "192.168.10.91", "192.168.10.92"]
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_ranges     = ["4443", "5061-5062", "8057"]
  description                 = "host-edge r5: 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.ou..."
}

# host-edge r6: edge01 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-tcp-50000-59999.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" row 9
resource "azurerm_network_security_rule" "host_edge_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-edge r6: 2013.edge-external.av.rtp-tcp-50000-59999.out"
}

# host-edge r7: edge01 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-tcp-443.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" row 14
resource "azurerm_network_security_rule" "host_edge_r7_tcp_v4" {
  name                        = "r7-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 160
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "443"
  description                 = "host-edge r7: 2013.edge-external.av.stun-tcp-443.out"
}

# host-edge r8: edge01 Access Edge -> Any, DNS, HTTP, SIP (MTLS); requirements 2013.edge-external.access.dns-tcp-53.out, 2013.edge-external.access.http-80.out, 2013.edge-external.access.sip-mtls-5061.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" rows 2, 3, 7
resource "azurerm_network_security_rule" "host_edge_r8_tcp_v4" {
  name                        = "r8-tcp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "10.45.16.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["53", "80", "5061"]
  description                 = "host-edge r8: 2013.edge-external.access.dns-tcp-53.out 2013.edge-external.access.http-80.out 2013.edge-external.access.sip-mtls-5061.out"
}

# host-edge r9: edge01 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-udp-50000-59999.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" row 10
resource "azurerm_network_security_rule" "host_edge_r9_udp_v4" {
  name                        = "r9-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 180
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-edge r9: 2013.edge-external.av.rtp-udp-50000-59999.out"
}

# host-edge r10: edge01 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" row 11
resource "azurerm_network_security_rule" "host_edge_r10_udp_v4" {
  name                        = "r10-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.30"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "3478"
  description                 = "host-edge r10: 2013.edge-external.av.stun-udp-3478.out"
}

# host-edge r11: edge01 Access Edge -> Any, DNS; requirements 2013.edge-external.access.dns-udp-53.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → External port firewall summary table" row 4
resource "azurerm_network_security_rule" "host_edge_r11_udp_v4" {
  name                        = "r11-udp-v4"
  resource_group_name         = var.host_edge_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_edge.name
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "10.45.16.10"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "53"
  description                 = "host-edge r11: 2013.edge-external.access.dns-udp-53.out"
}

# host-edge r12: edge01 internal -> fe01, fe02, fe03, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" row 3
resource "azurerm_network_security_rule" "host_edge_r12_tcp_v4" {
  name                         = "r12-tcp-v4"
  resource_group_name          = var.host_edge_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_edge.name
  priority                     = 210
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "172.25.33.10"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.90", "192.168.10.91", "192.168.10.92"]
  destination_port_range       = "5061"
  description                  = "host-edge r12: 2013.edge-internal.access.sip-mtls-5061.in"
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
