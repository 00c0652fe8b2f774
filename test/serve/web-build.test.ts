// The planner's front end: the build is deterministic and self-contained (nothing fetched from
// elsewhere), and the schema completion finds the keys allowed where the cursor is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathAt, schemaAt, type Schema } from '../../web/src/complete.ts';
import { TOPOLOGY_SCHEMA } from '../../src/topology/schema.ts';
import { ROOT } from './browser.ts';

const files = ['index.html', 'app.js', 'app.css'];
const hashes = () => files.map((f) => createHash('sha256').update(readFileSync(join(ROOT, 'web', 'dist', f))).digest('hex'));
const build = () => { const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { encoding: 'utf8' }); assert.equal(r.status, 0, r.stderr); };

test('web build: the same bytes twice; no URL outside the planner is loaded', () => {
  build();
  const a = hashes();
  build();
  assert.deepEqual(hashes(), a);
  const html = readFileSync(join(ROOT, 'web', 'dist', 'index.html'), 'utf8');
  for (const m of html.matchAll(/(?:src|href)="([^"]*)"/g)) assert.match(m[1], /^(app\.(js|css)|data:,)$/, m[1]);
  const js = readFileSync(join(ROOT, 'web', 'dist', 'app.js'), 'utf8');
  assert.doesNotMatch(js, /\bimport\s*\(?\s*["']https?:/);
});

test('schema completion: the YAML path at the cursor, and the keys the schema allows there', () => {
  const lines = ['version: lync2013', 'edgePools:', '  - name: edge', '    nodes:', '      - name: edge01', '        external:', '          ', '    '];
  assert.deepEqual(pathAt(lines, 6, 10), ['edgePools', '[]', 'nodes', '[]', 'external']);
  assert.deepEqual(pathAt(lines, 7, 4), ['edgePools', '[]']);
  assert.deepEqual(pathAt(lines, 1, 0), []);
  const schema = TOPOLOGY_SCHEMA as unknown as Schema;
  assert.ok(Object.keys(schemaAt(schema, ['edgePools', '[]', 'nodes', '[]', 'external'])!.properties!).includes('webConferencing'));
  assert.ok(Object.keys(schemaAt(schema, ['edgePools', '[]'])!.properties!).includes('loadBalancing'));
  assert.deepEqual(schemaAt(schema, ['edgePools', '[]', 'loadBalancing'])!.enum, ['none', 'dns', 'hardware']);
});
