// nftables: `nft list ruleset` text → the libnftables JSON objects nftables-json.ts understands,
// each with the line and column of its text. Only the syntax; the meaning lives there.
import { InputError } from '../errors.ts';
import { hostFamily, cidrFamily } from '../net/address.ts';
import { type NftItem, nftPolicies } from './nftables-json.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

interface Tok {
  t: 'word' | 'str' | 'op' | '{' | '}' | ',' | ';' | 'nl';
  v: string;
  line: number;
  col: number;
}

function tokenize(text: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1, ls = 0, i = 0;
  const push = (t: Tok['t'], v: string, at: number) => toks.push({ t, v, line, col: at - ls + 1 });
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') { push('nl', '\n', i); i++; line++; ls = i; continue; }
    if (c === '\\' && text[i + 1] === '\n') { i += 2; line++; ls = i; continue; } // line continuation
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '"') {
      const start = i;
      let v = '';
      i++;
      while (text[i] !== '"') {
        if (i >= text.length || text[i] === '\n') throw new InputError('unterminated string', { file, line, col: start - ls + 1 });
        if (text[i] === '\\' && text[i + 1] === '"') { v += '"'; i += 2; } else v += text[i++];
      }
      i++;
      push('str', v, start);
      continue;
    }
    if ('{},;'.includes(c)) { push(c as Tok['t'], c, i); i++; continue; }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '==' || two === '<=' || two === '>=') { push('op', two, i); i += 2; continue; }
    if (c === '<' || c === '>') { push('op', c, i); i++; continue; }
    const start = i;
    while (i < text.length && !/[\s{},;"#<>]/.test(text[i]) && !(text[i] === '!' && text[i + 1] === '=') && !(text[i] === '=' && text[i + 1] === '=')) i++;
    if (i === start) i++; // a lone character the grammar has no use for; kept as a word
    push('word', text.slice(start, i), start);
  }
  return toks;
}

const VERDICTS = new Set(['accept', 'drop', 'reject', 'return', 'continue', 'jump', 'goto', 'queue']);
const META_SHORT = new Set(['iifname', 'oifname', 'iif', 'oif', 'l4proto', 'nfproto', 'mark', 'pkttype', 'skuid', 'skgid', 'iiftype', 'oiftype']);
const PAYLOADS = new Set(['ip', 'ip6', 'tcp', 'udp', 'th', 'sctp', 'dccp', 'icmp', 'icmpv6', 'esp', 'ah', 'igmp', 'ether', 'vlan', 'arp']);

/** A word as the JSON element nft -j would print: numbers, prefixes, ranges, strings. */
function element(w: string): unknown {
  if (/^\d+$/.test(w)) return Number(w);
  const slash = w.indexOf('/');
  if (slash > 0 && cidrFamily(w)) return { prefix: { addr: w.slice(0, slash), len: Number(w.slice(slash + 1)) } };
  const dash = w.indexOf('-');
  if (dash > 0) {
    const a = w.slice(0, dash), b = w.slice(dash + 1);
    if (/^\d+$/.test(a) && /^\d+$/.test(b)) return { range: [Number(a), Number(b)] };
    if (hostFamily(a) && hostFamily(b)) return { range: [a, b] };
  }
  return w;
}

class Statement {
  i = 0;
  constructor(readonly toks: Tok[], readonly file: string) {}
  peek(): Tok | undefined { return this.toks[this.i]; }
  next(): Tok | undefined { return this.toks[this.i++]; }
  word(what: string): string {
    const t = this.next();
    if (!t || (t.t !== 'word' && t.t !== 'str')) {
      const at = t ?? this.toks[this.toks.length - 1];
      throw new InputError(`expected ${what}`, { file: this.file, line: at.line, col: t ? at.col : at.col + at.v.length });
    }
    return t.v;
  }
  rest(): string { return this.toks.slice(this.i).map((t) => (t.t === 'str' ? `"${t.v}"` : t.v)).join(' '); }
}

