// The aws target: Terraform security groups. `terraform fmt` judges the syntax where terraform is
// installed (`terraform validate` needs the provider, which cannot be downloaded here); a small
// HCL reader turns the rules back into tuples for comparison with the policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Citation, Direction, Transport } from '../../src/catalog/types.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import { compareBoxes, expandFlows, expandPolicy, formatBox, type TupleBox } from '../../src/policy/expand.ts';
import { parseCidr } from '../../src/net/address.ts';
import type { Interval } from '../../src/net/interval-set.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../../src/policy/types.ts';
import { awsRenderer } from '../../src/render/aws.ts';
import { RenderError } from '../../src/render/types.ts';
import { parseHcl, type HclBody, type HclValue } from '../../src/hcl/read.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import { ACCESS, WEBCONF, AV, ACCESS6, EDGE_INT, FE, VIP, DOC, EXT, INT, addr, ports, type Ports } from '../support/reference-policy.ts';
import { terraformFmt } from '../support/terraform.ts';

// ---- policies modelled on reference architecture 1 of 002 -----------------------------------------



function rule(id: string, dir: Direction, t: Transport | 'any', src: 'Any' | string[], sp: Ports, dst: 'Any' | string[], dp: Ports, req: string, table: string, row: number, groups: { src?: string; dst?: string } = {}): PolicyRule {
  const all = [...(src === 'Any' ? [] : src), ...(dst === 'Any' ? [] : dst)];
  const citation: Citation = { document: DOC, table, row };
  return {
    id, action: 'accept', direction: dir, transport: t,
    family: all.length === 0 ? 'any' : all[0]!.includes(':') ? 'ipv6' : 'ipv4',
    source: addr(src, groups.src), sourcePorts: ports(sp), destination: addr(dst, groups.dst), destinationPorts: ports(dp),
    comment: `${id}: requirements ${req}; cites ${DOC} "${table}" row ${row}`, requirements: [req], citations: [citation],
  };
}

/** The external firewall without its source-port rows. */
function external(): Policy {
  return {
    firewall: 'external', kind: 'perimeter', defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [],
    rules: [
      rule('r1', 'in', 'TCP', 'Any', 'Any', [ACCESS], [443, 5061], '2010.ext.access.sip.in', EXT, 3, { dst: 'edge_access_edge' }),
      rule('r2', 'in', 'TCP', 'Any', 'Any', [WEBCONF], [443], '2010.ext.webconf.psom-443.in', EXT, 6, { dst: 'edge_web_conferencing_edge' }),
      rule('r3', 'in', 'UDP', 'Any', 'Any', [AV], [3478, [50000, 59999]], '2010.ext.av.udp.in', EXT, 10, { dst: 'edge_a_v_edge' }),
      rule('r4', 'in', 'any', 'Any', 'Any', [AV], [443], '2010.ext.av.443.in', EXT, 13, { dst: 'edge_a_v_edge' }),
      rule('r5', 'in', 'TCP', 'Any', 'Any', [ACCESS6], [443], '2010.ext.access.sip-tls-443.in', EXT, 3, { dst: 'edge_access_edge_v6' }),
      rule('r6', 'out', 'TCP', [ACCESS], 'Any', 'Any', [5061, 80], '2010.ext.access.out', EXT, 5, { src: 'edge_access_edge' }),
      rule('r7', 'out', 'UDP', [ACCESS], 'Any', 'Any', [53], '2010.ext.access.dns-53.out', EXT, 2, { src: 'edge_access_edge' }),
    ],
  };
}

/** The A/V Edge rows with source ports (002: RTP 50000-59999 out, STUN 3478 out). */
function sourcePortRules(): PolicyRule[] {
  return [
    rule('r8', 'out', 'TCP', [AV], [[50000, 59999]], 'Any', 'Any', '2010.ext.av.rtp-tcp.out', EXT, 7, { src: 'edge_a_v_edge' }),
    rule('r9', 'out', 'UDP', [AV], [3478], 'Any', [3478], '2010.ext.av.stun-3478.out', EXT, 11, { src: 'edge_a_v_edge' }),
  ];
}

function internal(): Policy {
  return {
    firewall: 'internal', kind: 'perimeter', defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [],
    rules: [
      rule('r1', 'in', 'TCP', [EDGE_INT], 'Any', FE, [5061], '2010.int.access.sip-5061.in', INT, 1, { src: 'edge_internal', dst: 'front_end_pool_pool1' }),
      rule('r2', 'out', 'TCP', FE, 'Any', [EDGE_INT], [[5061, 5062], 4443], '2010.int.fe.out', INT, 2, { src: 'front_end_pool_pool1', dst: 'edge_internal' }),
      rule('r3', 'out', 'UDP', 'Any', 'Any', [EDGE_INT], [3478], '2010.int.av.stun-3478.out', INT, 6, { dst: 'edge_internal' }),
      rule('r4', 'in', 'TCP', ['172.25.33.40'], 'Any', [VIP], [8080, 4443], '2010.int.rp.in', INT, 8, { src: 'reverse_proxy_internal', dst: 'front_end_vip' }),
    ],
  };
}

