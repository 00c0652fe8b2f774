// The pages in ../shared/sources/: every table is either encoded or listed as not encoded with a
// reason; each encoded table has the rows the registry says; the catalog cites exactly its rows;
// each citation points at a row naming the requirement's port and transport; and a row said to
// repeat another row does, word for word, unless the restatement records what the page says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, RESTATEMENTS } from '../../src/catalog/index.ts';
import { keyOf } from '../../src/catalog/define.ts';
import { table, TABLES } from '../../src/catalog/tables.ts';
import { PAGE_TABLES, PAGE_TABLES_NOT_ENCODED } from '../../src/catalog/data/page-tables.ts';
import { PAGE_SOURCES } from '../../src/catalog/data/sources-pages.ts';
import { pageTable, pageTables, parsePageTables, SOURCES_DIR, type PageRow } from '../support/page-tables.ts';
import { seedRows } from '../support/seed-tables.ts';

const PAGES = readdirSync(SOURCES_DIR).filter((f) => f.endsWith('.md') && f !== 'INDEX.md').map((f) => f.slice(0, -'.md'.length)).sort();

test('the Markdown table reader reads pipe tables, HTML tables and repeated names', () => {
  const md = [
    '## Port planning', '### Summary', '', '|**Port**|**Use**|', '|:--|:--|', '|443  <br/> |SIP  <br/> over TLS|', '|5061|a \\| b|', '',
    '## HLB', '### Summary', '<table>', '<thead><tr><th>Port</th></tr></thead>', '<tbody>', '<tr class="odd">', '<td><p>50,000&nbsp;&amp; up</p></td>', '</tr>', '</tbody>', '</table>',
  ].join('\n');
  const ts = parsePageTables(md);
  assert.deepEqual(ts.map((t) => t.heading), ['Port planning → Summary', 'HLB → Summary']);
  assert.deepEqual(ts[0].header, ['Port', 'Use']);
  assert.deepEqual(ts[0].rows.map((r) => r.cells), [['443', 'SIP over TLS'], ['5061', 'a | b']]);
  assert.deepEqual(ts[1].rows.map((r) => r.text), ['50,000 & up']);
});

