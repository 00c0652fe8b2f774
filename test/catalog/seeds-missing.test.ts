// Without the source documents, the tests that compare the catalog with them stop with one
// message naming the path they looked at (not a stack trace per table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('missing ../shared/seeds: one clear message with the path, exit 1', () => {
  const missing = '/nonexistent/portolan-seeds';
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'support', 'seed-tables.ts')], { encoding: 'utf8', env: { ...process.env, PORTOLAN_SEEDS: missing } });
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`source documents are not at ${missing}`));
});
