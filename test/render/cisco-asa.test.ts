// The cisco-asa target. No ASA here, so a small reader checks every line against the command
// shapes used, resolves object-groups, and expands the ACEs back to tuples for comparison with
// the policy (least privilege and completeness at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Citation, Direction, Transport } from '../../src/catalog/types.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import { compareBoxes, expandFlows, expandPolicy, formatBox, type TupleBox } from '../../src/policy/expand.ts';
import { parseCidr } from '../../src/net/address.ts';
import type { Interval } from '../../src/net/interval-set.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../../src/policy/types.ts';
import { ciscoAsaRenderer } from '../../src/render/cisco-asa.ts';
import { RenderError } from '../../src/render/types.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import { ACCESS, WEBCONF, AV, ACCESS6, EDGE_INT, FE, VIP, DOC, EXT, INT, addr, ports, type Ports } from '../support/reference-policy.ts';

// ---- perimeter policies modelled on reference architecture 1 of 002 ------------------------------



interface Spec {
  id: string; dir: Direction; t: Transport | 'any';
  src: 'Any' | string[]; sp?: Ports; dst: 'Any' | string[]; dp: Ports;
  srcGroup?: string; dstGroup?: string; spGroup?: string; dpGroup?: string;
  what: string; req: string; table: string; row: number;
}
function rule(s: Spec): PolicyRule {
  const all = [...(s.src === 'Any' ? [] : s.src), ...(s.dst === 'Any' ? [] : s.dst)];
  const citation: Citation = { document: DOC, table: s.table, row: s.row };
  return {
    id: s.id, action: 'accept', direction: s.dir, transport: s.t,
    family: all.length === 0 ? 'any' : all[0]!.includes(':') ? 'ipv6' : 'ipv4',
    source: addr(s.src, s.srcGroup), sourcePorts: ports(s.sp ?? 'Any', s.spGroup),
    destination: addr(s.dst, s.dstGroup), destinationPorts: ports(s.dp, s.dpGroup),
    comment: `${s.id}: ${s.what}; requirements ${s.req}; cites ${DOC} "${s.table}" row ${s.row}`,
    requirements: [s.req], citations: [citation],
  };
}

function external(): Policy {
  return {
    firewall: 'external', kind: 'perimeter', defaultAction: 'drop', stateful: true,
    addressGroups: [
      { name: 'edge_access_edge', addresses: [ACCESS] },
      { name: 'edge_external', addresses: [ACCESS, WEBCONF, AV] },
      { name: 'edge_access_edge_v6', addresses: [ACCESS6] },
    ],
    portGroups: [
      { name: 'rtp_ports', ports: [{ from: 50000, to: 59999 }] },
      { name: 'sip_ports', ports: [{ from: 443, to: 443 }, { from: 5061, to: 5061 }] },
    ],
    rules: [
      rule({ id: 'r1', dir: 'in', t: 'TCP', src: 'Any', dst: [ACCESS], dstGroup: 'edge_access_edge', dp: [443, 5061], dpGroup: 'sip_ports', what: 'Any -> Access Edge, SIP (TLS), SIP (MTLS)', req: '2010.ext.access.sip-443-5061.in', table: EXT, row: 3 }),
      rule({ id: 'r2', dir: 'in', t: 'TCP', src: 'Any', dst: [ACCESS, WEBCONF, AV], dstGroup: 'edge_external', dp: [443], what: 'Any -> edge services, HTTPS', req: '2010.ext.edge.443.in', table: EXT, row: 6 }),
      rule({ id: 'r3', dir: 'in', t: 'UDP', src: 'Any', dst: [AV], dp: [3478], what: 'Any -> A/V Edge, STUN/MSTURN', req: '2010.ext.av.stun-3478.in', table: EXT, row: 12 }),
      rule({ id: 'r4', dir: 'in', t: 'any', src: 'Any', dst: [AV], dp: [[50000, 59999]], dpGroup: 'rtp_ports', what: 'Any -> A/V Edge, RTP', req: '2010.ext.av.rtp.in', table: EXT, row: 9 }),
      rule({ id: 'r5', dir: 'in', t: 'TCP', src: 'Any', dst: [ACCESS6], dstGroup: 'edge_access_edge_v6', dp: [443, 5061], dpGroup: 'sip_ports', what: 'Any -> Access Edge (IPv6), SIP', req: '2010.ext.access.sip-443-5061.in', table: EXT, row: 3 }),
      rule({ id: 'r6', dir: 'out', t: 'TCP', src: [AV], sp: [[50000, 59999]], spGroup: 'rtp_ports', dst: 'Any', dp: 'Any', what: 'A/V Edge -> Any, RTP', req: '2010.ext.av.rtp-tcp.out', table: EXT, row: 7 }),
      rule({ id: 'r7', dir: 'out', t: 'UDP', src: [AV], sp: [3478], dst: 'Any', dp: [3478], what: 'A/V Edge -> Any, STUN/MSTURN', req: '2010.ext.av.stun-3478.out', table: EXT, row: 11 }),
      rule({ id: 'r8', dir: 'out', t: 'TCP', src: [ACCESS], dst: 'Any', dp: [5061, 80], what: 'Access Edge -> Any, SIP (MTLS), HTTP', req: '2010.ext.access.out', table: EXT, row: 5 }),
    ],
  };
}

