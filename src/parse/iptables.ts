// iptables-save / ip6tables-save (with or without -c counters) → the libnftables JSON objects
// nftables-json.ts understands, so chain inlining, RETURN, conntrack and counters share one
// implementation. Only the *filter table is read.
import { InputError } from '../errors.ts';
import { withMask } from '../net/address.ts';
import { type NftItem, nftPolicies } from './nftables-json.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

/** The words of the line being read (reused from line to line): text, column, and how many. */
const WV: string[] = [];
const WC: number[] = [];
let WN = 0;

/** Splits a line the way iptables-restore does: blanks, with "double quotes" and \" escapes. */
function words(line: string, file: string, ln: number): number {
  let count = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    const ch = line.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 13) { i++; continue; }
    const col = i + 1;
    const start = i;
    let quoted = false;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) break;
      if (c === 34) quoted = true;
      i++;
    }
    if (!quoted) { WV[count] = line.slice(start, i); WC[count++] = col; continue; }
    // A word with quotes: read it again character by character.
    i = start;
    let v = '';
    while (i < n && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '\r') {
      if (line[i] === '"') {
        i++;
        while (line[i] !== '"') {
          if (i >= n) throw new InputError('unterminated quoted string', { file, line: ln, col });
          if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
          v += line[i++];
        }
        i++;
      } else v += line[i++];
    }
    WV[count] = v;
    WC[count++] = col;
  }
  WN = count;
  return count;
}

const HOOKS: Record<string, string> = { INPUT: 'input', FORWARD: 'forward', OUTPUT: 'output', PREROUTING: 'prerouting', POSTROUTING: 'postrouting' };
const VERDICT: Record<string, string> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', RETURN: 'return' };
/** The verdict statements, shared by every rule (the evaluator only reads them). */
const VERDICT_EXPR: Record<string, unknown> = { ACCEPT: { accept: null }, DROP: { drop: null }, REJECT: { reject: null }, RETURN: { return: null } };
/** Options that take one value and do not change what a rule matches for new TCP/UDP flows. */
const IGNORED_WITH_VALUE = new Set(['--reject-with', '--log-prefix', '--log-level', '--log-tcp-sequence', '--limit', '--limit-burst', '--icmp-type', '--icmpv6-type', '--nflog-group', '--nflog-prefix']);
const IGNORED_FLAGS = new Set(['--log-uid', '--log-ip-options', '--log-tcp-options', '--syn']);

/** `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `10.0.0.1/32`, `2001:db8::/64` → JSON match value. */
function addressValue(s: string): unknown {
  const slash = s.indexOf('/');
  if (slash < 0) return s;
  const ip = s.slice(0, slash);
  const second = s.indexOf('/', slash + 1);
  const m = second < 0 ? s.slice(slash + 1) : s.slice(slash + 1, second);
  if (m.includes('.')) { const c = withMask(ip, m); return c ?? s; }
  if ((m === '32' && !ip.includes(':')) || m === '128') return ip;
  return { prefix: { addr: ip, len: Number(m) } };
}

const numeric = (x: string): string | number => (/^\d+$/.test(x) ? Number(x) : x);

function portValue(s: string): unknown {
  if (s.indexOf(':') < 0) return numeric(s);
  const [a, b] = s.split(':');
  return b === undefined ? numeric(a) : { range: [a === '' ? 0 : numeric(a), b === '' ? 65535 : numeric(b)] };
}

function lineError(file: string, ln: number, col: number, msg: string): InputError {
  return new InputError(msg, { file, line: ln, col });
}

/** The value word i after option word i - 1 (the caller has advanced i). */
function valueAt(i: number, file: string, ln: number): string {
  if (i >= WN) throw lineError(file, ln, WC[i - 1]!, `option ${WV[i - 1]} needs a value`);
  return WV[i]!;
}

