// A small JSON parser that remembers where each object and array starts, so that parsers of
// JSON configurations (AWS, Azure, nft -j) can give real file:line:col locators.
import { InputError } from '../errors.ts';

export interface Pos {
  line: number;
  col: number;
}

export interface LocatedJson {
  value: unknown;
  /** Where an object or array of `value` starts (1-based); undefined for primitives. */
  at(node: unknown): Pos | undefined;
}

/**
 * Deeper than any configuration this reads (security groups, NSGs and `nft -j` stay below 20
 * levels); past it a located error, before the recursion below could overflow the stack.
 */
export const MAX_JSON_NESTING = 256;

export function parseLocatedJson(text: string, file: string): LocatedJson {
  const where = new WeakMap<object, Pos>();
  let i = 0, line = 1, lineStart = 0, depth = 0;
  const pos = (): Pos => ({ line, col: i - lineStart + 1 });
  const fail = (msg: string): never => {
    throw new InputError(`invalid JSON: ${msg}`, { file, ...pos() });
  };
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') { i++; line++; lineStart = i; } else if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') i++;
      else return;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === '"') { i++; return out; }
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const h = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(h, 16)); i += 6;
        } else if (e in map) { out += map[e]; i += 2; } else fail(`bad escape \\${e}`);
        continue;
      }
      out += c; i++;
    }
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_NESTING) fail(`nested more than ${MAX_JSON_NESTING} levels deep`);
    depth++;
    try {
      return inner(c);
    } finally {
      depth--;
    }
  };
  const inner = (c: string | undefined): unknown => {
    if (c === '{') {
      const p = pos(); i++;
      const o: Record<string, unknown> = {};
      where.set(o, p);
      ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const k = str();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        o[k] = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return o; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      const p = pos(); i++;
      const a: unknown[] = [];
      where.set(a, p);
      ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return a; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail(c === undefined ? 'unexpected end of input' : `unexpected character '${c}'`);
    i += m![0].length;
    const t = m![0];
    return t === 'true' ? true : t === 'false' ? false : t === 'null' ? null : Number(t);
  };
  const v = value();
  ws();
  if (i < text.length) fail('unexpected text after the JSON value');
  return { value: v, at: (n) => (n && typeof n === 'object' ? where.get(n) : undefined) };
}
