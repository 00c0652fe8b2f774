// iptables-save / ip6tables-save (with or without -c counters) → the libnftables JSON objects
// nftables-json.ts understands, so chain inlining, RETURN, conntrack and counters share one
// implementation. Only the *filter table is read.
import { InputError } from '../errors.ts';
import { withMask } from './net.ts';
import { type NftItem, nftPolicies } from './nftables-json.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

interface Word { v: string; col: number }

/** Splits a line the way iptables-restore does: blanks, with "double quotes" and \" escapes. */
function words(line: string, file: string, ln: number): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ' || line[i] === '\t' || line[i] === '\r') { i++; continue; }
    const col = i + 1;
    let v = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '\r') {
      if (line[i] === '"') {
        i++;
        while (line[i] !== '"') {
          if (i >= line.length) throw new InputError('unterminated quoted string', { file, line: ln, col });
          if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
          v += line[i++];
        }
        i++;
      } else v += line[i++];
    }
    out.push({ v, col });
  }
  return out;
}

const HOOKS: Record<string, string> = { INPUT: 'input', FORWARD: 'forward', OUTPUT: 'output', PREROUTING: 'prerouting', POSTROUTING: 'postrouting' };
const VERDICT: Record<string, string> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', RETURN: 'return' };
/** Options that take one value and do not change what a rule matches for new TCP/UDP flows. */
const IGNORED_WITH_VALUE = new Set(['--reject-with', '--log-prefix', '--log-level', '--log-tcp-sequence', '--limit', '--limit-burst', '--icmp-type', '--icmpv6-type', '--nflog-group', '--nflog-prefix']);
const IGNORED_FLAGS = new Set(['--log-uid', '--log-ip-options', '--log-tcp-options', '--syn']);

/** `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `10.0.0.1/32`, `2001:db8::/64` → JSON match value. */
function addressValue(s: string): unknown {
  const [ip, m] = s.split('/');
  if (m === undefined) return ip;
  if (m.includes('.')) { const c = withMask(ip, m); return c ?? s; }
  if ((m === '32' && !ip.includes(':')) || m === '128') return ip;
  return { prefix: { addr: ip, len: Number(m) } };
}

function portValue(s: string): unknown {
  const [a, b] = s.split(':');
  const n = (x: string) => (/^\d+$/.test(x) ? Number(x) : x);
  return b === undefined ? n(a) : { range: [a === '' ? 0 : n(a), b === '' ? 65535 : n(b)] };
}

