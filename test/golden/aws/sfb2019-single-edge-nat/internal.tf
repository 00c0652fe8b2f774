# Portolan: AWS security groups for perimeter firewall "internal".
# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).
# Attach each security group to the network interfaces that hold exactly its addresses (tag
# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the
# default allow-all egress rule of the groups it creates.

variable "internal_vpc_id" {
  type        = string
  description = "VPC of the hosts behind firewall internal"
}

resource "aws_security_group" "internal_fe01_fe02_fe03" {
  name        = "portolan-internal_fe01_fe02_fe03"
  description = "Portolan internal: 192.168.10.90/32 192.168.10.91/32 192.168.10.92/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_fe01_fe02_fe03"
    "portolan:addresses" = "192.168.10.90/32 192.168.10.91/32 192.168.10.92/32"
  }
}

# internal r1 (ingress): r1: edge01 internal -> fe01, fe02, fe03, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" row 3
resource "aws_vpc_security_group_ingress_rule" "internal_fe01_fe02_fe03_r1_ingress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02_fe03.id
  description       = "internal r1 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 5061
  to_port           = 5061
}

# internal r3 (egress): r3: fe01, fe02, fe03 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 2, 4, 5, 8
resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_fe03_r3_egress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02_fe03.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_fe03_r3_egress_2" {
  security_group_id = aws_security_group.internal_fe01_fe02_fe03.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_fe03_r3_egress_3" {
  security_group_id = aws_security_group.internal_fe01_fe02_fe03.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 8057
  to_port           = 8057
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

# internal r1 (egress): r1: edge01 internal -> fe01, fe02, fe03, SIP (MTLS); requirements 2013.edge-internal.access.sip-mtls-5061.in; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" row 3
resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_r1_egress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r1 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_r1_egress_2" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r1 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_r1_egress_3" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r1 in - 2013.edge-internal.access.sip-mtls-5061.in"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.92/32"
  from_port         = 5061
  to_port           = 5061
}

# internal r2 (ingress): r2: Any -> edge01 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 7, 9, 10, 11
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r2_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r2 out - 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-internal.cls.mtls-50003"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r2_ingress_2" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r2 out - 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-internal.cls.mtls-50003"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 50001
  to_port           = 50003
}

# internal r3 (ingress): r3: fe01, fe02, fe03 -> edge01 internal, HTTPS, PSOM (MTLS), SIP (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.access.sip-mtls-5061.out, 2013.edge-internal.av.sip-mtls-5062.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" rows 2, 4, 5, 8
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_2" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_3" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_4" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_5" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_6" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_7" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.92/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_8" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.92/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r3_ingress_9" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.access.sip-mtls-5061.out 2013.edge-internal.av.sip-mtls-5062.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.92/32"
  from_port         = 8057
  to_port           = 8057
}

# internal r4 (ingress): r4: Any -> edge01 internal, STUN/MSTURN; requirements 2013.edge-internal.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Port and firewall planning → Internal port firewall summary table" row 6
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_r4_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal.id
  description       = "internal r4 out - 2013.edge-internal.av.stun-udp-3478.out"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 3478
  to_port           = 3478
}
