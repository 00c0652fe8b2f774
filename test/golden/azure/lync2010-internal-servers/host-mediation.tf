# Portolan: Azure network security group for host firewall "host-mediation".
# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are
# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.

variable "host_mediation_resource_group_name" {
  type = string
}

variable "host_mediation_location" {
  type = string
}

resource "azurerm_network_security_group" "host_mediation" {
  name                = "portolan-host-mediation"
  location            = var.host_mediation_location
  resource_group_name = var.host_mediation_resource_group_name
}

# host-mediation r1: Any -> med01, RTP; requirements 2010.server-host.all-servers.audio-49152-57500.tcp.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" row 31
resource "azurerm_network_security_rule" "host_mediation_r1_tcp_v4" {
  name                        = "r1-tcp-v4"
  resource_group_name         = var.host_mediation_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_mediation.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "192.168.10.70"
  destination_port_range      = "49152-57500"
  description                 = "host-mediation r1: 2010.server-host.all-servers.audio-49152-57500.tcp.in"
}

# host-mediation r2: gw01 -> med01, SIP, SIP (TLS); requirements 2010.server-host.mediation.sip-5068.in, 2010.server-host.mediation.sip-tls-5067.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 38, 39
resource "azurerm_network_security_rule" "host_mediation_r2_tcp_v4" {
  name                        = "r2-tcp-v4"
  resource_group_name         = var.host_mediation_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_mediation.name
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "192.168.20.10"
  source_port_range           = "*"
  destination_address_prefix  = "192.168.10.70"
  destination_port_range      = "5067-5068"
  description                 = "host-mediation r2: 2010.server-host.mediation.sip-5068.in 2010.server-host.mediation.sip-tls-5067.in"
}

# host-mediation r3: fe01, fe02 -> med01, SIP (MTLS); requirements 2010.server-host.mediation.sip-5070.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 37, 40
resource "azurerm_network_security_rule" "host_mediation_r3_tcp_v4" {
  name                        = "r3-tcp-v4"
  resource_group_name         = var.host_mediation_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_mediation.name
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefixes     = ["192.168.10.90", "192.168.10.91"]
  source_port_range           = "*"
  destination_address_prefix  = "192.168.10.70"
  destination_port_range      = "5070"
  description                 = "host-mediation r3: 2010.server-host.mediation.sip-5070.in"
}

# host-mediation r4: Any -> med01, RTP, SQL Browser; requirements 2010.server-host.all-servers.audio-49152-57500.udp.in, 2010.server-host.all-servers.sql-browser-1434.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 30, 31
resource "azurerm_network_security_rule" "host_mediation_r4_udp_v4" {
  name                        = "r4-udp-v4"
  resource_group_name         = var.host_mediation_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_mediation.name
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "192.168.10.70"
  destination_port_ranges     = ["1434", "49152-57500"]
  description                 = "host-mediation r4: 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in"
}

# default drop (Inbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_mediation_portolan_deny_all_inbound" {
  name                        = "portolan-deny-all-inbound"
  resource_group_name         = var.host_mediation_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_mediation.name
  priority                    = 4095
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-mediation: default drop"
}

# default drop (Outbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_mediation_portolan_deny_all_outbound" {
  name                        = "portolan-deny-all-outbound"
  resource_group_name         = var.host_mediation_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_mediation.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-mediation: default drop"
}
