// Check Point access policy → policy IR. Two inputs: the JSON of `mgmt_cli show access-rulebase
// name LAYER details-level standard use-object-dictionary true --format json` (rules and
// sections, objects in "objects-dictionary"), and a script of `mgmt_cli add …` commands (what
// `render --target checkpoint` writes). Check Point rules match either direction across the
// gateway: both directions see the whole rulebase, then the implicit cleanup (drop).
import { InputError } from '../errors.ts';
import { type Pos, parseLocatedJson } from './located-json.ts';
import { cidrFamily } from '../net/address.ts';
import { cidrsBetween } from '../net/address-list.ts';
import { Warnings } from './rules.ts';
import { setWords } from './set-lines.ts';
import type { ConfigParser } from './types.ts';
import { emptyZoneConfig, portMatch, type ZoneConfig, type ZoneRuleText, zonePolicies, type ZoneServiceDef } from './zone-rules.ts';
import type { PortRange } from '../net/port.ts';

/** One object as the Management API describes it (only the fields read here). */
interface CpObject {
  uid?: string; name?: string; type?: string;
  'ipv4-address'?: string; 'ipv6-address'?: string;
  subnet4?: string; 'mask-length4'?: number | string; subnet6?: string; 'mask-length6'?: number | string;
  'ipv4-address-first'?: string; 'ipv4-address-last'?: string; 'ipv6-address-first'?: string; 'ipv6-address-last'?: string;
  members?: (string | CpObject)[];
  port?: string | number; 'source-port'?: string | number;
}

/** `443`, `1-1024`, `>1023`, `<1024`; Check Point's every-port range starts at 1. */
function cpPorts(text: string | number | undefined): PortRange[] | undefined | 'bad' {
  if (text === undefined || text === '') return undefined;
  const t = String(text).trim();
  let m: RegExpExecArray | null;
  if ((m = /^>(\d+)$/.exec(t))) return [{ from: Number(m[1]) + 1, to: 65535 }];
  if ((m = /^<(\d+)$/.exec(t))) return [{ from: 1, to: Number(m[1]) - 1 }];
  if ((m = /^(\d+)(?:-(\d+))?$/.exec(t))) {
    const from = Number(m[1]), to = Number(m[2] ?? m[1]);
    if (to > 65535 || from > to) return 'bad';
    return [from <= 1 && to === 65535 ? { from: 0, to: 65535 } : { from, to }];
  }
  return 'bad';
}

/** Adds one object (by its name) to the zone model; services and addresses share Check Point's one namespace. */
function addObject(c: ZoneConfig, o: CpObject, nameOf: (x: string | CpObject) => string): string | undefined {
  const name = o.name ?? o.uid ?? '';
  const type = o.type ?? '';
  if (type === 'CpmiAnyObject') return undefined; // "Any": zone-rules reads the name itself
  if (type === 'host') {
    const ips = [o['ipv4-address'], o['ipv6-address']].filter((x): x is string => !!x);
    if (ips.some((ip) => !cidrFamily(ip))) return `host ${name}: ${ips.join(', ')} is not an address`;
    c.addresses.set(name, { ok: true, value: ips });
  } else if (type === 'network') {
    const nets = [[o.subnet4, o['mask-length4']], [o.subnet6, o['mask-length6']]].filter(([s]) => s).map(([s, l]) => `${s}/${l}`);
    if (nets.some((n) => !cidrFamily(n))) return `network ${name}: ${nets.join(', ')} is not a network`;
    c.addresses.set(name, { ok: true, value: nets });
  } else if (type === 'address-range') {
    const out: string[] = [];
    for (const [a, b] of [[o['ipv4-address-first'], o['ipv4-address-last']], [o['ipv6-address-first'], o['ipv6-address-last']]]) {
      if (!a || !b) continue;
      const r = cidrsBetween(a, b);
      if (!r) return `address-range ${name}: ${a}-${b} is not a range`;
      out.push(...r);
    }
    c.addresses.set(name, { ok: true, value: out });
  } else if (type === 'group') {
    c.addressGroups.set(name, (o.members ?? []).map(nameOf));
  } else if (type === 'service-tcp' || type === 'service-udp') {
    const d = cpPorts(o.port), s = cpPorts(o['source-port']);
    if (d === 'bad' || s === 'bad') return `service ${name}: port ${o.port ?? ''}${o['source-port'] ? ` source-port ${o['source-port']}` : ''} is not a port or range`;
    const def: ZoneServiceDef = { transports: [type === 'service-tcp' ? 'TCP' : 'UDP'], dport: portMatch(d), sport: portMatch(s) };
    c.services.set(name, { ok: true, value: [def] });
  } else if (type === 'service-group') {
    c.serviceGroups.set(name, (o.members ?? []).map(nameOf));
  } else if (type.startsWith('service-') || type === 'service-icmp' || type === 'service-other') {
    c.services.set(name, { ok: true, value: [{ transports: [], sport: { any: true }, dport: { any: true } }] });
  } else if (type !== 'RulebaseAction' && type !== 'Track' && type !== 'Global' && type !== 'access-layer') {
    c.addresses.set(name, { ok: false, why: `a ${type || 'typeless'} object is not modelled` });
  }
  return undefined;
}

