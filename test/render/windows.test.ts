// The windows target: PowerShell New-NetFirewallRule scripts for host firewalls. No PowerShell
// here, so a small reader parses every line back and the rules are compared with the policy as
// address/port/transport tuples (least privilege and completeness at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Citation, Direction, Transport } from '../../src/catalog/types.ts';
import { compareBoxes, expandFlows, expandPolicy, formatBox, type TupleBox } from '../../src/policy/expand.ts';
import { parseCidr } from '../../src/net/address.ts';
import type { Interval } from '../../src/net/interval-set.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../../src/policy/types.ts';
import { RenderError } from '../../src/render/types.ts';
import { windowsRenderer } from '../../src/render/windows.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import { referenceFlows } from '../policy/reference-flows.ts';
import type { AddressFamily } from '../../src/net/family.ts';
import { EDGE_INT, FE, type Ports } from '../support/reference-policy.ts';

// ---- a host policy modelled on the Front End servers of 004 / reference architecture 1 of 002 ----

const FE6 = '2001:db8:10::90';
const cite = (row: number): Citation => ({ document: '004_8b5a42377f2fcd8b.txt', table: 'Required Server Ports (by Server Role)', row });

function addr(a: 'Any' | string[], group?: string): AddressMatch {
  return a === 'Any' ? { any: true } : { any: false, addresses: a, ...(group ? { group } : {}) };
}
function ports(p: Ports, group?: string): PortMatch {
  if (p === 'Any') return { any: true };
  return { any: false, ports: p.map((x) => (typeof x === 'number' ? { from: x, to: x } : { from: x[0], to: x[1] })), ...(group ? { group } : {}) };
}
function rule(
  id: string, direction: Direction, transport: Transport | 'any', src: 'Any' | string[], sport: Ports, dst: 'Any' | string[], dport: Ports,
  comment: string, requirement: string, row: number, family?: AddressFamily | 'any',
): PolicyRule {
  const all = [...(src === 'Any' ? [] : src), ...(dst === 'Any' ? [] : dst)];
  return {
    id, action: 'accept', direction, transport,
    family: family ?? (all.length === 0 ? 'any' : all[0]!.includes(':') ? 'ipv6' : 'ipv4'),
    source: addr(src), sourcePorts: ports(sport), destination: addr(dst), destinationPorts: ports(dport),
    comment: `${id}: ${comment}; requirements ${requirement}`, requirements: [requirement], citations: [cite(row)],
  };
}

function frontEnd(): Policy {
  return {
    firewall: 'host-frontend',
    kind: 'host',
    defaultAction: 'drop',
    stateful: true,
    addressGroups: [{ name: 'front_end_pool_pool1', addresses: FE }],
    portGroups: [{ name: 'av_ports', ports: [{ from: 49152, to: 57500 }] }],
    rules: [
      rule('r1', 'in', 'TCP', 'Any', 'Any', FE, [443, 444, 5061], 'Any -> Front End pool pool1, HTTPS, SIP (TLS)', '2010.host.fe.sip-5061', 1),
      rule('r2', 'in', 'UDP', 'Any', 'Any', FE, [[49152, 57500]], 'Any -> Front End pool pool1, RTP', '2010.host.fe.av-udp', 2),
      rule('r3', 'in', 'UDP', [EDGE_INT], [3478], FE, [[49152, 57500]], "edge internal -> Front End, STUN/MSTURN (edge's source port)", '2010.host.fe.stun', 3),
      rule('r4', 'out', 'TCP', FE, 'Any', [EDGE_INT], [[5061, 5062]], 'Front End -> edge internal, SIP (MTLS)', '2010.host.fe.sip-out', 4),
      rule('r5', 'in', 'TCP', 'Any', 'Any', [FE6], [5061], 'Any -> Front End (IPv6), SIP (MTLS)', '2010.host.fe.sip-5061-v6', 1),
      rule('r6', 'in', 'any', ['192.168.20.0/24'], 'Any', FE, [135], 'management network -> Front End, DCOM', '2010.host.fe.dcom', 5),
      rule('r7', 'in', 'TCP', 'Any', 'Any', 'Any', [8080], 'Any -> this host (IPv4 only), HTTP', '2010.host.fe.http-v4', 6, 'ipv4'),
    ],
  };
}

