# Portolan: Azure network security group for host firewall "host-frontend".
# Associate it with the subnet or network interfaces of the more trusted side: "in" rules are
# Inbound there, "out" rules Outbound. Requires the hashicorp/azurerm provider 3.x or later.

variable "host_frontend_resource_group_name" {
  type = string
}

variable "host_frontend_location" {
  type = string
}

resource "azurerm_network_security_group" "host_frontend" {
  name                = "portolan-host-frontend"
  location            = var.host_frontend_location
  resource_group_name = var.host_frontend_resource_group_name
}

# host-frontend r1: Any -> fe01 + fe02, DCOM/RPC, HTTP, HTTPS, PSOM (TLS), RTP, SIP, SIP (MTLS), SIP (TLS), TCP, TCP (MTLS); requirements 2010.server-host.all-servers.audio-49152-57500.tcp.in, 2010.server-host.frontend.appsharing-49152-65535.in, 2010.server-host.frontend.bandwidth-448.in, 2010.server-host.frontend.bandwidth-5080.in, 2010.server-host.frontend.cms-445.in, 2010.server-host.frontend.http-80.in, 2010.server-host.frontend.https-443.in, 2010.server-host.frontend.https-444.in, 2010.server-host.frontend.media-57501-65535.tcp.in, 2010.server-host.frontend.psom-8057.in, 2010.server-host.frontend.psom-8058.in, 2010.server-host.frontend.rpc-135.in, 2010.server-host.frontend.sip-5062.in, 2010.server-host.frontend.sip-5063.in, 2010.server-host.frontend.sip-5064.in, 2010.server-host.frontend.sip-5065.in, 2010.server-host.frontend.sip-5071.in, 2010.server-host.frontend.sip-5072.in, 2010.server-host.frontend.sip-5073.in, 2010.server-host.frontend.sip-5075.in, 2010.server-host.frontend.sip-5076.in, 2010.server-host.frontend.sip-mtls-8404.in, 2010.server-host.frontend.sip-tls-5061.in, 2013.server-host.frontend.https-4443.in, 2013.server-host.frontend.mobility-5086.in, 2013.server-host.frontend.mobility-5087.in, 2013.server-host.frontend.web-8060.in, 2013.server-host.frontend.web-8061.in, 2013.server-host.frontend.web-compatibility-8080.in; cites Lync Server 2013: Ports and protocols for internal servers <https://technet.microsoft.com/en-us/library/Gg398833(v=OCS.15)>: "Required Server Ports (by Server Role)" rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 27, 28, 29, 30, 31, 33, 34, 35, 36, 37, 39
resource "azurerm_network_security_rule" "host_frontend_r1_tcp_v4" {
  name                         = "r1-tcp-v4"
  resource_group_name          = var.host_frontend_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_frontend.name
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.90", "192.168.10.91"]
  destination_port_ranges      = ["80", "135", "443-445", "448", "4443", "5061-5065", "5071-5073", "5075-5076", "5080", "5086-5087", "8057-8058", "8060-8061", "8080", "8404", "49152-65535"]
  description                  = "host-frontend r1: 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-h..."
}

# host-frontend r2: Any -> fe01 + fe02, RTP, SQL Browser; requirements 2010.server-host.all-servers.audio-49152-57500.udp.in, 2010.server-host.all-servers.sql-browser-1434.in, 2010.server-host.frontend.media-57501-65535.udp.in; cites Lync Server 2013: Ports and protocols for internal servers <https://technet.microsoft.com/en-us/library/Gg398833(v=OCS.15)>: "Required Server Ports (by Server Role)" rows 1, 10, 38, 39
resource "azurerm_network_security_rule" "host_frontend_r2_udp_v4" {
  name                         = "r2-udp-v4"
  resource_group_name          = var.host_frontend_resource_group_name
  network_security_group_name  = azurerm_network_security_group.host_frontend.name
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefix        = "*"
  source_port_range            = "*"
  destination_address_prefixes = ["192.168.10.90", "192.168.10.91"]
  destination_port_ranges      = ["1434", "49152-65535"]
  description                  = "host-frontend r2: 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in 2010.server-host..."
}

# default drop (Inbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_frontend_portolan_deny_all_inbound" {
  name                        = "portolan-deny-all-inbound"
  resource_group_name         = var.host_frontend_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_frontend.name
  priority                    = 4095
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-frontend: default drop"
}

# default drop (Outbound): overrides Azure's default allow rules
resource "azurerm_network_security_rule" "host_frontend_portolan_deny_all_outbound" {
  name                        = "portolan-deny-all-outbound"
  resource_group_name         = var.host_frontend_resource_group_name
  network_security_group_name = azurerm_network_security_group.host_frontend.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  description                 = "host-frontend: default drop"
}