function internal(): Policy {
  return {
    firewall: 'internal', kind: 'perimeter', defaultAction: 'drop', stateful: true,
    addressGroups: [{ name: 'front_end_pool_pool1', addresses: FE }],
    portGroups: [],
    rules: [
      rule({ id: 'r1', dir: 'in', t: 'TCP', src: [EDGE_INT], dst: FE, dstGroup: 'front_end_pool_pool1', dp: [5061], what: 'edge internal -> Front End, SIP (MTLS)', req: '2010.int.access.sip-5061.in', table: INT, row: 1 }),
      rule({ id: 'r2', dir: 'out', t: 'TCP', src: FE, dst: [EDGE_INT], dp: [[5061, 5062], 4443], what: 'Front End -> edge internal, SIP (MTLS), HTTPS', req: '2010.int.fe.out', table: INT, row: 2 }),
      rule({ id: 'r3', dir: 'out', t: 'TCP', src: [VIP, '192.168.10.0/25'], dst: [EDGE_INT], dp: [443], what: 'internal clients -> edge internal, STUN/MSTURN', req: '2010.int.av.stun-443.out', table: INT, row: 7 }),
    ],
  };
}

// ---- a small ASA configuration reader (test only) ------------------------------------------------

interface Asa {
  network: Map<string, string[]>; // name → addresses (CIDR text)
  service: Map<string, { proto: string; ports: Interval[] }>;
  aces: { acl: string; proto: string; src: string[]; sp: Interval[] | null; dst: string[]; dp: Interval[] | null }[];
  remarks: { acl: string; text: string; before: number }[];
  bindings: Map<string, string>; // ACL → interface
}

const maskBits = (mask: string) => mask.split('.').reduce((n, o) => n + Number(o).toString(2).replace(/0/g, '').length, 0);

