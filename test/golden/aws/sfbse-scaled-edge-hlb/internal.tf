# Portolan: AWS security groups for perimeter firewall "internal".
# Requires the hashicorp/aws provider 5.x (aws_vpc_security_group_*_rule resources).
# Attach each security group to the network interfaces that hold exactly its addresses (tag
# portolan:addresses); a group for addresses outside AWS stays unattached. Terraform removes the
# default allow-all egress rule of the groups it creates.

variable "internal_vpc_id" {
  type        = string
  description = "VPC of the hosts behind firewall internal"
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

# internal r1 (ingress): r1: edge01 internal + edge02 internal + edgepool internal VIP -> fe01, fe02, SIP (MTLS); requirements 2013.hlb-internal-vip.access.sip-mtls-5061.in, 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" row 2
resource "aws_vpc_security_group_ingress_rule" "internal_fe01_fe02_r1_ingress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r1 in - 2013.hlb-internal-vip.access.sip-mtls-5061.in 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_ingress_rule" "internal_fe01_fe02_r1_ingress_2" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r1 in - 2013.hlb-internal-vip.access.sip-mtls-5061.in 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.11/32"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_ingress_rule" "internal_fe01_fe02_r1_ingress_3" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r1 in - 2013.hlb-internal-vip.access.sip-mtls-5061.in 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.100/32"
  from_port         = 5061
  to_port           = 5061
}

# internal r3 (egress): r3: fe01, fe02 -> edge01 internal + edge02 internal, HTTPS, PSOM (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" rows 2, 3
resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r3_egress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r3_egress_2" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.10/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r3_egress_3" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.11/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r3_egress_4" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.11/32"
  from_port         = 8057
  to_port           = 8057
}

# internal r6 (egress): r6: fe01, fe02 -> edgepool internal VIP, SIP (MTLS); requirements 2013.hlb-internal-vip.access.sip-mtls-5061.out, 2013.hlb-internal-vip.av.sip-mtls-5062.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" rows 1, 3
resource "aws_vpc_security_group_egress_rule" "internal_fe01_fe02_r6_egress_1" {
  security_group_id = aws_security_group.internal_fe01_fe02.id
  description       = "internal r6 out - 2013.hlb-internal-vip.access.sip-mtls-5061.out 2013.hlb-internal-vip.av.sip-mtls-5062.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "172.25.33.100/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_security_group" "internal_edge01_internal_edge02_internal_e86931" {
  name        = "portolan-internal_edge01_internal_edge02_internal_e86931"
  description = "Portolan internal: 172.25.33.10/32 172.25.33.11/32 172.25.33.100/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_edge01_internal_edge02_internal_e86931"
    "portolan:addresses" = "172.25.33.10/32 172.25.33.11/32 172.25.33.100/32"
  }
}

# internal r1 (egress): r1: edge01 internal + edge02 internal + edgepool internal VIP -> fe01, fe02, SIP (MTLS); requirements 2013.hlb-internal-vip.access.sip-mtls-5061.in, 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" row 2
resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_edge02_internal_e86931_r1_egress_1" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal_e86931.id
  description       = "internal r1 in - 2013.hlb-internal-vip.access.sip-mtls-5061.in 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_egress_rule" "internal_edge01_internal_edge02_internal_e86931_r1_egress_2" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal_e86931.id
  description       = "internal r1 in - 2013.hlb-internal-vip.access.sip-mtls-5061.in 2013.hlb-internal-vip.access.sip-mtls-5061.in.nodes"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5061
  to_port           = 5061
}

# internal r4 (ingress): r4: Any -> edge01 internal + edge02 internal + edgepool internal VIP, STUN/MSTURN; requirements 2013.edge-internal.av.stun-udp-3478.out, 2013.hlb-internal-vip.av.stun-udp-3478.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" row 4; "Internal interface Virtual IPs" row 4
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_e86931_r4_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal_e86931.id
  description       = "internal r4 out - 2013.edge-internal.av.stun-udp-3478.out 2013.hlb-internal-vip.av.stun-udp-3478.out"
  ip_protocol       = "udp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 3478
  to_port           = 3478
}

