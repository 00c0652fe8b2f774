// A small reader of HCL, the Terraform language: blocks with labels, attributes, literals,
// lists, objects, references, string templates, heredocs and comments. Every block, attribute
// and value keeps its line and column; a syntax error is an InputError at file:line:col.
// Expressions beyond literals and references (function calls, operators, conditionals, `for`
// expressions, templates with interpolation) are parsed for their extent and kept as source
// text, so that a parser can report them as not evaluated instead of failing.
import { InputError } from '../errors.ts';

export interface HclPos {
  line: number;
  col: number;
}

/** A located expression. */
export type HclExpr =
  | { kind: 'literal'; value: string | number | boolean | null; pos: HclPos; text: string }
  /** A traversal from a name: `var.cidr`, `aws_security_group.web.id`, `local.ports[0]`. */
  | { kind: 'reference'; ref: string; pos: HclPos; text: string }
  | { kind: 'tuple'; items: HclExpr[]; pos: HclPos; text: string }
  | { kind: 'object'; items: HclObjectItem[]; pos: HclPos; text: string }
  /** A string with `${…}` interpolation (parts) or `%{…}` directives (parts hold the literal text only). */
  | { kind: 'template'; parts: (string | HclExpr)[]; pos: HclPos; text: string }
  /** Anything else (calls, operators, conditionals, for expressions, splats), as source text. */
  | { kind: 'expression'; pos: HclPos; text: string };

export interface HclObjectItem {
  key: string;
  keyPos: HclPos;
  value: HclExpr;
}

/** A reference, as a plain value (`aws_security_group.x.id`). */
export class HclReference {
  constructor(readonly ref: string) {}
  toString(): string {
    return this.ref;
  }
}

