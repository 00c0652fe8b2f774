// The azure target: Terraform network security groups. `terraform fmt` judges the syntax where
// terraform is installed (`terraform validate` needs the provider, which cannot be downloaded
// here); a small HCL reader turns the rules back into tuples for comparison with the policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Citation, Direction, Transport } from '../../src/catalog/types.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import { compareBoxes, expandFlows, expandPolicy, formatBox, type TupleBox } from '../../src/policy/expand.ts';
import { parseCidr } from '../../src/net/address.ts';
import type { Interval } from '../../src/net/interval-set.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../../src/policy/types.ts';
import { allocatePriorities, azureRenderer } from '../../src/render/azure.ts';
import { RenderError } from '../../src/render/types.ts';
import { parseHcl, type HclBody, type HclValue } from '../../src/hcl/read.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import { ACCESS, WEBCONF, AV, ACCESS6, EDGE_INT, FE, VIP, DOC, EXT, INT, addr, ports, type Ports } from '../support/reference-policy.ts';
import { terraformFmt } from '../support/terraform.ts';

// ---- policies modelled on reference architecture 1 of 002 -----------------------------------------



function rule(id: string, dir: Direction, t: Transport | 'any', src: 'Any' | string[], sp: Ports, dst: 'Any' | string[], dp: Ports, req: string, table: string, row: number, family?: AddressFamily | 'any'): PolicyRule {
  const all = [...(src === 'Any' ? [] : src), ...(dst === 'Any' ? [] : dst)];
  const citation: Citation = { document: DOC, table, row };
  return {
    id, action: 'accept', direction: dir, transport: t,
    family: family ?? (all.length === 0 ? 'any' : all[0]!.includes(':') ? 'ipv6' : 'ipv4'),
    source: addr(src), sourcePorts: ports(sp), destination: addr(dst), destinationPorts: ports(dp),
    comment: `${id}: requirements ${req}; cites ${DOC} "${table}" row ${row}`, requirements: [req], citations: [citation],
  };
}

function external(): Policy {
  return {
    firewall: 'external', kind: 'perimeter', defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [],
    rules: [
      rule('r1', 'in', 'TCP', 'Any', 'Any', [ACCESS], [443, 5061], '2010.ext.access.sip.in', EXT, 3),
      rule('r2', 'in', 'TCP', 'Any', 'Any', [WEBCONF], [443], '2010.ext.webconf.psom-443.in', EXT, 6),
      rule('r3', 'in', 'UDP', 'Any', 'Any', [AV], [3478, [50000, 59999]], '2010.ext.av.udp.in', EXT, 10),
      rule('r4', 'in', 'any', 'Any', 'Any', [AV], [443], '2010.ext.av.443.in', EXT, 13),
      // one rule over both families of the Access Edge: Azure needs one NSG rule per family
      rule('r5', 'in', 'TCP', 'Any', 'Any', [ACCESS, ACCESS6], [5061], '2010.ext.access.sip-mtls-5061.in', EXT, 4, 'any'),
      rule('r6', 'in', 'TCP', 'Any', 'Any', [ACCESS6], [443], '2010.ext.access.sip-tls-443.in', EXT, 3),
      rule('r7', 'out', 'TCP', [AV], [[50000, 59999]], 'Any', 'Any', '2010.ext.av.rtp-tcp.out', EXT, 7),
      rule('r8', 'out', 'UDP', [AV], [3478], 'Any', [3478], '2010.ext.av.stun-3478.out', EXT, 11),
      rule('r9', 'out', 'TCP', 'Any', 'Any', 'Any', [80], '2010.ext.http-80.out (IPv4 only)', EXT, 1, 'ipv4'),
    ],
  };
}

