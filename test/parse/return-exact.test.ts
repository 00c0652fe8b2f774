// Conditional RETURN from user chains is exact: for random iptables-save rule sets over a small
// domain (4 addresses, TCP/UDP, 2 source ports, 3 destination ports), the parsed policy's first
// match decides every packet exactly as a direct interpreter of iptables' chain semantics does
// (jump, RETURN, fall-through to the caller, the base chain's policy). Property test against brute force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIptables } from '../../src/parse/iptables.ts';
import { boxContains, type PacketPoint } from '../../src/analysis/box.ts';
import { ruleBoxes } from '../../src/analysis/ir-boxes.ts';
import type { Policy } from '../../src/policy/types.ts';

interface Cond { s?: [number, number, boolean]; d?: [number, number, boolean]; p?: 'tcp' | 'udp'; sport?: [number, number, boolean]; dport?: [number, number, boolean] }
/** `goto`: -g rather than -j (user chains only). */
interface Rule { cond: Cond; target: string; goto?: boolean }
interface Pkt { src: number; dst: number; proto: 'tcp' | 'udp'; sport: number; dport: number }

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CIDRS: [number, number][] = [[0, 0], [1, 1], [2, 2], [3, 3], [0, 1], [2, 3], [0, 3]]; // /32, /31, /30 of 10.0.0.0/30
const cidrText = ([a, b]: [number, number]) => `10.0.0.${a}/${b === a ? 32 : b - a === 1 ? 31 : 30}`;

function randomRule(r: () => number, targets: string[]): Rule {
  const cond: Cond = {};
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  if (r() < 0.5) cond.s = [...pick(CIDRS), r() < 0.2];
  if (r() < 0.4) cond.d = [...pick(CIDRS), r() < 0.2];
  if (r() < 0.6) {
    cond.p = r() < 0.5 ? 'tcp' : 'udp';
    if (r() < 0.4) { const a = 1 + Math.floor(r() * 2); cond.sport = [a, a, r() < 0.2]; }
    if (r() < 0.6) { const a = 1 + Math.floor(r() * 3); cond.dport = [a, Math.min(3, a + Math.floor(r() * 2)), r() < 0.2]; }
  }
  const target = pick(targets);
  // `G:A` in the list of targets: -g A.
  return target.startsWith('G:') ? { cond, target: target.slice(2), goto: true } : { cond, target };
}

function ruleText(chain: string, x: Rule): string {
  const c = x.cond;
  const neg = (n: boolean) => (n ? '! ' : '');
  const parts = [`-A ${chain}`];
  if (c.s) parts.push(`${neg(c.s[2])}-s ${cidrText([c.s[0], c.s[1]])}`);
  if (c.d) parts.push(`${neg(c.d[2])}-d ${cidrText([c.d[0], c.d[1]])}`);
  if (c.p) parts.push(`-p ${c.p}`);
  if (c.sport) parts.push(`${neg(c.sport[2])}--sport ${c.sport[0]}`);
  if (c.dport) parts.push(`${neg(c.dport[2])}--dport ${c.dport[0] === c.dport[1] ? c.dport[0] : `${c.dport[0]}:${c.dport[1]}`}`);
  parts.push(`${x.goto ? '-g' : '-j'} ${x.target}`);
  return parts.join(' ');
}

const within = (v: number, [a, b, n]: [number, number, boolean]) => (v >= a && v <= b) !== n;
function matches(c: Cond, p: Pkt): boolean {
  return (!c.s || within(p.src, c.s)) && (!c.d || within(p.dst, c.d)) && (!c.p || c.p === p.proto) &&
    (!c.sport || within(p.sport, c.sport)) && (!c.dport || within(p.dport, c.dport));
}

