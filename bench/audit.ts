// `npm run bench -- audit`: audits seeded synthetic policies of 1k, 10k and 100k rules against
// a fixed set of 200 required flows, 5 runs each. Progress lines first; the last line is JSON.
// (Later this will parse real iptables-save / ASA texts; for now the policy IR is generated.)
import type { Flow } from '../src/flows/types.ts';
import type { Policy, PolicyRule, PortMatch, AddressMatch } from '../src/policy/types.ts';
import { auditPolicy } from '../src/analysis/audit.ts';

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON_PORTS = [443, 80, 5061, 5062, 3478, 53, 8057, 4443, 8080, 444, 22, 3389, 1433, 445, 25, 389, 636, 123, 161, 8443];

function generator(seed: number, subnets: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const subnet = () => Math.floor(r() * subnets);
  const v4net = (s: number) => `10.${(s >> 8) & 255}.${s & 255}`;
  const v6net = (s: number) => `2001:db8:${(s & 0xffff).toString(16)}`;
  const host = (v6: boolean, s: number, h: number) => (v6 ? `${v6net(s)}::${h.toString(16)}` : `${v4net(s)}.${h}`);
  /** A /32 (most), a /24, two hosts, a /16 (few) or any, with the shares given. */
  const address = (v6: boolean, shares: { any: number; wide: number; net: number; pair: number }): AddressMatch => {
    const x = r();
    const s = subnet();
    const h = 1 + Math.floor(r() * 250);
    if (x < shares.any) return { any: true };
    if (x < shares.any + shares.wide) return { any: false, addresses: [v6 ? `${v6net(s & ~255)}::/48` : `10.${(s >> 8) & 255}.0.0/16`] };
    if (x < shares.any + shares.wide + shares.net) return { any: false, addresses: [v6 ? `${v6net(s)}::/64` : `${v4net(s)}.0/24`] };
    if (x < shares.any + shares.wide + shares.net + shares.pair) return { any: false, addresses: [host(v6, s, h), host(v6, s, h + 1)] };
    return { any: false, addresses: [host(v6, s, h)] };
  };
  const single = (): PortMatch => {
    const p = r() < 0.8 ? pick(COMMON_PORTS) : 1024 + Math.floor(r() * 64000);
    return { any: false, ports: [{ from: p, to: p }] };
  };
  const dport = (narrowEnds: boolean): PortMatch => {
    const x = r();
    if (x < 0.75) return single();
    if (x < 0.82) return { any: false, ports: [{ from: 50000, to: 59999 }] };
    if (x < 0.95 || !narrowEnds) {
      const from = 1024 + Math.floor(r() * 60000);
      return { any: false, ports: [{ from, to: Math.min(65535, from + Math.floor(r() * 100)) }] };
    }
    return { any: true };
  };
  const sport = (): PortMatch => (r() < 0.95 ? { any: true } : { any: false, ports: [{ from: 1024, to: 65535 }] });
  const HOST = { any: 0, wide: 0, net: 0, pair: 0 };
  const rule = (i: number): PolicyRule => {
    const v6 = r() < 0.1;
    const t = r();
    const kind = r();
    let source: AddressMatch;
    let destination: AddressMatch;
    let destinationPorts: PortMatch;
    if (kind < 0.05) {
      // a published service: anyone to one server or subnet, one port
      source = { any: true };
      destination = address(v6, { any: 0, wide: 0, net: 0.2, pair: 0.1 });
      destinationPorts = single();
    } else if (kind < 0.06) {
      // a server going out to anywhere on one port
      source = address(v6, HOST);
      destination = { any: true };
      destinationPorts = single();
    } else {
      source = address(v6, { any: 0, wide: 0.005, net: 0.3, pair: 0.05 });
      destination = address(v6, { any: 0, wide: 0.003, net: 0.25, pair: 0.05 });
      const narrow = !source.any && !destination.any && source.addresses.every((a) => !a.includes('/')) && destination.addresses.every((a) => !a.includes('/'));
      destinationPorts = dport(narrow);
    }
    return {
      id: `r${i}`,
      action: r() < 0.85 ? 'accept' : pick(['drop', 'reject'] as const),
      family: v6 ? 'ipv6' : 'ipv4',
      transport: t < 0.5 ? 'TCP' : t < 0.9 ? 'UDP' : 'any',
      direction: 'in',
      source,
      sourcePorts: sport(),
      destination,
      destinationPorts,
      comment: '',
      requirements: [],
      citations: [],
      origin: { file: 'synthetic', line: i + 1 },
      hits: r() < 0.1 ? 0 : Math.floor(r() * 1000),
    };
  };
  return { r, rule, address, pick };
}