function internal(): Policy {
  return {
    firewall: 'internal', kind: 'perimeter', defaultAction: 'drop', stateful: true, addressGroups: [], portGroups: [],
    rules: [
      rule('r1', 'in', 'TCP', [EDGE_INT], 'Any', FE, [5061], '2010.int.access.sip-5061.in', INT, 1),
      rule('r2', 'out', 'TCP', FE, 'Any', [EDGE_INT], [[5061, 5062], 4443], '2010.int.fe.out', INT, 2),
      rule('r3', 'out', 'UDP', 'Any', 'Any', [EDGE_INT], [3478], '2010.int.av.stun-3478.out', INT, 6),
      rule('r4', 'in', 'TCP', ['172.25.33.40'], 'Any', [VIP], [8080, 4443], '2010.int.rp.in', INT, 8),
    ],
  };
}

// ---- the HCL reader of src/parse/hcl.ts: blocks, attributes, strings, numbers, references, maps ----

type Value = HclValue;
type Block = HclBody;


// ---- tuples of the rendered rules ------------------------------------------------------------------

interface NsgRule { label: string; name: string; priority: number; direction: string; access: string; attrs: Map<string, Value> }

function nsgRules(root: Block): NsgRule[] {
  return root.blocks
    .filter((b) => b.type === 'resource' && b.labels[0] === 'azurerm_network_security_rule')
    .map((b) => ({
      label: b.labels[1]!, name: b.attrs.get('name') as string, priority: b.attrs.get('priority') as number,
      direction: b.attrs.get('direction') as string, access: b.attrs.get('access') as string, attrs: b.attrs,
    }));
}

/** The singular or the plural form of an attribute pair, never both. */
function listOf(attrs: Map<string, Value>, singular: string, plural: string): string[] {
  assert.ok(attrs.has(singular) !== attrs.has(plural), `exactly one of ${singular} / ${plural}`);
  const v = attrs.get(singular) ?? attrs.get(plural);
  return Array.isArray(v) ? (v as string[]) : [v as string];
}

function azureBoxes(root: Block): TupleBox[] {
  const out: TupleBox[] = [];
  const addrs = (list: string[], f: AddressFamily): Interval[] =>
    list.flatMap((a) => {
      if (a === '*') return [{ lo: 0n, hi: f === 'ipv4' ? (1n << 32n) - 1n : (1n << 128n) - 1n }];
      const p = parseCidr(a);
      return p.family === f ? [{ lo: p.lo, hi: p.hi }] : [];
    });
  const portIv = (list: string[]): Interval[] =>
    list.map((p) => {
      if (p === '*') return { lo: 0n, hi: 65535n };
      const [a, b] = p.split('-').map((x) => BigInt(x));
      return { lo: a!, hi: b ?? a! };
    });
  for (const r of nsgRules(root)) {
    if (r.access !== 'Allow') continue;
    const proto = r.attrs.get('protocol') as string;
    const transports: Transport[] = proto === '*' ? ['TCP', 'UDP'] : [proto.toUpperCase() as Transport];
    const src = listOf(r.attrs, 'source_address_prefix', 'source_address_prefixes');
    const dst = listOf(r.attrs, 'destination_address_prefix', 'destination_address_prefixes');
    const fams = new Set([...src, ...dst].filter((a) => a !== '*').map((a) => parseCidr(a).family));
    assert.ok(fams.size <= 1, `${r.name}: one address family per rule`);
    const sp = portIv(listOf(r.attrs, 'source_port_range', 'source_port_ranges'));
    const dp = portIv(listOf(r.attrs, 'destination_port_range', 'destination_port_ranges'));
    for (const family of ['ipv4', 'ipv6'] as AddressFamily[])
      for (const transport of transports)
        for (const source of addrs(src, family))
          for (const sourcePort of sp)
            for (const destination of addrs(dst, family))
              for (const destinationPort of dp)
                out.push({ direction: r.direction === 'Inbound' ? 'in' : 'out', family, transport, source, sourcePort, destination, destinationPort });
  }
  return out;
}

