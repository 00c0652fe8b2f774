// The floor rule of docs/contributing.md: a module imports only from its own folder or from a
// lower floor. The floors are read from the table in docs/contributing.md, so the document and
// the check cannot drift apart; the import graph is read from the source text of src/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** Floor number per top-level folder of src/ (`.` is a file directly in src/), from the guide's table. */
export function readFloors(markdown: string): Map<string, number> {
  const floors = new Map<string, number>();
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Floors'));
  if (!section) throw new Error('docs/contributing.md has no "## Floors" section');
  for (const line of section.split('\n')) {
    const m = /^\|\s*(\d+)\s*\|([^|]+)\|/.exec(line);
    if (!m) continue;
    for (const name of m[2]!.matchAll(/`src\/([^`/]*)\/?`/g)) floors.set(name[1]!.endsWith('.ts') ? '.' : name[1]!, Number(m[1]));
  }
  return floors;
}

export interface Import {
  from: string; // file, relative to src/
  to: string; // file, relative to src/
  line: number;
}

/** Every relative import, re-export and dynamic import of the .ts files under dir. */
export function importsOf(dir: string): Import[] {
  const out: Import[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) {
        // Comments may mention imports; blank them out keeping the line structure.
        const text = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
        const specs = /(?:^|[;\n])\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
        for (const m of text.matchAll(specs)) {
          const spec = m[1] ?? m[2] ?? m[3]!;
          if (!spec.startsWith('.')) continue; // node: built-ins and packages
          const line = text.slice(0, m.index + m[0].indexOf(spec)).split('\n').length;
          out.push({ from: relative(SRC, p), to: relative(SRC, resolve(dirname(p), spec)), line });
        }
      }
    }
  };
  walk(dir);
  return out;
}

const folderOf = (file: string) => (file.includes(sep) ? file.split(sep)[0]! : '.');

/** Imports that go up a floor, or across folders of one floor. */
export function violations(imports: readonly Import[], floors: ReadonlyMap<string, number>): string[] {
  const bad: string[] = [];
  for (const i of imports) {
    const a = folderOf(i.from), b = folderOf(i.to);
    if (a === b) continue;
    const fa = floors.get(a)!, fb = floors.get(b)!;
    if (fb > fa) bad.push(`src/${i.from}:${i.line} (${a}, floor ${fa}) imports src/${i.to} (${b}, floor ${fb}): upward`);
    else if (fb === fa) bad.push(`src/${i.from}:${i.line} (${a}) imports src/${i.to} (${b}): same floor ${fa}, different folders`);
  }
  return bad;
}

const FLOORS = readFloors(readFileSync(join(ROOT, 'docs/contributing.md'), 'utf8'));
const IMPORTS = importsOf(SRC);

test('the guide gives every folder of src/ a floor', () => {
  const folders = new Set(readdirSync(SRC).map((n) => (statSync(join(SRC, n)).isDirectory() ? n : '.')));
  for (const f of folders) assert.ok(FLOORS.has(f), `src/${f === '.' ? '*.ts' : f}/ has no floor in docs/contributing.md`);
  for (const f of FLOORS.keys()) assert.ok(folders.has(f), `docs/contributing.md names src/${f}/, which does not exist`);
});

test('the import graph is read (the check below is not vacuous)', () => {
  assert.ok(IMPORTS.length > 300, `only ${IMPORTS.length} imports found`);
  const edge = (a: string, b: string) => IMPORTS.some((i) => i.from === a && i.to === b);
  assert.ok(edge(join('flows', 'compile.ts'), join('catalog', 'index.ts')), 'a static import');
  assert.ok(edge(join('cli', 'main.ts'), 'errors.ts'), 'an import of a file directly in src/');
  for (const i of IMPORTS) assert.ok(statSync(join(SRC, i.to), { throwIfNoEntry: false })?.isFile(), `${i.from}:${i.line} imports ${i.to}, which does not exist`);
});

test('nothing imports from a higher floor, nor across folders of one floor', () => {
  assert.deepEqual(violations(IMPORTS, FLOORS), []);
});

test('the floor check itself: upward and same-floor imports are caught, downward ones pass', () => {
  const floors = readFloors('## Floors\n\n| floor | folders |\n|---|---|\n| 0 | `src/net/`, `src/text/`, `src/errors.ts` | the ground |\n| 3 | `src/flows/` | flows |\n');
  assert.deepEqual([...floors], [['net', 0], ['text', 0], ['.', 0], ['flows', 3]]);
  const imp = (from: string, to: string): Import => ({ from: join(...from.split('/')), to: join(...to.split('/')), line: 7 });
  assert.deepEqual(violations([imp('flows/a.ts', 'net/b.ts'), imp('flows/a.ts', 'errors.ts'), imp('net/a.ts', 'net/b.ts')], floors), []);
  assert.deepEqual(violations([imp('net/address.ts', 'flows/types.ts'), imp('text/table.ts', 'net/port.ts')], floors), [
    'src/net/address.ts:7 (net, floor 0) imports src/flows/types.ts (flows, floor 3): upward',
    'src/text/table.ts:7 (text) imports src/net/port.ts (net): same floor 0, different folders',
  ]);
});