/** An expression that is not a literal, reference, list or object, as its source text. */
export class HclExpression {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** The plain view of an expression. Objects are plain objects; references and other expressions are class instances. */
export type HclValue = string | number | boolean | null | HclReference | HclExpression | HclValue[] | { [key: string]: HclValue };

export interface HclAttribute {
  name: string;
  /** Where the attribute name starts. */
  pos: HclPos;
  expr: HclExpr;
  value: HclValue;
}

export interface HclBody {
  /** Attribute values by name (the plain view). */
  attrs: Map<string, HclValue>;
  /** Attributes by name, with positions and the expression tree. */
  attributes: Map<string, HclAttribute>;
  /** Nested blocks in source order. */
  blocks: HclBlock[];
}

export interface HclBlock extends HclBody {
  type: string;
  labels: string[];
  /** Where the block type starts. */
  pos: HclPos;
  labelPos: HclPos[];
}

export interface HclFile extends HclBody {
  file: string;
}

/** The plain value of an expression. */
export function hclValue(e: HclExpr): HclValue {
  switch (e.kind) {
    case 'literal': return e.value;
    case 'reference': return new HclReference(e.ref);
    case 'tuple': return e.items.map(hclValue);
    case 'object': {
      const o: { [key: string]: HclValue } = {};
      for (const it of e.items) Object.defineProperty(o, it.key, { value: hclValue(it.value), enumerable: true, writable: true, configurable: true });
      return o;
    }
    default: return new HclExpression(e.text);
  }
}

// ---- lexer -----------------------------------------------------------------------------------

type Kind =
  | 'ident' | 'number' | 'punct' | 'nl' | 'eof'
  | 'oquote' | 'cquote' | 'oheredoc' | 'cheredoc' | 'lit' | 'interp' | 'directive' | 'tend';

interface Token {
  k: Kind;
  v: string;
  line: number;
  col: number;
  start: number;
  end: number;
  /** oheredoc: `<<-` (indented). */
  strip?: boolean;
}

type Mode = { m: 'code'; braces: number } | { m: 'string'; open: HclPos } | { m: 'heredoc'; marker: string; open: HclPos; lineStart: boolean };

const OPERATORS = ['...', '==', '!=', '<=', '>=', '&&', '||', '=>', '=', '!', '<', '>', '+', '-', '*', '/', '%', '?', ':', ',', '.', '[', ']', '(', ')', '{', '}'];

function lex(text: string, file: string): Token[] {
  const out: Token[] = [];
  let i = 0, line = 1, lineStart = 0;
  const stack: Mode[] = [{ m: 'code', braces: 0 }];
  const here = (): HclPos => ({ line, col: i - lineStart + 1 });
  const fail = (msg: string, at: HclPos = here()): never => {
    throw new InputError(msg, { file, ...at });
  };
  const push = (k: Kind, v: string, start: number, p: HclPos, extra: Partial<Token> = {}) => {
    out.push({ k, v, line: p.line, col: p.col, start, end: i, ...extra });
  };
  const newline = () => { line++; lineStart = i; };
  // Template text (quoted string or heredoc): returns true when the template ended.
  const templateChunk = (mode: Mode & { m: 'string' | 'heredoc' }) => {
    let lit = '';
    const litStart = i;
    const litPos = here();
    const flush = () => { if (lit !== '') out.push({ k: 'lit', v: lit, line: litPos.line, col: litPos.col, start: litStart, end: i }); };
    for (;;) {
      if (mode.m === 'heredoc' && mode.lineStart) {
        const m = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(?=\r?\n|$)/.exec(text.slice(i, text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i)));
        if (m && m[1] === mode.marker) {
          flush();
          const s = i, p = here();
          i += m[0].length;
          push('cheredoc', mode.marker, s, p);
          stack.pop();
          return;
        }
        mode.lineStart = false;
      }
      const c = text[i];
      if (c === undefined) fail(mode.m === 'string' ? 'unterminated string' : `unterminated heredoc (no closing ${mode.marker})`, mode.open);
      if (mode.m === 'string') {
        if (c === '\n' || c === '\r') fail('unterminated string (a quoted string ends on its line)', mode.open);
        if (c === '"') {
          flush();
          const s = i, p = here();
          i++;
          push('cquote', '"', s, p);
          stack.pop();
          return;
        }
        if (c === '\\') {
          const e = text[i + 1];
          const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
          if (e !== undefined && e in simple) { lit += simple[e]; i += 2; continue; }
          if (e === 'u' || e === 'U') {
            const n = e === 'u' ? 4 : 8;
            const hex = text.slice(i + 2, i + 2 + n);
            if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) fail(`invalid escape \\${e}${hex}`);
            const cp = parseInt(hex, 16);
            if (cp > 0x10ffff) fail(`invalid escape \\${e}${hex}`);
            lit += String.fromCodePoint(cp);
            i += 2 + n;
            continue;
          }
          fail(`invalid escape sequence \\${e ?? ''}`);
        }
      }
      if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') { lit += `${c}{`; i += 3; continue; }
      if ((c === '$' || c === '%') && text[i + 1] === '{') {
        flush();
        const s = i, p = here();
        i += 2;
        if (text[i] === '~') i++;
        push(c === '$' ? 'interp' : 'directive', `${c}{`, s, p);
        stack.push({ m: 'code', braces: 0 });
        return;
      }
      lit += c;
      i++;
      if (c === '\n') { newline(); if (mode.m === 'heredoc') mode.lineStart = true; }
    }
  };

  while (i <= text.length) {
    const mode = stack[stack.length - 1]!;
    if (mode.m !== 'code') { templateChunk(mode); continue; }
    const c = text[i];
    const s = i, p = here();
    if (c === undefined) {
      if (stack.length > 1) fail('unterminated template interpolation');
      push('eof', '', s, p);
      break;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') { i++; continue; }
    if (c === '\n') { i++; push('nl', '\n', s, p); newline(); continue; }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated comment');
      let sawNl = false;
      for (; i < end + 2; i++) if (text[i] === '\n') { sawNl = true; newline(); lineStart = i + 1; }
      if (sawNl) out.push({ k: 'nl', v: '\n', line: p.line, col: p.col, start: s, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64))!;
      i += m[0].length;
      push('number', m[0], s, p);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 256))!;
      i += m[0].length;
      push('ident', m[0], s, p);
      continue;
    }
    if (c === '"') {
      i++;
      push('oquote', '"', s, p);
      stack.push({ m: 'string', open: p });
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 300));
      if (m) {
        i += m[0].length;
        push('oheredoc', m[2]!, s, p, { strip: m[1] === '-' });
        newline();
        stack.push({ m: 'heredoc', marker: m[2]!, open: p, lineStart: true });
        continue;
      }
    }
    if (c === '~' && text[i + 1] === '}' && stack.length > 1) { i++; continue; }
    if (c === '{') { mode.braces++; i++; push('punct', '{', s, p); continue; }
    if (c === '}') {
      i++;
      if (mode.braces === 0 && stack.length > 1) { stack.pop(); push('tend', '}', s, p); continue; }
      mode.braces--;
      push('punct', '}', s, p);
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) fail(`unexpected character ${JSON.stringify(c)}`);
    i += op!.length;
    push('punct', op!, s, p);
  }
  return out;
}

// ---- parser ----------------------------------------------------------------------------------

const BINARY: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
const OPENERS = new Set(['[', '{', '(']);
const CLOSERS = new Set([']', '}', ')']);