resource "aws_security_group" "internal_edge01_internal_edge02_internal" {
  name        = "portolan-internal_edge01_internal_edge02_internal"
  description = "Portolan internal: 172.25.33.10/32 172.25.33.11/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_edge01_internal_edge02_internal"
    "portolan:addresses" = "172.25.33.10/32 172.25.33.11/32"
  }
}

# internal r2 (ingress): r2: Any -> edge01 internal + edge02 internal, MTLS, STUN/MSTURN; requirements 2013.edge-internal.av.stun-tcp-443.out, 2013.edge-internal.cls.mtls-50001, 2013.edge-internal.cls.mtls-50002, 2013.edge-internal.cls.mtls-50003; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" rows 5, 6, 7, 8
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_r2_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal.id
  description       = "internal r2 out - 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-internal.cls.mtls-50003"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_r2_ingress_2" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal.id
  description       = "internal r2 out - 2013.edge-internal.av.stun-tcp-443.out 2013.edge-internal.cls.mtls-50001 2013.edge-internal.cls.mtls-50002 2013.edge-internal.cls.mtls-50003"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 50001
  to_port           = 50003
}

# internal r3 (ingress): r3: fe01, fe02 -> edge01 internal + edge02 internal, HTTPS, PSOM (MTLS); requirements 2013.edge-internal.access.https-4443.out, 2013.edge-internal.webconf.psom-mtls-8057.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Hardware load balancers for Edge port tables → Internal port firewall summary table" rows 2, 3
resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_r3_ingress_1" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_r3_ingress_2" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_r3_ingress_3" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 4443
  to_port           = 4443
}

resource "aws_vpc_security_group_ingress_rule" "internal_edge01_internal_edge02_internal_r3_ingress_4" {
  security_group_id = aws_security_group.internal_edge01_internal_edge02_internal.id
  description       = "internal r3 out - 2013.edge-internal.access.https-4443.out 2013.edge-internal.webconf.psom-mtls-8057.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 8057
  to_port           = 8057
}

resource "aws_security_group" "internal_edgepool_internal_vip" {
  name        = "portolan-internal_edgepool_internal_vip"
  description = "Portolan internal: 172.25.33.100/32"
  vpc_id      = var.internal_vpc_id
  tags = {
    Name                 = "portolan-internal_edgepool_internal_vip"
    "portolan:addresses" = "172.25.33.100/32"
  }
}

# internal r5 (ingress): r5: Any -> edgepool internal VIP, STUN/MSTURN; requirements 2013.hlb-internal-vip.av.stun-tcp-443.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" row 5
resource "aws_vpc_security_group_ingress_rule" "internal_edgepool_internal_vip_r5_ingress_1" {
  security_group_id = aws_security_group.internal_edgepool_internal_vip.id
  description       = "internal r5 out - 2013.hlb-internal-vip.av.stun-tcp-443.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
}

# internal r6 (ingress): r6: fe01, fe02 -> edgepool internal VIP, SIP (MTLS); requirements 2013.hlb-internal-vip.access.sip-mtls-5061.out, 2013.hlb-internal-vip.av.sip-mtls-5062.out; cites Edge Server environmental requirements in Skype for Business Server <https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/edge-environmental-requirements>: "Internal interface Virtual IPs" rows 1, 3
resource "aws_vpc_security_group_ingress_rule" "internal_edgepool_internal_vip_r6_ingress_1" {
  security_group_id = aws_security_group.internal_edgepool_internal_vip.id
  description       = "internal r6 out - 2013.hlb-internal-vip.access.sip-mtls-5061.out 2013.hlb-internal-vip.av.sip-mtls-5062.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.90/32"
  from_port         = 5061
  to_port           = 5062
}

resource "aws_vpc_security_group_ingress_rule" "internal_edgepool_internal_vip_r6_ingress_2" {
  security_group_id = aws_security_group.internal_edgepool_internal_vip.id
  description       = "internal r6 out - 2013.hlb-internal-vip.access.sip-mtls-5061.out 2013.hlb-internal-vip.av.sip-mtls-5062.out"
  ip_protocol       = "tcp"
  cidr_ipv4         = "192.168.10.91/32"
  from_port         = 5061
  to_port           = 5062
}