function readAsa(text: string): Asa {
  const asa: Asa = { network: new Map(), service: new Map(), aces: [], remarks: [], bindings: new Map() };
  let current: { kind: 'network' | 'service'; name: string } | null = null;
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  const fail = (i: number, why: string): never => assert.fail(`line ${i + 1}: ${why}: ${lines[i]}`);

  const address = (w: string[], i: number, at: number): [string[], number] => {
    const t = w[at];
    if (t === 'any') return [['0.0.0.0/0', '::/0'], at + 1];
    if (t === 'any4') return [['0.0.0.0/0'], at + 1];
    if (t === 'any6') return [['::/0'], at + 1];
    if (t === 'host') return [[w[at + 1]!], at + 2];
    if (t === 'object-group') {
      const g = asa.network.get(w[at + 1]!) ?? fail(i, `undeclared network object-group ${w[at + 1]}`);
      return [g, at + 2];
    }
    if (t?.includes('/')) return [[t], at + 1];
    if (t && /^\d+\.\d+\.\d+\.\d+$/.test(t) && /^\d+\.\d+\.\d+\.\d+$/.test(w[at + 1] ?? '')) return [[`${t}/${maskBits(w[at + 1]!)}`], at + 2];
    return fail(i, `no address at word ${at}`);
  };
  const port = (w: string[], i: number, at: number, proto: string): [Interval[] | null, number] => {
    const t = w[at];
    if (t === 'eq') return [[{ lo: BigInt(w[at + 1]!), hi: BigInt(w[at + 1]!) }], at + 2];
    if (t === 'range') return [[{ lo: BigInt(w[at + 1]!), hi: BigInt(w[at + 2]!) }], at + 3];
    if (t === 'object-group' && asa.service.has(w[at + 1]!)) {
      const g = asa.service.get(w[at + 1]!)!;
      if (g.proto !== 'tcp-udp' && g.proto !== proto) fail(i, `${proto} ACE uses ${g.proto} service group`);
      return [g.ports, at + 2];
    }
    return [null, at];
  };

  lines.forEach((line, i) => {
    if (line === '!' || line.startsWith('! ')) return;
    assert.match(line, /^[\x20-\x7e]+$/, `line ${i + 1} printable ASCII`);
    const w = line.trim().split(/\s+/);
    if (line.startsWith(' ')) {
      if (!current) fail(i, 'indented line outside an object-group');
      if (current!.kind === 'network' && w[0] === 'network-object') {
        const a = w[1] === 'host' ? w[2]! : w[1]!.includes('/') ? w[1]! : `${w[1]}/${maskBits(w[2]!)}`;
        parseCidr(a);
        asa.network.get(current!.name)!.push(a);
      } else if (current!.kind === 'service' && w[0] === 'port-object') {
        const iv = w[1] === 'eq' && w.length === 3 ? { lo: BigInt(w[2]!), hi: BigInt(w[2]!) }
          : w[1] === 'range' && w.length === 4 ? { lo: BigInt(w[2]!), hi: BigInt(w[3]!) } : fail(i, 'bad port-object');
        asa.service.get(current!.name)!.ports.push(iv);
      } else fail(i, 'unexpected object line');
      return;
    }
    current = null;
    if (w[0] === 'object-group') {
      const name = w[2]!;
      assert.ok(name.length <= 64, `name ${name} at most 64 characters`);
      assert.ok(!asa.network.has(name) && !asa.service.has(name), `object-group ${name} declared once`);
      if (w[1] === 'network' && w.length === 3) asa.network.set(name, []);
      else if (w[1] === 'service' && w.length === 4 && ['tcp', 'udp', 'tcp-udp'].includes(w[3]!)) asa.service.set(name, { proto: w[3]!, ports: [] });
      else fail(i, 'bad object-group');
      current = { kind: w[1] as 'network' | 'service', name };
      return;
    }
    if (w[0] === 'access-list' && w[2] === 'remark') {
      const text = line.slice(`access-list ${w[1]} remark `.length);
      assert.ok(text.length <= 100, `line ${i + 1}: remark longer than 100 characters`);
      asa.remarks.push({ acl: w[1]!, text, before: asa.aces.length });
      return;
    }
    if (w[0] === 'access-list' && w[2] === 'extended') {
      assert.ok(['permit', 'deny'].includes(w[3]!), 'permit or deny');
      const proto = w[4]!;
      assert.ok(['tcp', 'udp', 'ip'].includes(proto), `protocol ${proto}`);
      let at = 5;
      let src: string[]; let dst: string[]; let sp: Interval[] | null = null; let dp: Interval[] | null = null;
      [src, at] = address(w, i, at);
      if (proto !== 'ip') [sp, at] = port(w, i, at, proto);
      [dst, at] = address(w, i, at);
      if (proto !== 'ip') [dp, at] = port(w, i, at, proto);
      if (at !== w.length) fail(i, 'trailing words');
      if (w[3] === 'permit') asa.aces.push({ acl: w[1]!, proto, src, sp, dst, dp });
      return;
    }
    if (w[0] === 'access-group' && w.length === 5 && w[2] === 'in' && w[3] === 'interface') {
      asa.bindings.set(w[1]!, w[4]!);
      return;
    }
    fail(i, 'not a recognised command');
  });
  return asa;
}

