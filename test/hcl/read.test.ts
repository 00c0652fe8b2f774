// The HCL reader: Terraform syntax with positions, plain values, and syntax errors at file:line:col.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HclExpression, HclReference, parseHcl } from '../../src/hcl/read.ts';
import { assertInputError } from '../parse/helpers.ts';

const SRC = `# a comment
// another
/* a block
   comment */
resource "aws_security_group" "web" {
  name  = "web \\"sg\\"\\t\\u00e9 $\${literal} %%{x}"
  port  = 443
  ratio = -1.5e2
  on    = true
  off   = false
  none  = null
  vpc   = var.vpc_id
  id    = aws_security_group.other.id
  first = var.list[0].name
  cidrs = [
    "10.0.0.0/8",   # trailing comment
    "192.168.0.0/16",
  ]
  empty = []
  tags = {
    Name                 = "web"
    "portolan:addresses" = "10.0.0.1/32"
    nested = { a = [1, 2], b: "c" }
  }
  tpl   = "\${var.prefix}/32"
  call  = cidrsubnet(var.cidr, 8, 1)
  cond  = var.on ? "a" : "b"
  splat = aws_instance.x[*].private_ip
  forx  = [for p in var.ports : tostring(p) if p > 0]
  ingress {
    from_port = 443
  }
  dynamic "egress" {
    for_each = var.rules
    content { to_port = egress.value }
  }
  doc = <<-EOT
    line one
      line two
    EOT
  raw = <<EOF
keep \${x} indent
  EOF
}

variable "x" {}
locals { one = 1 }
`;

test('hcl: blocks, labels, attributes and their positions', () => {
  const f = parseHcl(SRC, 'main.tf');
  assert.deepEqual(f.blocks.map((b) => [b.type, b.labels, b.pos.line, b.pos.col]), [
    ['resource', ['aws_security_group', 'web'], 5, 1], ['variable', ['x'], 46, 1], ['locals', [], 47, 1],
  ]);
  const r = f.blocks[0]!;
  assert.deepEqual(r.labelPos, [{ line: 5, col: 10 }, { line: 5, col: 31 }]);
  assert.deepEqual(r.attributes.get('port')!.pos, { line: 7, col: 3 });
  assert.deepEqual(r.attributes.get('port')!.expr.pos, { line: 7, col: 11 });
  assert.deepEqual(r.blocks.map((b) => [b.type, b.labels, b.pos.line, b.pos.col]), [['ingress', [], 30, 3], ['dynamic', ['egress'], 33, 3]]);
  assert.deepEqual(r.blocks[1]!.blocks[0]!.attrs.get('to_port'), new HclReference('egress.value'));
  assert.deepEqual(f.blocks[2]!.attrs.get('one'), 1);
  const cidrs = r.attributes.get('cidrs')!.expr;
  assert.ok(cidrs.kind === 'tuple');
  assert.deepEqual(cidrs.items.map((x) => [x.pos.line, x.pos.col]), [[16, 5], [17, 5]]);
});

test('hcl: literal values, references and unevaluated expressions', () => {
  const a = parseHcl(SRC, 'main.tf').blocks[0]!.attrs;
  assert.equal(a.get('name'), 'web "sg"\té ${literal} %{x}');
  assert.deepEqual([a.get('port'), a.get('ratio'), a.get('on'), a.get('off'), a.get('none')], [443, -150, true, false, null]);
  assert.deepEqual(a.get('vpc'), new HclReference('var.vpc_id'));
  assert.deepEqual(a.get('id'), new HclReference('aws_security_group.other.id'));
  assert.deepEqual(a.get('first'), new HclReference('var.list[0].name'));
  assert.deepEqual(a.get('cidrs'), ['10.0.0.0/8', '192.168.0.0/16']);
  assert.deepEqual(a.get('empty'), []);
  assert.deepEqual(JSON.parse(JSON.stringify(a.get('tags'))), { Name: 'web', 'portolan:addresses': '10.0.0.1/32', nested: { a: [1, 2], b: 'c' } });
  assert.deepEqual(a.get('tpl'), new HclExpression('"${var.prefix}/32"'));
  assert.deepEqual(a.get('call'), new HclExpression('cidrsubnet(var.cidr, 8, 1)'));
  assert.deepEqual(a.get('cond'), new HclExpression('var.on ? "a" : "b"'));
  assert.deepEqual(a.get('splat'), new HclExpression('aws_instance.x[*].private_ip'));
  assert.deepEqual(a.get('forx'), new HclExpression('[for p in var.ports : tostring(p) if p > 0]'));
  assert.equal(a.get('doc'), 'line one\n  line two\n');
  assert.deepEqual(a.get('raw'), new HclExpression('<<EOF\nkeep ${x} indent\n  EOF'));
});

test('hcl: the renderers\' own output reads back', () => {
  const text = 'resource "aws_security_group" "a" {\n  tags = {\n    Name                 = "x"\n    "portolan:addresses" = "10.0.0.1/32"\n  }\n}\n';
  const b = parseHcl(text).blocks[0]!;
  assert.equal((b.attrs.get('tags') as Record<string, string>)['portolan:addresses'], '10.0.0.1/32');
});

test('hcl: syntax errors are InputErrors at file:line:col', () => {
  const bad = (text: string, line: number, col: number, msg: RegExp) => assertInputError(() => parseHcl(text, 'x.tf'), 'x.tf', line, col, msg);
  bad('a = "open\nb = 1\n', 1, 5, /unterminated string/);
  bad('resource "x" "y" {\n  a = 1\n', 1, 1, /block resource is not closed/);
  bad('a = [1, 2\nb = 3\n', 2, 1, /expected ',' or '\]' in a list, found 'b'/);
  bad('a = 1 b = 2\n', 1, 7, /expected a new line after a, found 'b'/);
  bad('a = 1\na = 2\n', 2, 1, /attribute a is set twice \(first at line 1\)/);
  bad('a = { x = 1, x = 2 }\n', 1, 14, /duplicate object key "x"/);
  bad('a = "\\q"\n', 1, 6, /invalid escape sequence \\q/);
  bad('a = @\n', 1, 5, /unexpected character "@"/);
  bad('= 1\n', 1, 1, /expected an attribute name or a block type, found '='/);
  bad('a =\n', 1, 4, /expected an expression, found end of line/);
  bad('/* never closed\n', 1, 1, /unterminated comment/);
  bad('a = <<EOT\nno end\n', 1, 5, /unterminated heredoc \(no closing EOT\)/);
  bad('a = "${var.x y}"\n', 1, 14, /expected '}' to close the interpolation/);
  bad('resource "a${b}" {}\n', 1, 10, /a block label cannot contain interpolation/);
  bad('a { b = 1 }}\n', 1, 12, /expected a new line after a, found '}'/);
});
