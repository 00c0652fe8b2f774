#!/usr/bin/env node
// Builds the planner's front end (web/src → web/dist) with esbuild: one ES module bundle, the
// page and the stylesheet. Deterministic: no timestamps, no source maps, fixed entry names.
// Runs on `npm ci` (prepare) and before the planner's tests.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'web', 'dist');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'web', 'src', 'app.ts')],
  outfile: join(out, 'app.js'),
  bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true,
  legalComments: 'eof', charset: 'utf8', logLevel: 'warning',
});
for (const f of ['index.html', 'app.css']) copyFileSync(join(root, 'web', 'src', f), join(out, f));
console.error(`built ${out}`);
