// Zone-based rulebases (PAN-OS, Junos SRX, FortiGate, Check Point, pfSense) in one shape: named
// addresses, groups and services that rules refer to, rules from zones to zones. Each platform
// reader fills a ZoneConfig; this turns it into the policy IR, one policy per direction across
// the firewall (outside zone → inside zone is `in`, the reverse `out`).
import type { Direction } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';
import type { PortRange } from '../net/port.ts';
import type { AddressMatch, Policy, PortMatch } from '../policy/types.ts';
import { ANY_ADDR, ANY_PORT } from '../policy/match.ts';
import { cidrFamily } from '../net/address.ts';
import { cidrsBetween, complementAddresses } from '../net/address-list.ts';
import { mergePorts } from '../net/port.ts';
import { type L4, PolicyBuilder, Warnings } from './rules.ts';
import type { ParseOptions } from './types.ts';

/** One protocol/port combination a service stands for. */
export interface ZoneServiceDef {
  transports: L4[] | 'any';
  sport: PortMatch;
  dport: PortMatch;
}

/** What a name stands for: addresses, or why the reader cannot say (FQDN, dynamic group). */
export type Resolved<T> = { ok: true; value: T } | { ok: false; why: string };

export interface ZoneRuleText {
  name: string;
  line: number;
  col: number;
  text?: string;
  /** Zone names; 'any' matches every zone. */
  from: string[];
  to: string[];
  source: string[];
  destination: string[];
  negateSource: boolean;
  negateDestination: boolean;
  services: string[];
  action: 'accept' | 'drop' | 'reject';
  disabled: boolean;
  /** An address family the rule is bound to (pfSense `inet`/`inet6`); both when absent. */
  family?: AddressFamily;
  description?: string;
  /** Why the rule cannot be evaluated exactly although its names resolve (e.g. App-ID). */
  unevaluable?: string;
  /** A note that does not stop evaluation (e.g. a match the IR does not model that only narrows an allow rule). */
  notes?: string[];
}

export interface ZoneConfig {
  /** Address names and group names share one namespace on every platform served here. */
  addresses: Map<string, Resolved<string[]>>;
  addressGroups: Map<string, string[]>;
  services: Map<string, Resolved<ZoneServiceDef[]>>;
  serviceGroups: Map<string, string[]>;
  rules: ZoneRuleText[];
  /** What a packet meets when no rule matches (interzone default: drop). */
  defaultAction: 'accept' | 'drop';
}

export function emptyZoneConfig(): ZoneConfig {
  return { addresses: new Map(), addressGroups: new Map(), services: new Map(), serviceGroups: new Map(), rules: [], defaultAction: 'drop' };
}

export interface Zones {
  outside: string;
  inside: string;
  /** Why these zones were taken when the user named none (reported as a warning). */
  assumed?: string;
}

/**
 * The zones to audit between: those the user named, the rest from the platform's defaults for
 * this firewall (the names its renderer writes), saying which were assumed.
 */
export function resolveZones(options: ParseOptions, defaults: (firewall: string) => { outside: string; inside: string }): Zones {
  const firewall = options.firewall ?? 'external';
  const d = defaults(firewall);
  const outside = options.zones?.outside ?? d.outside, inside = options.zones?.inside ?? d.inside;
  const missing = [...(options.zones?.outside ? [] : ['outside']), ...(options.zones?.inside ? [] : ['inside'])];
  return { outside, inside, ...(missing.length ? { assumed: `${missing.join(' and ')} as render writes them for the ${firewall} firewall` } : {}) };
}

const ANY_SERVICE: ZoneServiceDef[] = [{ transports: 'any', sport: ANY_PORT, dport: ANY_PORT }];

/** Members of a group, depth first, each group once (a cycle or repeat adds nothing). */
function expand<T>(name: string, leaf: (n: string) => Resolved<T[]> | undefined, groups: Map<string, string[]>, what: string): Resolved<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const l = leaf(n);
    if (l) {
      if (!l.ok) return { ok: false, why: `${what} ${n}: ${l.why}` };
      out.push(...l.value);
      continue;
    }
    const g = groups.get(n);
    if (!g) return { ok: false, why: `unknown ${what} ${n}` };
    for (let i = g.length - 1; i >= 0; i--) stack.push(g[i]!);
  }
  return { ok: true, value: out };
}

/** An address written in a rule instead of an object name (PAN-OS allows `10.0.0.1`, `10.0.0.0/8`, `10.0.0.1-10.0.0.9`). */
function literal(name: string): Resolved<string[]> | undefined {
  if (cidrFamily(name)) return { ok: true, value: [name] };
  const [a, b, extra] = name.split('-');
  const r = a && b && extra === undefined ? cidrsBetween(a, b) : undefined;
  return r ? { ok: true, value: r } : undefined;
}

