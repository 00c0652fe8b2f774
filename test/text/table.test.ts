// Tables fitted to a width: every line fits, nothing is lost (wrapped cells rejoin to the
// original text), and without a width the table is the full-width one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitWidths, textTable, wrap } from '../../src/text/table.ts';

const HEADER = ['id', 'role', 'citation'];
const ROWS = [
  ['2010.edge-external.access.sip-tls-443.in', 'Access', '002_05efe164eb02fb9d.txt: External Ports Settings Required for Single Consolidated Edge Topology, row 5'],
  ['x', 'A/V', 'short'],
];

test('without a width: one line per row, columns as wide as their widest cell', () => {
  const lines = textTable(HEADER, ROWS).trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[2], `${ROWS[0]![0]}  Access  ${ROWS[0]![2]}`);
});

test('with a width: every line fits and wrapped cells keep all their text', () => {
  for (const width of [40, 60, 80, 120]) {
    const out = textTable(HEADER, ROWS, { width });
    for (const l of out.trimEnd().split('\n')) assert.ok(l.length <= width, `${width}: ${l}`);
    // The last column starts at a fixed offset; its fragments, rejoined, are the cells' text.
    const widths = fitWidths(HEADER.map((h, i) => Math.max(h.length, ...ROWS.map((r) => r[i]!.length))), width - 4);
    const at = widths[0]! + widths[1]! + 4;
    const column = out.split('\n').slice(2).map((l) => l.slice(at)).join('').replace(/\s/g, '');
    assert.equal(column, ROWS.map((r) => r[2]).join('').replace(/\s/g, ''), `${width}`);
  }
  assert.equal(textTable(HEADER, ROWS, { width: 500 }), textTable(HEADER, ROWS), 'a wide terminal changes nothing');
});

test('fitWidths: narrow columns keep their width, the widest give way first', () => {
  assert.deepEqual(fitWidths([2, 6, 100], 50), [2, 6, 42]);
  assert.deepEqual(fitWidths([30, 6, 100], 50), [22, 6, 22]);
  assert.deepEqual(fitWidths([10, 10], 100), [10, 10]);
});

test('wrap breaks after spaces, or inside a word longer than the width', () => {
  assert.deepEqual(wrap('alpha beta gamma', 10), ['alpha beta', 'gamma']);
  assert.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrap('short', 10), ['short']);
});