/** Match left-hand sides, shared by every rule (the evaluator only reads them). */
const LEFT = {
  ip: { saddr: { payload: { protocol: 'ip', field: 'saddr' } }, daddr: { payload: { protocol: 'ip', field: 'daddr' } } },
  ip6: { saddr: { payload: { protocol: 'ip6', field: 'saddr' } }, daddr: { payload: { protocol: 'ip6', field: 'daddr' } } },
  tcp: { sport: { payload: { protocol: 'tcp', field: 'sport' } }, dport: { payload: { protocol: 'tcp', field: 'dport' } } },
  udp: { sport: { payload: { protocol: 'udp', field: 'sport' } }, dport: { payload: { protocol: 'udp', field: 'dport' } } },
  l4proto: { meta: { key: 'l4proto' } },
  ctState: { ct: { key: 'state' } },
  iifname: { meta: { key: 'iifname' } },
  oifname: { meta: { key: 'oifname' } },
};
const MODULES = new Set(['tcp', 'udp', 'multiport', 'conntrack', 'state', 'comment', 'iprange', 'limit', 'icmp', 'icmp6', 'icmpv6']);

function pushMatch(expr: unknown[], neg: boolean, left: unknown, right: unknown): void {
  expr.push({ match: { op: neg ? '!=' : '==', left, right } });
}

function portField(expr: unknown[], neg: boolean, proto: string | undefined, field: 'sport' | 'dport', i: number, list: boolean, file: string, ln: number): void {
  const v = valueAt(i, file, ln);
  if (proto !== 'tcp' && proto !== 'udp') throw lineError(file, ln, WC[i]!, `port match without -p tcp or -p udp`);
  let right: unknown;
  if (list) {
    const vals = v.split(',').map(portValue);
    right = vals.length === 1 ? vals[0] : { set: vals };
  } else right = portValue(v);
  pushMatch(expr, neg, LEFT[proto][field], right);
}

function addressMatch(expr: unknown[], neg: boolean, family: 'ip' | 'ip6', field: 'saddr' | 'daddr', s: string): void {
  let right: unknown;
  if (s.includes(',')) {
    const vals = s.split(',').map(addressValue);
    right = vals.length === 1 ? vals[0] : { set: vals };
  } else right = addressValue(s);
  pushMatch(expr, neg, LEFT[family][field], right);
}

/** One `-A CHAIN …` line → the rule's JSON object. */
function ruleItem(raw: string, line: string, ln: number, file: string, family: 'ip' | 'ip6', table: string, chains: Set<string>): NftItem {
  const n = words(raw, file, ln);
  let i = 0;
  const expr: unknown[] = [];
  let counter: number | undefined;
  const w0 = n > 0 ? WV[0]! : '';
  const cm = w0.charCodeAt(0) === 91 ? /^\[(\d+):(\d+)\]$/.exec(w0) : null;
  if (cm) { counter = Number(cm[1]); i++; }
  const head = i < n ? WV[i] : undefined;
  if (head !== '-A' && head !== '--append') throw lineError(file, ln, i < n ? WC[i]! : 1, `unexpected '${head}' (expected -A CHAIN)`);
  const chain = i + 1 < n ? WV[i + 1] : undefined;
  if (!chain) throw lineError(file, ln, WC[i]!, 'missing chain name after -A');
  if (!chains.has(chain)) throw lineError(file, ln, WC[i + 1]!, `rule for undeclared chain ${chain}`);
  i += 2;
  let comment: string | undefined;
  let neg = false;
  let proto: string | undefined;
  let verdict: unknown;
  for (; i < n; i++) {
    const o = WV[i]!;
    if (o === '!') { neg = true; continue; }
    switch (o) {
      case '-s': case '--source': case '-d': case '--destination': {
        const v = valueAt(++i, file, ln);
        const field = o.startsWith('-s') || o === '--source' ? 'saddr' : 'daddr';
        addressMatch(expr, neg, family, field, v);
        break;
      }
      case '-p': case '--protocol': {
        const v = valueAt(++i, file, ln).toLowerCase();
        proto = v === '6' ? 'tcp' : v === '17' ? 'udp' : v;
        if (proto !== 'all' && proto !== '0') pushMatch(expr, neg, LEFT.l4proto, proto);
        break;
      }
      case '-m': case '--match': {
        const mod = valueAt(++i, file, ln);
        if (mod === 'set') { expr.push({ 'ipset match (-m set)': null }); i = n; }
        else if (!MODULES.has(mod)) {
          expr.push({ [`match module -m ${mod}`]: null });
          i = n;
        }
        break;
      }
      case '--sport': case '--source-port': portField(expr, neg, proto, 'sport', ++i, false, file, ln); break;
      case '--dport': case '--destination-port': portField(expr, neg, proto, 'dport', ++i, false, file, ln); break;
      case '--sports': case '--source-ports': portField(expr, neg, proto, 'sport', ++i, true, file, ln); break;
      case '--dports': case '--destination-ports': portField(expr, neg, proto, 'dport', ++i, true, file, ln); break;
      case '--ctstate': case '--state':
        pushMatch(expr, neg, LEFT.ctState, valueAt(++i, file, ln).toLowerCase().split(','));
        break;
      case '--comment': comment = valueAt(++i, file, ln); break;
      case '--src-range': case '--dst-range': {
        const [a, b] = valueAt(++i, file, ln).split('-');
        pushMatch(expr, neg, { payload: { protocol: family, field: o === '--src-range' ? 'saddr' : 'daddr' } }, { range: [a, b ?? a] });
        break;
      }
      case '-i': case '--in-interface': pushMatch(expr, neg, LEFT.iifname, valueAt(++i, file, ln)); break;
      case '-o': case '--out-interface': pushMatch(expr, neg, LEFT.oifname, valueAt(++i, file, ln)); break;
      case '-j': case '--jump': case '-g': case '--goto': {
        const t = valueAt(++i, file, ln);
        if (VERDICT[t]) verdict = Object.hasOwn(VERDICT_EXPR, t) ? VERDICT_EXPR[t] : { [VERDICT[t]]: null };
        else if (t === 'LOG' || t === 'NFLOG') verdict = { log: {} };
        else if (chains.has(t)) verdict = { [o === '-g' || o === '--goto' ? 'goto' : 'jump']: { target: t } };
        else verdict = { [`target ${t}`]: null };
        break;
      }
      default:
        if (IGNORED_WITH_VALUE.has(o)) valueAt(++i, file, ln);
        else if (IGNORED_FLAGS.has(o)) { /* no effect on which new flows match */ }
        else { expr.push({ [`option ${o}`]: null }); i = n; }
    }
    neg = false;
  }
  if (counter !== undefined) expr.push({ counter: { packets: counter, bytes: 0 } });
  if (verdict) expr.push(verdict);
  const rule: Record<string, unknown> = { family, table, chain, expr };
  if (comment !== undefined) rule.comment = comment;
  return { obj: { rule }, line: ln, col: WC[0]!, text: line };
}

