// Terraform for AWS security groups read back into the policy IR: hand-written Terraform as
// users write it, and every example topology rendered by `render --target aws` and read back,
// whose accepted packet space must equal the flows of its firewall exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { renderAll } from '../../src/cli/commands/render.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { parseAwsTerraform, parserFor } from '../../src/parse/index.ts';
import { compareBoxes, expandFlows, expandPolicy, formatBox, type TupleBox } from '../../src/policy/expand.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { assertInputError, brief, policy } from './helpers.ts';

const TF = `# Lync Edge security groups, written by hand
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

variable "office_cidr" {
  type    = string
  default = "198.51.100.0/24"
}

resource "aws_instance" "edge" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.large"
  vpc_security_group_ids = [aws_security_group.edge.id]
}

resource "aws_security_group" "edge" {
  name        = "lync-edge"
  description = "Lync Edge external"
  vpc_id      = var.vpc_id

  ingress {
    description = "SIP/TLS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "media"
    from_port   = 50000
    to_port     = 59999
    protocol    = "udp"
    cidr_blocks = [
      "203.0.113.0/24", // partner
      var.office_cidr,  /* not evaluated */
    ]
  }

  ingress {
    from_port       = 8
    to_port         = 0
    protocol        = "icmp"
    cidr_blocks     = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "edge_sip_mtls" {
  security_group_id = aws_security_group.edge.id
  description       = "SIP/MTLS from the internal pool"
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.45.0.0/16"
  from_port         = 5061
  to_port           = 5061
}

resource "aws_vpc_security_group_ingress_rule" "edge_from_fe" {
  security_group_id            = aws_security_group.edge.id
  ip_protocol                  = "tcp"
  from_port                    = 5061
  to_port                      = 5061
  referenced_security_group_id = aws_security_group.frontend.id
}

resource "aws_vpc_security_group_egress_rule" "fe_dns" {
  security_group_id = "sg-0fedcba9876543210"
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = "10.0.0.2/32"
}

resource "aws_security_group_rule" "edge_xmpp" {
  type              = "ingress"
  security_group_id = aws_security_group.edge.id
  protocol          = "tcp"
  from_port         = 5269
  to_port           = 5269
  cidr_blocks       = ["192.0.2.10/32"]
  prefix_list_ids   = ["pl-0a1b2c3d"]
}

resource "aws_vpc_security_group_ingress_rule" "var_group" {
  security_group_id = var.shared_sg_id
  ip_protocol       = "-1"
  cidr_ipv6         = "2001:db8::/32"
}
`;

test('aws-terraform: one allow-only policy per security group and direction, one rule per CIDR', () => {
  const r = parseAwsTerraform(TF, 'edge.tf');
  assert.deepEqual(r.policies.map((p) => [p.firewall, p.defaultAction, p.stateful]), [
    ['aws_security_group.edge lync-edge ingress', 'drop', true],
    ['aws_security_group.edge lync-edge egress', 'drop', true],
    ['sg-0fedcba9876543210 ingress', 'drop', true],
    ['sg-0fedcba9876543210 egress', 'drop', true],
    ['var.shared_sg_id ingress', 'drop', true],
    ['var.shared_sg_id egress', 'drop', true],
  ]);
  const ing = policy(r.policies, 'aws_security_group.edge lync-edge ingress');
  assert.deepEqual(ing.rules.map((x) => `${x.origin?.line} ${x.direction} ${brief(x)} ${x.comment}`), [
    '24 in accept ipv4 TCP any:any > any:443 SIP/TLS',
    '24 in accept ipv6 TCP any:any > any:443 SIP/TLS',
    '33 in accept ipv4 UDP 203.0.113.0/24:any > any:50000-59999 media',
    '59 in accept ipv4 TCP 10.45.0.0/16:any > any:5061 SIP/MTLS from the internal pool',
    '84 in accept ipv4 TCP 192.0.2.10/32:any > any:5269 ',
  ]);
  assert.equal(ing.rules[0]!.origin?.text, 'aws_security_group.edge ingress: protocol=tcp from_port=443 to_port=443 cidr_blocks=0.0.0.0/0');
  assert.deepEqual(policy(r.policies, 'aws_security_group.edge lync-edge egress').rules.map(brief), ['accept ipv4 any any:any > any:any']);
  assert.deepEqual(policy(r.policies, 'sg-0fedcba9876543210 egress').rules.map(brief), ['accept ipv4 UDP any:any > 10.0.0.2/32:53']);
  assert.deepEqual(policy(r.policies, 'var.shared_sg_id ingress').rules.map(brief), ['accept ipv6 any 2001:db8::/32:any > any:any']);
  // --platform aws-terraform reads HCL with this reader (and `terraform show -json` with its own).
  assert.deepEqual(parserFor('aws-terraform')!(TF, 'edge.tf'), r);
});

