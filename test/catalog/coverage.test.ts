// The catalog covers every row of every table of the five seed documents, and each citation points
// at a row that names the requirement's port and transport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOG } from '../../src/catalog/index.ts';
import { keyOf } from '../../src/catalog/define.ts';
import { allSeedTables } from '../support/seed-tables.ts';

const tables = allSeedTables();

test('every table of the documents has as many rows as the registry says', () => {
  for (const { table, rows } of tables) assert.equal(rows.length, table.rows, table.heading);
});

test('for every table, the catalog cites each of its rows, and no row that does not exist', () => {
  for (const { table, rows } of tables) {
    const cited = new Set<number>();
    for (const r of CATALOG) for (const c of r.citations) if (keyOf(c) === table.key) cited.add(c.row);
    const expected = rows.map((_, i) => i + 1);
    assert.deepEqual([...cited].sort((a, b) => a - b), expected, `${table.document}: ${table.heading}`);
  }
});

function portWords(r: (typeof CATALOG)[number]): string[] {
  const ports = [r.destinationPort, r.sourcePort].filter((p) => p !== 'Any') as { from: number; to: number }[];
  return ports.flatMap((p) => {
    const words = [String(p.from)];
    if (p.from === 50000) words.push('50K');
    return words;
  });
}

test('each citation points at a row naming the requirement port and transport', () => {
  const rowsByKey = new Map(tables.map(({ table, rows }) => [table.key, rows]));
  for (const r of CATALOG) {
    for (const c of r.citations) {
      const rows = rowsByKey.get(keyOf(c));
      if (!rows) continue; // a page of ../shared/sources/: sources-coverage.test.ts
      const row = rows[c.row - 1];
      const text = row.text.replace(/(\d),(\d{3})/g, '$1$2');
      const words = portWords(r);
      assert.ok(words.some((w) => text.includes(w)), `${r.id} cites ${c.table} row ${c.row} (${row.text}) without port ${words}`);
      const saysTcp = /\bTCP\b/.test(text), saysUdp = /\bUDP\b/.test(text);
      if (saysTcp !== saysUdp) assert.equal(r.transport, saysTcp ? 'TCP' : 'UDP', `${r.id} vs ${row.text}`);
    }
  }
});

test('requirement ids are unique and every requirement has a citation and a version', () => {
  const ids = new Set<string>();
  for (const r of CATALOG) {
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(r.citations.length > 0, r.id);
    assert.ok(r.versions.length > 0, r.id);
  }
});
