// --version and `version --json`: the package's version and the catalog's documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { SOURCES } from '../../src/catalog/sources.ts';
import { TABLES } from '../../src/catalog/tables.ts';

const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

async function run(...args: string[]) {
  let out = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return { code, out };
}

test('--version prints the package version', async () => {
  assert.deepEqual(await run('--version'), { code: 0, out: `portolan ${PACKAGE.version}\n` });
});

test('version --json lists every document of the catalog with its tables', async () => {
  const { code, out } = await run('version', '--json');
  assert.equal(code, 0);
  const v = JSON.parse(out);
  assert.equal(v.kind, 'version');
  assert.equal(v.version, PACKAGE.version);
  assert.deepEqual(v.documents.map((d: { document: string }) => d.document), SOURCES.map((s) => s.id));
  assert.equal(v.documents.flatMap((d: { tables: unknown[] }) => d.tables).length, TABLES.length);
  assert.equal((await run('version', '--format', 'json')).out, out);
});
