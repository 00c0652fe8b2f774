// docs/topology.schema.json is the schema the loader uses (regenerate with `npm run schema`),
// and every example validates against it with a second, independent validator run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { TOPOLOGY_SCHEMA } from '../../src/topology/schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');

test('docs/topology.schema.json equals the loader schema', () => {
  const exported = JSON.parse(readFileSync(join(ROOT, 'docs', 'topology.schema.json'), 'utf8'));
  assert.deepEqual(exported, JSON.parse(JSON.stringify(TOPOLOGY_SCHEMA)));
});

test('every example validates against the exported schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'topology.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  for (const f of readdirSync(join(ROOT, 'examples'))) {
    assert.ok(validate(parse(readFileSync(join(ROOT, 'examples', f), 'utf8'))), `${f}: ${JSON.stringify(validate.errors)}`);
  }
});