/** `{ a, b }` (possibly over several lines), `@set`, `a,b` or one word. */
function value(s: Statement): unknown {
  const t = s.next();
  if (!t) throw new InputError('expected a value', { file: s.file, line: s.toks[s.toks.length - 1].line, col: s.toks[s.toks.length - 1].col });
  if (t.t === '{') {
    const elems: unknown[] = [];
    for (;;) {
      const u = s.next();
      if (!u) throw new InputError("missing '}'", { file: s.file, line: t.line, col: t.col });
      if (u.t === '}') break;
      if (u.t === ',' || u.t === 'nl') continue;
      if (u.t === '{') throw new InputError('nested set', { file: s.file, line: u.line, col: u.col });
      elems.push(element(u.v));
      // Element options (timeout, counter, comment) and concatenations ride along until the comma.
      while (s.peek() && s.peek()!.t !== ',' && s.peek()!.t !== '}') {
        const x = s.next()!;
        if (x.v === '.' || x.v === ':') elems[elems.length - 1] = { concat: x.v };
      }
    }
    return { set: elems };
  }
  if (t.t !== 'word' && t.t !== 'str') throw new InputError(`unexpected '${t.v}'`, { file: s.file, line: t.line, col: t.col });
  const first = element(t.v);
  if (s.peek()?.t !== ',') return first;
  const list = [first];
  while (s.peek()?.t === ',') { s.next(); list.push(element(s.word('a value after ,'))); }
  return list;
}

/** One rule's tokens → `{ rule: { expr, comment } }` objects of the JSON schema. */
function ruleExprs(s: Statement): { expr: unknown[]; comment?: string } {
  const expr: unknown[] = [];
  let comment: string | undefined;
  while (s.peek()) {
    const start = s.i;
    const w = s.next()!;
    if (w.t !== 'word') { expr.push({ unparsed: s.toks.slice(start).map((x) => x.v).join(' ') }); break; }
    const kw = w.v;
    let left: unknown;
    if (PAYLOADS.has(kw) && s.peek()?.t === 'word' && !VERDICTS.has(s.peek()!.v)) left = { payload: { protocol: kw, field: s.word('a field') } };
    else if (kw === 'meta') left = { meta: { key: s.word('a meta key') } };
    else if (META_SHORT.has(kw)) left = { meta: { key: kw } };
    else if (kw === 'ct') left = { ct: { key: s.word('a ct key') } };
    if (left) {
      const nx = s.peek();
      if (nx?.t === 'word' && (nx.v === 'set' || nx.v === 'vmap' || nx.v === 'map' || nx.v === '.')) {
        s.i = start; expr.push({ [nx.v === 'set' ? 'mangle' : nx.v === '.' ? 'concat' : 'vmap']: s.rest() });
        break;
      }
      let op = '==';
      if (nx?.t === 'op') op = s.next()!.v;
      else if (nx?.t === 'word' && (nx.v === 'eq' || nx.v === 'ne')) op = s.next()!.v === 'eq' ? '==' : '!=';
      const right = value(s);
      expr.push({ match: { op: Array.isArray(right) ? (op === '==' ? 'in' : op) : op, left, right } });
      continue;
    }
    switch (kw) {
      case 'counter':
        if (s.peek()?.v === 'packets') {
          s.next(); const p = Number(s.word('a packet count'));
          if (s.peek()?.v === 'bytes') { s.next(); s.word('a byte count'); }
          expr.push({ counter: { packets: p, bytes: 0 } });
        } else if (s.peek()?.v === 'name') { s.next(); expr.push({ counter: s.word('a counter name') }); }
        else expr.push({ counter: null });
        break;
      case 'comment': comment = s.word('a comment'); break;
      case 'log':
        while (['prefix', 'level', 'flags', 'group', 'snaplen', 'queue-threshold'].includes(s.peek()?.v ?? '')) { s.next(); s.word('a log option value'); }
        expr.push({ log: {} });
        break;
      case 'limit':
        while (s.peek() && s.peek()!.t === 'word' && (/^(rate|over|burst|packets|bytes|[kmg]?bytes\/\w+)$/.test(s.peek()!.v) || /^\d/.test(s.peek()!.v))) s.next();
        expr.push({ limit: {} });
        break;
      case 'accept': case 'drop': case 'return': case 'continue': expr.push({ [kw]: null }); break;
      case 'reject':
        if (s.peek()?.v === 'with') { s.next(); while (s.peek()?.t === 'word' && s.peek()!.v !== 'comment') s.next(); }
        expr.push({ reject: null });
        break;
      case 'jump': case 'goto': expr.push({ [kw]: { target: s.word('a chain name') } }); break;
      default:
        s.i--; expr.push({ [kw]: s.rest() }); // a statement the parser does not model; reported as such
        s.i = s.toks.length;
    }
  }
  return { expr, comment };
}