function asaBoxes(asa: Asa, direction: (acl: string) => Direction): TupleBox[] {
  const out: TupleBox[] = [];
  const iv = (a: string, f: AddressFamily): Interval[] => {
    const p = parseCidr(a);
    return p.family === f ? [{ lo: p.lo, hi: p.hi }] : [];
  };
  const full = [{ lo: 0n, hi: 65535n }];
  for (const ace of asa.aces) {
    const transports: Transport[] = ace.proto === 'ip' ? ['TCP', 'UDP'] : [ace.proto.toUpperCase() as Transport];
    for (const family of ['ipv4', 'ipv6'] as AddressFamily[])
      for (const transport of transports)
        for (const source of ace.src.flatMap((a) => iv(a, family)))
          for (const sourcePort of ace.sp ?? full)
            for (const destination of ace.dst.flatMap((a) => iv(a, family)))
              for (const destinationPort of ace.dp ?? full)
                out.push({ direction: direction(ace.acl), family, transport, source, sourcePort, destination, destinationPort });
  }
  return out;
}

const DEFAULT_DIRECTION: Record<string, Record<string, Direction>> = {
  external: { outside_access_in: 'in', dmz_access_in: 'out' },
  internal: { dmz_access_in: 'in', inside_access_in: 'out' },
};

// ---- tests ----------------------------------------------------------------------------------------

test('cisco-asa: output is deterministic and byte-identical for equal policies', () => {
  for (const make of [external, internal]) {
    const a = ciscoAsaRenderer.render(make());
    assert.equal(ciscoAsaRenderer.render(make()), a);
    assert.equal(ciscoAsaRenderer.render(structuredClone(make())), a);
  }
});

test('cisco-asa: the access-lists allow exactly the policy (least privilege and completeness)', () => {
  for (const make of [external, internal]) {
    const policy = make();
    const asa = readAsa(ciscoAsaRenderer.render(policy));
    const cmp = compareBoxes(asaBoxes(asa, (acl) => DEFAULT_DIRECTION[policy.firewall]![acl]!), expandPolicy(policy));
    assert.deepEqual(cmp.excess.map(formatBox), [], `${policy.firewall}: nothing beyond the policy`);
    assert.deepEqual(cmp.missing.map(formatBox), [], `${policy.firewall}: nothing of the policy missing`);
  }
});

test('cisco-asa: one access-list per ingress interface, bound with access-group', () => {
  const asa = readAsa(ciscoAsaRenderer.render(external()));
  assert.deepEqual([...asa.bindings], [['outside_access_in', 'outside'], ['dmz_access_in', 'dmz']]);
  const internalAsa = readAsa(ciscoAsaRenderer.render(internal()));
  assert.deepEqual([...internalAsa.bindings], [['dmz_access_in', 'dmz'], ['inside_access_in', 'inside']]);
});

test('cisco-asa: interface and access-list names are options', () => {
  const text = ciscoAsaRenderer.render(external(), { interfaces: { outside: 'internet', inside: 'perimeter' }, accessLists: { out: 'EDGE_OUT' } } as never);
  const asa = readAsa(text);
  assert.deepEqual([...asa.bindings], [['internet_access_in', 'internet'], ['EDGE_OUT', 'perimeter']]);
  assert.throws(
    () => ciscoAsaRenderer.render(external(), { interfaces: { outside: 'dmz', inside: 'dmz' } } as never),
    (e: unknown) => e instanceof RenderError && /different interfaces/.test(e.message),
  );
});

test('cisco-asa: IR groups become object-groups, with tcp-udp where both transports use them', () => {
  const text = ciscoAsaRenderer.render(external());
  const asa = readAsa(text);
  assert.deepEqual(asa.network.get('edge_external'), [ACCESS, WEBCONF, AV]);
  assert.equal(asa.service.get('sip_ports')!.proto, 'tcp');
  assert.equal(asa.service.get('rtp_ports')!.proto, 'tcp-udp', 'rtp_ports is used by tcp and udp ACEs');
  assert.match(text, /^access-list dmz_access_in extended permit udp host 10\.45\.16\.30 eq 3478 any4 eq 3478$/m);
});