/** A policy with `n` single-port rules (for priority exhaustion). */
function many(n: number): Policy {
  const p = internal();
  p.rules = Array.from({ length: n }, (_, i) => rule(`r${i + 1}`, 'in', 'TCP', [EDGE_INT], 'Any', FE, [10000 + i], `req.${i}`, INT, 1));
  return p;
}

// ---- tests ------------------------------------------------------------------------------------------

test('azure: output is deterministic and byte-identical for equal policies', () => {
  for (const make of [external, internal]) {
    const a = azureRenderer.render(make());
    assert.equal(azureRenderer.render(make()), a);
    assert.equal(azureRenderer.render(structuredClone(make())), a);
  }
});

test('azure: the HCL is well-formed (reader, and terraform fmt where installed)', (t) => {
  for (const make of [external, internal]) {
    const text = azureRenderer.render(make());
    const root = parseHcl(text);
    const labels = root.blocks.map((b) => `${b.type}.${b.labels.join('.')}`);
    assert.equal(new Set(labels).size, labels.length, 'block labels unique');
    const fmt = terraformFmt(text);
    if (!fmt.available) t.diagnostic('terraform is not installed: syntax checked by the test reader only');
    else assert.ok(fmt.ok, `terraform fmt: ${fmt.output}`);
  }
});

test('azure: the allow rules are exactly the policy (least privilege and completeness)', () => {
  for (const make of [external, internal]) {
    const policy = make();
    const cmp = compareBoxes(azureBoxes(parseHcl(azureRenderer.render(policy))), expandPolicy(policy));
    assert.deepEqual(cmp.excess.map(formatBox), [], `${policy.firewall}: nothing beyond the policy`);
    assert.deepEqual(cmp.missing.map(formatBox), [], `${policy.firewall}: nothing of the policy missing`);
  }
});

test('azure: priorities are unique, ascending in rule order, within 100-4096, closed by deny rules', () => {
  for (const make of [external, internal]) {
    const rules = nsgRules(parseHcl(azureRenderer.render(make())));
    const prios = rules.map((r) => r.priority);
    assert.equal(new Set(prios).size, prios.length, 'unique across the whole NSG');
    for (const d of ['Inbound', 'Outbound']) {
      const ds = rules.filter((r) => r.direction === d).map((r) => r.priority);
      assert.equal(new Set(ds).size, ds.length, `unique per direction (${d})`);
    }
    assert.ok(prios.every((p) => Number.isInteger(p) && p >= 100 && p <= 4096));
    const allows = rules.filter((r) => r.access === 'Allow').map((r) => r.priority);
    assert.deepEqual(allows, allows.map((_, i) => 100 + 10 * i), 'from 100 in steps of 10, in rule order');
    const denies = rules.filter((r) => r.access === 'Deny');
    assert.deepEqual(denies.map((r) => [r.direction, r.priority]), [['Inbound', 4095], ['Outbound', 4096]]);
    assert.ok(Math.max(...allows) < 4095, 'allows come before the closing deny rules');
    const names = rules.map((r) => r.name);
    assert.equal(new Set(names).size, names.length, 'rule names unique');
  }
});

