// iptables-save / ip6tables-save (with or without -c counters), `iptables -S` and command-line
// scripts (`iptables -A …` per line, Capirca's iptables target) → the libnftables JSON objects
// nftables-json.ts understands, so chain inlining, RETURN, conntrack and counters share one
// implementation. The tables that can drop a packet are read — raw, mangle, filter, security, each
// built-in chain a base chain at the kernel's priority for its table — and nat is not (translation
// is not filtering). The address family comes from the content (addresses, family-specific
// matches, the ip6tables command) or --family, never a comment.
import { InputError } from '../errors.ts';
import { cidrFamily, hostFamily, withMask } from '../net/address.ts';
import { type NftItem, nftPolicies } from './nftables-json.ts';
import { Warnings } from './rules.ts';
import type { AddressFamily } from '../net/family.ts';
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
/**
 * The tables read, with the priority of their built-in chains on each hook (the kernel's
 * NF_IP_PRI_RAW, _MANGLE, _FILTER, _SECURITY): a packet meets raw, then mangle, then filter, then
 * security, and a DROP in any of them is final.
 */
const TABLE_PRIORITY: Record<string, number> = { raw: -300, mangle: -150, filter: 0, security: 50 };
/** The built-in chains of each table (iptables(8), TABLES). */
const BUILT_IN: Record<string, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'], mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'], security: ['INPUT', 'FORWARD', 'OUTPUT'],
};
/** Targets that mark or alter a packet and let it go on: they decide nothing about passing. */
const NON_TERMINATING = new Set(['LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'TCPMSS', 'TOS', 'DSCP', 'ECN', 'TTL', 'HL', 'CT', 'NOTRACK', 'CHECKSUM', 'CLASSIFY', 'SECMARK', 'CONNSECMARK', 'TRACE', 'TEE', 'IDLETIMER', 'LED', 'AUDIT']);
/** The verdict statements, shared by every rule (the evaluator only reads them). */
const VERDICT_EXPR: Record<string, unknown> = { ACCEPT: { accept: null }, DROP: { drop: null }, REJECT: { reject: null }, RETURN: { return: null } };
/** Options that take one value and do not change what a rule matches for new TCP/UDP flows. */
const IGNORED_WITH_VALUE = new Set(['--reject-with', '--log-prefix', '--log-level', '--log-tcp-sequence', '--limit', '--limit-burst', '--icmp-type', '--icmpv6-type', '--nflog-group', '--nflog-prefix']);
const IGNORED_FLAGS = new Set(['--log-uid', '--log-ip-options', '--log-tcp-options', '--syn']);

const FAMILY_NAME: Record<Fam, string> = { ip: 'IPv4', ip6: 'IPv6', inet: 'IPv4 or IPv6' };

/**
 * `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `10.0.0.1/32`, `2001:db8::/64` → JSON match value, as
 * iptables reads them: a dotted address with fewer than four parts is completed with zeros
 * (`172.16.0/24` is 172.16.0.0/24, `10.1` is 10.1.0.0, as iptables-save prints them back).
 */
function addressValue(s: string, family: Fam, at: Loc): unknown {
  const slash = s.indexOf('/');
  // The common case first: an address or prefix of the file's family, as iptables-save writes it.
  const f0 = cidrFamily(s);
  if (f0 && (family === 'inet' || f0 === (family === 'ip' ? 'ipv4' : 'ipv6'))) {
    if (slash < 0) return s;
    const len = s.slice(slash + 1);
    if ((len === '32' && f0 === 'ipv4') || len === '128') return s.slice(0, slash);
    return { prefix: { addr: s.slice(0, slash), len: Number(len) } };
  }
  let ip = slash < 0 ? s : s.slice(0, slash);
  const m = slash < 0 ? undefined : s.slice(slash + 1);
  if (/^\d{1,3}(\.\d{1,3}){0,2}$/.test(ip) && (family !== 'ip6')) ip += '.0'.repeat(3 - (ip.match(/\./g)?.length ?? 0));
  const f = hostFamily(ip);
  if (!f) throw lineError(at.file, at.line, at.col, /^[a-z][\w.-]*$/i.test(ip) ? `host name "${ip}": iptables resolves it when loading; write the address` : `invalid ${FAMILY_NAME[family]} address "${s}"`);
  if (family !== 'inet' && f !== (family === 'ip' ? 'ipv4' : 'ipv6')) throw lineError(at.file, at.line, at.col, `${f === 'ipv4' ? 'IPv4' : 'IPv6'} address "${s}" in ${FAMILY_NAME[family]} rules`);
  if (m === undefined) return ip;
  if (m.includes('.')) {
    const c = f === 'ipv4' ? withMask(ip, m) : undefined;
    if (c === undefined) throw lineError(at.file, at.line, at.col, `invalid mask "${m}" in "${s}"`);
    return c.includes('/') ? { prefix: { addr: c.slice(0, c.indexOf('/')), len: Number(c.slice(c.indexOf('/') + 1)) } } : c;
  }
  const len = /^\d{1,3}$/.test(m) ? Number(m) : NaN;
  if (!(len <= (f === 'ipv4' ? 32 : 128))) throw lineError(at.file, at.line, at.col, `invalid prefix length "${m}" in "${s}"`);
  if ((len === 32 && f === 'ipv4') || len === 128) return ip;
  return { prefix: { addr: ip, len } };
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
  ctStatus: { ct: { key: 'status' } },
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

function addressMatch(expr: unknown[], neg: boolean, family: Fam, field: 'saddr' | 'daddr', s: string, at: Loc): void {
  const right = s.indexOf(',') < 0 ? addressValue(s, family, at) : { set: s.split(',').map((x) => addressValue(x, family, at)) };
  // An address decides the family of rules the content left open (never reached for ip / ip6).
  const f: 'ip' | 'ip6' = family !== 'inet' ? family : s.includes(':') ? 'ip6' : 'ip';
  pushMatch(expr, neg, LEFT[f][field], right);
}

type Fam = 'ip' | 'ip6' | 'inet';
interface Loc { file: string; line: number; col: number }

/** The family a line's words tie it to (addresses and family-specific matches), if any. */
function wordsFamily(from: number): 'ip' | 'ip6' | undefined {
  for (let i = from; i < WN; i++) {
    const o = WV[i]!;
    if (ADDRESS_OPTIONS.has(o) && i + 1 < WN) {
      const v = WV[i + 1]!;
      if (v.includes(':')) return 'ip6';
      if (/^\d/.test(v)) return 'ip';
    } else if ((o === '-p' || o === '--protocol') && i + 1 < WN) {
      const p = WV[i + 1]!.toLowerCase();
      if (p === 'icmpv6' || p === 'ipv6-icmp' || p === '58') return 'ip6';
      if (p === 'icmp' || p === '1') return 'ip';
    } else if (o === '--reject-with' && i + 1 < WN) {
      const r = WV[i + 1]!;
      if (r.startsWith('icmp6-')) return 'ip6';
      if (r.startsWith('icmp-')) return 'ip';
    } else if ((o === '-m' || o === '--match') && i + 1 < WN) {
      if (V6_MODULES.has(WV[i + 1]!)) return 'ip6';
      if (V4_MODULES.has(WV[i + 1]!)) return 'ip';
    } else if (o === '--icmpv6-type') return 'ip6';
    else if (o === '--icmp-type' || o === '-f' || o === '--fragment') return 'ip';
  }
  return undefined;
}
const ADDRESS_OPTIONS = new Set(['-s', '--source', '-d', '--destination', '--src-range', '--dst-range']);
const V6_MODULES = new Set(['icmp6', 'icmpv6', 'rt', 'frag', 'hl', 'hbh', 'dst', 'ipv6header', 'mh', 'srh']);
const V4_MODULES = new Set(['ttl']);

/** The rule options from word `from` on → the rule's JSON object. */
function ruleItem(from: number, chain: string, counter: number | undefined, line: string, ln: number, file: string, family: Fam, table: string, chains: { has(name: string): boolean }): NftItem {
  const n = WN;
  const expr: unknown[] = [];
  let comment: string | undefined;
  let neg = false;
  let proto: string | undefined;
  let verdict: unknown;
  let marking = false;
  for (let i = from; i < n; i++) {
    const o = WV[i]!;
    if (o === '!') { neg = true; continue; }
    switch (o) {
      case '-s': case '--source': case '-d': case '--destination': {
        const v = valueAt(++i, file, ln);
        const field = o === '-s' || o === '--source' ? 'saddr' : 'daddr';
        addressMatch(expr, neg, family, field, v, { file, line: ln, col: WC[i]! });
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
      case '--ctstate': case '--state': {
        const states = valueAt(++i, file, ln).toLowerCase().split(',');
        // DNAT and SNAT are conntrack's virtual states: nftables calls them `ct status`.
        const virtual = o === '--ctstate' && states.every((s) => s === 'dnat' || s === 'snat');
        pushMatch(expr, neg, virtual ? LEFT.ctStatus : LEFT.ctState, states);
        break;
      }
      case '--comment': comment = valueAt(++i, file, ln); break;
      case '--src-range': case '--dst-range': {
        const v = valueAt(++i, file, ln);
        const at = { file, line: ln, col: WC[i]! };
        const [a, b] = v.split('-').map((x) => addressValue(x, family, at));
        const f = family !== 'inet' ? family : v.includes(':') ? 'ip6' : 'ip';
        pushMatch(expr, neg, { payload: { protocol: f, field: o === '--src-range' ? 'saddr' : 'daddr' } }, { range: [a, b ?? a] });
        break;
      }
      case '-i': case '--in-interface': pushMatch(expr, neg, LEFT.iifname, valueAt(++i, file, ln)); break;
      case '-o': case '--out-interface': pushMatch(expr, neg, LEFT.oifname, valueAt(++i, file, ln)); break;
      case '-t': case '--table': valueAt(++i, file, ln); break; // read by the caller
      case '-j': case '--jump': case '-g': case '--goto': {
        const t = valueAt(++i, file, ln);
        if (VERDICT[t]) verdict = Object.hasOwn(VERDICT_EXPR, t) ? VERDICT_EXPR[t] : { [VERDICT[t]]: null };
        else if (NON_TERMINATING.has(t)) { verdict = { log: {} }; marking = true; }
        else if (chains.has(t)) verdict = { [o === '-g' || o === '--goto' ? 'goto' : 'jump']: { target: t } };
        else verdict = { [`target ${t}`]: null };
        break;
      }
      default:
        if (IGNORED_WITH_VALUE.has(o)) valueAt(++i, file, ln);
        // The options of a marking target (`-j MARK --set-xmark 0x1/0xff`): they decide nothing.
        else if (marking && o.startsWith('--')) { while (i + 1 < n && !WV[i + 1]!.startsWith('-')) i++; }
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

/** One table of one family as the lines built it: chains in order, with their rules. */
interface TableState {
  family: Fam;
  table: string;
  chains: Map<string, { item: NftItem; policy?: string; rules: NftItem[] }>;
}

const COMMANDS = new Set(['-C', '--check', '-A', '--append', '-I', '--insert', '-N', '--new-chain', '-P', '--policy', '-F', '--flush', '-X', '--delete-chain', '-Z', '--zero', '-D', '--delete', '-R', '--replace', '-E', '--rename-chain', '-L', '--list', '-S', '--list-rules']);
const TOOL = /^(?:\.?\/[^=$]*\/)?(ip6?)tables(?:-legacy|-nft)?$/;
/** A script's command word: `iptables`, `/sbin/ip6tables`, `iptables-nft`, `$IPT`, `${IP6TABLES}`. */
function toolFamily(word: string): 'ip' | 'ip6' | undefined {
  const m = TOOL.exec(word) ?? /^\$\{?(ip6?)t(?:ables)?\}?$/i.exec(word);
  return m ? (m[1]!.toLowerCase() as 'ip' | 'ip6') : undefined;
}

export function iptablesItems(text: string, file: string, w: Warnings, familyOption?: AddressFamily): NftItem[] {
  const lines = text.split('\n');
  const optionFam: Fam | undefined = familyOption === 'ipv4' ? 'ip' : familyOption === 'ipv6' ? 'ip6' : undefined;
  // The family of the file's save-format and bare `-A` lines: from their content, or --family.
  let contentFam: 'ip' | 'ip6' | undefined;
  for (let idx = 0; idx < lines.length; idx++) {
    const l = lines[idx]!;
    if (!/(^|\s)(-[sdpmf]|--\S+)\s/.test(l) || /^\s*#/.test(l)) continue;
    const n = words(l, file, idx + 1);
    if (n > 0 && toolFamily(WV[0] === 'sudo' && n > 1 ? WV[1]! : WV[0]!)) continue; // a command line names its own family
    const f = wordsFamily(0);
    if (!f) continue;
    // The first line that names a family decides; an address of the other family later is an
    // error where it is read (addressValue).
    if (optionFam && f !== optionFam) throw lineError(file, idx + 1, 1, `${FAMILY_NAME[f]} rule in a file read as ${FAMILY_NAME[optionFam]} (--family)`);
    contentFam = f;
    break;
  }
  const fileFam: Fam = optionFam ?? contentFam ?? 'inet';

  const states = new Map<string, TableState>();
  const stateOf = (fam: Fam, table: string): TableState => {
    let st = states.get(`${fam} ${table}`);
    if (!st) { st = { family: fam, table, chains: new Map() }; states.set(`${fam} ${table}`, st); }
    return st;
  };
  const declare = (st: TableState, name: string, ln: number, col: number, text: string, policy?: string) => {
    const c = st.chains.get(name);
    if (c) { if (policy) c.policy = policy; return c; }
    const d = { item: { obj: {}, line: ln, col, text }, policy, rules: [] as NftItem[] };
    st.chains.set(name, d);
    return d;
  };
  const warnedTables = new Set<string>();
  let table: string | undefined;
  let skipping = false;
  for (let idx = 0; idx < lines.length; idx++) {
    const raw = lines[idx]!;
    const ln = idx + 1;
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      table = line.slice(1);
      skipping = TABLE_PRIORITY[table] === undefined;
      if (skipping) w.add(ln, ignoredTable(table), 1);
      else stateOf(fileFam, table);
      continue;
    }
    if (line === 'COMMIT') { table = undefined; continue; }
    if (line.startsWith(':')) {
      if (!table) throw lineError(file, ln, 1, `'${line.split(' ')[0]}' outside a table (expected *filter first)`);
      if (skipping) continue;
      const m = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?$/.exec(line);
      if (!m) throw lineError(file, ln, 1, 'malformed chain line (expected :NAME POLICY [packets:bytes])');
      const [, name, pol] = m;
      if (pol !== '-') {
        if (!HOOKS[name]) throw lineError(file, ln, 1, `built-in policy on non-built-in chain ${name}`);
        if (pol !== 'ACCEPT' && pol !== 'DROP') throw lineError(file, ln, line.indexOf(pol) + 1, `chain policy must be ACCEPT or DROP, not ${pol}`);
      }
      declare(stateOf(fileFam, table), name, ln, 1, line, pol === '-' ? undefined : pol);
      continue;
    }
    if (table !== undefined && skipping) continue;
    // A rule or command: `[packets:bytes] -A …` (save format), `-N`/`-P`/`-A …` (iptables -S,
    // Capirca), or `[sudo] [/sbin/]ip6?tables [-w] [-t T] -A …` (a shell script).
    const n = words(raw, file, ln);
    let i = 0;
    let counter: number | undefined;
    const cm = WV[0]!.charCodeAt(0) === 91 ? /^\[(\d+):(\d+)\]$/.exec(WV[0]!) : null;
    if (cm) { counter = Number(cm[1]); i++; }
    let fam: Fam = fileFam;
    let lineTable = table;
    if (i < n && WV[i]!.charCodeAt(0) !== 45 /* - */ && (WV[i] === 'sudo' || toolFamily(WV[i]!))) {
      if (WV[i] === 'sudo') i++;
      const tf = toolFamily(WV[i] ?? '');
      if (!tf) { w.add(ln, `shell command not read: ${line.length > 60 ? line.slice(0, 57) + '...' : line}`, 1); continue; }
      fam = tf;
      if (optionFam && fam !== optionFam) { w.add(ln, `${fam === 'ip6' ? 'ip6tables' : 'iptables'} line left out (--family ${familyOption})`, 1); continue; }
      lineTable = 'filter';
      i++;
    } else if (i < n && !COMMANDS.has(WV[i]!)) {
      if (!table && !/^-/.test(WV[i]!)) { w.add(ln, `shell command not read: ${line.length > 60 ? line.slice(0, 57) + '...' : line}`, 1); continue; }
      throw lineError(file, ln, WC[i]!, `unexpected '${WV[i]}' (expected -A CHAIN)`);
    }
    // Options before the command: -t TABLE, -w [seconds], -W usecs, -v.
    for (; i < n && !COMMANDS.has(WV[i]!); i++) {
      const o = WV[i]!;
      if (o === '-t' || o === '--table') lineTable = valueAt(++i, file, ln);
      else if (o === '-w' || o === '--wait') { if (/^\d+$/.test(WV[i + 1] ?? '')) i++; }
      else if (o === '-W' || o === '--wait-interval') i++;
      else if (o !== '-v' && o !== '--verbose' && o !== '-n' && o !== '--numeric') throw lineError(file, ln, WC[i]!, `unexpected '${o}' before the command (expected -A, -I, -N, -P, -F or -X)`);
    }
    if (i >= n) throw lineError(file, ln, 1, 'missing command (expected -A CHAIN)');
    // A command line may name its table after the command (`iptables -A PREROUTING -t nat …`).
    if (table === undefined) for (let k = i + 1; k < n; k++) if ((WV[k] === '-t' || WV[k] === '--table') && k + 1 < n) lineTable = WV[k + 1];
    lineTable ??= 'filter';
    if (TABLE_PRIORITY[lineTable] === undefined) {
      if (!warnedTables.has(lineTable)) { warnedTables.add(lineTable); w.add(ln, ignoredTable(lineTable), WC[0]!); }
      continue;
    }
    const st = stateOf(fam, lineTable);
    const cmd = WV[i]!;
    const chain = i + 1 < n && !WV[i + 1]!.startsWith('-') ? WV[i + 1] : undefined;
    switch (cmd) {
      case '-N': case '--new-chain':
        if (!chain) throw lineError(file, ln, WC[i]!, `${cmd} needs a chain name`);
        declare(st, chain, ln, WC[i]!, line);
        break;
      case '-P': case '--policy': {
        const pol = WV[i + 2];
        if (!chain || !HOOKS[chain]) throw lineError(file, ln, WC[i]!, `${cmd} needs a built-in chain (INPUT, FORWARD, OUTPUT)`);
        if (pol !== 'ACCEPT' && pol !== 'DROP') throw lineError(file, ln, WC[i + 2] ?? WC[i]!, `chain policy must be ACCEPT or DROP, not ${pol ?? 'nothing'}`);
        declare(st, chain, ln, WC[i]!, line, pol);
        break;
      }
      case '-F': case '--flush':
        for (const [name, c] of st.chains) if (!chain || name === chain) c.rules.length = 0;
        break;
      case '-X': case '--delete-chain':
        for (const name of [...st.chains.keys()]) if ((!chain || name === chain) && !HOOKS[name]) st.chains.delete(name);
        break;
      case '-Z': case '--zero': case '-L': case '--list': case '-S': case '--list-rules': case '-C': case '--check': break;
      case '-A': case '--append': case '-I': case '--insert': {
        if (!chain) throw lineError(file, ln, WC[i]!, `missing chain name after ${cmd}`);
        // A built-in chain exists before any line declares it (policy ACCEPT); the built-in chains
        // no line names say nothing about the file and are left out.
        const c = st.chains.get(chain) ?? (BUILT_IN[st.table]!.includes(chain) ? declare(st, chain, ln, WC[i]!, line, 'ACCEPT') : undefined);
        if (!c) throw lineError(file, ln, WC[i + 1]!, `rule for undeclared chain ${chain}`);
        const insert = cmd === '-I' || cmd === '--insert';
        const pos = insert && /^\d+$/.test(WV[i + 2] ?? '') ? Number(WV[i + 2]) : 1;
        const item = ruleItem(i + 2 + (insert && /^\d+$/.test(WV[i + 2] ?? '') ? 1 : 0), chain, counter, line, ln, file, fam, st.table, st.chains);
        if (insert) c.rules.splice(Math.max(0, pos - 1), 0, item); else c.rules.push(item);
        break;
      }
      default:
        w.add(ln, `${cmd} (delete, replace or rename) not modelled; line skipped`, WC[i]!);
    }
  }
  if (table) w.add(lines.length, `table ${table} has no COMMIT`, 1);
  const items: NftItem[] = [];
  const warnedFamily = new Set<Fam>();
  for (const st of states.values()) {
    const first = [...st.chains.values()][0];
    const at = first?.item ?? { line: 1, col: 1, text: '' };
    // Outside the filter table, a built-in chain without rules that accepts decides nothing.
    if (st.table !== 'filter') for (const [name, c] of st.chains) if (HOOKS[name] && c.rules.length === 0 && c.policy !== 'DROP') st.chains.delete(name);
    if (st.table !== 'filter' && ![...st.chains.keys()].some((n) => HOOKS[n])) continue;
    if (st.family === 'inet' && !warnedFamily.has(st.family)) {
      warnedFamily.add(st.family);
      // The name is only a hint for the user (iptables-persistent's rules.v4 / rules.v6), never a decision.
      const hint = /\.v6$/.test(file) ? ' (the file name suggests ipv6)' : /\.v4$/.test(file) ? ' (the file name suggests ipv4)' : '';
      w.add(at.line, `address family not in the content (no address, no IPv4- or IPv6-only match): rules read for both IPv4 and IPv6; pass --family ipv4 or ipv6${hint}`, at.col);
    }
    items.push({ obj: { table: { family: st.family, name: st.table } }, line: at.line, col: at.col, text: at.text });
    for (const [name, c] of st.chains) {
      const chain: Record<string, unknown> = { family: st.family, table: st.table, name };
      if (HOOKS[name] && c.policy) Object.assign(chain, { type: 'filter', hook: HOOKS[name], prio: TABLE_PRIORITY[st.table], policy: c.policy.toLowerCase() });
      items.push({ obj: { chain }, line: c.item.line, col: c.item.col, text: c.item.text });
    }
    for (const c of st.chains.values()) for (const r of c.rules) items.push(r); // no spread: chains can hold millions of rules
  }
  return items;
}

function ignoredTable(table: string): string {
  return table === 'nat' ? 'table nat ignored (address translation is not filtering)' : `table ${table} ignored (not a table of iptables that filters: raw, mangle, filter, security)`;
}

export const parseIptables: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const items = iptablesItems(text, file, w, options.family);
  const policies = nftPolicies(items, file, options, w);
  // iptables names its chains `filter INPUT`; an IPv6 file's `ip6 filter INPUT`.
  for (const p of policies) p.firewall = p.firewall.replace(/^(ip|inet) /, '');
  return { policies, warnings: w.list };
};
