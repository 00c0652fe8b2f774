// The compiled package the benchmarks run as whole processes: dist/ rebuilt when src/ is newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

export function ensureDist(): void {
  if (existsSync('dist/cli/run.js') && newest('dist') >= newest('src')) return;
  console.error('building dist/ (tsc -p tsconfig.build.json)…');
  const b = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