test('aws-terraform: variables, icmp, security-group references and prefix lists are warned where they are', () => {
  const w = parseAwsTerraform(TF, 'edge.tf').warnings.map((x) => `${x.line}:${x.col} ${x.message}`);
  assert.deepEqual(w, [
    '40:7 aws_security_group.edge ingress: cidr_blocks entry var.office_cidr is not evaluated (not a literal address); entry skipped',
    '47:23 aws_security_group.edge ingress: protocol icmp is not modelled (TCP and UDP only); rule skipped',
    '73:34 aws_vpc_security_group_ingress_rule.edge_from_fe: security group aws_security_group.frontend.id cannot be resolved to addresses; entry skipped',
    '91:24 aws_security_group_rule.edge_xmpp: prefix list pl-0a1b2c3d cannot be resolved to addresses; entry skipped',
    '95:23 security group var.shared_sg_id is not declared in this file; its rules form a group of their own, its addresses unknown',
  ]);
});

test('aws-terraform: attributes-as-blocks, dynamic blocks, count and the portolan:addresses tag', () => {
  const tf = `resource "aws_security_group" "web" {
  name = "web"
  count = 2
  tags = { "portolan:addresses" = "10.1.0.10/32 2001:db8:1::10/128" }
  ingress = [{
    from_port = 443, to_port = 443, protocol = "6", cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [],
    description = "https", prefix_list_ids = [], security_groups = [], self = false
  }]
  egress = var.egress_rules
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
    }
  }
}
`;
  const r = parseAwsTerraform(tf, 'web.tf');
  assert.deepEqual(policy(r.policies, 'aws_security_group.web web ingress').rules.map(brief), ['accept ipv4 TCP any:any > 10.1.0.10:443']);
  assert.deepEqual(r.warnings.map((x) => `${x.line} ${x.message}`), [
    '1 aws_security_group.web: count is not evaluated; the resource is read once',
    '9 aws_security_group.web: egress = var.egress_rules is not evaluated; rules skipped',
    '10 aws_security_group.web: dynamic "ingress" blocks are not evaluated; rules skipped',
  ]);
});

test('aws-terraform: bad input is an InputError with file:line:col', () => {
  assertInputError(() => parseAwsTerraform('resource "aws_security_group" "x" {\n  ingress {\n    protocol = "tcp"\n    from_port = 500\n    to_port = 20\n  }\n}\n', 'a.tf'), 'a.tf', 4, 17, /invalid port range 500-20/);
  assertInputError(() => parseAwsTerraform('resource "aws_vpc_security_group_egress_rule" "x" {\n  security_group_id = "sg-1"\n  ip_protocol = "tcp"\n  cidr_ipv4 = "10.0.0.0/33"\n}\n', 'b.tf'), 'b.tf', 4, 15, /invalid IPv4 CIDR "10.0.0.0\/33" in cidr_ipv4/);
  assertInputError(() => parseAwsTerraform('resource "aws_vpc_security_group_egress_rule" "x" {\n  ip_protocol = "tcp"\n}\n', 'c.tf'), 'c.tf', 1, 1, /security_group_id is required/);
  assertInputError(() => parseAwsTerraform('resource "aws_security_group" "x" {\n  ingress {\n    protocol = "tcp"\n', 'd.tf'), 'd.tf', 2, 3, /block ingress is not closed/);
});

// ---- round trip: render --target aws, read back, compare with the flows ------------------------

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort();

/** The union of what the groups accept; a security group rule says nothing of the firewall's direction. */
function accepted(text: string, file: string): TupleBox[] {
  const r = parseAwsTerraform(text, file);
  assert.deepEqual(r.warnings, [], `${file}: no warnings`);
  return r.policies.flatMap(expandPolicy).map((b) => ({ ...b, direction: 'in' as const }));
}

test('aws-terraform: every example rendered for aws reads back as exactly its flows', () => {
  let files = 0, widened = 0;
  for (const example of EXAMPLES) {
    const topology = loadTopology(`examples/${example}`);
    const flows = compileFlows(topology);
    const plain = renderAll(topology, 'aws');
    // Firewalls refused for their source ports render with the documented widening: compare
    // those with their flows' source ports taken as Any.
    const wide = renderAll(topology, 'aws', { ignoreSourcePorts: true } as never);
    for (const f of wide.files) {
      const isPlain = plain.files.some((p) => p.file === f.file);
      assert.equal(f.file, `${f.firewall}.tf`);
      const mine = flows.filter((x) => x.firewall === f.firewall).map((x) => ({ ...x, direction: 'in' as const, ...(isPlain ? {} : { sourcePort: 'Any' as const }) }));
      if (isPlain) assert.equal(plain.files.find((p) => p.file === f.file)!.content, f.content);
      const cmp = compareBoxes(accepted(f.content, `${example}/${f.file}`), expandFlows(mine));
      assert.deepEqual(cmp.missing.map(formatBox), [], `${example} ${f.file}: nothing of the flows missing`);
      assert.deepEqual(cmp.excess.map(formatBox), [], `${example} ${f.file}: nothing beyond the flows`);
      if (isPlain) files++; else widened++;
    }
  }
  assert.ok(files >= 7 && widened >= 8, `${files} files, ${widened} widened`);
});
