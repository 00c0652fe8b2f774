# Portolan: Azure network security group for perimeter firewall "internal".
# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are
# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.

variable "internal_resource_group_name" {
  type = string
}

variable "internal_location" {
  type = string
}

resource "azurerm_network_security_group" "internal" {
  name                = "portolan-internal"
  location            = var.internal_location
  resource_group_name = var.internal_resource_group_name
}

# internal r1: edge01 internal + edge02 internal + edgepool internal VIP -> fe01, fe02, SIP (MTLS); requirements 2013.hlb-internal-vip.access.sip-mtls-5061.in, 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" row 2
resource "azurerm_network_security_rule" "internal_r1_tcp_v4" {
  name                         = "r1-tcp-v4"
  resource_group_name          = var.internal_resource_group_name
  network_security_group_name  = azurerm_network_security_group.internal.name
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefixes      = ["172.25.33.10", "172.25.33.11", "172.25.33.100"]
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.90", "192.168.10.91"]
  destination_port_range       = "5061"
  description                  = "internal r1: 2013.hlb-internal-vip.access.sip-mtls-5061.in 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes"
}

# internal r2: Any -> edge01 internal + edge02 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" rows 5, 6, 7, 8
resource "azurerm_network_security_rule" "internal_r2_tcp_v4" {
  name                         = "r2-tcp-v4"
  resource_group_name          = var.internal_resource_group_name
  network_security_group_name  = azurerm_network_security_group.internal.name
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["172.25.33.10", "172.25.33.11"]
  destination_port_ranges      = ["443", "50001-50003"]
  description                  = "internal r2: 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-interna..."
}

# internal r3: fe01, fe02 -> edge01 internal + edge02 internal, HTTPS, PSOM (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" rows 2, 3
resource "azurerm_network_security_rule" "internal_r3_tcp_v4" {
  name                         = "r3-tcp-v4"
  resource_group_name          = var.internal_resource_group_name
  network_security_group_name  = azurerm_network_security_group.internal.name
  priority                     = 120
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefixes      = ["192.168.10.90", "192.168.10.91"]
  source_port_range            = "*"
  destination_address_prefixes = ["172.25.33.10", "172.25.33.11"]
  destination_port_ranges      = ["4443", "8057"]
  description                  = "internal r3: 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
}

# internal r4: Any -> edge01 internal + edge02 internal + edgepool internal VIP, STUN/MSTURN; requirements 2013.edge-internal.av.stun-udp-3478.out, 2013.hlb-internal-vip.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" row 4; "Internal interface Virtual IPs" row 4
resource "azurerm_network_security_rule" "internal_r4_udp_v4" {
  name                         = "r4-udp-v4"
  resource_group_name          = var.internal_resource_group_name
  network_security_group_name  = azurerm_network_security_group.internal.name
  priority                     = 130
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["172.25.33.10", "172.25.33.11", "172.25.33.100"]
  destination_port_range       = "3478"
  description                  = "internal r4: 2013.edge-internal.av.stun-udp-3478.out 2013.hlb-internal-vip.av.stun-udp-3478.out"
}

# internal r5: Any -> edgepool internal VIP, STUN/MSTURN; requirements 2013.hlb-internal-vip.av.stun-tcp-443.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" row 5
resource "azurerm_network_security_rule" "internal_r5_tcp_v4" {
  name                        = "r5-tcp-v4"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 140
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.100"
  destination_port_range      = "443"
  description                 = "internal r5: 2013.hlb-internal-vip.av.stun-tcp-443.out"
}

# internal r6: fe01, fe02 -> edgepool internal VIP, SIP (MTLS); requirements 2013.hlb-internal-vip.access.sip-mtls-5061.out, 2013.hlb-internal-vip.av.sip-mtls-5062.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" rows 1, 3
resource "azurerm_network_security_rule" "internal_r6_tcp_v4" {
  name                        = "r6-tcp-v4"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["192.168.10.90", "192.168.10.91"]
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.100"
  destination_port_range      = "5061-5062"
  description                 = "internal r6: 2013.hlb-internal-vip.access.sip-mtls-5061.out 2013.hlb-internal-vip.av.sip-mtls-5062.out"
}

# default drop (Inbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "internal_portolan_deny_all_inbound" {
  name                        = "portolan-deny-all-inbound"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 4095
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "internal: default drop"
}

# default drop (Outbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "internal_portolan_deny_all_outbound" {
  name                        = "portolan-deny-all-outbound"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "internal: default drop"
}