/** iptables itself, for one packet: 'accept' | 'drop' | 'return' (fell off / returned). */
function run(chains: Record<string, Rule[]>, chain: string, p: Pkt): 'accept' | 'drop' | 'return' {
  for (const x of chains[chain]!) {
    if (!matches(x.cond, p)) continue;
    if (x.target === 'ACCEPT') return 'accept';
    if (x.target === 'DROP') return 'drop';
    if (x.target === 'RETURN') return 'return';
    // -g pushes no return address: whatever the chain comes to (a return too) is this chain's end.
    if (x.goto) return run(chains, x.target, p);
    const v = run(chains, x.target, p);
    if (v !== 'return') return v;
  }
  return 'return';
}

function firstMatch(policy: Policy, p: Pkt): 'accept' | 'drop' {
  const pt: PacketPoint = { family: 'ipv4', protocol: p.proto === 'tcp' ? 'TCP' : 'UDP', src: 0x0a000000n + BigInt(p.src), srcPort: p.sport, dst: 0x0a000000n + BigInt(p.dst), dstPort: p.dport };
  for (const r of policy.rules) if (ruleBoxes(r).some((b) => boxContains(b, pt))) return r.action === 'accept' ? 'accept' : 'drop';
  return policy.defaultAction;
}

/** 300 random rule sets of FORWARD and user chains A, B, C with the given targets, each against every packet of the domain. */
function againstBruteForce(targets: { FORWARD: string[]; A: string[]; B: string[]; C: string[] }): { returns: number; gotos: number } {
  const packets: Pkt[] = [];
  for (let src = 0; src < 4; src++) for (let dst = 0; dst < 4; dst++) for (const proto of ['tcp', 'udp'] as const)
    for (let sport = 1; sport <= 2; sport++) for (let dport = 1; dport <= 3; dport++) packets.push({ src, dst, proto, sport, dport });
  let returns = 0, gotos = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const chains: Record<string, Rule[]> = {
      FORWARD: [...Array(1 + Math.floor(r() * 4))].map(() => randomRule(r, targets.FORWARD)),
      A: [...Array(1 + Math.floor(r() * 5))].map(() => randomRule(r, targets.A)),
      B: [...Array(1 + Math.floor(r() * 4))].map(() => randomRule(r, targets.B)),
      C: [...Array(1 + Math.floor(r() * 3))].map(() => randomRule(r, targets.C)),
    };
    const policyAction = r() < 0.5 ? 'ACCEPT' : 'DROP';
    const text = ['*filter', `:INPUT ACCEPT [0:0]`, `:FORWARD ${policyAction} [0:0]`, ':OUTPUT ACCEPT [0:0]', ':A - [0:0]', ':B - [0:0]', ':C - [0:0]',
      ...Object.entries(chains).flatMap(([name, rules]) => rules.map((x) => ruleText(name, x))), 'COMMIT', ''].join('\n');
    returns += Object.values(chains).flat().filter((x) => x.target === 'RETURN' && Object.keys(x.cond).length > 0).length;
    gotos += [...chains.A!, ...chains.B!].filter((x) => x.goto).length;
    const parsed = parseIptables(text, `seed-${seed}`, { family: 'ipv4' });
    assert.deepEqual(parsed.warnings, [], text);
    const fwd = parsed.policies.find((p) => p.firewall === 'filter FORWARD')!;
    for (const p of packets) {
      const real = run(chains, 'FORWARD', p);
      const expected = real === 'return' ? (policyAction === 'ACCEPT' ? 'accept' : 'drop') : real;
      assert.equal(firstMatch(fwd, p), expected, `seed ${seed}, packet ${JSON.stringify(p)}\n${text}`);
    }
  }
  return { returns, gotos };
}

