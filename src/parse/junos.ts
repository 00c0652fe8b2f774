// Junos SRX security policies → policy IR. Reads `show configuration | display set` (and files of
// set commands), and the curly-brace configuration (`show configuration`, Capirca's srx output)
// through the same set lines. Address books (global or per zone), applications and application
// sets (with the junos-* predefined applications listed below), zone-pair policies in order,
// then global policies, then the default policy.
import { InputError } from '../errors.ts';
import { cidrFamily } from '../net/address.ts';
import { cidrsBetween } from '../net/address-list.ts';
import { portNumber } from '../net/port.ts';
import { junosSetLines, type SetLine } from './junos-hierarchy.ts';
import { zonesFor } from '../policy/zones.ts';
import { Warnings } from './rules.ts';
import { setWords, values, type SetWord } from './set-lines.ts';
import type { ConfigParser } from './types.ts';
import { emptyZoneConfig, resolveZones, portList, portMatch, type ZoneConfig, type ZoneRuleText, zonePolicies, type ZoneServiceDef } from './zone-rules.ts';

const tcp = (...p: number[]): ZoneServiceDef => ({ transports: ['TCP'], sport: { any: true }, dport: { any: false, ports: p.map((x) => ({ from: x, to: x })) } });
const udp = (...p: number[]): ZoneServiceDef => ({ transports: ['UDP'], sport: { any: true }, dport: { any: false, ports: p.map((x) => ({ from: x, to: x })) } });
const NOT_TCP_UDP: ZoneServiceDef = { transports: [], sport: { any: true }, dport: { any: true } };

/**
 * Predefined applications of the `junos-defaults` group that a packet filter can be read for
 * (Juniper, "show groups junos-defaults"); any other junos-* name is reported and its policy
 * is not evaluated.
 */
export const JUNOS_PREDEFINED: Record<string, ZoneServiceDef[]> = {
  'junos-ftp': [tcp(21)], 'junos-tftp': [udp(69)], 'junos-ssh': [tcp(22)], 'junos-telnet': [tcp(23)],
  'junos-smtp': [tcp(25)], 'junos-http': [tcp(80)], 'junos-https': [tcp(443)], 'junos-pop3': [tcp(110)],
  'junos-imap': [tcp(143)], 'junos-dns-udp': [udp(53)], 'junos-dns-tcp': [tcp(53)], 'junos-ntp': [udp(123)],
  'junos-ldap': [tcp(389)], 'junos-ms-sql': [tcp(1433)],
  // ICMP only: nothing of TCP or UDP.
  'junos-icmp-all': [NOT_TCP_UDP], 'junos-icmp-ping': [NOT_TCP_UDP], 'junos-ping': [NOT_TCP_UDP],
  'junos-icmp6-all': [NOT_TCP_UDP], 'junos-pingv6': [NOT_TCP_UDP],
};

interface AppDraft { terms: Map<string, { proto?: string; dport?: string; sport?: string }>; line: number; col: number }
interface PolicyDraft extends ZoneRuleText { global: boolean; permit?: boolean; then?: string }

const junosPort = (s: string) => portNumber(s);

function appDefs(name: string, a: AppDraft): { ok: true; value: ZoneServiceDef[] } | { ok: false; why: string } {
  const defs: ZoneServiceDef[] = [];
  for (const [, t] of a.terms) {
    const proto = t.proto;
    if (proto === undefined) return { ok: false, why: `application ${name} has no protocol` };
    const p = proto === '6' ? 'tcp' : proto === '17' ? 'udp' : proto;
    if (p !== 'tcp' && p !== 'udp') { defs.push(NOT_TCP_UDP); continue; }
    const d = t.dport === undefined ? undefined : portList(t.dport, junosPort);
    const s = t.sport === undefined ? undefined : portList(t.sport, junosPort);
    if (t.dport !== undefined && !d) return { ok: false, why: `application ${name}: destination-port ${t.dport} is not a port or range` };
    if (t.sport !== undefined && !s) return { ok: false, why: `application ${name}: source-port ${t.sport} is not a port or range` };
    defs.push({ transports: [p === 'tcp' ? 'TCP' : 'UDP'], dport: portMatch(d), sport: portMatch(s) });
  }
  return { ok: true, value: defs };
}

