// `npm run new-platform NAME [-- --out DIR] [--dry-run]`: scaffolds a platform — renderer,
// reader, descriptor, tests and docs page — and wires the descriptor into src/platforms/index.ts.
// The stubs compile; the renderer and reader refuse with "not written yet" and the generated
// tests fail until they are written (see docs/contributing.md, "A new platform").
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run new-platform NAME [-- --out DIR] [--dry-run]   (NAME: lower case, digits, dashes)';

/** `cisco-ftd` → `ciscoFtd`. */
export const identifier = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The files of a new platform, path → text, and the new text of the descriptor index. */
export function scaffold(name: string, index: string): { files: Record<string, string>; index: string } {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new Error(`bad platform name '${name}'\n${USAGE}`);
  const id = identifier(name);
  const Id = id[0]!.toUpperCase() + id.slice(1);
  const files: Record<string, string> = {
    [`src/render/${name}.ts`]: `// Policy IR → ${name} configuration. TODO: write it; see docs/contributing.md, "A new platform".
import type { Policy } from '../policy/types.ts';
import { canServeWith, RenderError, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';

/** What ${name} can express: checked before rendering, so nothing is dropped silently. */
export const ${name.toUpperCase().replace(/-/g, '_')}_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  namedGroups: false,
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: false,
};

export const ${id}Renderer: Renderer = {
  target: '${name}',
  extension: '.${name}',
  description: '${name} (not written yet)',
  capabilities: ${name.toUpperCase().replace(/-/g, '_')}_CAPABILITIES,
  canServe: (policy) => canServeWith(policy, ${name.toUpperCase().replace(/-/g, '_')}_CAPABILITIES),
  render(policy: Policy, _options: RenderOptions = {}): string {
    throw new RenderError('${name}', policy.firewall, 'the ${name} renderer is not written yet');
  },
};
`,
    [`src/parse/${name}.ts`]: `// ${name} configuration → one policy per filter, each with its binding (hook or direction,
// interfaces, family, attachment). TODO: write it; see docs/contributing.md, "A new platform".
import { InputError } from '../errors.ts';
import type { ConfigParser } from './types.ts';

export const parse${Id}: ConfigParser = (_text, file) => {
  throw new InputError('the ${name} reader is not written yet', { file, line: 1, col: 1 });
};
`,
    [`src/platforms/${name}.ts`]: `// ${name}: rendered by src/render/${name}.ts, read back by src/parse/${name}.ts.
import { parse${Id} } from '../parse/${name}.ts';
import { ${id}Renderer } from '../render/${name}.ts';
import type { Platform } from './types.ts';

export const ${id}: Platform = {
  name: '${name}',
  title: '${name} (TODO: one line for the docs index)',
  docs: 'docs/targets/${name}.md',
  renderers: [${id}Renderer],
  readers: [{ form: 'TODO: the input form, e.g. show running-config', parse: parse${Id} }],
  audit: {
    attachments: ['chain'],
    sees: 'TODO: what each filter sees, by the binding its reader attaches',
  },
  options: [],
};
`,
    [`test/render/${name}.test.ts`]: `// The ${name} renderer on the reference example (002). TODO: golden file (npm run golden), real validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAll } from '../../src/cli/commands/render.ts';
import { loadTopology } from '../../src/topology/load.ts';

test('${name}: the reference example renders its external firewall', () => {
  const { files, skipped } = renderAll(loadTopology('examples/lync2010-single-consolidated-edge.yaml'), '${name}');
  assert.deepEqual(skipped.filter((s) => s.firewall === 'external'), []);
  assert.ok(files.some((f) => f.firewall === 'external'));
});
`,
    [`test/parse/${name}.test.ts`]: `// The ${name} reader: what it renders reads back with its binding. TODO: third-party fixtures (test/fixtures/configs, SOURCES).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAll } from '../../src/cli/commands/render.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { parse${Id} } from '../../src/parse/${name}.ts';

test('${name}: the rendered external firewall reads back, every filter bound', () => {
  const { files } = renderAll(loadTopology('examples/lync2010-single-consolidated-edge.yaml'), '${name}');
  const f = files.find((x) => x.firewall === 'external')!;
  const parsed = parse${Id}(f.content, f.file);
  assert.ok(parsed.policies.length > 0);
  for (const p of parsed.policies) assert.ok(p.binding, p.firewall);
});
`,
    [`docs/targets/${name}.md`]: `# Target \`${name}\`

TODO: what is rendered (one section per construct), what \`audit --platform ${name}\` reads and how
its filters are bound, what is refused and why, how to load and check the output with the vendor's
own tool. Source: \`src/render/${name}.ts\`, \`src/parse/${name}.ts\`, \`src/platforms/${name}.ts\`.
`,
  };
  // Wire the descriptor: an import beside the others, an entry at the end of PLATFORMS.
  const lastImport = [...index.matchAll(/^import .* from '\.\/[a-z0-9-]+\.ts';$/gm)].filter((m) => !m[0].includes("'./types.ts'")).at(-1);
  const list = /(export const PLATFORMS: readonly Platform\[\] = \[)([^\]]*)(\];)/.exec(index);
  if (!lastImport || !list) throw new Error('src/platforms/index.ts: no descriptor imports or PLATFORMS list found');
  let next = index.slice(0, lastImport.index! + lastImport[0].length) + `\nimport { ${id} } from './${name}.ts';` + index.slice(lastImport.index! + lastImport[0].length);
  next = next.replace(list[0], `${list[1]}${list[2]!.trimEnd()}, ${id}${list[3]}`);
  return { files, index: next };
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [name, ...rest] = parsed.positionals;
  if (!name || rest.length) { console.error(USAGE); return 2; }
  const out = parsed.values.out ?? '.';
  const indexFile = join(out, 'src/platforms/index.ts');
  let result;
  try {
    result = scaffold(name, readFileSync(indexFile, 'utf8'));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const taken = Object.keys(result.files).filter((f) => existsSync(join(out, f)));
  if (taken.length) { console.error(`platform ${name} exists already: ${taken.join(', ')}`); return 2; }
  for (const [f, text] of Object.entries(result.files)) {
    if (!parsed.values['dry-run']) { mkdirSync(dirname(join(out, f)), { recursive: true }); writeFileSync(join(out, f), text); }
    console.log(`${parsed.values['dry-run'] ? 'would write' : 'wrote'} ${f}`);
  }
  if (!parsed.values['dry-run']) writeFileSync(indexFile, result.index);
  console.log(`${parsed.values['dry-run'] ? 'would wire' : 'wired'} ${name} into src/platforms/index.ts`);
  console.log(`next: write the renderer and reader, then npm run golden, npm run docs-help (docs/contributing.md)`);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) process.exitCode = main();
