// The scaffold: `npm run new-platform NAME` into a temporary copy of the tree writes the
// renderer, reader, descriptor, tests and docs stubs, wires the descriptor into the index, and
// the copy type-checks with the new platform listed as a render target and an audit platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/new-platform.ts'), ...args], { cwd, encoding: 'utf8' });

test('new-platform: stubs written and wired, the tree type-checks, the platform is listed', { timeout: 240_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'portolan-scaffold-'));
  for (const d of ['src', 'examples', 'tsconfig.json', 'package.json']) cpSync(join(ROOT, d), join(tmp, d), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'));
  const dry = run(['cisco-ftd', '--out', tmp, '--dry-run']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.equal(existsSync(join(tmp, 'src/render/cisco-ftd.ts')), false, 'a dry run writes nothing');
  const r = run(['cisco-ftd', '--out', tmp]);
  assert.equal(r.status, 0, r.stderr);
  const files = ['src/render/cisco-ftd.ts', 'src/parse/cisco-ftd.ts', 'src/platforms/cisco-ftd.ts', 'test/render/cisco-ftd.test.ts', 'test/parse/cisco-ftd.test.ts', 'docs/targets/cisco-ftd.md'];
  assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('wrote ')).map((l) => l.slice(6)), files);
  for (const f of files) assert.ok(existsSync(join(tmp, f)), f);
  const index = readFileSync(join(tmp, 'src/platforms/index.ts'), 'utf8');
  assert.match(index, /^import \{ ciscoFtd \} from '\.\/cisco-ftd\.ts';$/m);
  assert.match(index, /PLATFORMS: readonly Platform\[\] = \[[^\]]*, ciscoFtd\];/);
  // A second run refuses: nothing is overwritten.
  const again = run(['cisco-ftd', '--out', tmp]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /exists already/);
  assert.equal(run(['Cisco_FTD', '--out', tmp]).status, 2);
  // The copy type-checks (src and the generated tests) and lists the platform.
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(tmp, 'tsconfig.json'), '--noEmit'], { cwd: tmp, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  const list = spawnSync(process.execPath, ['--import', 'tsx', '-e', `const p = await import('./src/platforms/index.ts'); console.log(JSON.stringify([p.rendererTargets(), p.auditPlatforms()]));`], { cwd: tmp, encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  const [targets, platforms] = JSON.parse(list.stdout) as [string[], string[]];
  assert.equal(targets.at(-1), 'cisco-ftd');
  assert.equal(platforms.at(-1), 'cisco-ftd');
  // The stubs refuse clearly until written: the generated test fails with the reason.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // a test run of its own, not a child reporting to this one
  const t = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/render/cisco-ftd.test.ts'], { cwd: tmp, encoding: 'utf8', env });
  assert.notEqual(t.status, 0);
  assert.match(t.stdout, /cisco-ftd renderer is not written yet/);
});