/** Reads set lines into the zone model. */
function readSetLines(lines: SetLine[], file: string, w: Warnings): ZoneConfig {
  const c = emptyZoneConfig();
  const apps = new Map<string, AppDraft>();
  const policies = new Map<string, PolicyDraft>();
  const order: string[] = [];
  let groupsWarned = false;
  const err = (l: SetLine, word: SetWord | undefined, msg: string) => new InputError(msg, { file, line: l.line, col: l.col + (word ? word.col - 1 : 0) });
  // An address the device would not have accepted: said where; policies naming it are not evaluated.
  const invalid = (name: string, l: SetLine, word: SetWord, msg: string) => {
    w.add(l.line, msg, l.col + word.col - 1);
    c.addresses.set(name, { ok: false, why: 'is not valid (see the warning at its definition)' });
  };
  for (const l of lines) {
    const parsed = setWords(l.text);
    if ('error' in parsed) throw new InputError(parsed.error, { file, line: l.line, col: l.col + parsed.col - 1 });
    const t = parsed.words;
    const verb = t[0]?.v;
    if (verb === 'deactivate') {
      const key = policyKey(t.slice(1));
      if (key && policies.has(key.key) && key.rest === 0) policies.get(key.key)!.disabled = true;
      else if (key && key.rest > 0) w.add(l.line, 'deactivated part of a policy: the whole policy is still read', l.col);
      continue;
    }
    if (verb === 'insert') {
      // insert security policies … policy P (before|after) policy Q
      const key = policyKey(t.slice(1));
      const where = key ? t[1 + key.used]?.v : undefined;
      const refName = key && t[2 + key.used]?.v === 'policy' ? t[3 + key.used]?.v : undefined;
      const refKey = key && refName ? key.key.replace(/[^>]*$/, refName) : undefined;
      const i = key ? order.indexOf(key.key) : -1;
      if (i < 0 || !refKey || !order.includes(refKey) || (where !== 'before' && where !== 'after')) { w.add(l.line, 'insert not applied (policy or reference policy not found)', l.col); continue; }
      order.splice(i, 1);
      const j = order.indexOf(refKey);
      order.splice(where === 'before' ? j : j + 1, 0, key!.key);
      continue;
    }
    if (verb === 'delete' || verb === 'protect' || verb === 'activate' || verb === 'annotate') { w.add(l.line, `${verb} command not applied`, l.col); continue; }
    if (verb !== 'set') throw err(l, t[0], `expected a Junos set command, found '${t[0]?.v ?? ''}'`);
    const k = t.slice(1);
    if (k[0]?.v === 'groups') {
      if (!groupsWarned) w.add(l.line, 'configuration groups are not expanded (read `show configuration | display set | display inheritance` instead)', l.col);
      groupsWarned = true;
      continue;
    }
    // Address books: security address-book BOOK …, or the older security zones security-zone Z address-book …
    let book: SetWord[] | undefined;
    if (k[0]?.v === 'security' && k[1]?.v === 'address-book' && k[2]) book = k.slice(3);
    else if (k[0]?.v === 'security' && k[1]?.v === 'zones' && k[2]?.v === 'security-zone' && k[3] && k[4]?.v === 'address-book') book = k.slice(5);
    if (book) {
      const [kind, name, what, v1, v2, v3] = book;
      if (kind?.v === 'address' && name) {
        if (!what) { if (!c.addresses.has(name.v)) c.addresses.set(name.v, { ok: false, why: 'has no address' }); continue; }
        if (what.v === 'description') continue;
        if (cidrFamily(what.v)) { c.addresses.set(name.v, { ok: true, value: [what.v] }); continue; }
        if (what.v === 'range-address' && v1 && v2?.v === 'to' && v3) {
          const r = cidrsBetween(v1.v, v3.v);
          if (!r) { invalid(name.v, l, v1, `address ${name.v}: range ${v1.v} to ${v3.v} is not valid`); continue; }
          c.addresses.set(name.v, { ok: true, value: r });
          continue;
        }
        if (what.v === 'dns-name') { c.addresses.set(name.v, { ok: false, why: `DNS name ${v1?.v ?? ''} is resolved by the firewall at run time` }); continue; }
        if (what.v === 'wildcard-address') { c.addresses.set(name.v, { ok: false, why: `wildcard address ${v1?.v ?? ''} is not modelled` }); continue; }
        invalid(name.v, l, what, `address ${name.v}: '${what.v}' is not an address`);
        continue;
      }
      if (kind?.v === 'address-set' && name && (what?.v === 'address' || what?.v === 'address-set') && v1) {
        c.addressGroups.set(name.v, [...(c.addressGroups.get(name.v) ?? []), v1.v]);
      }
      continue;
    }
    if (k[0]?.v === 'applications') {
      const [kind, name, ...rest] = k.slice(1);
      if (kind?.v === 'application' && name) {
        const a = apps.get(name.v) ?? { terms: new Map(), line: l.line, col: l.col };
        apps.set(name.v, a);
        let term = '';
        let i = 0;
        if (rest[0]?.v === 'term' && rest[1]) { term = rest[1].v; i = 2; }
        const t0 = a.terms.get(term) ?? {};
        a.terms.set(term, t0);
        for (; i < rest.length; i++) {
          const key = rest[i]!.v, val = rest[i + 1]?.v;
          if (key === 'protocol') { t0.proto = val; i++; } else if (key === 'destination-port') { t0.dport = val; i++; } else if (key === 'source-port') { t0.sport = val; i++; } else if (key === 'alg' || key === 'inactivity-timeout' || key === 'application-protocol' || key === 'icmp-type' || key === 'icmp-code' || key === 'uuid' || key === 'rpc-program-number') i++;
        }
        // A term line that named nothing of a term yet (e.g. only `term t1 alg …`) adds an empty term: drop it.
        if (term === '' && a.terms.size > 1 && !t0.proto && !t0.dport && !t0.sport) a.terms.delete('');
      } else if (kind?.v === 'application-set' && name && (rest[0]?.v === 'application' || rest[0]?.v === 'application-set') && rest[1]) {
        c.serviceGroups.set(name.v, [...(c.serviceGroups.get(name.v) ?? []), rest[1].v]);
      }
      continue;
    }
    if (k[0]?.v === 'security' && k[1]?.v === 'policies') {
      if (k[2]?.v === 'default-policy' && k[3]) {
        if (k[3].v === 'permit-all') c.defaultAction = 'accept';
        else if (k[3].v === 'deny-all') c.defaultAction = 'drop';
        continue;
      }
      const key = policyKey(k);
      if (!key) continue; // other policy settings (policy-rematch, pre-id-default-policy, …)
      let p = policies.get(key.key);
      if (!p) {
        p = {
          name: key.name, line: l.line, col: l.col, text: l.text, from: key.from, to: key.to,
          source: [], destination: [], negateSource: false, negateDestination: false, services: [],
          action: 'drop', disabled: false, global: key.global,
        };
        policies.set(key.key, p);
        order.push(key.key);
      }
      const rest = k.slice(key.used);
      const f = rest[0]?.v, v = rest[1];
      if (f === 'description' && v) p.description = v.v;
      else if (f === 'match' && v) {
        const val = rest[2]?.v;
        const vals = values(rest[2]).map((x) => x.v);
        if (v.v === 'source-address') p.source.push(...vals);
        else if (v.v === 'destination-address') p.destination.push(...vals);
        else if (v.v === 'application') p.services.push(...vals);
        else if (v.v === 'source-address-excluded') p.negateSource = true;
        else if (v.v === 'destination-address-excluded') p.negateDestination = true;
        else if (v.v === 'from-zone' && key.global) p.from.push(...vals);
        else if (v.v === 'to-zone' && key.global) p.to.push(...vals);
        else if (v.v === 'dynamic-application' && val && val !== 'any' && val !== 'none') (p.notes ??= []).push(`matches dynamic-application ${val} as well (AppID); read as matching every application`);
        else if (v.v === 'source-identity' && val && val !== 'any') (p.notes ??= []).push(`matches source-identity ${val} as well; read as matching every user`);
      } else if (f === 'then' && v) {
        if (v.v === 'permit') p.permit = true;
        else if (v.v === 'deny') p.then = 'deny';
        else if (v.v === 'reject') p.then = 'reject';
      }
    }
  }
  for (const [name, a] of apps) c.services.set(name, appDefs(name, a));
  // Address keywords of Junos security policies.
  if (!c.addresses.has('any-ipv4')) c.addresses.set('any-ipv4', { ok: true, value: ['0.0.0.0/0'] });
  if (!c.addresses.has('any-ipv6')) c.addresses.set('any-ipv6', { ok: true, value: ['::/0'] });
  for (const [name, defs] of Object.entries(JUNOS_PREDEFINED)) if (!c.services.has(name)) c.services.set(name, { ok: true, value: defs });
  const drafts = order.map((key) => policies.get(key)!);
  // Zone-pair policies first (in their order), then global policies, then the default policy.
  c.rules = [...drafts.filter((p) => !p.global), ...drafts.filter((p) => p.global)].map((p) => {
    const { global: _g, permit, then, ...rule } = p;
    const action: ZoneRuleText['action'] = then === 'deny' ? 'drop' : then === 'reject' ? 'reject' : permit ? 'accept' : 'drop';
    const unknown = p.services.filter((s) => s.startsWith('junos-') && !c.services.has(s) && !c.serviceGroups.has(s));
    const out: ZoneRuleText = { ...rule, action, from: p.from.length ? p.from : ['any'], to: p.to.length ? p.to : ['any'] };
    if (!permit && !then) out.unevaluable = 'no then action';
    else if (unknown.length) out.unevaluable = `predefined application ${unknown.join(', ')} is not in Portolan's list of junos-defaults applications`;
    if (!p.source.length) out.unevaluable ??= 'match has no source-address';
    if (!p.destination.length) out.unevaluable ??= 'match has no destination-address';
    if (!p.services.length) out.unevaluable ??= 'match has no application';
    return out;
  });
  return c;
}

