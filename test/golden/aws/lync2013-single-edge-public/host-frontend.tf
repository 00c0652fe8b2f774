# Portolan: AWS security groups for host firewall "host-frontend".
# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).
# Attach each security group to the network interfaces that hold exactly its addresses (tag
# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the
# default allow-all egress rule of the groups it creates.

variable "host_frontend_vpc_id" {
  type        = string
  description = "VPC of the hosts behind firewall host-frontend"
}

resource "aws_security_group" "host_frontend_fe01_fe02" {
  name        = "portolan-host_frontend_fe01_fe02"
  description = "Portolan host-frontend: 192.168.10.90/32 192.168.10.91/32"
  vpc_id      = var.host_frontend_vpc_id
  tags = {
    Name                 = "portolan-host_frontend_fe01_fe02"
    "portolan:addresses" = "192.168.10.90/32 192.168.10.91/32"
  }
}

# host-frontend r1 (ingress): r1: Any -> fe01 + fe02, DCOM/RPC, HTTP, HTTPS, PSOM (TLS), RTP, SIP, SIP (MTLS), SIP (TLS), TCP, TCP (MTLS); requirements 2010.server-host.all-servers.audio-49152-57500.tcp.in, 2010.server-host.frontend.appsharing-49152-65535.in, 2010.server-host.frontend.bandwidth-448.in, 2010.server-host.frontend.bandwidth-5080.in, 2010.server-host.frontend.cms-445.in, 2010.server-host.frontend.http-80.in, 2010.server-host.frontend.https-443.in, 2010.server-host.frontend.https-444.in, 2010.server-host.frontend.media-57501-65535.tcp.in, 2010.server-host.frontend.psom-8057.in, 2010.server-host.frontend.psom-8058.in, 2010.server-host.frontend.rpc-135.in, 2010.server-host.frontend.sip-5062.in, 2010.server-host.frontend.sip-5063.in, 2010.server-host.frontend.sip-5064.in, 2010.server-host.frontend.sip-5065.in, 2010.server-host.frontend.sip-5071.in, 2010.server-host.frontend.sip-5072.in, 2010.server-host.frontend.sip-5073.in, 2010.server-host.frontend.sip-5075.in, 2010.server-host.frontend.sip-5076.in, 2010.server-host.frontend.sip-mtls-8404.in, 2010.server-host.frontend.sip-tls-5061.in, 2013.server-host.frontend.https-4443.in, 2013.server-host.frontend.mobility-5086.in, 2013.server-host.frontend.mobility-5087.in, 2013.server-host.frontend.web-8060.in, 2013.server-host.frontend.web-8061.in, 2013.server-host.frontend.web-compatibility-8080.in; cites Lync Server 2013: Ports and protocols for internal servers <https://technet.microsoft.com/en-us/library/Gg398833(v=OCS.15)>: "Required Server Ports (by Server Role)" rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 27, 28, 29, 30, 31, 33, 34, 35, 36, 37, 39
resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_1" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_2" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 135
  to_port           = 135
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_3" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 445
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_4" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 448
  to_port           = 448
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_5" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_6" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 5061
  to_port           = 5065
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_7" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 5071
  to_port           = 5073
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_8" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 5075
  to_port           = 5076
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_9" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 5080
  to_port           = 5080
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_10" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 5086
  to_port           = 5087
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_11" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 8057
  to_port           = 8058
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_12" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 8060
  to_port           = 8061
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_13" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 8080
  to_port           = 8080
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_14" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 8404
  to_port           = 8404
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r1_ingress_15" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r1 in - 2010.server-host.all-servers.audio-49152-57500.tcp.in 2010.server-host.frontend.appsharing-49152-65535.in 2010.server-host.frontend.bandwidth-448.in 2010.server-host.frontend.bandwidth-5080.in 2010.server-host.frontend.cms-445.in..."
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 49152
  to_port           = 65535
}

# host-frontend r2 (ingress): r2: Any -> fe01 + fe02, RTP, SQL Browser; requirements 2010.server-host.all-servers.audio-49152-57500.udp.in, 2010.server-host.all-servers.sql-browser-1434.in, 2010.server-host.frontend.media-57501-65535.udp.in; cites Lync Server 2013: Ports and protocols for internal servers <https://technet.microsoft.com/en-us/library/Gg398833(v=OCS.15)>: "Required Server Ports (by Server Role)" rows 1, 10, 38, 39
resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r2_ingress_1" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r2 in - 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in 2010.server-host.frontend.media-57501-65535.udp.in"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 1434
  to_port           = 1434
}

resource "aws_vpc_security_group_ingress_rule" "host_frontend_fe01_fe02_r2_ingress_2" {
  security_group_id = aws_security_group.host_frontend_fe01_fe02.id
  description       = "host-frontend r2 in - 2010.server-host.all-servers.audio-49152-57500.udp.in 2010.server-host.all-servers.sql-browser-1434.in 2010.server-host.frontend.media-57501-65535.udp.in"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 49152
  to_port           = 65535
}
