# Portolan: AWS security groups for perimeter firewall "internal".
# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).
# Attach each security group to the network interfaces that hold exactly its addresses (tag
# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the
# default allow-all egress rule of the groups it creates.

variable "internal_vpc_id" {
  type        = string
  description = "VPC of the hosts behind firewall internal"
}

resource "aws_security_group" "internal_front_end_pool_pool01_vip" {
  name        = "portolan-internal_front_end_pool_pool01_vip"
  description = "Portolan internal: 192.168.10.190/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_front_end_pool_pool01_vip"
    "portolan:addresses" = "192.168.10.190/32"
  }
}

# internal r1 (ingress): r1: rp internal -> Front End pool pool01 VIP, HTTPS; requirements 2010.reverse-proxy-internal.https-4443.in, 2010.reverse-proxy-internal.https-8080.in; cites Lync Server 2013: Port summary - Reverse proxy <https://technet.microsoft.com/en-us/library/JJ204932(v=OCS.15)>: "Firewall Details for Reverse Proxy Server: Internal Interface" rows 1, 2
resource "aws_vpc_security_group_ingress_rule" "internal_front_end_pool_pool01_vip_r1_ingress_1" {
  security_group_id = aws_security_group.internal_front_end_pool_pool01_vip.id
  description       = "internal r1 in - 2010.reverse-proxy-internal.https-4443.in 2010.reverse-proxy-internal.https-8080.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.40/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_front_end_pool_pool01_vip_r1_ingress_2" {
  security_group_id = aws_security_group.internal_front_end_pool_pool01_vip.id
  description       = "internal r1 in - 2010.reverse-proxy-internal.https-4443.in 2010.reverse-proxy-internal.https-8080.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.40/32"
  from_port         = 8080
  to_port           = 8080
}

resource "aws_security_group" "internal_rp_internal" {
  name        = "portolan-internal_rp_internal"
  description = "Portolan internal: 172.25.33.40/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_rp_internal"
    "portolan:addresses" = "172.25.33.40/32"
  }
}

# internal r1 (egress): r1: rp internal -> Front End pool pool01 VIP, HTTPS; requirements 2010.reverse-proxy-internal.https-4443.in, 2010.reverse-proxy-internal.https-8080.in; cites Lync Server 2013: Port summary - Reverse proxy <https://technet.microsoft.com/en-us/library/JJ204932(v=OCS.15)>: "Firewall Details for Reverse Proxy Server: Internal Interface" rows 1, 2
resource "aws_vpc_security_group_egress_rule" "internal_rp_internal_r1_egress_1" {
  security_group_id = aws_security_group.internal_rp_internal.id
  description       = "internal r1 in - 2010.reverse-proxy-internal.https-4443.in 2010.reverse-proxy-internal.https-8080.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.190/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_egress_rule" "internal_rp_internal_r1_egress_2" {
  security_group_id = aws_security_group.internal_rp_internal.id
  description       = "internal r1 in - 2010.reverse-proxy-internal.https-4443.in 2010.reverse-proxy-internal.https-8080.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.190/32"
  from_port         = 8080
  to_port           = 8080
}

resource "aws_security_group" "internal_fe01_fe02" {
  name        = "portolan-internal_fe01_fe02"
  description = "Portolan internal: 192.168.10.90/32 192.168.10.91/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_fe01_fe02"
    "portolan:addresses" = "192.168.10.90/32 192.168.10.91/32"
  }
}

# internal r2 (ingress): r2: edge01 internal -> fe01, fe02, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)" row 3 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface" row 3
resource "aws_vpc_security_group_ingress_rule" "internal_fe01_fe02_r2_ingress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r2 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 5061
  to_port           = 5061
}

# internal r4 (egress): r4: fe01, fe02 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS), XMPP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out, 2013.edge-internal.xmpp.mtls-23456.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 3; "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)" rows 1, 2, 4, 5, 8 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)" row 3 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 3; "Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface" rows 1, 2, 4, 5, 8
resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r4_egress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r4_egress_2" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r4_egress_3" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r4_egress_4" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 23456
  to_port           = 23456
}

resource "aws_security_group" "internal_edge01_internal" {
  name        = "portolan-internal_edge01_internal"
  description = "Portolan internal: 172.25.33.10/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_edge01_internal"
    "portolan:addresses" = "172.25.33.10/32"
  }
}

# internal r2 (egress): r2: edge01 internal -> fe01, fe02, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)" row 3 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface" row 3
resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_r2_egress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r2 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_r2_egress_2" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r2 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5061
  to_port           = 5061
}

# internal r3 (ingress): r3: Any -> edge01 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)" rows 7, 9, 10, 11 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface" rows 7, 9, 10, 11
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-internal.cls.mtls-50003"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_2" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-internal.cls.mtls-50003"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 50001
  to_port           = 50003
}

# internal r4 (ingress): r4: fe01, fe02 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS), XMPP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out, 2013.edge-internal.xmpp.mtls-23456.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 3; "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)" rows 1, 2, 4, 5, 8 | Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013 <https://technet.microsoft.com/en-us/library/JJ618373(v=OCS.15)>: "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)" row 3 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Extensible Messaging and Presence Protocol" row 3; "Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface" rows 1, 2, 4, 5, 8
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_2" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_3" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_4" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 23456
  to_port           = 23456
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_5" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_6" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_7" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_8" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out 2013.edge-internal.xmpp.mtls-23456.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 23456
  to_port           = 23456
}

# internal r5 (ingress): r5: Any -> edge01 internal, STUN/MSTURN; requirements 2013.edge-internal.av.stun-udp-3478.out; cites Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses <https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)>: "Firewall Summary for Scaled Consolidated Edge, DNS Load Balancing with Public IP Addresses: Internal Interface – Node 1 and Node 2 (Example)" row 6 | Port summary - Single consolidated edge with public IP addresses <https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)>: "Firewall Summary for Single Consolidated Edge with Public IP Addresses: Internal Interface" row 6
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r5_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r5 out - 2013.edge-internal.av.stun-udp-3478.out"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 3478
  to_port           = 3478
}