/** `security policies from-zone A to-zone B policy P …` or `security policies global policy P …`. */
function policyKey(k: SetWord[]): { key: string; name: string; from: string[]; to: string[]; global: boolean; used: number; rest: number } | undefined {
  if (k[0]?.v !== 'security' || k[1]?.v !== 'policies') return undefined;
  if (k[2]?.v === 'from-zone' && k[3] && k[4]?.v === 'to-zone' && k[5] && k[6]?.v === 'policy' && k[7]) {
    return { key: `${k[3].v}>${k[5].v}>${k[7].v}`, name: k[7].v, from: [k[3].v], to: [k[5].v], global: false, used: 8, rest: k.length - 8 };
  }
  if (k[2]?.v === 'global' && k[3]?.v === 'policy' && k[4]) {
    return { key: `global>${k[4].v}`, name: k[4].v, from: [], to: [], global: true, used: 5, rest: k.length - 5 };
  }
  return undefined;
}

/** Set lines of a file: as they are, or flattened from the curly-brace form. */
export function junosLines(text: string, file: string): SetLine[] {
  const first = text.split('\n').map((s) => s.trim()).find((s) => s && !s.startsWith('#'));
  if (first && /^(set|deactivate|delete|insert|activate|protect|annotate)\s/.test(first)) {
    return text.split('\n').flatMap((raw, i) => {
      const s = raw.trim();
      return s && !s.startsWith('#') ? [{ text: s, line: i + 1, col: raw.indexOf(s) + 1 }] : [];
    });
  }
  return junosSetLines(text, file);
}

export const parseJunos: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const c = readSetLines(junosLines(text, file), file, w);
  const { policies } = zonePolicies(c, resolveZones(options, zonesFor), w, file);
  return { policies, warnings: w.list };
};
