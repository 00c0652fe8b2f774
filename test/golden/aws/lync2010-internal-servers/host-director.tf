# Portolan: AWS security groups for host firewall "host-director".
# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).
# Attach each security group to the network interfaces that hold exactly its addresses (tag
# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the
# default allow-all egress rule of the groups it creates.

variable "host_director_vpc_id" {
  type        = string
  description = "VPC of the hosts behind firewall host-director"
}

resource "aws_security_group" "host_director_dir01a_dir01b" {
  name        = "portolan-host_director_dir01a_dir01b"
  description = "Portolan host-director: 192.168.10.80/32 192.168.10.81/32"
  vpc_id      = var.host_director_vpc_id
  tags = {
    Name                 = "portolan-host_director_dir01a_dir01b"
    "portolan:addresses" = "192.168.10.80/32 192.168.10.81/32"
  }
}

# host-director r1 (ingress): r1: Any -> dir01a + dir01b, HTTP, HTTPS, RTP, SIP (TLS); requirements 2010.server-host.all-servers.audio-49152-57500.tcp.in, 2010.server-host.director.http-80.in, 2010.server-host.director.https-443.in, 2010.server-host.director.https-444.in, 2010.server-host.director.sip-tls-5061.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 31, 33, 34, 35, 36
resource "aws_vpc_security_group_ingress_rule" "host_director_dir01a_dir01b_r1_ingress_1" {
  security_group_id = aws_security_group.host_director_dir01a_dir01b.id
  description       = "host-director r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.director.http-80.in 2010.server-host.director.https-443.in 2010.server-host.director.https-444.in 2010.server-host.director.sip-tls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "host_director_dir01a_dir01b_r1_ingress_2" {
  security_group_id = aws_security_group.host_director_dir01a_dir01b.id
  description       = "host-director r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.director.http-80.in 2010.server-host.director.https-443.in 2010.server-host.director.https-444.in 2010.server-host.director.sip-tls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 444
}

resource "aws_vpc_security_group_ingress_rule" "host_director_dir01a_dir01b_r1_ingress_3" {
  security_group_id = aws_security_group.host_director_dir01a_dir01b.id
  description       = "host-director r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.director.http-80.in 2010.server-host.director.https-443.in 2010.server-host.director.https-444.in 2010.server-host.director.sip-tls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_ingress_rule" "host_director_dir01a_dir01b_r1_ingress_4" {
  security_group_id = aws_security_group.host_director_dir01a_dir01b.id
  description       = "host-director r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.director.http-80.in 2010.server-host.director.https-443.in 2010.server-host.director.https-444.in 2010.server-host.director.sip-tls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 49152
  to_port           = 57500
}

# host-director r2 (ingress): r2: Any -> dir01a + dir01b, RTP, SQL Browser; requirements 2010.server-host.all-servers.audio-49152-57500.udp.in, 2010.server-host.all-servers.sql-browser-1434.in; cites Ports and Protocols for Internal Servers: "Required Server Ports (by Server Role)" rows 30, 31
resource "aws_vpc_security_group_ingress_rule" "host_director_dir01a_dir01b_r2_ingress_1" {
  security_group_id = aws_security_group.host_director_dir01a_dir01b.id
  description       = "host-director r2 in - 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 1434
  to_port           = 1434
}

resource "aws_vpc_security_group_ingress_rule" "host_director_dir01a_dir01b_r2_ingress_2" {
  security_group_id = aws_security_group.host_director_dir01a_dir01b.id
  description       = "host-director r2 in - 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 49152
  to_port           = 57500
}