// ---- the HCL reader of src/parse/hcl.ts: blocks, attributes, strings, numbers, references, maps ----

type Value = HclValue;
type Block = HclBody;


// ---- tuples of the rendered rules ------------------------------------------------------------------

function awsBoxes(root: Block): TupleBox[] {
  const groups = new Map<string, string[]>();
  for (const b of root.blocks) {
    if (b.type === 'resource' && b.labels[0] === 'aws_security_group') {
      const tags = b.attrs.get('tags') as Record<string, string>;
      groups.set(b.labels[1]!, tags['portolan:addresses']!.split(' '));
    }
  }
  const out: TupleBox[] = [];
  const iv = (a: string): Interval & { family: AddressFamily } => {
    const p = parseCidr(a);
    return { lo: p.lo, hi: p.hi, family: p.family };
  };
  for (const b of root.blocks) {
    const kind = b.type === 'resource' && /^aws_vpc_security_group_(ingress|egress)_rule$/.exec(b.labels[0]!)?.[1];
    if (!kind) continue;
    const ref = (b.attrs.get('security_group_id') as { ref: string }).ref;
    const sg = groups.get(/^aws_security_group\.(.+)\.id$/.exec(ref)![1]!);
    assert.ok(sg, `${b.labels[1]}: security group declared`);
    const description = b.attrs.get('description') as string;
    const direction = / (in|out)\b/.exec(description)![1] as Direction;
    const proto = b.attrs.get('ip_protocol') as string;
    const transports: Transport[] = proto === '-1' ? ['TCP', 'UDP'] : [proto.toUpperCase() as Transport];
    const cidr = (b.attrs.get('cidr_ipv4') ?? b.attrs.get('cidr_ipv6')) as string;
    assert.ok(b.attrs.has('cidr_ipv4') !== b.attrs.has('cidr_ipv6'), 'exactly one CIDR');
    const remote = iv(cidr);
    assert.equal(remote.family, b.attrs.has('cidr_ipv4') ? 'ipv4' : 'ipv6', 'CIDR in the right attribute');
    const dport = proto === '-1' ? { lo: 0n, hi: 65535n } : { lo: BigInt(b.attrs.get('from_port') as number), hi: BigInt(b.attrs.get('to_port') as number) };
    for (const transport of transports) {
      for (const local of sg!.map(iv).filter((l) => l.family === remote.family)) {
        const [source, destination] = kind === 'ingress' ? [remote, local] : [local, remote];
        out.push({
          direction, family: remote.family, transport,
          source: { lo: source.lo, hi: source.hi }, sourcePort: { lo: 0n, hi: 65535n },
          destination: { lo: destination.lo, hi: destination.hi }, destinationPort: dport,
        });
      }
    }
  }
  return out;
}

function assertExact(policy: Policy, text: string, reference = policy) {
  const cmp = compareBoxes(awsBoxes(parseHcl(text)), expandPolicy(reference));
  assert.deepEqual(cmp.excess.map(formatBox), [], `${policy.firewall}: nothing beyond the policy`);
  assert.deepEqual(cmp.missing.map(formatBox), [], `${policy.firewall}: nothing of the policy missing`);
}

// ---- tests ------------------------------------------------------------------------------------------

test('aws: output is deterministic and byte-identical for equal policies', () => {
  for (const make of [external, internal]) {
    const a = awsRenderer.render(make());
    assert.equal(awsRenderer.render(make()), a);
    assert.equal(awsRenderer.render(structuredClone(make())), a);
  }
});

test('aws: the HCL is well-formed (reader, and terraform fmt where installed)', (t) => {
  for (const make of [external, internal]) {
    const text = awsRenderer.render(make());
    const root = parseHcl(text);
    const labels = root.blocks.map((b) => `${b.type}.${b.labels.join('.')}`);
    assert.equal(new Set(labels).size, labels.length, 'block labels unique');
    const fmt = terraformFmt(text);
    if (!fmt.available) t.diagnostic('terraform is not installed: syntax checked by the test reader only');
    else assert.ok(fmt.ok, `terraform fmt: ${fmt.output}`);
  }
});

test('aws: the rules allow exactly the policy (least privilege and completeness)', () => {
  for (const make of [external, internal]) assertExact(make(), awsRenderer.render(make()));
});