function addressesOf(c: ZoneConfig, names: string[], negate: boolean): Resolved<AddressMatch> {
  if (names.length === 0 || names.some((n) => n === 'any')) {
    return negate ? { ok: true, value: { any: false, addresses: [] } } : { ok: true, value: ANY_ADDR };
  }
  const all: string[] = [];
  for (const n of names) {
    const r = expand(n, (x) => c.addresses.get(x) ?? literal(x), c.addressGroups, 'address');
    if (!r.ok) return r;
    all.push(...r.value);
  }
  if (!negate) return { ok: true, value: { any: false, addresses: all } };
  const families: AddressFamily[] = ['ipv4', 'ipv6'];
  return { ok: true, value: { any: false, addresses: families.flatMap((f) => complementAddresses(all.filter((a) => cidrFamily(a) === f), f)) } };
}

function servicesOf(c: ZoneConfig, names: string[]): Resolved<ZoneServiceDef[]> {
  if (names.length === 0 || names.some((n) => n === 'any')) return { ok: true, value: ANY_SERVICE };
  const all: ZoneServiceDef[] = [];
  for (const n of names) {
    const r = expand(n, (x) => c.services.get(x), c.serviceGroups, 'service');
    if (!r.ok) return r;
    all.push(...r.value);
  }
  return { ok: true, value: all };
}

const inZones = (list: string[], zone: string) => list.some((z) => z === 'any' || z === zone);

export interface ZonePoliciesResult {
  policies: Policy[];
  /** Rules that name the two zones but could not be evaluated (their names do not resolve). */
  notEvaluated: number;
}

/**
 * One policy per direction. A rule enters a direction's policy when its from-zones hold that
 * direction's source zone and its to-zones the destination zone (or `any`); disabled rules
 * and rules between other zones never do.
 */
export function zonePolicies(c: ZoneConfig, zones: Zones, w: Warnings, file: string): ZonePoliciesResult {
  const pairs: Record<Direction, [string, string]> = { in: [zones.outside, zones.inside], out: [zones.inside, zones.outside] };
  const builders: Record<Direction, PolicyBuilder> = {
    in: new PolicyBuilder(`${zones.outside} to ${zones.inside} inbound`, 'perimeter', c.defaultAction, true),
    out: new PolicyBuilder(`${zones.inside} to ${zones.outside} outbound`, 'perimeter', c.defaultAction, true),
  };
  if (zones.assumed) w.add(1, `zones assumed: outside ${zones.outside}, inside ${zones.inside} (${zones.assumed}; name them with --outside and --inside)`);
  let notEvaluated = 0;
  for (const r of c.rules) {
    const dirs = (['in', 'out'] as const).filter((d) => inZones(r.from, pairs[d][0]) && inZones(r.to, pairs[d][1]));
    if (r.disabled || dirs.length === 0) continue;
    const src = addressesOf(c, r.source, r.negateSource);
    const dst = addressesOf(c, r.destination, r.negateDestination);
    const svc = servicesOf(c, r.services);
    const why = r.unevaluable ?? (!src.ok ? src.why : !dst.ok ? dst.why : !svc.ok ? svc.why : undefined);
    if (why) {
      notEvaluated++;
      w.add(r.line, `rule ${r.name}: ${why}; the rule is not evaluated`, r.col);
      continue;
    }
    for (const n of r.notes ?? []) w.add(r.line, `rule ${r.name}: ${n}`, r.col);
    if (!src.ok || !dst.ok || !svc.ok) continue;
    // A negated Any matches no address: the rule can never match.
    if ((!src.value.any && src.value.addresses.length === 0) || (!dst.value.any && dst.value.addresses.length === 0)) continue;
    for (const d of dirs) {
      for (const s of svc.value) {
        builders[d].add(
          { family: r.family ?? 'any', transports: s.transports, source: src.value, destination: dst.value, sourcePorts: s.sport, destinationPorts: s.dport },
          r.action, d, { file, line: r.line, ...(r.text ? { text: r.text } : {}) }, r.description ?? r.name, undefined, r.name,
        );
      }
    }
  }
  return { policies: [builders.in.policy, builders.out.policy], notEvaluated };
}

/** `80`, `80,443`, `1000-2000` (commas and ranges) → ranges; undefined when malformed. */
export function portList(text: string, number: (s: string) => number | undefined): PortRange[] | undefined {
  const out: PortRange[] = [];
  for (const part of text.split(',')) {
    const [a, b, extra] = part.trim().split('-');
    if (extra !== undefined || a === undefined) return undefined;
    const from = number(a), to = b === undefined ? from : number(b);
    if (from === undefined || to === undefined || from > to) return undefined;
    out.push({ from, to });
  }
  return mergePorts(out);
}

/** A port match from ranges, Any when they cover every port. */
export function portMatch(ranges: PortRange[] | undefined): PortMatch {
  if (!ranges) return ANY_PORT;
  const m = mergePorts(ranges);
  return m.length === 1 && m[0]!.from === 0 && m[0]!.to === 65535 ? ANY_PORT : { any: false, ports: m };
}