export function iptablesItems(text: string, file: string, w: Warnings): NftItem[] {
  const lines = text.split('\n');
  const items: NftItem[] = [];
  const ipv6 = /ip6tables-save/.test(text.slice(0, 500));
  const family = ipv6 ? 'ip6' : 'ip';
  let table: string | undefined;
  let skipping = false;
  const chains = new Set<string>();
  for (let idx = 0; idx < lines.length; idx++) {
    const raw = lines[idx];
    const ln = idx + 1;
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      table = line.slice(1);
      skipping = table !== 'filter';
      if (skipping) w.add(ln, `table ${table} ignored (only the filter table decides what passes)`, 1);
      else items.push({ obj: { table: { family, name: table } }, line: ln, col: 1, text: line });
      continue;
    }
    if (line === 'COMMIT') { table = undefined; continue; }
    if (!table) throw lineError(file, ln, 1, `'${line.split(' ')[0]}' outside a table (expected *filter first)`);
    if (skipping) continue;
    if (line.startsWith(':')) {
      const m = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?$/.exec(line);
      if (!m) throw lineError(file, ln, 1, 'malformed chain line (expected :NAME POLICY [packets:bytes])');
      const [, name, pol] = m;
      chains.add(name);
      const chain: Record<string, unknown> = { family, table, name };
      if (pol !== '-') {
        if (!HOOKS[name]) throw lineError(file, ln, 1, `built-in policy on non-built-in chain ${name}`);
        if (pol !== 'ACCEPT' && pol !== 'DROP') throw lineError(file, ln, line.indexOf(pol) + 1, `chain policy must be ACCEPT or DROP, not ${pol}`);
        Object.assign(chain, { type: 'filter', hook: HOOKS[name], policy: pol.toLowerCase() });
      }
      items.push({ obj: { chain }, line: ln, col: 1, text: line });
      continue;
    }
    items.push(ruleItem(raw, line, ln, file, family, table, chains));
  }
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