function describe(t: Token): string {
  switch (t.k) {
    case 'nl': return 'end of line';
    case 'eof': return 'end of file';
    case 'oquote': return 'a string';
    case 'oheredoc': return 'a heredoc';
    case 'lit': return 'template text';
    default: return `'${t.v}'`;
  }
}

/** Parses HCL text; throws InputError with file:line:col on a syntax error. */
export function parseHcl(text: string, file = '<input>'): HclFile {
  const toks = lex(text, file);
  let i = 0;
  /** Whether newlines are insignificant here (inside brackets and parentheses). */
  const skipNl: boolean[] = [false];
  let lastEnd = 0;

  const posOf = (t: Token): HclPos => ({ line: t.line, col: t.col });
  const fail = (msg: string, t: Token): never => {
    throw new InputError(msg, { file, line: t.line, col: t.col });
  };
  const peek = (): Token => {
    if (skipNl[skipNl.length - 1]) while (toks[i]!.k === 'nl') i++;
    return toks[i]!;
  };
  const next = (): Token => {
    const t = peek();
    if (t.k !== 'eof') i++;
    lastEnd = t.end;
    return t;
  };
  const isPunct = (t: Token, v: string) => t.k === 'punct' && t.v === v;
  const expect = (v: string, what: string): Token => {
    const t = peek();
    if (!isPunct(t, v)) fail(`expected '${v}' ${what}, found ${describe(t)}`, t);
    return next();
  };
  const slice = (start: number) => text.slice(start, lastEnd);
  const withNl = <T>(skip: boolean, f: () => T): T => {
    skipNl.push(skip);
    try {
      return f();
    } finally {
      skipNl.pop();
    }
  };

  /** Skips a balanced token run whose opener was just consumed (for expressions, directives). */
  const skipBalanced = (opener: Token) => {
    let depth = 1;
    for (;;) {
      const t = toks[i]!;
      if (t.k === 'eof') fail(`${describe(opener)} is not closed`, opener);
      i++;
      lastEnd = t.end;
      if ((t.k === 'punct' && OPENERS.has(t.v)) || t.k === 'interp' || t.k === 'directive' || t.k === 'oquote' || t.k === 'oheredoc') depth++;
      else if ((t.k === 'punct' && CLOSERS.has(t.v)) || t.k === 'tend' || t.k === 'cquote' || t.k === 'cheredoc') depth--;
      if (depth === 0) return;
    }
  };

  const template = (open: Token): HclExpr => {
    const close: Kind = open.k === 'oquote' ? 'cquote' : 'cheredoc';
    const parts: (string | HclExpr)[] = [];
    let dynamic = false;
    for (;;) {
      const t = toks[i]!;
      if (t.k === close) { i++; lastEnd = t.end; break; }
      if (t.k === 'lit') { i++; parts.push(t.v); continue; }
      if (t.k === 'interp') {
        i++;
        dynamic = true;
        const e = withNl(true, () => {
          const x = expr();
          const end = peek();
          if (end.k !== 'tend') fail(`expected '}' to close the interpolation, found ${describe(end)}`, end);
          next();
          return x;
        });
        parts.push(e);
        continue;
      }
      if (t.k === 'directive') { i++; dynamic = true; skipBalanced(t); continue; }
      fail(`unexpected ${describe(t)} in a template`, t);
    }
    if (open.strip) stripIndent(parts);
    const pos = posOf(open), src = slice(open.start);
    if (!dynamic) return { kind: 'literal', value: parts.join(''), pos, text: src };
    return { kind: 'template', parts, pos, text: src };
  };

  const primary = (): HclExpr => {
    const t = next();
    const pos = posOf(t);
    if (t.k === 'number') return { kind: 'literal', value: Number(t.v), pos, text: t.v };
    if (t.k === 'oquote' || t.k === 'oheredoc') return template(t);
    if (t.k === 'ident') {
      if (t.v === 'true' || t.v === 'false') return { kind: 'literal', value: t.v === 'true', pos, text: t.v };
      if (t.v === 'null') return { kind: 'literal', value: null, pos, text: t.v };
      if (isPunct(peek(), '(')) {
        next();
        withNl(true, () => {
          while (!isPunct(peek(), ')')) {
            expr();
            if (isPunct(peek(), '...')) next();
            if (isPunct(peek(), ',')) next();
            else if (!isPunct(peek(), ')')) fail(`expected ',' or ')' in the arguments of ${t.v}(), found ${describe(peek())}`, peek());
          }
          next();
        });
        return { kind: 'expression', pos, text: slice(t.start) };
      }
      return { kind: 'reference', ref: t.v, pos, text: t.v };
    }
    if (isPunct(t, '[')) {
      return withNl(true, () => {
        if (peek().k === 'ident' && peek().v === 'for') { skipBalanced(t); return { kind: 'expression', pos, text: slice(t.start) } as HclExpr; }
        const items: HclExpr[] = [];
        while (!isPunct(peek(), ']')) {
          items.push(expr());
          if (isPunct(peek(), ',')) next();
          else if (!isPunct(peek(), ']')) fail(`expected ',' or ']' in a list, found ${describe(peek())}`, peek());
        }
        next();
        return { kind: 'tuple', items, pos, text: slice(t.start) } as HclExpr;
      });
    }
    if (isPunct(t, '{')) {
      return withNl(false, () => {
        const items: HclObjectItem[] = [];
        const seen = new Map<string, HclPos>();
        const skipNls = () => { while (toks[i]!.k === 'nl') i++; };
        skipNls();
        if (peek().k === 'ident' && peek().v === 'for') { skipBalanced(t); return { kind: 'expression', pos, text: slice(t.start) } as HclExpr; }
        for (;;) {
          skipNls();
          if (isPunct(peek(), '}')) break;
          const kt = peek();
          if (kt.k === 'eof') fail('object is not closed', t);
          const k = withNl(true, () => expr());
          const key = k.kind === 'literal' && typeof k.value === 'string' ? k.value : k.kind === 'reference' && /^[A-Za-z_][\w-]*$/.test(k.ref) ? k.ref : k.text;
          const sep = peek();
          if (!isPunct(sep, '=') && !isPunct(sep, ':')) fail(`expected '=' after object key ${key}, found ${describe(sep)}`, sep);
          next();
          const value = expr();
          if (seen.has(key)) fail(`duplicate object key ${JSON.stringify(key)} (first at line ${seen.get(key)!.line})`, kt);
          seen.set(key, posOf(kt));
          items.push({ key, keyPos: posOf(kt), value });
          const after = peek();
          if (isPunct(after, ',')) next();
          else if (after.k !== 'nl' && !isPunct(after, '}')) fail(`expected ',', a new line or '}' after the value of ${key}, found ${describe(after)}`, after);
        }
        next();
        return { kind: 'object', items, pos, text: slice(t.start) } as HclExpr;
      });
    }
    if (isPunct(t, '(')) {
      withNl(true, () => { expr(); expect(')', 'to close the parenthesis'); });
      return { kind: 'expression', pos, text: slice(t.start) };
    }
    return fail(`expected an expression, found ${describe(t)}`, t);
  };

  const postfix = (): HclExpr => {
    const start = toks[i]!;
    let e = primary();
    for (;;) {
      const t = peek();
      if (isPunct(t, '.')) {
        next();
        const n = next();
        if (n.k !== 'ident' && n.k !== 'number' && !isPunct(n, '*')) fail(`expected an attribute name after '.', found ${describe(n)}`, n);
        const text = slice(start.start);
        e = e.kind === 'reference' && n.k !== 'punct' ? { kind: 'reference', ref: text, pos: e.pos, text } : { kind: 'expression', pos: e.pos, text };
        continue;
      }
      if (isPunct(t, '[')) {
        next();
        let splat = false;
        withNl(true, () => {
          if (isPunct(peek(), '*')) { next(); splat = true; } else expr();
          expect(']', 'to close the index');
        });
        const text = slice(start.start);
        e = e.kind === 'reference' && !splat ? { kind: 'reference', ref: text, pos: e.pos, text } : { kind: 'expression', pos: e.pos, text };
        continue;
      }
      return e;
    }
  };

  const unary = (): HclExpr => {
    const t = peek();
    if (isPunct(t, '-') || isPunct(t, '!')) {
      next();
      const operand = unary();
      const text = slice(t.start);
      if (t.v === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value, pos: posOf(t), text };
      return { kind: 'expression', pos: posOf(t), text };
    }
    return postfix();
  };

  const binary = (min: number): HclExpr => {
    const start = peek();
    let left = unary();
    for (;;) {
      const t = peek();
      const prec = t.k === 'punct' ? BINARY[t.v] : undefined;
      if (prec === undefined || prec < min) return left;
      next();
      binary(prec + 1);
      left = { kind: 'expression', pos: posOf(start), text: slice(start.start) };
    }
  };

  function expr(): HclExpr {
    const start = peek();
    const c = binary(1);
    if (!isPunct(peek(), '?')) return c;
    next();
    expr();
    expect(':', 'in a conditional expression');
    expr();
    return { kind: 'expression', pos: posOf(start), text: slice(start.start) };
  }

  const body = (into: HclBody, open?: Token): void => {
    for (;;) {
      while (toks[i]!.k === 'nl') i++;
      const t = toks[i]!;
      if (open && isPunct(t, '}')) return;
      if (t.k === 'eof') {
        if (open) fail(`block ${open.v} is not closed (missing '}')`, open);
        return;
      }
      if (t.k !== 'ident') fail(`expected an attribute name or a block type, found ${describe(t)}`, t);
      next();
      const after = peek();
      if (isPunct(after, '=')) {
        next();
        const e = expr();
        if (into.attributes.has(t.v)) fail(`attribute ${t.v} is set twice (first at line ${into.attributes.get(t.v)!.pos.line})`, t);
        into.attributes.set(t.v, { name: t.v, pos: posOf(t), expr: e, value: hclValue(e) });
        into.attrs.set(t.v, hclValue(e));
      } else {
        const b: HclBlock = { type: t.v, labels: [], pos: posOf(t), labelPos: [], attrs: new Map(), attributes: new Map(), blocks: [] };
        for (;;) {
          const l = peek();
          if (l.k === 'ident') { next(); b.labels.push(l.v); b.labelPos.push(posOf(l)); continue; }
          if (l.k === 'oquote') {
            next();
            const e = template(l);
            if (e.kind !== 'literal') fail('a block label cannot contain interpolation', l);
            b.labels.push(String((e as { value: unknown }).value));
            b.labelPos.push(posOf(l));
            continue;
          }
          break;
        }
        const brace = peek();
        if (!isPunct(brace, '{')) fail(`expected '=' or a block after ${t.v}, found ${describe(brace)}`, brace);
        next();
        body(b, { ...t, v: t.v });
        next(); // '}'
        into.blocks.push(b);
      }
      const end = peek();
      if (end.k !== 'nl' && end.k !== 'eof' && !(open && isPunct(end, '}'))) fail(`expected a new line after ${t.v}, found ${describe(end)}`, end);
    }
  };

  const root: HclFile = { file, attrs: new Map(), attributes: new Map(), blocks: [] };
  body(root);
  return root;
}

