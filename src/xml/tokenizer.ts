// An incremental XML tokenizer: start tags with attributes, end tags and text, from chunks split
// anywhere (a socket, a file read in pieces). Enough for XMPP streams and for documents whose
// elements and attributes are all a reader needs; no DTDs, no namespaces resolved.

export type XmlToken =
  | { kind: 'start'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'end'; name: string }
  | { kind: 'text'; text: string };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m));
}

/**
 * Feeds text, returns complete tokens. Keeps any incomplete tag (or partial UTF-8 sequence) for the
 * next chunk. Declarations, processing instructions and comments are skipped.
 */
export class XmlTokenizer {
  private buf = '';
  private decoder = new TextDecoder('utf-8');

  push(chunk: Buffer | string): XmlToken[] {
    this.buf += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const out: XmlToken[] = [];
    for (;;) {
      const lt = this.buf.indexOf('<');
      if (lt < 0) {
        // Text may continue in the next chunk; emit only when a tag follows, but never hold it forever.
        break;
      }
      if (lt > 0) {
        out.push({ kind: 'text', text: unescapeXml(this.buf.slice(0, lt)) });
        this.buf = this.buf.slice(lt);
      }
      const end = this.tagEnd();
      if (end < 0) break;
      const tag = this.buf.slice(0, end + 1);
      this.buf = this.buf.slice(end + 1);
      const t = parseTag(tag);
      if (t) out.push(t);
    }
    return out;
  }

  /** Index of the '>' closing the tag at the start of buf, honouring quotes and comments; -1 if incomplete. */
  private tagEnd(): number {
    const b = this.buf;
    if (b.startsWith('<!--')) {
      const i = b.indexOf('-->');
      return i < 0 ? -1 : i + 2;
    }
    if (b.startsWith('<![CDATA[')) {
      const i = b.indexOf(']]>');
      return i < 0 ? -1 : i + 2;
    }
    let quote = '';
    for (let i = 1; i < b.length; i++) {
      const c = b[i]!;
      if (quote) { if (c === quote) quote = ''; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === '>') return i;
    }
    return -1;
  }
}

function parseTag(tag: string): XmlToken | undefined {
  if (tag.startsWith('<?') || tag.startsWith('<!--') || tag.startsWith('<!')) {
    if (tag.startsWith('<![CDATA[')) return { kind: 'text', text: tag.slice(9, -3) };
    return undefined;
  }
  if (tag.startsWith('</')) return { kind: 'end', name: tag.slice(2, -1).trim() };
  const selfClosing = tag.endsWith('/>');
  const inner = tag.slice(1, selfClosing ? -2 : -1);
  const m = /^\s*([^\s/>]+)/.exec(inner);
  if (!m) return undefined;
  const attrs: Record<string, string> = {};
  const re = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let a = re.exec(inner.slice(m[0].length)); a; a = re.exec(inner.slice(m[0].length))) {
    attrs[a[1]!] = unescapeXml(a[3] ?? a[4] ?? '');
  }
  return { kind: 'start', name: m[1]!, attrs, selfClosing };
}
