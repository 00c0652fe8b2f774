// Guards a parsed YAML document before it is turned into data: nesting no topology needs (the
// YAML library and the schema validator recurse, and would overflow the stack), aliases that
// name no anchor, and alias expansions that multiply the document (an "alias bomb").
import { isAlias, isCollection, isPair, type Document, type LineCounter, type Node } from 'yaml';
import { InputError } from '../errors.ts';

/** Deeper than any topology is (its deepest key is about six levels down). */
export const MAX_NESTING = 64;
/** Alias expansions allowed in one document: ample for shared settings, far below a bomb. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Nesting read off the text before the YAML library sees it (it recurses once per level, so a
 * deep enough file overflows its stack wherever that happens to be): block levels by
 * indentation and `- ` entries, flow levels by brackets outside quotes and comments. It may
 * count a level too many inside a block scalar, never too few.
 */
export function nestingError(text: string, file: string): InputError | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  for (let i = 0; i < text.length; ) {
    // One line: indentation, compact sequence entries, then brackets.
    let col = 0;
    while (text[i + col] === ' ') col++;
    let j = i + col;
    const blank = j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === '#';
    let depth = 0;
    if (!blank && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
      depth = indents.length;
      while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\n')) {
        depth++;
        j += 2;
        while (text[j] === ' ') j++;
      }
    }
    let quote = '';
    for (; j < text.length && text[j] !== '\n'; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (j === i || text[j - 1] === ' ' || text[j - 1] === '\t')) break;
      else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + flow > MAX_NESTING) return new InputError(`YAML: nested more than ${MAX_NESTING} levels deep (a topology needs fewer than ten)`, { file, line, col: j - i + 1 });
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (depth > MAX_NESTING) return new InputError(`YAML: nested more than ${MAX_NESTING} levels deep (a topology needs fewer than ten)`, { file, line, col: col + 1 });
    while (j < text.length && text[j] !== '\n') j++;
    i = j + 1;
    line++;
  }
  return undefined;
}

/** The first structural problem of the document, located, or undefined. Iterative: never overflows. */
export function structureError(doc: Document, lc: LineCounter, file: string): InputError | undefined {
  const at = (node: Node | null | undefined, msg: string) => {
    const { line, col } = lc.linePos(node?.range?.[0] ?? 0);
    return new InputError(msg, { file, line, col });
  };
  const anchors = new Set<string>();
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  // Depth first, in document order, so that an alias is checked after the anchors before it.
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push({ node: node.value, depth }, { node: node.key, depth });
      continue;
    }
    if (isAlias(node)) {
      if (!anchors.has(node.source)) return at(node, `YAML: alias *${node.source} refers to no anchor &${node.source} before it`);
      continue;
    }
    const n = node as Node;
    if (n.anchor) anchors.add(n.anchor);
    if (isCollection(n)) {
      if (depth > MAX_NESTING) return at(n, `YAML: nested more than ${MAX_NESTING} levels deep (a topology needs fewer than ten)`);
      for (let i = n.items.length - 1; i >= 0; i--) stack.push({ node: n.items[i], depth: depth + 1 });
    }
  }
  return undefined;
}

/** The document as plain data; an alias bomb becomes a located error at its first alias. */
export function toData(doc: Document, lc: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    let first: Node | undefined;
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0 && !first) {
      const node = stack.pop();
      if (isAlias(node)) first = node;
      else if (isPair(node)) stack.push(node.value, node.key);
      else if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
    const { line, col } = lc.linePos(first?.range?.[0] ?? 0);
    throw new InputError(`YAML: aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?)`, { file, line, col });
  }
}