/** `<<-` heredocs: the common leading whitespace of the lines is removed. */
function stripIndent(parts: (string | HclExpr)[]): void {
  let min = Infinity;
  let atLineStart = true;
  for (const p of parts) {
    if (typeof p !== 'string') { if (atLineStart) min = 0; atLineStart = false; continue; }
    const lines = p.split('\n');
    lines.forEach((l, k) => {
      if (k > 0) atLineStart = true;
      if (atLineStart && l.trim() !== '') min = Math.min(min, /^[ \t]*/.exec(l)![0].length);
      if (l !== '') atLineStart = false;
    });
  }
  if (!Number.isFinite(min) || min === 0) return;
  atLineStart = true;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (typeof p !== 'string') { atLineStart = false; continue; }
    parts[k] = p.split('\n').map((l, n) => (n > 0 || atLineStart ? l.slice(Math.min(min, /^[ \t]*/.exec(l)![0].length)) : l)).join('\n');
    atLineStart = p.endsWith('\n');
  }
}

// ---- helpers for readers of Terraform ----------------------------------------------------------

/** `resource "TYPE" "NAME"` blocks of a file, optionally of one type. */
export function resources(file: HclBody, type?: string): HclBlock[] {
  return file.blocks.filter((b) => b.type === 'resource' && b.labels.length === 2 && (type === undefined || b.labels[0] === type));
}

/** The attributes of a block or of an object value (the attributes-as-blocks form), alike. */
export interface HclFields {
  pos: HclPos;
  get(name: string): HclExpr | undefined;
  has(name: string): boolean;
  /** Nested blocks of a type (none for an object). */
  blocks(type: string): HclBlock[];
}

export function blockFields(b: HclBlock): HclFields {
  return {
    pos: b.pos,
    get: (name) => b.attributes.get(name)?.expr,
    has: (name) => b.attributes.has(name),
    blocks: (type) => b.blocks.filter((x) => x.type === type),
  };
}

export function objectFields(e: HclExpr & { kind: 'object' }): HclFields {
  const get = (name: string) => e.items.find((x) => x.key === name)?.value;
  return { pos: e.pos, get, has: (name) => get(name) !== undefined, blocks: () => [] };
}

/** A literal string (numbers and bools as their text); undefined for anything else. */
export function literalString(e: HclExpr | undefined): string | undefined {
  return e?.kind === 'literal' && e.value !== null ? String(e.value) : undefined;
}