test('azure: priority start and step are options; exhaustion is an error', () => {
  const rules = nsgRules(parseHcl(azureRenderer.render(internal(), { priorityStart: 1000, priorityStep: 5 } as never)));
  assert.deepEqual(rules.filter((r) => r.access === 'Allow').map((r) => r.priority), [1000, 1005, 1010, 1015]);
  assert.deepEqual(allocatePriorities(400), Array.from({ length: 400 }, (_, i) => 100 + 10 * i));
  assert.throws(() => allocatePriorities(401), /401 rules need priorities up to 4100, beyond 4094 \(at most 400 fit/);
  assert.throws(() => allocatePriorities(3, 50), /start at least 100/);
  assert.throws(() => azureRenderer.render(many(401)), (e: unknown) => e instanceof RenderError && /azure cannot render firewall internal: 401 rules/.test(e.message));
  const dense = nsgRules(parseHcl(azureRenderer.render(many(401), { priorityStep: 1 } as never)));
  const prios = dense.map((r) => r.priority);
  assert.equal(new Set(prios).size, prios.length);
  assert.equal(Math.max(...dense.filter((r) => r.access === 'Allow').map((r) => r.priority)), 500);
});

test('azure: one NSG rule per address family and transport', () => {
  const rules = nsgRules(parseHcl(azureRenderer.render(external())));
  assert.deepEqual(rules.filter((r) => r.name.startsWith('r5-')).map((r) => [r.name, r.attrs.get('destination_address_prefix')]), [
    ['r5-tcp-v4', ACCESS],
    ['r5-tcp-v6', ACCESS6],
  ]);
  assert.deepEqual(rules.filter((r) => r.name.startsWith('r4-')).map((r) => r.attrs.get('protocol')), ['Tcp', 'Udp']);
  // IPv4-only Any to Any names the family instead of '*' on both sides.
  const r9 = rules.find((r) => r.name.startsWith('r9-'))!;
  assert.equal(r9.attrs.get('source_address_prefix'), '0.0.0.0/0');
  // Source ports are expressed.
  assert.equal(rules.find((r) => r.name.startsWith('r8-'))!.attrs.get('source_port_range'), '3478');
  assert.deepEqual(rules.find((r) => r.name.startsWith('r3-'))!.attrs.get('destination_port_ranges'), ['3478', '50000-59999']);
});

test('azure: descriptions name the requirement within Azure limits', () => {
  for (const r of nsgRules(parseHcl(azureRenderer.render(external())))) {
    const d = r.attrs.get('description') as string;
    assert.ok(d.length <= 140, `${r.name}: description at most 140 characters`);
    assert.ok(r.name.length <= 80 && /^[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_]$/.test(r.name), `rule name ${r.name}`);
    if (r.access === 'Allow') assert.match(d, /2010\.ext\./);
  }
});

test('azure: resource group and location are variables or given expressions', () => {
  const declared = azureRenderer.render(internal());
  assert.match(declared, /^variable "internal_resource_group_name" \{$/m);
  assert.match(declared, /^variable "internal_location" \{$/m);
  const given = azureRenderer.render(internal(), { resourceGroupName: 'azurerm_resource_group.lync.name', location: '"westeurope"' } as never);
  assert.doesNotMatch(given, /^variable /m);
  assert.match(given, /resource_group_name += azurerm_resource_group\.lync\.name$/m);
});

test('azure: refuses load balancers and drop rules, with reasons', () => {
  const lb: Policy = { ...internal(), firewall: 'load-balancer', kind: 'load-balancer' };
  assert.match(azureRenderer.canServe(lb) as string, /load-balancer is a load-balancer firewall/);
  assert.throws(() => azureRenderer.render(lb), (e: unknown) => e instanceof RenderError && /azure cannot render firewall load-balancer/.test(e.message));
  const withDrop = internal();
  withDrop.rules[0] = { ...withDrop.rules[0]!, action: 'drop' };
  assert.match(azureRenderer.canServe(withDrop) as string, /rule r1 is a drop rule/);
  assert.equal(azureRenderer.canServe(internal()), true);
});

test('azure: the reference deployment renders its perimeter and host firewalls, allowing exactly their flows', () => {
  const flows = referenceFlows();
  const served = buildPolicies(flows).filter((p) => azureRenderer.canServe(p) === true);
  assert.deepEqual(served.map((p) => p.firewall), ['external', 'internal', 'host-frontend']);
  for (const policy of served) {
    const cmp = compareBoxes(azureBoxes(parseHcl(azureRenderer.render(policy))), expandFlows(flows.filter((f) => f.firewall === policy.firewall)));
    assert.deepEqual([...cmp.excess, ...cmp.missing].map(formatBox), [], policy.firewall);
  }
});
