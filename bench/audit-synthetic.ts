// Seeded synthetic firewall rules for the audit benchmark: mostly host and /24 rules on common
// ports, some ranges, some drops and rejects, a few published services and wide sources.
import type { PolicyRule, PortMatch, AddressMatch } from '../src/policy/types.ts';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number) {
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

export function generator(seed: number, subnets: number) {
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

