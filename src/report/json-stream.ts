// JSON written piece by piece, byte for byte what JSON.stringify(value, replacer, 2) gives, so
// that a report far larger than one string can hold (V8 stops near 512 MB) still comes out.
// Objects and arrays are walked down to `depth` levels; below that each value is one string.

export type Replacer = (this: unknown, key: string, value: unknown) => unknown;

export function* jsonChunks(value: unknown, replacer: Replacer, depth = 3): Generator<string> {
  const v = replacer.call({ '': value }, '', value);
  if (v === undefined) return;
  yield* walk(v, replacer, depth, '');
  yield '\n';
}

function* walk(value: unknown, replacer: Replacer, depth: number, indent: string): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Already replaced: the replacer must not see this value again as a root (key '').
    yield JSON.stringify(value, (k, x) => (k === '' ? x : replacer.call(undefined, k, x)), 2).replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    for (let i = 0; i < value.length; i++) {
      let x = replacer.call(value, String(i), value[i]);
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') x = null;
      yield `${i > 0 ? ',' : ''}\n${inner}`;
      yield* walk(x, replacer, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const x = replacer.call(value, key, (value as Record<string, unknown>)[key]);
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* walk(x, replacer, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}