function policyOf(n: number, flows: readonly Flow[]): Policy {
  const g = generator(n, Math.max(64, Math.floor(n / 8)));
  const rules = Array.from({ length: n }, (_, i) => g.rule(i));
  // Half the required flows get an accept rule of their own, somewhere in the list, as in
  // a policy that was maintained by hand: some flows allowed, some partly, some not at all.
  flows.forEach((f, k) => {
    if (k % 2 === 1) return;
    const at = Math.floor(g.r() * n);
    const m = (a: string[] | 'Any'): AddressMatch => (a === 'Any' ? { any: true } : { any: false, addresses: a });
    const port = (p: Flow['destinationPort']): PortMatch => (p === 'Any' ? { any: true } : { any: false, ports: [p] });
    rules[at] = { ...rules[at]!, action: 'accept', family: f.family, transport: f.transport, source: m(f.source), sourcePorts: port(f.sourcePort), destination: m(f.destination), destinationPorts: port(f.destinationPort) };
  });
  return {
    firewall: 'external',
    kind: 'perimeter',
    rules,
    defaultAction: 'drop',
    stateful: true,
    addressGroups: [],
    portGroups: [],
  };
}

/** 200 flows in the same address plan as the rules, so some are allowed, some not. */
function requiredFlows(): Flow[] {
  const g = generator(7, 1024);
  return Array.from({ length: 200 }, (_, i) => {
    const v6 = g.r() < 0.1;
    const src: AddressMatch = g.r() < 0.3 ? { any: true } : g.address(v6, { any: 0, wide: 0, net: 0.2, pair: 0.1 });
    const dst = g.address(v6, { any: 0, wide: 0, net: 0.1, pair: 0.1 });
    const port = g.pick(COMMON_PORTS);
    return {
      firewall: 'external',
      direction: 'in',
      role: 'Access',
      source: src.any ? 'Any' : src.addresses,
      sourcePort: 'Any',
      destination: dst.any ? 'Any' : dst.addresses,
      destinationPort: g.r() < 0.1 ? { from: 50000, to: 59999 } : { from: port, to: port },
      transport: g.r() < 0.6 ? 'TCP' : 'UDP',
      application: 'synthetic',
      family: v6 ? 'ipv6' : 'ipv4',
      requirement: `flow${i}`,
      citations: [],
      note: '',
      sourceName: 'src',
      destinationName: 'dst',
    } satisfies Flow;
  });
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
const flows = requiredFlows();
const results: { platform: string; rules: number; median_ms: number; runs_ms: number[]; findings: Record<string, number> }[] = [];
for (const n of sizes.length ? sizes : [1000, 10000, 100000]) {
  const policy = policyOf(n, flows);
  const runs: number[] = [];
  let findings: Record<string, number> = {};
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const res = auditPolicy(policy, flows, { corporateNetworks: ['10.0.0.0/8', '2001:db8::/32'] });
    runs.push(Math.round(performance.now() - t0));
    findings = {
      allowed: res.flows.filter((f) => f.verdict === 'allowed').length,
      partial: res.flows.filter((f) => f.verdict === 'partial').length,
      blocked: res.flows.filter((f) => f.verdict === 'blocked').length,
      overPermissive: res.overPermissive.length,
      high: res.overPermissive.filter((o) => o.risk === 'high').length,
      shadowed: res.shadowed.length,
      unused: res.unused.length,
    };
    console.log(`audit ir ${n} rules run ${k + 1}/5: ${runs[k]} ms`);
  }
  const median = [...runs].sort((a, b) => a - b)[2]!;
  console.log(`audit ir ${n} rules: median ${median} ms ${JSON.stringify(findings)}`);
  results.push({ platform: 'ir', rules: n, median_ms: median, runs_ms: runs, findings });
}
const ratio = results.length >= 2 ? +(results[results.length - 1]!.median_ms / results[results.length - 2]!.median_ms).toFixed(2) : undefined;
console.log(JSON.stringify({ name: 'audit', results, ratio_last_two: ratio }));
