// Bounded fuzz runs inside `npm test` (fixed seeds, 25 and 20 seconds at most; the second only
// the zone-based readers): every case keeps the
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

test('a bounded fuzz run of the zone-based readers finds nothing', { timeout: 120_000 }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'portolan-fuzz-zones-'));
  const s = await runFuzz({ seed: 20261202, durationMs: 20_000, maxCases: 200, outDir, caseTimeoutMs: 30_000, only: 'zones' });
  const details = s.failureDirs.map((d) => readFileSync(join(d, 'README.txt'), 'utf8')).join('\n');
  assert.equal(s.failures, 0, details);
  assert.ok(s.cases >= 5, `only ${s.cases} cases ran`);
  // Every zone-based reader was reached.
  for (const k of ['panos', 'junos', 'fortigate', 'checkpoint', 'pfsense', 'opnsense']) assert.ok((s.byKind[`audit-${k}`] ?? 0) > 0 || s.cases < 60, `${k}: ${JSON.stringify(s.byKind)}`);
});
