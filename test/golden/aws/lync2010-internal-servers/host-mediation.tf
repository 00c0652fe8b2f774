# Portolan: AWS security groups for host firewall "host-mediation".
# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).
# Attach each security group to the network interfaces that hold exactly its addresses (tag
# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the
# default allow-all egress rule of the groups it creates.

variable "host_mediation_vpc_id" {
  type        = string
  description = "VPC of the hosts behind firewall host-mediation"
}

resource "aws_security_group" "host_mediation_med01" {
  name        = "portolan-host_mediation_med01"
  description = "Portolan host-mediation: 192.168.10.70/32"
  vpc_id      = var.host_mediation_vpc_id
  tags = {
    Name                 = "portolan-host_mediation_med01"
    "portolan:addresses" = "192.168.10.70/32"
  }
}

# host-mediation r1 (ingress): r1: Any -> med01, RTP; requirements 2010.server-host.all-servers.audio-49152-57500.tcp.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" row 31
resource "aws_vpc_security_group_ingress_rule" "host_mediation_med01_r1_ingress_1" {
  security_group_id = aws_security_group.host_mediation_med01.id
  description       = "host-mediation r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 49152
  to_port           = 57500
}

# host-mediation r2 (ingress): r2: gw01 -> med01, SIP, SIP (TLS); requirements 2010.server-host.mediation.sip-5068.in, 2010.server-host.mediation.sip-tls-5067.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 38, 39
resource "aws_vpc_security_group_ingress_rule" "host_mediation_med01_r2_ingress_1" {
  security_group_id = aws_security_group.host_mediation_med01.id
  description       = "host-mediation r2 in - 2010.server-host.mediation.sip-5068.in 2010.server-host.mediation.sip-tls-5067.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.20.10/32"
  from_port         = 5067
  to_port           = 5068
}

# host-mediation r3 (ingress): r3: fe01, fe02 -> med01, SIP (MTLS); requirements 2010.server-host.mediation.sip-5070.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 37, 40
resource "aws_vpc_security_group_ingress_rule" "host_mediation_med01_r3_ingress_1" {
  security_group_id = aws_security_group.host_mediation_med01.id
  description       = "host-mediation r3 in - 2010.server-host.mediation.sip-5070.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5070
  to_port           = 5070
}

resource "aws_vpc_security_group_ingress_rule" "host_mediation_med01_r3_ingress_2" {
  security_group_id = aws_security_group.host_mediation_med01.id
  description       = "host-mediation r3 in - 2010.server-host.mediation.sip-5070.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5070
  to_port           = 5070
}

# host-mediation r4 (ingress): r4: Any -> med01, RTP, SQL Browser; requirements 2010.server-host.all-servers.audio-49152-57500.udp.in, 2010.server-host.all-servers.sql-browser-1434.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 30, 31
resource "aws_vpc_security_group_ingress_rule" "host_mediation_med01_r4_ingress_1" {
  security_group_id = aws_security_group.host_mediation_med01.id
  description       = "host-mediation r4 in - 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 1434
  to_port           = 1434
}

resource "aws_vpc_security_group_ingress_rule" "host_mediation_med01_r4_ingress_2" {
  security_group_id = aws_security_group.host_mediation_med01.id
  description       = "host-mediation r4 in - 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 49152
  to_port           = 57500
}

resource "aws_security_group" "host_mediation_gw01" {
  name        = "portolan-host_mediation_gw01"
  description = "Portolan host-mediation: 192.168.20.10/32"
  vpc_id      = var.host_mediation_vpc_id
  tags = {
    Name                 = "portolan-host_mediation_gw01"
    "portolan:addresses" = "192.168.20.10/32"
  }
}

# host-mediation r2 (egress): r2: gw01 -> med01, SIP, SIP (TLS); requirements 2010.server-host.mediation.sip-5068.in, 2010.server-host.mediation.sip-tls-5067.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 38, 39
resource "aws_vpc_security_group_egress_rule" "host_mediation_gw01_r2_egress_1" {
  security_group_id = aws_security_group.host_mediation_gw01.id
  description       = "host-mediation r2 in - 2010.server-host.mediation.sip-5068.in 2010.server-host.mediation.sip-tls-5067.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.70/32"
  from_port         = 5067
  to_port           = 5068
}

resource "aws_security_group" "host_mediation_fe01_fe02" {
  name        = "portolan-host_mediation_fe01_fe02"
  description = "Portolan host-mediation: 192.168.10.90/32 192.168.10.91/32"
  vpc_id      = var.host_mediation_vpc_id
  tags = {
    Name                 = "portolan-host_mediation_fe01_fe02"
    "portolan:addresses" = "192.168.10.90/32 192.168.10.91/32"
  }
}

# host-mediation r3 (egress): r3: fe01, fe02 -> med01, SIP (MTLS); requirements 2010.server-host.mediation.sip-5070.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 37, 40
resource "aws_vpc_security_group_egress_rule" "host_mediation_fe01_fe02_r3_egress_1" {
  security_group_id = aws_security_group.host_mediation_fe01_fe02.id
  description       = "host-mediation r3 in - 2010.server-host.mediation.sip-5070.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.70/32"
  from_port         = 5070
  to_port           = 5070
}
