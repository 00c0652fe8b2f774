// The bytes of an XML topology file as text: UTF-8 (with or without BOM) or UTF-16 (Windows
// PowerShell's `>` writes UTF-16LE with a BOM), anything else refused with its position; then the
// located XML tree (src/xml/document.ts), size-bounded.
import { InputError } from '../errors.ts';
import { parseXmlDocument, type XmlNode } from '../xml/document.ts';

/** Larger than any deployment's topology (a 1,000-server topology is a few MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

function swap16(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) { out[i] = bytes[i + 1]!; out[i + 1] = bytes[i]!; }
  return out;
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** Whether the bytes look like an XML document (its first non-blank character is "<"), in any encoding read here. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0)) i++;
  return bytes[i] === 0x3c;
}

/** Decodes the file, refusing what is not UTF-8 or UTF-16 (with the line of the first bad byte). */
export function decodeXml(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_IMPORT_BYTES) throw new InputError(`the file is ${bytes.length} bytes: larger than any topology (limit ${MAX_IMPORT_BYTES})`, { file, line: 1, col: 1 });
  let text: string;
  let encoding = 'UTF-8';
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  // Without a BOM, UTF-16 shows as "<" next to a zero byte.
  const bareLe = !le && !be && bytes[0] === 0x3c && bytes[1] === 0;
  const bareBe = !le && !be && bytes[0] === 0 && bytes[1] === 0x3c;
  try {
    if (le || bareLe) { encoding = 'UTF-16'; text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(le ? 2 : 0)); }
    else if (be || bareBe) { encoding = 'UTF-16'; text = new TextDecoder('utf-16le', { fatal: true }).decode(swap16(bytes.subarray(be ? 2 : 0))); }
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const good = encoding === 'UTF-8' ? firstBadUtf8(bytes) : 0;
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, good));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    throw new InputError(`the file is not ${encoding} text (byte ${good + 1}): save it as UTF-8 or UTF-16`, { file, line, col });
  }
  const decl = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text);
  if (decl) {
    const declared = decl[1]!.toLowerCase();
    const ok = encoding === 'UTF-8' ? ['utf-8', 'utf8', 'us-ascii'].includes(declared) : ['utf-16', 'utf-16le', 'utf-16be', 'unicode'].includes(declared);
    if (!ok) {
      const col = decl[0].length - decl[1]!.length;
      throw new InputError(`the XML declaration says encoding "${decl[1]}" but the file is ${encoding}: save it as UTF-8 or UTF-16 (Out-File -Encoding utf8)`, { file, line: 1, col });
    }
  }
  return text;
}

export function readXml(bytes: Uint8Array, file: string): XmlNode {
  return parseXmlDocument(decodeXml(bytes, file), file);
}
