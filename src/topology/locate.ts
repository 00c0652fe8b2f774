// Maps a path inside the parsed YAML (e.g. ['edgePools', 0, 'nodes', 1, 'access']) back to a
// line and column of the file, so every error can say file:line:col.
import { isMap, isSeq, isScalar, isPair, type Document, type LineCounter, type Node } from 'yaml';

export type YamlPath = (string | number)[];

function child(node: unknown, key: string | number): { node?: Node; keyNode?: Node } {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(key)) {
        return { node: (pair.value as Node) ?? undefined, keyNode: pair.key as Node };
      }
    }
    return {};
  }
  if (isSeq(node) && typeof key === 'number') return { node: node.items[key] as Node };
  return {};
}

/** The position of the value at `path` (or of its key with `key: true`); falls back to the deepest existing ancestor. */
export function locate(doc: Document, lc: LineCounter, path: YamlPath, opts: { key?: boolean } = {}): { line: number; col: number } {
  let node: unknown = doc.contents;
  let best: Node | undefined = (doc.contents as Node) ?? undefined;
  for (const [i, key] of path.entries()) {
    const next = child(node, key);
    const last = i === path.length - 1;
    if (last && opts.key && next.keyNode) { best = next.keyNode; break; }
    if (!next.node) { if (next.keyNode) best = next.keyNode; break; }
    node = next.node;
    best = next.node;
  }
  const offset = best?.range?.[0] ?? 0;
  return lc.linePos(offset);
}

/** Every key of the mapping at `path`, with its position (for "did you mean"). */
export function keysAt(doc: Document, path: YamlPath): string[] {
  let node: unknown = doc.contents;
  for (const key of path) node = child(node, key).node;
  if (!isMap(node)) return [];
  return node.items.flatMap((p) => (isPair(p) && isScalar(p.key) ? [String(p.key.value)] : []));
}