/** Splits a block's tokens into statements at newlines and ';' outside braces. */
function statements(toks: Tok[], from: number, file: string): { stmts: Tok[][]; end: number } {
  const stmts: Tok[][] = [];
  let cur: Tok[] = [], depth = 0, i = from;
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (depth === 0 && t.t === '}') break;
    if (t.t === '{') depth++;
    if (t.t === '}') depth--;
    if (depth === 0 && (t.t === 'nl' || t.t === ';')) { if (cur.length) stmts.push(cur); cur = []; continue; }
    cur.push(t);
  }
  if (i >= toks.length) {
    const open = toks[from - 1];
    throw new InputError("missing '}' for this block", { file, line: open.line, col: open.col });
  }
  if (cur.length) stmts.push(cur);
  return { stmts, end: i };
}

export function nftTextItems(text: string, file: string, w: Warnings): NftItem[] {
  const toks = tokenize(text, file);
  const lines = text.split('\n');
  const items: NftItem[] = [];
  const err = (t: Tok, msg: string) => new InputError(msg, { file, line: t.line, col: t.col });
  const src = (st: Tok[]) => {
    const a = st[0].line, z = st[st.length - 1].line;
    return lines.slice(a - 1, z).map((l) => l.trim()).join(' ');
  };
  const item = (obj: Record<string, unknown>, at: Tok, st?: Tok[]) => items.push({ obj, line: at.line, col: at.col, text: st ? src(st) : lines[at.line - 1].trim() });

  let i = 0;
  const skipNl = () => { while (toks[i] && (toks[i].t === 'nl' || toks[i].t === ';')) i++; };
  const expect = (t: Tok['t'], what: string): Tok => {
    const x = toks[i];
    if (!x || x.t !== t) throw x ? err(x, `expected ${what}`) : new InputError(`expected ${what} at end of input`, { file, line: lines.length, col: 1 });
    i++;
    return x;
  };
  // Skips one statement at top/table level, including any braced block it opens.
  const skipStatement = () => {
    let depth = 0;
    for (; i < toks.length; i++) {
      const t = toks[i];
      if (t.t === '{') depth++;
      else if (t.t === '}') { if (depth === 0) return; depth--; if (depth === 0) { i++; return; } }
      else if (depth === 0 && (t.t === 'nl' || t.t === ';')) return;
    }
  };

  for (skipNl(); i < toks.length; skipNl()) {
    const t = toks[i];
    if (t.t === 'word' && t.v === 'table') {
      i++;
      let family = expect('word', 'a table family or name').v;
      let name: string;
      if (toks[i]?.t === 'word') name = toks[i++].v;
      else { name = family; family = 'ip'; }
      // `table inet t` without a block (a script's "create if missing", as Portolan's own
      // renderer writes before `delete table`) declares an empty table: nothing to record.
      if (!toks[i] || toks[i].t === 'nl' || toks[i].t === ';') continue;
      expect('{', "'{'");
      item({ table: { family, name } }, t);
      for (skipNl(); toks[i] && toks[i].t !== '}'; skipNl()) {
        const k = toks[i];
        if (k.t === 'word' && (k.v === 'chain' || k.v === 'set')) {
          i++;
          const cname = expect('word', `a ${k.v} name`).v;
          expect('{', "'{'");
          const { stmts, end } = statements(toks, i, file);
          i = end + 1;
          if (k.v === 'chain') chainItems(family, name, cname, k, stmts);
          else setItem(family, name, cname, k, stmts);
        } else if (k.t === 'word') {
          w.add(k.line, `${k.v} ${toks[i + 1]?.v ?? ''} in table ${family} ${name} not supported; ignored`.trimEnd(), k.col);
          skipStatement();
        } else throw err(k, `unexpected '${k.v}' in table`);
      }
      if (!toks[i]) throw err(t, "missing '}' for this table");
      i++;
    } else if (t.t === 'word' && t.v === 'delete' && toks[i + 1]?.v === 'table') {
      // A script's `delete table F N` removes what was declared before it.
      i += 2;
      let family = expect('word', 'a table family or name').v;
      let name: string;
      if (toks[i]?.t === 'word') name = toks[i++].v;
      else { name = family; family = 'ip'; }
      const ofTable = (o: Record<string, unknown>) => {
        const v = Object.values(o)[0] as { family?: string; name?: string; table?: string };
        return v.family === family && (v.table ?? v.name) === name;
      };
      for (let k = items.length - 1; k >= 0; k--) if (ofTable(items[k].obj)) items.splice(k, 1);
    } else if (t.t === 'word') {
      // Script commands (flush, add, define, include) are not part of `nft list ruleset` output.
      if (!(t.v === 'flush' && toks[i + 1]?.v === 'ruleset')) w.add(t.line, `command '${t.v}' not supported (expected \`nft list ruleset\` output); ignored`, t.col);
      skipStatement();
    } else throw err(t, `unexpected '${t.v}'`);
  }
  return items;

  function chainItems(family: string, table: string, name: string, at: Tok, stmts: Tok[][]) {
    const chain: Record<string, unknown> = { family, table, name };
    const rules: Tok[][] = [];
    for (const st of stmts) {
      const s = new Statement(st, file);
      const first = st[0].v;
      if (first === 'type') {
        s.next();
        chain.type = s.word('a chain type');
        while (s.peek()) {
          const k = s.word('hook, device or priority');
          if (k === 'hook') chain.hook = s.word('a hook');
          else if (k === 'priority') chain.prio = s.rest().replace(/\s+/g, ''), s.i = st.length;
          else if (k === 'device') s.word('a device');
          else throw err(st[s.i - 1], `unexpected '${k}' in chain type`);
        }
      } else if (first === 'policy') {
        s.next();
        const p = s.word('accept or drop');
        if (p !== 'accept' && p !== 'drop') throw err(st[1], `chain policy must be accept or drop, not ${p}`);
        chain.policy = p;
      } else if (first === 'comment' && st.length === 2 && st[1].t === 'str') chain.comment = st[1].v;
      else if (first === 'devices') continue;
      else rules.push(st);
    }
    item({ chain }, at);
    for (const st of rules) {
      const r = ruleExprs(new Statement(st, file));
      item({ rule: { family, table, chain: name, expr: r.expr, ...(r.comment !== undefined ? { comment: r.comment } : {}) } }, st[0], st);
    }
  }

  function setItem(family: string, table: string, name: string, at: Tok, stmts: Tok[][]) {
    const set: Record<string, unknown> = { family, table, name };
    for (const st of stmts) {
      const s = new Statement(st, file);
      const k = s.word('a set property');
      if (k === 'type') {
        const types = [s.word('a set type')];
        while (s.peek()?.v === '.') { s.next(); types.push(s.word('a set type')); }
        set.type = types.length === 1 ? types[0] : types;
      } else if (k === 'typeof') set.type = ['typeof', s.rest()];
      else if (k === 'flags') set.flags = s.rest().split(/\s*,\s*/);
      else if (k === 'elements') {
        if (s.next()?.v !== '=') throw err(st[0], "expected '=' after elements");
        const v = value(s) as { set?: unknown[] };
        set.elem = v.set ?? [v];
      }
    }
    item({ set }, at);
  }
}

export const parseNftablesText: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const items = nftTextItems(text, file, w);
  return { policies: nftPolicies(items, file, options, w), warnings: w.list };
};
