// A whole XML document as a tree whose every element remembers where it starts, so that readers
// of XML configurations (PAN-OS, pfSense/OPNsense config.xml) give real file:line:col errors.
// Iterative (no recursion), so nesting depth cannot overflow the stack; malformed XML is an
// InputError at the offending position.
import { InputError } from '../errors.ts';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Character data directly inside the element (entities decoded, CDATA included). */
  text: string;
  line: number;
  col: number;
}

/** Nesting deeper than any configuration file needs; past it the input is refused, with its position. */
export const MAX_XML_DEPTH = 1000;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, fail: (msg: string) => never): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;\s&<]{0,12});?/g, (m, e: string) => {
    if (!m.endsWith(';')) fail(`bare "&" (write &amp;)`);
    if (e[0] === '#') {
      const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isInteger(n) || n < 0 || n > 0x10ffff) fail(`bad character reference &${e};`);
      return String.fromCodePoint(n);
    }
    const v = ENTITIES[e];
    if (v === undefined) fail(`unknown entity &${e};`);
    return v;
  });
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_.:]*/;

/** Parses a document with exactly one root element. */
export function parseXmlDocument(text: string, file: string): XmlNode {
  let i = 0, line = 1, lineStart = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  const failAt = (l: number, c: number, msg: string): never => { throw new InputError(`invalid XML: ${msg}`, { file, line: l, col: c }); };
  const fail = (msg: string): never => failAt(line, i - lineStart + 1, msg);
  /** Moves i to `to`, counting the lines passed. */
  const advance = (to: number) => {
    for (let k = text.indexOf('\n', i); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) { line++; lineStart = k + 1; }
    i = to;
  };
  const skipTo = (needle: string, what: string) => {
    const k = text.indexOf(needle, i);
    if (k < 0) fail(`unterminated ${what}`);
    advance(k + needle.length);
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? text.length : lt;
    if (end > i) {
      const chunk = text.slice(i, end);
      if (stack.length === 0) {
        if (chunk.trim()) { const k = i + chunk.search(/\S/); advance(k); fail(root ? 'text after the root element' : 'text before the root element'); }
      } else {
        const top = stack[stack.length - 1]!;
        const l = line, c = i - lineStart + 1;
        top.text += decode(chunk, (m) => failAt(l, c, m));
      }
      advance(end);
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', i)) { skipTo('-->', 'comment'); continue; }
    if (text.startsWith('<?', i)) { skipTo('?>', 'processing instruction'); continue; }
    if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail('CDATA outside the root element');
      const k = text.indexOf(']]>', i);
      if (k < 0) fail('unterminated CDATA section');
      stack[stack.length - 1]!.text += text.slice(i + 9, k);
      advance(k + 3);
      continue;
    }
    if (text.startsWith('<!', i)) { skipTo('>', 'declaration'); continue; }
    const l = line, c = i - lineStart + 1;
    if (text[i + 1] === '/') {
      const m = NAME.exec(text.slice(i + 2, i + 200));
      if (!m) fail('expected a name after "</"');
      const close = text.indexOf('>', i);
      if (close < 0 || text.slice(i + 2 + m![0].length, close).trim()) fail(`malformed end tag </${m![0]}`);
      const open = stack.pop();
      if (!open) fail(`end tag </${m![0]}> without a start tag`);
      if (open!.name !== m![0]) fail(`end tag </${m![0]}> does not match <${open!.name}> at line ${open!.line}, column ${open!.col}`);
      advance(close + 1);
      continue;
    }
    // A start tag: name, attributes, optional "/", ">" (quotes may hold ">").
    const m = NAME.exec(text.slice(i + 1, i + 200));
    if (!m) fail('expected an element name after "<"');
    const node: XmlNode = { name: m![0], attrs: {}, children: [], text: '', line: l, col: c };
    advance(i + 1 + m![0].length);
    for (;;) {
      const ws = /^\s*/.exec(text.slice(i, i + 200))![0];
      advance(i + ws.length);
      if (i >= text.length) fail(`unterminated start tag <${node.name}>`);
      if (text.startsWith('/>', i)) { advance(i + 2); break; }
      if (text[i] === '>') { advance(i + 1); stack.push(node); break; }
      if (!ws) fail(`expected whitespace, ">" or "/>" in <${node.name}>`);
      const a = /^([A-Za-z_:][-A-Za-z0-9_.:]*)\s*=\s*/.exec(text.slice(i, i + 300));
      if (!a) fail(`malformed attribute in <${node.name}>`);
      if (Object.hasOwn(node.attrs, a![1]!)) fail(`attribute ${a![1]} given twice`);
      advance(i + a![0].length);
      const q = text[i];
      if (q !== '"' && q !== "'") fail(`attribute ${a![1]} needs a quoted value`);
      const k = text.indexOf(q!, i + 1);
      if (k < 0) fail(`unterminated value of attribute ${a![1]}`);
      const al = line, ac = i - lineStart + 1;
      node.attrs[a![1]!] = decode(text.slice(i + 1, k), (msg) => failAt(al, ac, msg));
      advance(k + 1);
    }
    if (stack.length > MAX_XML_DEPTH) failAt(l, c, `elements nested deeper than ${MAX_XML_DEPTH} levels`);
    const parent = stack[stack.length - (stack[stack.length - 1] === node ? 2 : 1)];
    if (parent) parent.children.push(node);
    else if (root) failAt(l, c, `a second root element <${node.name}>`);
    else root = node;
  }
  if (stack.length) { const open = stack[stack.length - 1]!; failAt(open.line, open.col, `<${open.name}> is never closed`); }
  if (!root) failAt(1, 1, 'no root element');
  return root!;
}

/** The children named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The first child named `name`. */
export function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The node at a path of child names, or undefined. */
export function pathOf(node: XmlNode, ...names: string[]): XmlNode | undefined {
  let n: XmlNode | undefined = node;
  for (const name of names) n = n && childNamed(n, name);
  return n;
}
