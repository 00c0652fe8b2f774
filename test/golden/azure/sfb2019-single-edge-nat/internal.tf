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

# internal r1: edge01 internal -> fe01, fe02, fe03, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" row 3
resource "azurerm_network_security_rule" "internal_r1_tcp_v4" {
  name                         = "r1-tcp-v4"
  resource_group_name          = var.internal_resource_group_name
  network_security_group_name  = azurerm_network_security_group.internal.name
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "172.25.33.10"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.90", "192.168.10.91", "192.168.10.92"]
  destination_port_range       = "5061"
  description                  = "internal r1: 2013.edge-internal.access.sip-mtls-5061.in"
}

# internal r2: Any -> edge01 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 7, 9, 10, 11
resource "azurerm_network_security_rule" "internal_r2_tcp_v4" {
  name                        = "r2-tcp-v4"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 110
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_ranges     = ["443", "50001-50003"]
  description                 = "internal r2: 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-interna..."
}

# internal r3: fe01, fe02, fe03 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 2, 4, 5, 8
resource "azurerm_network_security_rule" "internal_r3_tcp_v4" {
  name                        = "r3-tcp-v4"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 120
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["192.168.10.90", "192.168.10.91", "192.168.10.92"]
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_ranges     = ["4443", "5061-5062", "8057"]
  description                 = "internal r3: 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out..."
}

# internal r4: Any -> edge01 internal, STUN/MSTURN; requirements 2013.edge-internal.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" row 6
resource "azurerm_network_security_rule" "internal_r4_udp_v4" {
  name                        = "r4-udp-v4"
  resource_group_name         = var.internal_resource_group_name
  network_security_group_name = azurerm_network_security_group.internal.name
  priority                    = 130
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "172.25.33.10"
  destination_port_range      = "3478"
  description                 = "internal r4: 2013.edge-internal.av.stun-udp-3478.out"
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