/** An object the server could not have stored: said where; rules naming it are not evaluated. */
function invalid(c: ZoneConfig, o: CpObject, why: string, w: Warnings, p: Pos): void {
  w.add(p.line, why, p.col);
  const unresolved = { ok: false as const, why: 'is not valid (see the warning at its definition)' };
  if (o.type?.startsWith('service')) c.services.set(o.name ?? o.uid ?? '', unresolved);
  else c.addresses.set(o.name ?? o.uid ?? '', unresolved);
}

const ACTIONS: Record<string, ZoneRuleText['action']> = { Accept: 'accept', Drop: 'drop', Reject: 'reject' };

function fromJson(text: string, file: string, w: Warnings): ZoneConfig {
  const j = parseLocatedJson(text, file);
  const at = (n: unknown): Pos => j.at(n) ?? { line: 1, col: 1 };
  // One page as mgmt_cli prints it, or several pages in a list (collectors store all pages).
  const pages = (Array.isArray(j.value) ? j.value : [j.value]) as ({ rulebase?: unknown; 'objects-dictionary'?: unknown } | null)[];
  for (const page of pages) {
    if (!page || typeof page !== 'object' || !Array.isArray(page.rulebase)) throw new InputError('expected the JSON of show access-rulebase (a "rulebase" array, or a list of such pages)', { file, ...at(page ?? j.value) });
  }
  const c = emptyZoneConfig();
  const dict = pages.flatMap((p) => (Array.isArray(p!['objects-dictionary']) ? (p!['objects-dictionary'] as CpObject[]) : []));
  const byUid = new Map(dict.filter((o) => o && typeof o === 'object' && o.uid).map((o) => [o.uid!, o]));
  // A reference is a uid, or the object itself; anything else (null, a number: a broken or
  // hand-edited file) is read as its text, never dereferenced.
  const nameOf = (x: unknown): string => {
    if (typeof x === 'string') return String(byUid.get(x)?.name ?? x);
    if (x && typeof x === 'object') return String((x as CpObject).name ?? (x as CpObject).uid ?? '');
    return x === undefined || x === null ? '' : String(x);
  };
  const seen = new Set<CpObject>();
  const visit = (o: CpObject) => {
    if (seen.has(o)) return;
    seen.add(o);
    const why = addObject(c, o, nameOf);
    if (why) invalid(c, o, why, w, at(o));
    for (const m of o.members ?? []) if (typeof m === 'object' && m) visit(m);
  };
  for (const o of dict) if (o && typeof o === 'object') visit(o);
  const rules: Record<string, unknown>[] = [];
  const walk = (list: unknown[]) => {
    for (const r of list) {
      if (!r || typeof r !== 'object') continue;
      const x = r as Record<string, unknown>;
      if (x.type === 'access-section' && Array.isArray(x.rulebase)) walk(x.rulebase);
      else if (x.type === 'access-rule' || x.type === undefined) rules.push(x);
    }
  };
  for (const page of pages) walk(page!.rulebase as unknown[]);
  const names = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(nameOf);
  for (const x of rules) {
    const p = at(x);
    const action = nameOf(x.action);
    const name = String(x.name ?? `rule ${x['rule-number'] ?? rules.indexOf(x) + 1}`);
    const rule: ZoneRuleText = {
      name, line: p.line, col: p.col, from: ['any'], to: ['any'],
      source: names(x.source).map((n) => (n === 'Any' ? 'any' : n)), destination: names(x.destination).map((n) => (n === 'Any' ? 'any' : n)),
      negateSource: x['source-negate'] === true, negateDestination: x['destination-negate'] === true,
      services: names(x.service).map((n) => (n === 'Any' ? 'any' : n)),
      action: ACTIONS[action] ?? 'drop', disabled: x.enabled === false,
      ...(typeof x.comments === 'string' && x.comments ? { description: x.comments } : {}),
    };
    if (!ACTIONS[action]) rule.unevaluable = `action ${action || '(none)'} is not modelled`;
    else if (x['service-negate'] === true) rule.unevaluable = 'a negated service is not modelled';
    else if (names(x.content).some((n) => n !== 'Any') || names(x.time).some((n) => n !== 'Any')) {
      if (rule.action === 'accept') rule.notes = ['matches content or time as well; read as matching all of it (the rule may allow less than this)'];
      else rule.unevaluable = 'a drop rule that also matches content or time cannot be read as a packet filter';
    }
    c.rules.push(rule);
  }
  return c;
}

