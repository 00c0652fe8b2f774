// Completion from the topology's JSON Schema: the keys allowed where the cursor is (found from
// the YAML indentation above it) and, after `key: `, the values an enum or a boolean allows.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

export interface Schema { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; description?: string }

const LINE = /^(\s*)(-\s+)?(?:([A-Za-z0-9_]+)\s*:(.*))?/;

/** The YAML path (keys, `[]` for list items) of the mapping that holds line `n` at indentation `cur`. */
export function pathAt(lines: string[], n: number, cur: number): string[] {
  const path: string[] = [];
  for (let i = n - 1; i >= 0 && cur > 0; i--) {
    const l = lines[i];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const m = LINE.exec(l)!;
    const indent = m[1].length, dash = m[2]?.length ?? 0, content = indent + dash;
    if (m[3] && content < cur) { path.push(m[3]); cur = content; }
    if (dash && indent < cur && content >= cur) { path.push('[]'); cur = indent; }
  }
  return path.reverse();
}

export function schemaAt(schema: Schema, path: string[]): Schema | undefined {
  let s: Schema | undefined = schema;
  for (const p of path) s = p === '[]' ? s?.items : s?.properties?.[p];
  return s;
}

export function schemaCompletion(schema: () => Schema | undefined) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const root = schema();
    if (!root) return null;
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const lines = ctx.state.doc.toString().split('\n');
    const m = /^(\s*)(-\s+)?([A-Za-z0-9_]*)$/.exec(before);
    if (m) {
      const indent = m[1].length, dash = m[2]?.length ?? 0;
      const path = pathAt(lines, line.number - 1, dash ? indent : indent);
      if (dash) path.push('[]');
      const props = schemaAt(root, path)?.properties;
      if (!props) return null;
      if (!m[3] && !ctx.explicit) return null;
      const options: Completion[] = Object.entries(props).map(([k, v]) => ({ label: k, type: 'property', apply: `${k}: `, ...(v.description ? { info: v.description } : {}) }));
      return { from: ctx.pos - m[3].length, options, validFor: /^[A-Za-z0-9_]*$/ };
    }
    const v = /^(\s*)(-\s+)?([A-Za-z0-9_]+):\s+([A-Za-z0-9_-]*)$/.exec(before);
    if (v) {
      const indent = v[1].length + (v[2]?.length ?? 0);
      const path = [...pathAt(lines, line.number - 1, v[2] ? v[1].length : indent), ...(v[2] ? ['[]'] : []), v[3]];
      const s = schemaAt(root, path);
      const values = s?.enum ? s.enum.map(String) : s?.type === 'boolean' ? ['true', 'false'] : s?.items?.enum ? s.items.enum.map(String) : undefined;
      if (!values) return null;
      return { from: ctx.pos - v[4].length, options: values.map((x) => ({ label: x, type: 'enum' })), validFor: /^[A-Za-z0-9_-]*$/ };
    }
    return null;
  };
}
