// A bounded fuzz run inside `npm test` (a fixed seed, at most 25 seconds): every case keeps the
// contract (exit 0, 1 or 2, a reason, no stack trace, no temp file, bounded time) and every
// rendered file passes its real validator. `npm run fuzz -- --minutes N` runs the long one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz } from './run.ts';
import { caseAt } from './cases.ts';

test('fuzz cases are deterministic for a seed', () => {
  assert.deepEqual(caseAt(42, 3), caseAt(42, 3));
});

test('a bounded fuzz run finds nothing', { timeout: 120_000 }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'portolan-fuzz-'));
  const s = await runFuzz({ seed: 20261201, durationMs: 25_000, maxCases: 80, outDir, caseTimeoutMs: 30_000 });
  const details = s.failureDirs.map((d) => readFileSync(join(d, 'README.txt'), 'utf8')).join('\n');
  assert.equal(s.failures, 0, details);
  assert.ok(s.cases >= 5, `only ${s.cases} cases ran`);
});