export function iptablesItems(text: string, file: string, w: Warnings): NftItem[] {
  const lines = text.split('\n');
  const items: NftItem[] = [];
  const ipv6 = /ip6tables-save/.test(text.slice(0, 500));
  const family = ipv6 ? 'ip6' : 'ip';
  let table: string | undefined;
  let skipping = false;
  const chains = new Set<string>();
  lines.forEach((raw, idx) => {
    const ln = idx + 1;
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const err = (col: number, msg: string) => new InputError(msg, { file, line: ln, col });
    if (line.startsWith('*')) {
      table = line.slice(1);
      skipping = table !== 'filter';
      if (skipping) w.add(ln, `table ${table} ignored (only the filter table decides what passes)`, 1);
      else items.push({ obj: { table: { family, name: table } }, line: ln, col: 1, text: line });
      return;
    }
    if (line === 'COMMIT') { table = undefined; return; }
    if (!table) throw err(1, `'${line.split(' ')[0]}' outside a table (expected *filter first)`);
    if (skipping) return;
    if (line.startsWith(':')) {
      const m = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?$/.exec(line);
      if (!m) throw err(1, 'malformed chain line (expected :NAME POLICY [packets:bytes])');
      const [, name, pol] = m;
      chains.add(name);
      const chain: Record<string, unknown> = { family, table, name };
      if (pol !== '-') {
        if (!HOOKS[name]) throw err(1, `built-in policy on non-built-in chain ${name}`);
        if (pol !== 'ACCEPT' && pol !== 'DROP') throw err(line.indexOf(pol) + 1, `chain policy must be ACCEPT or DROP, not ${pol}`);
        Object.assign(chain, { type: 'filter', hook: HOOKS[name], policy: pol.toLowerCase() });
      }
      items.push({ obj: { chain }, line: ln, col: 1, text: line });
      return;
    }
    const ws = words(raw, file, ln);
    let i = 0;
    const expr: unknown[] = [];
    let counter: number | undefined;
    const cm = /^\[(\d+):(\d+)\]$/.exec(ws[0]?.v ?? '');
    if (cm) { counter = Number(cm[1]); i++; }
    if (ws[i]?.v !== '-A' && ws[i]?.v !== '--append') throw err(ws[i]?.col ?? 1, `unexpected '${ws[i]?.v}' (expected -A CHAIN)`);
    const chain = ws[i + 1]?.v;
    if (!chain) throw err(ws[i].col, 'missing chain name after -A');
    if (!chains.has(chain)) throw err(ws[i + 1].col, `rule for undeclared chain ${chain}`);
    i += 2;
    let comment: string | undefined;
    let neg = false;
    let proto: string | undefined;
    let verdict: unknown;
    const val = (opt: Word): Word => {
      const v = ws[++i];
      if (!v) throw err(opt.col, `option ${opt.v} needs a value`);
      return v;
    };
    const match = (left: unknown, right: unknown) => expr.push({ match: { op: neg ? '!=' : '==', left, right } });
    const portField = (field: string, v: Word, list: boolean) => {
      if (!proto || !['tcp', 'udp'].includes(proto)) throw err(v.col, `port match without -p tcp or -p udp`);
      const vals = list ? v.v.split(',').map(portValue) : [portValue(v.v)];
      match({ payload: { protocol: proto, field } }, vals.length === 1 ? vals[0] : { set: vals });
    };
    for (; i < ws.length; i++) {
      const o = ws[i];
      if (o.v === '!') { neg = true; continue; }
      switch (o.v) {
        case '-s': case '--source': case '-d': case '--destination': {
          const v = val(o);
          const field = o.v.startsWith('-s') || o.v === '--source' ? 'saddr' : 'daddr';
          const vals = v.v.split(',').map(addressValue);
          match({ payload: { protocol: family, field } }, vals.length === 1 ? vals[0] : { set: vals });
          break;
        }
        case '-p': case '--protocol': {
          const v = val(o).v.toLowerCase();
          proto = v === '6' ? 'tcp' : v === '17' ? 'udp' : v;
          if (proto !== 'all' && proto !== '0') match({ meta: { key: 'l4proto' } }, proto);
          break;
        }
        case '-m': case '--match': {
          const mod = val(o).v;
          if (mod === 'set') { expr.push({ 'ipset match (-m set)': null }); i = ws.length; }
          else if (!['tcp', 'udp', 'multiport', 'conntrack', 'state', 'comment', 'iprange', 'limit', 'icmp', 'icmp6', 'icmpv6'].includes(mod)) {
            expr.push({ [`match module -m ${mod}`]: null });
            i = ws.length;
          }
          break;
        }
        case '--sport': case '--source-port': portField('sport', val(o), false); break;
        case '--dport': case '--destination-port': portField('dport', val(o), false); break;
        case '--sports': case '--source-ports': portField('sport', val(o), true); break;
        case '--dports': case '--destination-ports': portField('dport', val(o), true); break;
        case '--ctstate': case '--state':
          match({ ct: { key: 'state' } }, val(o).v.toLowerCase().split(','));
          break;
        case '--comment': comment = val(o).v; break;
        case '--src-range': case '--dst-range': {
          const [a, b] = val(o).v.split('-');
          match({ payload: { protocol: family, field: o.v === '--src-range' ? 'saddr' : 'daddr' } }, { range: [a, b ?? a] });
          break;
        }
        case '-i': case '--in-interface': match({ meta: { key: 'iifname' } }, val(o).v); break;
        case '-o': case '--out-interface': match({ meta: { key: 'oifname' } }, val(o).v); break;
        case '-j': case '--jump': case '-g': case '--goto': {
          const t = val(o).v;
          if (VERDICT[t]) verdict = { [VERDICT[t]]: null };
          else if (t === 'LOG' || t === 'NFLOG') verdict = { log: {} };
          else if (chains.has(t)) verdict = { [o.v === '-g' || o.v === '--goto' ? 'goto' : 'jump']: { target: t } };
          else verdict = { [`target ${t}`]: null };
          break;
        }
        default:
          if (IGNORED_WITH_VALUE.has(o.v)) val(o);
          else if (IGNORED_FLAGS.has(o.v)) { /* no effect on which new flows match */ }
          else { expr.push({ [`option ${o.v}`]: null }); i = ws.length; }
      }
      neg = false;
    }
    if (counter !== undefined) expr.push({ counter: { packets: counter, bytes: 0 } });
    if (verdict) expr.push(verdict);
    items.push({ obj: { rule: { family, table, chain, expr, ...(comment !== undefined ? { comment } : {}) } }, line: ln, col: ws[0].col, text: line });
  });
  if (table) w.add(lines.length, `table ${table} has no COMMIT`, 1);
  return items;
}

export const parseIptables: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const items = iptablesItems(text, file, w);
  const policies = nftPolicies(items, file, options, w);
  for (const p of policies) p.firewall = p.firewall.replace(/^ip6? /, (f) => (f === 'ip6 ' ? 'ip6 ' : ''));
  return { policies, warnings: w.list };
};