// ---- a small PowerShell reader (test only) ------------------------------------------------------

/** Splits a command line into words; single-quoted strings keep spaces, '' is a quote. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === "'" && line[i + 1] === "'") { cur += "''"; i++; }
      else if (ch === "'") { quoted = false; cur += ch; }
      else cur += ch;
    } else if (ch === "'") { quoted = true; started = true; cur += ch; }
    else if (ch === ' ') { if (started) out.push(cur); cur = ''; started = false; }
    else { cur += ch; started = true; }
  }
  assert.equal(quoted, false, `unbalanced quote in: ${line}`);
  if (started) out.push(cur);
  return out;
}

/** A parameter value: a comma list of 'quoted' strings or bare words. */
function values(raw: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'')*)'|([^,']+)/g;
  let m: RegExpExecArray | null;
  let consumed = '';
  while ((m = re.exec(raw))) {
    out.push(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!);
    consumed += m[0];
  }
  assert.equal(raw.replace(/,/g, ''), consumed.replace(/,/g, ''), `unparsable value ${raw}`);
  return out;
}

interface PsRule {
  params: Map<string, string[]>;
}

const NEW_PARAMS = ['Name', 'DisplayName', 'Group', 'Direction', 'Protocol', 'LocalAddress', 'RemoteAddress', 'LocalPort', 'RemotePort', 'Profile', 'Action', 'Enabled', 'Description'];

/** Every line must be a comment, blank, the preference line, the removal or one rule. */
function readScript(text: string): { group: string; rules: PsRule[]; removeLine: number; firstRuleLine: number } {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'script ends with a newline');
  let group = '';
  let removeLine = -1;
  let firstRuleLine = -1;
  const rules: PsRule[] = [];
  lines.forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    assert.match(line, /^[\x20-\x7e]*$/, `line ${i + 1} is printable ASCII`);
    if (line === "$ErrorActionPreference = 'Stop'") return;
    const w = words(line);
    if (w[0] === 'Remove-NetFirewallRule') {
      assert.equal(w.length, 5, line);
      assert.equal(w[1], '-Group');
      assert.deepEqual(w.slice(3), ['-ErrorAction', 'SilentlyContinue']);
      group = values(w[2]!)[0]!;
      removeLine = i;
      return;
    }
    assert.equal(w[0], 'New-NetFirewallRule', `line ${i + 1}: unexpected command ${w[0]}`);
    assert.deepEqual(w.slice(-2), ['|', 'Out-Null'], `line ${i + 1} pipes to Out-Null`);
    const params = new Map<string, string[]>();
    const body = w.slice(1, -2);
    assert.equal(body.length % 2, 0, `line ${i + 1}: parameters come in pairs`);
    for (let k = 0; k < body.length; k += 2) {
      const name = body[k]!.replace(/^-/, '');
      assert.ok(body[k]!.startsWith('-') && NEW_PARAMS.includes(name), `line ${i + 1}: unknown parameter ${body[k]}`);
      assert.ok(!params.has(name), `line ${i + 1}: ${name} given twice`);
      params.set(name, values(body[k + 1]!));
    }
    if (firstRuleLine < 0) firstRuleLine = i;
    rules.push({ params });
  });
  return { group, rules, removeLine, firstRuleLine };
}

// ---- tuples of the parsed rules ------------------------------------------------------------------

const FULL: Record<AddressFamily, Interval> = { ipv4: { lo: 0n, hi: (1n << 32n) - 1n }, ipv6: { lo: 0n, hi: (1n << 128n) - 1n } };

