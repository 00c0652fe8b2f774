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

# external r1: Any -> edgepool Access Edge VIP, SIP (MTLS), SIP (TLS); requirements 2013.hlb-external-vip.access.sip-mtls-5061.in, 2013.hlb-external-vip.access.sip-tls-443.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "External interface Virtual IPs" rows 3, 4
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
  destination_address_prefix  = "131.107.155.100"
  destination_port_ranges     = ["443", "5061"]
  description                 = "external r1: 2013.hlb-external-vip.access.sip-mtls-5061.in 2013.hlb-external-vip.access.sip-tls-443.in"
}

# external r2: Any -> edge01 A/V Edge + edge02 A/V Edge + edgepool A/V Edge VIP + edgepool Web Conferencing Edge VIP, PSOM (TLS), STUN/MSTURN; requirements 2013.edge-external.av.stun-tcp-443.in, 2013.hlb-external-vip.av.stun-tcp-443.in, 2013.hlb-external-vip.webconf.psom-tls-443.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "External interface Virtual IPs" rows 6, 8; "Hardware load balancers for Edge port tables → External port firewall summary table" row 8
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
  destination_address_prefixes = ["131.107.155.30", "131.107.155.31", "131.107.155.101", "131.107.155.102"]
  destination_port_range       = "443"
  description                  = "external r2: 2013.edge-external.av.stun-tcp-443.in 2013.hlb-external-vip.av.stun-tcp-443.in 2013.hlb-external-vip.webconf.psom-tls-443.in"
}

# external r3: Any -> edge01 A/V Edge + edge02 A/V Edge + edgepool A/V Edge VIP, STUN/MSTURN; requirements 2013.edge-external.av.stun-udp-3478.in, 2013.hlb-external-vip.av.stun-udp-3478.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "External interface Virtual IPs" row 7; "Hardware load balancers for Edge port tables → External port firewall summary table" row 7
resource "azurerm_network_security_rule" "external_r3_udp_v4" {
  name                         = "r3-udp-v4"
  resource_group_name          = var.external_resource_group_name
  network_security_group_name  = azurerm_network_security_group.external.name
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["131.107.155.30", "131.107.155.31", "131.107.155.102"]
  destination_port_range       = "3478"
  description                  = "external r3: 2013.edge-external.av.stun-udp-3478.in 2013.hlb-external-vip.av.stun-udp-3478.in"
}

# external r4: edge01 A/V Edge + edge02 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-tcp-50000-59999.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → External port firewall summary table" row 4
resource "azurerm_network_security_rule" "external_r4_tcp_v4" {
  name                        = "r4-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 130
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["131.107.155.30", "131.107.155.31"]
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r4: 2013.edge-external.av.rtp-tcp-50000-59999.out"
}

# external r5: edge01 A/V Edge + edge02 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-tcp-443.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → External port firewall summary table" row 9
resource "azurerm_network_security_rule" "external_r5_tcp_v4" {
  name                        = "r5-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 140
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["131.107.155.30", "131.107.155.31"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "443"
  description                 = "external r5: 2013.edge-external.av.stun-tcp-443.out"
}

# external r6: edgepool Access Edge VIP -> Any, SIP (MTLS); requirements 2013.hlb-external-vip.access.sip-mtls-5061.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "External interface Virtual IPs" row 5
resource "azurerm_network_security_rule" "external_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "131.107.155.100"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "5061"
  description                 = "external r6: 2013.hlb-external-vip.access.sip-mtls-5061.out"
}

# external r7: edge01 Access Edge + edge02 Access Edge -> Any, DNS, HTTP; requirements 2013.edge-external.access.dns-tcp-53.out, 2013.edge-external.access.http-80.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → External port firewall summary table" rows 1, 2
resource "azurerm_network_security_rule" "external_r7_tcp_v4" {
  name                        = "r7-tcp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 160
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["131.107.155.10", "131.107.155.11"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_ranges     = ["53", "80"]
  description                 = "external r7: 2013.edge-external.access.dns-tcp-53.out 2013.edge-external.access.http-80.out"
}

# external r8: edge01 A/V Edge + edge02 A/V Edge -> Any, RTP; requirements 2013.edge-external.av.rtp-udp-50000-59999.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → External port firewall summary table" row 5
resource "azurerm_network_security_rule" "external_r8_udp_v4" {
  name                        = "r8-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefixes     = ["131.107.155.30", "131.107.155.31"]
  source_port_range           = "50000-59999"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "external r8: 2013.edge-external.av.rtp-udp-50000-59999.out"
}

# external r9: edge01 A/V Edge + edge02 A/V Edge -> Any, STUN/MSTURN; requirements 2013.edge-external.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → External port firewall summary table" row 6
resource "azurerm_network_security_rule" "external_r9_udp_v4" {
  name                        = "r9-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 180
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefixes     = ["131.107.155.30", "131.107.155.31"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "3478"
  description                 = "external r9: 2013.edge-external.av.stun-udp-3478.out"
}

# external r10: edge01 Access Edge + edge02 Access Edge -> Any, DNS; requirements 2013.edge-external.access.dns-udp-53.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → External port firewall summary table" row 3
resource "azurerm_network_security_rule" "external_r10_udp_v4" {
  name                        = "r10-udp-v4"
  resource_group_name         = var.external_resource_group_name
  network_security_group_name = azurerm_network_security_group.external.name
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefixes     = ["131.107.155.10", "131.107.155.11"]
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "53"
  description                 = "external r10: 2013.edge-external.access.dns-udp-53.out"
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
