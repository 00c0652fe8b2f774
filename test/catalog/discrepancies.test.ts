import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISCREPANCIES } from '../../src/catalog/discrepancies.ts';
import { requirementById } from '../../src/catalog/index.ts';
import { keyOf } from '../../src/catalog/define.ts';
import { DOCUMENT_ROWS as rows } from '../support/document-rows.ts';
import { PAGE_TABLES } from '../../src/catalog/data/page-tables.ts';

const PAGE_KEYS = new Set(PAGE_TABLES.map((t) => t.key));

test('every discrepancy names existing requirements and has at least one reading per cited row', () => {
  for (const d of DISCREPANCIES) {
    assert.ok(d.readings.length > 0, d.id);
    for (const id of d.requirements) assert.ok(requirementById(id), `${d.id}: unknown requirement ${id}`);
  }
});

test("every reading's cited row exists and contains the port it quotes", () => {
  for (const d of DISCREPANCIES) {
    for (const r of d.readings) {
      if (r.citation.row === undefined) continue; // prose passages: test/catalog/findings.test.ts
      const row = rows.get(keyOf(r.citation))?.[r.citation.row - 1];
      assert.ok(row, `${d.id}: no row ${r.citation.row} in ${r.citation.table}`);
      const ports = r.says.match(/\d[\d,]*/g) ?? [];
      const text = row.text.replace(/\s+/g, ' ');
      assert.ok(ports.length === 0 || ports.some((p) => text.includes(p)), `${d.id}: ${r.says} vs ${row.text}`);
    }
  }
});

test('the Lync 2013 public IM "Access interface" slip is recorded', () => {
  const d = DISCREPANCIES.find((x) => x.id === 'public-im-av-from-access-interface');
  assert.ok(d);
  assert.ok(d.readings.some((r) => r.says.includes('Edge Server Access interface') && r.citation.document.startsWith('003')));
});

test("readings of the pages in sources/ quote their row verbatim", () => {
  let quoted = 0;
  for (const d of DISCREPANCIES) {
    for (const r of d.readings) {
      if (r.citation.row === undefined) continue; // prose passages: test/catalog/findings.test.ts
      const key = keyOf(r.citation);
      if (!PAGE_KEYS.has(key)) continue;
      const row = rows.get(key)![r.citation.row! - 1];
      if (row.cells.every((c) => c === '')) assert.equal(r.says, '(empty row)', d.id);
      else assert.ok(row.text.includes(r.says), `${d.id}: '${r.says}' is not in ${key} row ${r.citation.row}: ${row.text}`);
      quoted++;
    }
  }
  assert.ok(quoted >= 10);
});

test('the disagreements between the Lync 2013 and Skype for Business pages are recorded', () => {
  for (const id of ['dns-transport', 'stun-3478-outbound-purpose', 'cls-ports', 'media-relay-condition', 'xmpp-not-in-2019']) {
    const d = DISCREPANCIES.find((x) => x.id === id);
    assert.ok(d, id);
    assert.ok(d.readings.some((r) => r.citation.document.startsWith('sfb-')), `${id} quotes a Skype for Business page`);
  }
});