/** `mgmt_cli [-s FILE] [-f json] add TYPE key value key.1 value …` → objects and rules, in order. */
function fromScript(text: string, file: string, w: Warnings): ZoneConfig {
  const c = emptyZoneConfig();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const s = raw.trim();
    if (!s || s.startsWith('#')) continue;
    const parsed = setWords(raw);
    if ('error' in parsed) throw new InputError(parsed.error, { file, line: i + 1, col: parsed.col });
    let words = parsed.words;
    if (words[0]?.v !== 'mgmt_cli') throw new InputError(`expected a mgmt_cli command, found '${words[0]!.v}'`, { file, line: i + 1, col: words[0]!.col });
    words = words.slice(1);
    while (words[0]?.v.startsWith('-')) words = words.slice(words[0].v === '--format' || words[0].v.length === 2 ? 2 : 1);
    const [verb, type, ...kv] = words;
    if (!verb || verb.v !== 'add' || !type) continue; // login, publish, install-policy, set …
    const fields = new Map<string, string[]>();
    for (let k = 0; k + 1 < kv.length; k += 2) {
      const key = kv[k]!.v.replace(/\.\d+$/, '');
      fields.set(key, [...(fields.get(key) ?? []), kv[k + 1]!.v]);
    }
    const one = (k: string) => fields.get(k)?.[0];
    if (type.v === 'access-rule') {
      const action = one('action') ?? 'Drop';
      const list = (k: string) => (fields.get(k) ?? []).map((n) => (n === 'Any' ? 'any' : n));
      const rule: ZoneRuleText = {
        name: one('name') ?? `rule ${c.rules.length + 1}`, line: i + 1, col: raw.indexOf(s) + 1, text: s, from: ['any'], to: ['any'],
        source: list('source'), destination: list('destination'), services: list('service'),
        negateSource: one('source-negate') === 'true', negateDestination: one('destination-negate') === 'true',
        action: ACTIONS[action] ?? 'drop', disabled: one('enabled') === 'false',
        ...(one('comments') ? { description: one('comments') } : {}),
      };
      if (!ACTIONS[action]) rule.unevaluable = `action ${action} is not modelled`;
      if (one('position') && one('position') !== 'bottom') rule.notes = [`position ${one('position')}: read in script order`];
      c.rules.push(rule);
      continue;
    }
    const o: CpObject = {
      name: one('name'), type: type.v,
      'ipv4-address': one('ip-address') ?? one('ipv4-address'), 'ipv6-address': one('ipv6-address'),
      subnet4: one('subnet4') ?? one('subnet'), 'mask-length4': one('mask-length4') ?? one('mask-length'), subnet6: one('subnet6'), 'mask-length6': one('mask-length6'),
      'ipv4-address-first': one('ipv4-address-first') ?? one('ip-address-first'), 'ipv4-address-last': one('ipv4-address-last') ?? one('ip-address-last'),
      members: fields.get('members'), port: one('port'), 'source-port': one('source-port'),
    };
    if (o['ipv4-address'] && cidrFamily(o['ipv4-address']) === 'ipv6') { o['ipv6-address'] = o['ipv4-address']; delete o['ipv4-address']; }
    if (o.subnet4 && cidrFamily(o.subnet4) === 'ipv6') { o.subnet6 = o.subnet4; o['mask-length6'] = o['mask-length4']; delete o.subnet4; }
    const why = addObject(c, o, (x) => (typeof x === 'string' ? x : x.name ?? ''));
    if (why) invalid(c, o, why, w, { line: i + 1, col: type.col });
  }
  return c;
}

export const parseCheckpoint: ConfigParser = (text, file) => {
  const w = new Warnings();
  const c = /^\s*[{[]/.test(text) ? fromJson(text, file, w) : fromScript(text, file, w);
  // Rules match either direction across the gateway: one rule list sees both, as a forward chain does.
  const { policies } = zonePolicies(c, { outside: 'any', inside: 'any' }, w, file);
  return { policies: [{ ...policies[0]!, firewall: 'access rulebase forward', binding: { direction: 'both', interfaces: [], family: 'any', attachment: 'zones' } }], warnings: w.list };
};