function addrIntervals(list: string[], family: AddressFamily): Interval[] {
  return list.flatMap((a) => {
    if (a === 'Any') return [FULL[family]];
    if (a.includes('-') && !a.includes('/')) {
      const [lo, hi] = a.split('-').map((x) => parseCidr(x));
      return lo!.family === family ? [{ lo: lo!.lo, hi: hi!.hi }] : [];
    }
    const p = parseCidr(a);
    return p.family === family ? [{ lo: p.lo, hi: p.hi }] : [];
  });
}
function portIntervals(list: string[] | undefined): Interval[] {
  if (!list) return [{ lo: 0n, hi: 65535n }];
  return list.map((p) => {
    if (p === 'Any') return { lo: 0n, hi: 65535n };
    const [a, b] = p.split('-').map((x) => BigInt(x));
    return { lo: a!, hi: b ?? a! };
  });
}

function boxes(rules: PsRule[]): TupleBox[] {
  const out: TupleBox[] = [];
  for (const { params } of rules) {
    const get = (k: string) => params.get(k);
    const inbound = get('Direction')![0] === 'Inbound';
    const proto = get('Protocol')![0]!;
    const transports: Transport[] = proto === 'Any' ? ['TCP', 'UDP'] : [proto as Transport];
    const [src, sp, dst, dp] = inbound
      ? [get('RemoteAddress')!, get('RemotePort'), get('LocalAddress')!, get('LocalPort')]
      : [get('LocalAddress')!, get('LocalPort'), get('RemoteAddress')!, get('RemotePort')];
    for (const family of ['ipv4', 'ipv6'] as AddressFamily[])
      for (const transport of transports)
        for (const source of addrIntervals(src, family))
          for (const sourcePort of portIntervals(sp))
            for (const destination of addrIntervals(dst, family))
              for (const destinationPort of portIntervals(dp))
                out.push({ direction: inbound ? 'in' : 'out', family, transport, source, sourcePort, destination, destinationPort });
  }
  return out;
}

// ---- tests ----------------------------------------------------------------------------------------

test('windows: the script is deterministic and byte-identical for equal policies', () => {
  const a = windowsRenderer.render(frontEnd());
  assert.equal(windowsRenderer.render(frontEnd()), a);
  assert.equal(windowsRenderer.render(structuredClone(frontEnd())), a);
});

test('windows: every line parses as a command of the expected shape', () => {
  const { group, rules, removeLine, firstRuleLine } = readScript(windowsRenderer.render(frontEnd()));
  assert.equal(group, 'Portolan - Lync Front End');
  assert.ok(removeLine >= 0 && removeLine < firstRuleLine, 'the group is removed before rules are added (idempotent)');
  // One rule per policy rule and transport: r6 (any transport, with a port) becomes TCP and UDP.
  assert.equal(rules.length, 8);
  for (const { params } of rules) {
    assert.deepEqual(params.get('Group'), [group]);
    assert.ok(['Inbound', 'Outbound'].includes(params.get('Direction')![0]!));
    assert.ok(['TCP', 'UDP'].includes(params.get('Protocol')![0]!));
    assert.deepEqual(params.get('Action'), ['Allow']);
    assert.deepEqual(params.get('Profile'), ['Domain']);
    for (const p of [...params.get('LocalPort')!, ...params.get('RemotePort')!]) assert.match(p, /^(Any|\d+(-\d+)?)$/);
  }
  const names = rules.map((r) => r.params.get('Name')![0]);
  assert.equal(new Set(names).size, names.length, 'rule names are unique');
});

test('windows: the rules allow exactly the policy (least privilege and completeness)', () => {
  const policy = frontEnd();
  const cmp = compareBoxes(boxes(readScript(windowsRenderer.render(policy)).rules), expandPolicy(policy));
  assert.deepEqual(cmp.excess.map(formatBox), [], 'nothing beyond the policy');
  assert.deepEqual(cmp.missing.map(formatBox), [], 'nothing of the policy missing');
});

