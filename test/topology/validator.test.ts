// The loader's compiled validator (src/topology/validate.generated.ts) is the topology schema's
// current ajv output: regenerate with `npm run schema` when schema.ts changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyValidatorSource } from '../../scripts/topology-validator.ts';

test('validate.generated.ts is up to date with schema.ts (npm run schema)', () => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'topology', 'validate.generated.ts'), 'utf8');
  assert.ok(committed === topologyValidatorSource(), 'src/topology/validate.generated.ts is stale: run npm run schema');
});