test('goto (-g) from called chains and from the base chain: the goto\'d chain\'s end returns to the caller of the chain that went (300 random rule sets)', () => {
  const { returns, gotos } = againstBruteForce({
    FORWARD: ['ACCEPT', 'DROP', 'A', 'G:A', 'G:B', 'RETURN'],
    A: ['ACCEPT', 'DROP', 'RETURN', 'G:B', 'B', 'G:C'],
    B: ['ACCEPT', 'DROP', 'RETURN', 'G:C', 'C'],
    C: ['ACCEPT', 'DROP', 'RETURN'],
  });
  assert.ok(gotos > 200 && returns > 200, `the generator makes gotos inside called chains (${gotos}) and conditional RETURNs (${returns})`);
});

test('conditional RETURN: parsed first match equals iptables semantics on every packet of a small domain (300 random rule sets)', () => {
  const packets: Pkt[] = [];
  for (let src = 0; src < 4; src++) for (let dst = 0; dst < 4; dst++) for (const proto of ['tcp', 'udp'] as const)
    for (let sport = 1; sport <= 2; sport++) for (let dport = 1; dport <= 3; dport++) packets.push({ src, dst, proto, sport, dport });
  let returns = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const chains: Record<string, Rule[]> = {
      FORWARD: [...Array(1 + Math.floor(r() * 4))].map(() => randomRule(r, ['ACCEPT', 'DROP', 'A', 'B', 'A', 'RETURN'])),
      A: [...Array(1 + Math.floor(r() * 5))].map(() => randomRule(r, ['ACCEPT', 'DROP', 'RETURN', 'RETURN', 'B'])),
      B: [...Array(1 + Math.floor(r() * 4))].map(() => randomRule(r, ['ACCEPT', 'DROP', 'RETURN'])),
    };
    const policyAction = r() < 0.5 ? 'ACCEPT' : 'DROP';
    const text = ['*filter', `:INPUT ACCEPT [0:0]`, `:FORWARD ${policyAction} [0:0]`, ':OUTPUT ACCEPT [0:0]', ':A - [0:0]', ':B - [0:0]',
      ...Object.entries(chains).flatMap(([name, rules]) => rules.map((x) => ruleText(name, x))), 'COMMIT', ''].join('\n');
    returns += Object.values(chains).flat().filter((x) => x.target === 'RETURN' && Object.keys(x.cond).length > 0).length;
    const parsed = parseIptables(text, `seed-${seed}`, { family: 'ipv4' });
    assert.deepEqual(parsed.warnings, [], text);
    const fwd = parsed.policies.find((p) => p.firewall === 'filter FORWARD')!;
    for (const p of packets) {
      const real = run(chains, 'FORWARD', p);
      const expected = real === 'return' ? (policyAction === 'ACCEPT' ? 'accept' : 'drop') : real;
      assert.equal(firstMatch(fwd, p), expected, `seed ${seed}, packet ${JSON.stringify(p)}\n${text}`);
    }
  }
  assert.ok(returns > 200, `the generator makes conditional RETURNs (${returns})`);
});

test('conditional returns that would multiply without bound are skipped with a warning, in bounded time', () => {
  // 40 returns on growing boxes of source, destination and both ports: each splits every branch
  // the earlier ones left, and the branches grow far beyond the bound.
  const lines = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':A - [0:0]', '-A FORWARD -j A'];
  for (let i = 0; i < 40; i++) lines.push(`-A A -s 10.0.0.0/${31 - (i % 24)} -d 10.1.0.0/${31 - (i % 24)} -p tcp --sport 1:${100 * (i + 1)} --dport 1:${100 * (i + 1)} -j RETURN`);
  lines.push('-A A -p tcp -j ACCEPT', 'COMMIT', '');
  const r = parseIptables(lines.join('\n'), 'many', { family: 'ipv4' });
  const skipped = r.warnings.filter((w) => /more than 1024 branches to follow in this chain; rule skipped$/.test(w.message));
  assert.ok(skipped.length > 0 && skipped.length < 40, String(skipped.length));
  assert.equal(new Set(skipped.map((w) => w.line)).size, skipped.length, 'one warning per rule');
  assert.ok(r.policies.find((p) => p.firewall === 'filter FORWARD')!.rules.length > 0);
});
