# Portolan: Azure network security group for host firewall "host-director".
# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are
# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.

variable "host_director_resource_group_name" {
  type = string
}

variable "host_director_location" {
  type = string
}

resource "azurerm_network_security_group" "host_director" {
  name                = "portolan-host-director"
  location            = var.host_director_location
  resource_group_name = var.host_director_resource_group_name
}

# host-director r1: Any -> dir01a + dir01b, HTTP, HTTPS, RTP, SIP (TLS); requirements 2010.server-host.all-servers.audio-49152-57500.tcp.in, 2010.server-host.director.http-80.in, 2010.server-host.director.https-443.in, 2010.server-host.director.https-444.in, 2010.server-host.director.sip-tls-5061.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 31, 33, 34, 35, 36
resource "azurerm_network_security_rule" "host_director_r1_tcp_v4" {
  name                         = "r1-tcp-v4"
  resource_group_name          = var.host_director_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_director.name
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.80", "192.168.10.81"]
  destination_port_ranges      = ["80", "443-444", "5061", "49152-57500"]
  description                  = "host-director r1: 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.director.http-80.in 2010.server-host.director.ht..."
}

# host-director r2: Any -> dir01a + dir01b, RTP, SQL Browser; requirements 2010.server-host.all-servers.audio-49152-57500.udp.in, 2010.server-host.all-servers.sql-browser-1434.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 30, 31
resource "azurerm_network_security_rule" "host_director_r2_udp_v4" {
  name                         = "r2-udp-v4"
  resource_group_name          = var.host_director_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_director.name
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.80", "192.168.10.81"]
  destination_port_ranges      = ["1434", "49152-57500"]
  description                  = "host-director r2: 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in"
}

# default drop (Inbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_director_portolan_deny_all_inbound" {
  name                        = "portolan-deny-all-inbound"
  resource_group_name         = var.host_director_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_director.name
  priority                    = 4095
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-director: default drop"
}

# default drop (Outbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_director_portolan_deny_all_outbound" {
  name                        = "portolan-deny-all-outbound"
  resource_group_name         = var.host_director_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_director.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-director: default drop"
}