test('windows: local and remote sides follow the direction; ranges are written as from-to', () => {
  const { rules } = readScript(windowsRenderer.render(frontEnd()));
  const byName = (n: string) => rules.find((r) => r.params.get('Name')![0] === n)!.params;
  const r3 = byName('Portolan-host-frontend-r3');
  assert.deepEqual(r3.get('Direction'), ['Inbound']);
  assert.deepEqual(r3.get('RemoteAddress'), [EDGE_INT]);
  assert.deepEqual(r3.get('RemotePort'), ['3478']);
  assert.deepEqual(r3.get('LocalAddress'), FE);
  assert.deepEqual(r3.get('LocalPort'), ['49152-57500']);
  const r4 = byName('Portolan-host-frontend-r4');
  assert.deepEqual(r4.get('Direction'), ['Outbound']);
  assert.deepEqual(r4.get('LocalAddress'), FE);
  assert.deepEqual(r4.get('RemoteAddress'), [EDGE_INT]);
  assert.deepEqual(r4.get('RemotePort'), ['5061-5062']);
  // IPv4-only Any to Any is written as the IPv4 range, not Any (which would include IPv6).
  assert.deepEqual(byName('Portolan-host-frontend-r7').get('RemoteAddress'), ['0.0.0.0-255.255.255.255']);
  assert.deepEqual(byName('Portolan-host-frontend-r5').get('LocalAddress'), [FE6]);
});

test('windows: descriptions carry the requirement and the citation', () => {
  const { rules } = readScript(windowsRenderer.render(frontEnd()));
  const d = rules[0]!.params.get('Description')![0]!;
  assert.match(d, /2010\.host\.fe\.sip-5061/);
  assert.match(d, /004_8b5a42377f2fcd8b\.txt "Required Server Ports \(by Server Role\)" row 1/);
});

test('windows: quotes and non-ASCII text in comments cannot break the script', () => {
  const policy = frontEnd();
  policy.rules[0]!.comment = "r1: Any -> Front End’s pool 'pool1' — naïve $(Remove-Item C:\\) `n";
  const text = windowsRenderer.render(policy);
  const { rules } = readScript(text);
  assert.equal(rules[0]!.params.get('DisplayName')![0], "r1: Any -> Front End's pool 'pool1' - naive $(Remove-Item C:\\) `n");
  // Single-quoted PowerShell strings do not expand $( ) or backticks.
  assert.ok(!/[^\x0a\x20-\x7e]/.test(text), 'ASCII only');
});

test('windows: profiles and the display group are options', () => {
  const text = windowsRenderer.render(frontEnd(), { profiles: ['Domain', 'Private'], group: 'Lync FE pool1' } as never);
  const { group, rules } = readScript(text);
  assert.equal(group, 'Lync FE pool1');
  assert.deepEqual(rules[0]!.params.get('Profile'), ['Domain', 'Private']);
  assert.throws(() => windowsRenderer.render(frontEnd(), { profiles: ['Work'] } as never), (e: unknown) => e instanceof RenderError && /profile "Work"/.test(e.message));
});

test('windows: refuses perimeter firewalls and drop rules, with reasons', () => {
  const perimeter: Policy = { ...frontEnd(), firewall: 'external', kind: 'perimeter' };
  const why = windowsRenderer.canServe(perimeter);
  assert.equal(typeof why, 'string');
  assert.match(why as string, /external is a perimeter firewall/);
  assert.throws(() => windowsRenderer.render(perimeter), (e: unknown) => e instanceof RenderError && /windows cannot render firewall external/.test(e.message));
  const withDrop = frontEnd();
  withDrop.rules[1] = { ...withDrop.rules[1]!, action: 'drop' };
  assert.match(windowsRenderer.canServe(withDrop) as string, /rule r2 is a drop rule/);
  assert.equal(windowsRenderer.canServe(frontEnd()), true);
  assert.equal(windowsRenderer.extension, '.ps1');
});

test('windows: the reference deployment renders every host firewall, allowing exactly its flows', () => {
  const flows = referenceFlows();
  const served = buildPolicies(flows).filter((p) => windowsRenderer.canServe(p) === true);
  assert.deepEqual(served.map((p) => p.firewall), ['host-frontend']);
  for (const policy of served) {
    const cmp = compareBoxes(boxes(readScript(windowsRenderer.render(policy)).rules), expandFlows(flows.filter((f) => f.firewall === policy.firewall)));
    assert.deepEqual([...cmp.excess, ...cmp.missing].map(formatBox), [], policy.firewall);
  }
});
