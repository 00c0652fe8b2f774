#!/usr/bin/env node
// `npm run bench -- NAME`: runs bench/NAME.ts; the benchmark prints one JSON object as its last line.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
const name = process.argv[2];
const known = readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.error(`usage: npm run bench -- NAME   (NAME: ${known.join(', ')})`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