test('every page in sources/ is a source document with its own title', () => {
  assert.deepEqual(PAGE_SOURCES.map((s) => s.id).sort(), PAGES);
  for (const s of PAGE_SOURCES) {
    const md = readFileSync(join(SOURCES_DIR, `${s.id}.md`), 'utf8');
    const title = /^title:\s*(['"])(.*)\1\s*$/m.exec(md)?.[2];
    assert.equal(s.title, title, s.id);
    assert.equal(s.file, `sources/${s.id}.md`);
  }
});

test('every table of every page is encoded or listed as not encoded, with a reason', () => {
  const encoded = new Set(PAGE_TABLES.map((t) => `${t.document}\u0000${t.heading}`));
  const skipped = new Map(PAGE_TABLES_NOT_ENCODED.map((t) => [`${t.document}\u0000${t.heading}`, t.reason]));
  const seen = new Set<string>();
  for (const page of PAGES) {
    for (const t of pageTables(page)) {
      const k = `${page}\u0000${t.heading}`;
      seen.add(k);
      assert.ok(encoded.has(k) !== skipped.has(k), `${page}: '${t.heading}' must be either encoded or listed as not encoded`);
      if (skipped.has(k)) assert.ok(skipped.get(k)!.length > 10, `${page}: '${t.heading}' needs a reason`);
    }
  }
  for (const k of [...encoded, ...skipped.keys()]) assert.ok(seen.has(k), `registry names a table the pages do not have: ${k.replace('\u0000', ': ')}`);
});

test('every encoded table has as many rows as the registry says', () => {
  for (const t of PAGE_TABLES) assert.equal(pageTable(t.document, t.heading).rows.length, t.rows, `${t.document}: ${t.heading}`);
});

test('for every encoded table, the catalog cites each of its rows (empty rows excepted), and no other', () => {
  for (const t of PAGE_TABLES) {
    const rows = pageTable(t.document, t.heading).rows;
    const cited = new Set<number>();
    for (const r of CATALOG) for (const c of r.citations) if (keyOf(c) === t.key) cited.add(c.row);
    const empty = t.emptyRows ?? [];
    for (const e of empty) assert.ok(rows[e - 1].cells.every((c) => c === ''), `${t.key} row ${e} is not empty`);
    const expected = rows.map((_, i) => i + 1).filter((n) => !empty.includes(n));
    assert.deepEqual([...cited].sort((a, b) => a - b), expected, `${t.document}: ${t.heading}`);
  }
});

function portWords(r: (typeof CATALOG)[number]): string[] {
  const ports = [r.destinationPort, r.sourcePort].filter((p) => p !== 'Any') as { from: number; to: number }[];
  return ports.map((p) => String(p.from));
}

test('each citation of a page points at a row naming the requirement port and transport', () => {
  let checked = 0;
  for (const r of CATALOG) {
    for (const c of r.citations) {
      const t = table(keyOf(c));
      if (!PAGE_TABLES.includes(t)) continue;
      const row = pageTable(t.document, t.heading).rows[c.row - 1];
      const text = row.text.replace(/(\d),(\d{3})/g, '$1$2');
      assert.ok(portWords(r).some((w) => new RegExp(`\\b${w}\\b`).test(text)), `${r.id} cites ${t.key} row ${c.row} (${row.text}) without port ${portWords(r)}`);
      const saysTcp = /\bTCP\b/.test(text), saysUdp = /\bUDP\b/.test(text);
      if (saysTcp !== saysUdp) assert.equal(r.transport, saysTcp ? 'TCP' : 'UDP', `${r.id} vs ${row.text}`);
      checked++;
    }
  }
  assert.ok(checked > 300, `only ${checked} page citations`);
});

/** Rows of a table the registry knows, whether a seed or a page. */
function rowsOf(key: string): { header: string; rows: PageRow[] } {
  const t = table(key);
  if (PAGE_TABLES.includes(t)) {
    const p = pageTable(t.document, t.heading);
    return { header: p.header.join(' | '), rows: p.rows };
  }
  return { header: '(seed)', rows: seedRows(t) };
}

// Words that differ between versions of the same row without changing it.
const normal = (s: string) => s
  .replace(/Skype for Business Server|Lync Server 2013|Lync Server/g, 'PRODUCT')
  .replace(/ public IP address\b/g, '')
  .replace(/[^A-Za-z0-9]+/g, ' ').trim().toLowerCase();

test('a restated row repeats its row word for word, unless the restatement records what the page says', () => {
  let compared = 0;
  const differ: string[] = [];
  for (const s of RESTATEMENTS) {
    const page = rowsOf(s.table), of = rowsOf(s.of.table);
    assert.ok(s.row <= page.rows.length && s.of.row <= of.rows.length, `${s.table}#${s.row} → ${s.of.table}#${s.of.row}`);
    if (s.says || s.when) continue; // the difference is recorded
    const a = page.rows[s.row - 1], b = of.rows[s.of.row - 1];
    // Tables laid out alike compare whole rows; otherwise the port and transport words must agree.
    if (a.cells.length === b.cells.length) {
      if (normal(a.text) !== normal(b.text)) differ.push(`${s.table}#${s.row} does not repeat ${s.of.table}#${s.of.row}:\n  ${a.text}\n  ${b.text}`);
      compared++;
    }
  }
  assert.deepEqual(differ, []);
  assert.ok(compared > 150, `only ${compared} rows compared`);
});

test('every page table key is unique and belongs to the registry', () => {
  const keys = TABLES.map((t) => t.key);
  assert.equal(new Set(keys).size, keys.length);
});