test('aws: a flow between two concrete ends gets egress at the sender and ingress at the receiver', () => {
  const root = parseHcl(awsRenderer.render(internal()));
  const rules = root.blocks.filter((b) => b.labels[0]?.startsWith('aws_vpc_security_group_'));
  const r2 = rules.filter((b) => (b.attrs.get('description') as string).startsWith('internal r2 '));
  assert.deepEqual(
    [...new Set(r2.map((b) => `${b.labels[0]} ${(b.attrs.get('security_group_id') as { ref: string }).ref}`))].sort(),
    [
      'aws_vpc_security_group_egress_rule aws_security_group.internal_front_end_pool_pool1.id',
      'aws_vpc_security_group_ingress_rule aws_security_group.internal_edge_internal.id',
    ],
  );
  // Any source: only the receiving end has a security group.
  const r3 = rules.filter((b) => (b.attrs.get('description') as string).startsWith('internal r3 '));
  assert.deepEqual(r3.map((b) => [b.labels[0], b.attrs.get('cidr_ipv4')]), [['aws_vpc_security_group_ingress_rule', '0.0.0.0/0']]);
});

test('aws: descriptions name the requirement and stay within AWS limits', () => {
  const root = parseHcl(awsRenderer.render(external()));
  for (const b of root.blocks.filter((x) => x.type === 'resource')) {
    const d = b.attrs.get('description') as string;
    assert.ok(d.length <= 255, 'at most 255 characters');
    assert.match(d, /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/, `allowed characters: ${d}`);
  }
  assert.ok(root.blocks.some((b) => (b.attrs.get('description') as string | undefined)?.includes('2010.ext.access.sip.in')));
});

test('aws: IPv6 rules use cidr_ipv6, Any is per family', () => {
  const root = parseHcl(awsRenderer.render(external()));
  const v6 = root.blocks.filter((b) => b.attrs.has('cidr_ipv6'));
  assert.deepEqual(v6.map((b) => b.attrs.get('cidr_ipv6')), ['::/0']);
  assert.match(JSON.stringify(root.blocks.find((b) => b.labels[1] === 'external_edge_access_edge_v6')?.attrs.get('tags')), /2001:db8:45::10\/128/);
});

test('aws: source ports are refused by default and widened only on request', () => {
  const policy = external();
  policy.rules.push(...sourcePortRules());
  assert.equal(awsRenderer.canServe(policy), true, 'the refusal depends on an option, so render decides');
  assert.throws(
    () => awsRenderer.render(policy),
    (e: unknown) => e instanceof RenderError && /rule r8 matches source port 50000-59999/.test(e.message) && /ignoreSourcePorts/.test(e.message),
  );
  const text = awsRenderer.render(policy, { ignoreSourcePorts: true } as never);
  assert.match(text, /source port 50000-59999 not enforced/);
  assert.match(text, /source port 3478 not enforced/);
  // The widening is exactly the dropped source ports: equal to the policy with source ports Any.
  const widened = structuredClone(policy);
  for (const r of widened.rules) r.sourcePorts = { any: true };
  assertExact(policy, text, widened);
});

test('aws: refuses what security groups cannot express, with reasons', () => {
  const lb: Policy = { ...internal(), firewall: 'load-balancer', kind: 'load-balancer' };
  assert.match(awsRenderer.canServe(lb) as string, /load-balancer is a load-balancer firewall/);
  const open = internal();
  open.rules.push(rule('r5', 'in', 'TCP', 'Any', 'Any', 'Any', [443], 'x', INT, 1));
  assert.match(awsRenderer.canServe(open) as string, /rule r5 is Any to Any/);
  assert.throws(() => awsRenderer.render(open), (e: unknown) => e instanceof RenderError && /aws cannot render firewall internal: rule r5/.test(e.message));
  const withDrop = internal();
  withDrop.rules[0] = { ...withDrop.rules[0]!, action: 'drop' };
  assert.match(awsRenderer.canServe(withDrop) as string, /rule r1 is a drop rule/);
});

test('aws: the VPC id can be an existing expression instead of a declared variable', () => {
  const text = awsRenderer.render(internal(), { vpcId: 'var.vpc_id' } as never);
  assert.doesNotMatch(text, /^variable /m);
  assert.match(text, /vpc_id += var\.vpc_id$/m);
  assert.match(awsRenderer.render(internal()), /^variable "internal_vpc_id" \{$/m);
});

test('aws: the reference deployment renders its perimeter and host firewalls, allowing exactly their flows', () => {
  const flows = referenceFlows();
  const served = buildPolicies(flows).filter((p) => awsRenderer.canServe(p) === true);
  assert.deepEqual(served.map((p) => p.firewall), ['external', 'internal', 'host-frontend']);
  for (const policy of served) {
    const mine = flows.filter((f) => f.firewall === policy.firewall);
    const needsWidening = mine.some((f) => f.sourcePort !== 'Any');
    // The external firewall's A/V rows have source ports: refused unless widened explicitly.
    if (needsWidening) assert.throws(() => awsRenderer.render(policy), RenderError);
    const text = awsRenderer.render(policy, { ignoreSourcePorts: needsWidening } as never);
    const widened = mine.map((f) => ({ ...f, sourcePort: 'Any' as const }));
    const cmp = compareBoxes(awsBoxes(parseHcl(text)), expandFlows(widened));
    assert.deepEqual([...cmp.excess, ...cmp.missing].map(formatBox), [], policy.firewall);
  }
});
