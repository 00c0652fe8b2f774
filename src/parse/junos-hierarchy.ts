// Junos configuration in its curly-brace form (`show configuration`, a saved juniper.conf,
// Capirca's `srx` output) as the `set` lines `show configuration | display set` would print,
// each with the line and column of its statement. `inactive:` statements become `deactivate`
// lines (for the marked statement itself, as `display set` prints them); `replace:`/`protect:`
// markers are dropped. Iterative: nesting cannot overflow the stack.
import { InputError } from '../errors.ts';

export interface SetLine {
  text: string;
  line: number;
  col: number;
}

interface Tok {
  v: string;
  line: number;
  col: number;
  quoted?: boolean;
}

function tokens(text: string, file: string): Tok[] {
  const out: Tok[] = [];
  let i = 0, line = 1, lineStart = 0;
  const fail = (msg: string): never => { throw new InputError(msg, { file, line, col: i - lineStart + 1 }); };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') { i++; line++; lineStart = i; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') {
      const k = text.indexOf('*/', i + 2);
      if (k < 0) fail('unterminated /* comment');
      for (let j = i; j < k; j++) if (text[j] === '\n') { line++; lineStart = j + 1; }
      i = k + 2;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === '{' || c === '}' || c === ';' || c === '[' || c === ']') { out.push({ v: c, line, col }); i++; continue; }
    if (c === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) { i = lineStart; fail('unterminated quoted string'); }
        const d = text[i]!;
        if (d === '\\' && i + 1 < text.length) { v += text[i + 1]; i += 2; continue; }
        if (d === '"') { i++; break; }
        if (d === '\n') { line++; lineStart = i + 1; }
        v += d; i++;
      }
      out.push({ v, line, col, quoted: true });
      continue;
    }
    let v = '';
    while (i < text.length && !/[\s{};[\]"]/.test(text[i]!)) v += text[i++];
    out.push({ v, line, col });
  }
  return out;
}

const quote = (t: Tok) => (t.quoted || /[\s;{}[\]#"]/.test(t.v) || t.v === '' ? `"${t.v.replace(/(["\\])/g, '\\$1')}"` : t.v);

/** Nesting deeper than any Junos configuration needs (as MAX_XML_DEPTH for XML). */
export const MAX_JUNOS_DEPTH = 1000;

/** The statements of a curly-brace configuration as set lines. */
export function junosSetLines(text: string, file: string): SetLine[] {
  const toks = tokens(text, file);
  const out: SetLine[] = [];
  const path: { words: string[]; inactive: boolean; at: Tok; emitted: number }[] = [];
  let words: Tok[] = [];
  let inactive = false;
  const prefix = () => path.flatMap((p) => p.words);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.v === '[' && !t.quoted) {
      // A leaf with a list: one set line per member.
      const members: Tok[] = [];
      for (k++; k < toks.length && !(toks[k]!.v === ']' && !toks[k]!.quoted); k++) members.push(toks[k]!);
      if (k >= toks.length) throw new InputError('unterminated "["', { file, line: t.line, col: t.col });
      if (toks[k + 1]?.v !== ';') throw new InputError('expected ";" after "]"', { file, line: toks[k]!.line, col: toks[k]!.col });
      k++;
      const at = words[0] ?? t;
      for (const m of members) {
        const stmt = [...prefix(), ...words.map(quote), quote(m)].join(' ');
        out.push({ text: `set ${stmt}`, line: at.line, col: at.col });
        if (inactive) out.push({ text: `deactivate ${stmt}`, line: at.line, col: at.col });
      }
      words = []; inactive = false;
      continue;
    }
    if (t.quoted || !['{', '}', ';'].includes(t.v)) {
      if (words.length === 0 && !t.quoted && /^(inactive|replace|protect|active|delete):$/.test(t.v)) {
        if (t.v === 'inactive:') inactive = true;
        continue;
      }
      words.push(t);
      continue;
    }
    if (t.v === '{') {
      if (words.length === 0) throw new InputError('"{" without a statement name', { file, line: t.line, col: t.col });
      // Every statement carries its whole path: past any real configuration's depth, refused
      // rather than spend the square of the depth.
      if (path.length >= MAX_JUNOS_DEPTH) throw new InputError(`blocks nested deeper than ${MAX_JUNOS_DEPTH} levels`, { file, line: t.line, col: t.col });
      path.push({ words: words.map(quote), inactive, at: words[0]!, emitted: out.length });
      words = []; inactive = false;
      continue;
    }
    if (t.v === ';') {
      if (words.length === 0) continue;
      const stmt = [...prefix(), ...words.map(quote)].join(' ');
      out.push({ text: `set ${stmt}`, line: words[0]!.line, col: words[0]!.col });
      if (inactive) out.push({ text: `deactivate ${stmt}`, line: words[0]!.line, col: words[0]!.col });
      words = []; inactive = false;
      continue;
    }
    // '}'
    if (words.length) throw new InputError(`expected ";" after "${words.map((w) => w.v).join(' ')}"`, { file, line: words[0]!.line, col: words[0]!.col });
    const closed = path.pop();
    if (!closed) throw new InputError('"}" without "{"', { file, line: t.line, col: t.col });
    // An empty container still exists as a statement of its own, as `display set` prints it.
    const stmt = [...prefix(), ...closed.words].join(' ');
    if (out.length === closed.emitted) out.push({ text: `set ${stmt}`, line: closed.at.line, col: closed.at.col });
    if (closed.inactive) out.push({ text: `deactivate ${stmt}`, line: closed.at.line, col: closed.at.col });
  }
  if (words.length) throw new InputError(`expected ";" after "${words.map((w) => w.v).join(' ')}"`, { file, line: words[0]!.line, col: words[0]!.col });
  if (path.length) {
    const open = path[path.length - 1]!;
    throw new InputError(`"${open.words.join(' ')} {" is never closed`, { file, line: open.at.line, col: open.at.col });
  }
  return out;
}
