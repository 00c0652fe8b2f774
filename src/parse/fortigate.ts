// FortiGate (FortiOS) configuration → policy IR: a backup or `show` output (`show firewall
// address`, `… addrgrp`, `… service custom`, `… policy`, or the whole configuration). Addresses
// (subnet, iprange, IPv6), groups, custom and predefined services, and firewall policies (6.x
// `policy`/`policy6`, 7.x consolidated) in their configuration order; interfaces or zones from
// options.zones decide the direction.
import { InputError } from '../errors.ts';
import { cidrFamily, maskToPrefix } from '../net/address.ts';
import { cidrsBetween } from '../net/address-list.ts';
import { zonesFor } from '../policy/zones.ts';
import { Warnings } from './rules.ts';
import { setWords, type SetWord } from './set-lines.ts';
import type { ConfigParser } from './types.ts';
import { emptyZoneConfig, resolveZones, portMatch, type ZoneConfig, type ZoneRuleText, zonePolicies, type ZoneServiceDef } from './zone-rules.ts';
import type { PortRange } from '../net/port.ts';

/** One `edit` entry: its `set` values, each with where it was written. */
interface Entry {
  name: string;
  line: number;
  col: number;
  sets: Map<string, { values: string[]; line: number; col: number }>;
}

/** The tables of a configuration (`config firewall policy` → entries), nested tables skipped. */
function tables(text: string, file: string, warn: Warnings): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  const stack: { table: string; entry?: Entry; line: number; col: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const ln = i + 1;
    const s = raw.trim();
    if (!s || s.startsWith('#')) continue;
    const parsed = setWords(raw);
    if ('error' in parsed) throw new InputError(parsed.error, { file, line: ln, col: parsed.col });
    const w = parsed.words;
    const verb = w[0]!.v;
    const top = stack[stack.length - 1];
    if (verb === 'config') {
      const table = w.slice(1).map((x) => x.v).join(' ');
      // Tables inside an entry (e.g. `config entries`) belong to that entry: named by their path.
      stack.push({ table: top?.entry ? `${top.table}/${table}` : table, line: ln, col: w[0]!.col });
      if (!top?.entry) out.set(table, out.get(table) ?? []);
    } else if (verb === 'edit') {
      if (!top) throw new InputError('"edit" outside a "config" block', { file, line: ln, col: w[0]!.col });
      const e: Entry = { name: w[1]?.v ?? '', line: ln, col: (w[1] ?? w[0]!).col, sets: new Map() };
      top.entry = e;
      if (out.has(top.table)) out.get(top.table)!.push(e);
    } else if (verb === 'set' || verb === 'unset' || verb === 'append') {
      if (!top) throw new InputError(`"${verb}" outside a "config" block`, { file, line: ln, col: w[0]!.col });
      const target = top.entry;
      if (!target || !w[1]) continue; // table-level settings (`config system global` … `set hostname`)
      const have = target.sets.get(w[1].v);
      const vals = w.slice(2).map((x) => x.v);
      if (verb === 'unset') target.sets.delete(w[1].v);
      else target.sets.set(w[1].v, { values: verb === 'append' && have ? [...have.values, ...vals] : vals, line: ln, col: w[1].col });
    } else if (verb === 'next') {
      if (top) top.entry = undefined;
    } else if (verb === 'end') {
      if (!stack.pop()) throw new InputError('"end" without "config"', { file, line: ln, col: w[0]!.col });
    } else if ((verb === 'delete' || verb === 'move' || verb === 'rename' || verb === 'clone') && top && !top.entry) {
      tableCommand(out.get(top.table), w, ln, warn);
    } else if ((verb === 'select' || verb === 'unselect') && top?.entry && w[1]) {
      // FortiOS 7.4 list edits: select adds members, unselect removes them.
      const have = top.entry.sets.get(w[1].v)?.values ?? [];
      const vals = w.slice(2).map((x) => x.v);
      top.entry.sets.set(w[1].v, { values: verb === 'select' ? [...have, ...vals] : have.filter((v) => !vals.includes(v)), line: ln, col: w[1].col });
    } else if (!top) {
      throw new InputError(`expected a FortiOS configuration (config, edit, set, next, end), found '${verb}'`, { file, line: ln, col: w[0]!.col });
    } else {
      warn.add(ln, `'${verb}' is not a FortiOS configuration command; line ignored`, w[0]!.col);
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw new InputError(`"config ${open.table}" is never closed with "end"`, { file, line: open.line, col: open.col });
  return out;
}

/** `delete ID`, `move ID before|after ID`, `rename A to B`, `clone A to B` on a table's entries. */
function tableCommand(entries: Entry[] | undefined, w: SetWord[], ln: number, warn: Warnings): void {
  if (!entries) return;
  const at = (name: string | undefined) => entries.findIndex((e) => e.name === name);
  const [verb, a, word, b] = w.map((x) => x.v);
  const i = at(a);
  if (i < 0) { warn.add(ln, `${verb} ${a ?? ''}: no such entry; line ignored`, w[0]!.col); return; }
  if (verb === 'delete') { entries.splice(i, 1); return; }
  if (verb === 'rename' && word === 'to' && b) { entries[i]!.name = b; return; }
  if (verb === 'clone' && word === 'to' && b) { entries.push({ ...entries[i]!, name: b, sets: new Map(entries[i]!.sets) }); return; }
  const j = at(b);
  if (verb === 'move' && (word === 'before' || word === 'after') && j >= 0) {
    const [e] = entries.splice(i, 1);
    const k = at(b);
    entries.splice(word === 'before' ? k : k + 1, 0, e!);
    return;
  }
  warn.add(ln, `${w.map((x) => x.v).join(' ')}: not understood; line ignored`, w[0]!.col);
}

const all = (f: 4 | 6): { ok: true; value: string[] } => ({ ok: true, value: [f === 4 ? '0.0.0.0/0' : '::/0'] });

/** FortiOS port ranges run from 1; its own ALL_TCP/ALL_UDP services say 1-65535 for every port. */
function fortiRange(text: string): PortRange | undefined {
  const [a, b, extra] = text.split('-');
  if (extra !== undefined || !a || !/^\d+$/.test(a) || (b !== undefined && !/^\d+$/.test(b))) return undefined;
  const from = Number(a), to = b === undefined ? from : Number(b);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return from <= 1 && to === 65535 ? { from: 0, to: 65535 } : { from, to };
}

function portranges(proto: 'TCP' | 'UDP', values: string[]): ZoneServiceDef[] | string {
  const defs: ZoneServiceDef[] = [];
  for (const v of values) {
    const [d, s] = v.split(':');
    const dr = d ? fortiRange(d) : undefined;
    const sr = s === undefined ? undefined : fortiRange(s);
    if (!dr || (s !== undefined && !sr)) return `port range ${v} is not valid`;
    defs.push({ transports: [proto], dport: portMatch([dr]), sport: portMatch(sr ? [sr] : undefined) });
  }
  return defs;
}

const tcp = (...p: number[]): ZoneServiceDef => ({ transports: ['TCP'], sport: { any: true }, dport: { any: false, ports: p.map((x) => ({ from: x, to: x })) } });
const udp = (...p: number[]): ZoneServiceDef => ({ transports: ['UDP'], sport: { any: true }, dport: { any: false, ports: p.map((x) => ({ from: x, to: x })) } });
/** Predefined services, as a factory-default FortiOS configuration defines them. */
const PREDEFINED: Record<string, ZoneServiceDef[]> = {
  ALL: [{ transports: 'any', sport: { any: true }, dport: { any: true } }],
  ALL_TCP: [{ transports: ['TCP'], sport: { any: true }, dport: { any: true } }],
  ALL_UDP: [{ transports: ['UDP'], sport: { any: true }, dport: { any: true } }],
  HTTP: [tcp(80)], HTTPS: [tcp(443)], DNS: [tcp(53), udp(53)], SSH: [tcp(22)], TELNET: [tcp(23)],
  SMTP: [tcp(25)], NTP: [tcp(123), udp(123)], RDP: [tcp(3389)], SIP: [udp(5060)], 'SIP-MSNmessenger': [tcp(1863)],
};

function readZoneConfig(t: Map<string, Entry[]>, warn: Warnings): ZoneConfig {
  const c = emptyZoneConfig();
  const v = (e: Entry, k: string) => e.sets.get(k)?.values ?? [];
  const one = (e: Entry, k: string) => v(e, k)[0];
  // An object the device could not have accepted: said where, and rules naming it are not evaluated.
  const bad = (e: Entry, k: string, msg: string, table: 'address' | 'service' = 'address') => {
    const s = e.sets.get(k);
    warn.add(s?.line ?? e.line, msg, s?.col ?? e.col);
    const unresolved = { ok: false as const, why: 'is not valid (see the warning at its definition)' };
    if (table === 'address') c.addresses.set(e.name, unresolved); else c.services.set(e.name, unresolved);
  };
  c.addresses.set('all', all(4));
  c.addresses.set('none', { ok: true, value: [] });
  for (const e of t.get('firewall address') ?? []) {
    const type = one(e, 'type') ?? 'ipmask';
    if (type === 'ipmask') {
      const [ip, mask] = v(e, 'subnet');
      if (ip === undefined) { c.addresses.set(e.name, all(4)); continue; }
      const len = ip.includes('/') ? Number(ip.split('/')[1]) : mask === undefined ? 32 : maskToPrefix(mask);
      const base = ip.split('/')[0]!;
      if (len === undefined || Number.isNaN(len) || cidrFamily(`${base}/${len}`) !== 'ipv4') { bad(e, 'subnet', `address ${e.name}: subnet ${v(e, 'subnet').join(' ')} is not valid`); continue; }
      c.addresses.set(e.name, { ok: true, value: [`${base}/${len}`] });
    } else if (type === 'iprange') {
      const r = cidrsBetween(one(e, 'start-ip') ?? '', one(e, 'end-ip') ?? '');
      if (!r) { bad(e, 'start-ip', `address ${e.name}: range ${one(e, 'start-ip') ?? '(no start-ip)'}-${one(e, 'end-ip') ?? '(no end-ip)'} is not valid`); continue; }
      c.addresses.set(e.name, { ok: true, value: r });
    } else {
      c.addresses.set(e.name, { ok: false, why: `a ${type} address is resolved by the firewall at run time or not modelled` });
    }
  }
  c.addresses.set('all6', all(6));
  for (const e of t.get('firewall address6') ?? []) {
    const type = one(e, 'type') ?? 'ipprefix';
    const ip6 = one(e, 'ip6') ?? '::/0';
    if (type === 'ipprefix') {
      if (cidrFamily(ip6) !== 'ipv6') { bad(e, 'ip6', `address6 ${e.name}: ${ip6} is not an IPv6 prefix`); continue; }
      // FortiOS names its IPv6 Any "all" too; the table it sits in says which.
      c.addresses.set(e.name === 'all' ? 'all6' : e.name, { ok: true, value: [ip6] });
    } else if (type === 'iprange') {
      const r = cidrsBetween(one(e, 'start-ip') ?? '', one(e, 'end-ip') ?? '');
      if (!r) { bad(e, 'start-ip', `address6 ${e.name}: range is not valid`); continue; }
      c.addresses.set(e.name, { ok: true, value: r });
    } else c.addresses.set(e.name, { ok: false, why: `a ${type} address is resolved by the firewall at run time or not modelled` });
  }
  for (const table of ['firewall addrgrp', 'firewall addrgrp6']) {
    for (const e of t.get(table) ?? []) {
      const members = v(e, 'member').map((m) => (table.endsWith('6') && m === 'all' ? 'all6' : m));
      if (one(e, 'exclude') === 'enable') c.addresses.set(e.name, { ok: false, why: 'a group with exclude-member is not modelled' });
      else c.addressGroups.set(e.name, members);
    }
  }
  for (const [name, defs] of Object.entries(PREDEFINED)) c.services.set(name, { ok: true, value: defs });
  for (const e of t.get('firewall service custom') ?? []) {
    const proto = one(e, 'protocol') ?? 'TCP/UDP/SCTP';
    if (proto !== 'TCP/UDP/SCTP' && proto !== 'TCP/UDP/UDP-Lite/SCTP') {
      c.services.set(e.name, proto === 'IP' && (one(e, 'protocol-number') ?? '0') === '0' ? { ok: true, value: PREDEFINED.ALL! } : { ok: true, value: [{ transports: [], sport: { any: true }, dport: { any: true } }] });
      continue;
    }
    if (one(e, 'iprange') && one(e, 'iprange') !== '0.0.0.0') { c.services.set(e.name, { ok: false, why: 'a service bound to an address range is not modelled' }); continue; }
    if (one(e, 'fqdn')) { c.services.set(e.name, { ok: false, why: 'a service bound to an FQDN is not modelled' }); continue; }
    const defs: ZoneServiceDef[] = [];
    let why: string | undefined;
    for (const [key, p] of [['tcp-portrange', 'TCP'], ['udp-portrange', 'UDP']] as const) {
      const vals = v(e, key);
      if (!vals.length) continue;
      const r = portranges(p, vals);
      if (typeof r === 'string') { bad(e, key, `service ${e.name}: ${r}`, 'service'); why = 'invalid'; break; }
      defs.push(...r);
    }
    if (why === 'invalid') continue;
    if (v(e, 'sctp-portrange').length && !defs.length) why = 'SCTP is not modelled';
    c.services.set(e.name, why ? { ok: false, why } : { ok: true, value: defs });
  }
  for (const e of t.get('firewall service group') ?? []) c.serviceGroups.set(e.name, v(e, 'member'));
  // FortiOS 6.x keeps IPv6 policies in their own table; 7.x one table with srcaddr6/dstaddr6.
  for (const table of ['firewall policy', 'firewall policy6']) {
    for (const e of t.get(table) ?? []) {
      const v6 = table.endsWith('6');
      const src = [...v(e, 'srcaddr').map((n) => (v6 && n === 'all' ? 'all6' : n)), ...v(e, 'srcaddr6').map((n) => (n === 'all' ? 'all6' : n))];
      const dst = [...v(e, 'dstaddr').map((n) => (v6 && n === 'all' ? 'all6' : n)), ...v(e, 'dstaddr6').map((n) => (n === 'all' ? 'all6' : n))];
      const action = one(e, 'action') ?? 'deny';
      const rule: ZoneRuleText = {
        name: one(e, 'name') ?? e.name, line: e.line, col: e.col, text: `edit ${e.name}`,
        from: v(e, 'srcintf'), to: v(e, 'dstintf'),
        source: src, destination: dst, negateSource: one(e, 'srcaddr-negate') === 'enable', negateDestination: one(e, 'dstaddr-negate') === 'enable',
        services: v(e, 'service'), action: action === 'accept' ? 'accept' : 'drop', disabled: one(e, 'status') === 'disable',
        ...(one(e, 'comments') ? { description: one(e, 'comments') } : {}),
      };
      if (action !== 'accept' && action !== 'deny') rule.unevaluable = `action ${action} is not modelled`;
      else if (one(e, 'service-negate') === 'enable') rule.unevaluable = 'service-negate is not modelled';
      else if (!src.length || !dst.length) rule.unevaluable = 'the policy names no source or destination address';
      else if (one(e, 'internet-service') === 'enable' || one(e, 'internet-service-src') === 'enable') rule.unevaluable = 'Internet Service database matches are not modelled';
      if (!rule.unevaluable && (v(e, 'users').length || v(e, 'groups').length || v(e, 'application').length)) {
        if (rule.action === 'accept') rule.notes = ['matches users, groups or applications as well; read as matching every one (the policy may allow less than this)'];
        else rule.unevaluable = 'a deny policy that also matches users, groups or applications cannot be read as a packet filter';
      }
      c.rules.push(rule);
    }
  }
  // Interface names "any" match every interface, as zones do.
  return c;
}

export const parseFortigate: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const c = readZoneConfig(tables(text, file, w), w);
  const { policies } = zonePolicies(c, resolveZones(options, zonesFor), w, file);
  return { policies, warnings: w.list };
};