test('cisco-asa: IPv4 and IPv6 share the unified access-list', () => {
  const asa = readAsa(ciscoAsaRenderer.render(external()));
  const outside = asa.aces.filter((a) => a.acl === 'outside_access_in');
  assert.ok(outside.some((a) => a.dst.includes(ACCESS6) && a.src.length === 1 && a.src[0] === '::/0'), 'IPv6 ACE with any6');
  assert.ok(outside.some((a) => a.dst.includes(ACCESS) && a.src[0] === '0.0.0.0/0' && a.src.length === 1), 'IPv4 ACE with any4');
});

test('cisco-asa: every ACE is preceded by remarks naming its requirement and citation', () => {
  const policy = external();
  const asa = readAsa(ciscoAsaRenderer.render(policy));
  // r4 (any transport with ports) is written as a tcp and a udp ACE under one set of remarks.
  const perRule = policy.rules.flatMap((r) => (r.transport === 'any' ? [r, r] : [r]));
  asa.aces.forEach((ace, n) => {
    const r = perRule[n]!;
    const first = perRule.indexOf(r);
    const remarks = asa.remarks.filter((m) => m.acl === ace.acl && m.before === first).map((m) => m.text).join(' ');
    assert.ok(remarks.includes(r.requirements[0]!), `${r.id}: requirement in remarks`);
    assert.ok(remarks.includes(DOC) && remarks.includes(`row ${r.citations[0]!.row}`), `${r.id}: citation in remarks`);
  });
});

test('cisco-asa: a direction without rules is closed explicitly', () => {
  const policy = internal();
  policy.rules = policy.rules.filter((r) => r.direction === 'in');
  const text = ciscoAsaRenderer.render(policy);
  assert.match(text, /^access-list inside_access_in extended deny ip any any$/m);
  assert.match(text, /^access-group inside_access_in in interface inside$/m);
});

test('cisco-asa: refuses host firewalls and drop rules, with reasons', () => {
  const host: Policy = { ...internal(), firewall: 'host-frontend', kind: 'host' };
  assert.match(ciscoAsaRenderer.canServe(host) as string, /host-frontend is a host firewall/);
  assert.throws(() => ciscoAsaRenderer.render(host), (e: unknown) => e instanceof RenderError && /cisco-asa cannot render firewall host-frontend/.test(e.message));
  const withDrop = external();
  withDrop.rules[0] = { ...withDrop.rules[0]!, action: 'drop' };
  assert.match(ciscoAsaRenderer.canServe(withDrop) as string, /rule r1 is a drop rule/);
  assert.equal(ciscoAsaRenderer.canServe(external()), true);
});

test('cisco-asa: the reference deployment renders both perimeter firewalls, allowing exactly their flows', () => {
  const flows = referenceFlows();
  const served = buildPolicies(flows).filter((p) => ciscoAsaRenderer.canServe(p) === true);
  assert.deepEqual(served.map((p) => p.firewall), ['external', 'internal']);
  for (const policy of served) {
    const asa = readAsa(ciscoAsaRenderer.render(policy));
    const cmp = compareBoxes(asaBoxes(asa, (acl) => DEFAULT_DIRECTION[policy.firewall]![acl]!), expandFlows(flows.filter((f) => f.firewall === policy.firewall)));
    assert.deepEqual([...cmp.excess, ...cmp.missing].map(formatBox), [], policy.firewall);
  }
});

test('cisco-asa: object-groups hold the rules\' own members; a name used with different members is refused', () => {
  const policy = external();
  // The IR's declared group list is a label only: the ACE matches what the rule matches.
  policy.addressGroups.find((g) => g.name === 'edge_external')!.addresses.push('10.45.16.99');
  assert.deepEqual(readAsa(ciscoAsaRenderer.render(policy)).network.get('edge_external'), [ACCESS, WEBCONF, AV]);
  policy.rules[2] = { ...policy.rules[2]!, destination: { any: false, addresses: [AV], group: 'edge_external' } };
  assert.throws(() => ciscoAsaRenderer.render(policy), (e: unknown) => e instanceof RenderError && /group edge_external is used with different members/.test(e.message));
});
