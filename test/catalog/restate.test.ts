// Restatements: a page row that repeats an encoded row cites the same requirement, with its own
// condition and wording; the versions follow the citations; a row repeating nothing is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRestatements, restates } from '../../src/catalog/restate.ts';
import { CATALOG, requirementById } from '../../src/catalog/index.ts';
import { EDGE_2013 } from '../../src/catalog/data/edge-2013.ts';
import { keyOf } from '../../src/catalog/define.ts';

test('restates numbers the page rows and carries each reading', () => {
  const rs = restates('sfb-edge-external', '000-external', [1, [9, { when: [] }]], { versions: ['sfb2015'] });
  assert.deepEqual(rs.map((r) => [r.row, r.of.row, r.versions, r.when]), [[1, 1, ['sfb2015'], undefined], [2, 9, ['sfb2015'], []]]);
});

test('a restated row joins the requirement, keeping the repeated row condition unless it has its own', () => {
  const [r] = applyRestatements(EDGE_2013.filter((x) => x.id === '2013.edge-external.access.sip-tls-443.in'), [{ table: 'sfb-edge-external', row: 5, of: { table: '000-external', row: 5 } }]);
  const c = r!.citations.find((x) => keyOf(x) === 'sfb-edge-external')!;
  assert.equal(c.row, 5);
  assert.deepEqual(c.when, [['remote-user-access']]);
  assert.ok(r!.versions.includes('sfb2019'));
});

test('a row that repeats a row no requirement cites is an error', () => {
  assert.throws(() => applyRestatements([], restates('sfb-edge-external', '000-external', [3])), /which no requirement cites/);
});

test('in the catalog: Skype for Business media relay rows are unconditional, 2013 keeps its conditions; XMPP speaks for 2015 only', () => {
  const relay = requirementById('2013.edge-external.av.rtp-udp-50000-59999.out')!;
  const sfb = relay.citations.find((c) => keyOf(c) === 'sfb-edge-external')!;
  const l13 = relay.citations.find((c) => keyOf(c) === '000-external')!;
  assert.deepEqual(sfb.when, []);
  assert.deepEqual(l13.when, [['federation-ocs2007']]);
  const xmpp = requirementById('2013.edge-external.xmpp.5269.in')!;
  assert.deepEqual(xmpp.versions, ['lync2013', 'sfb2015']);
  assert.ok(CATALOG.every((r) => r.citations.length > 0));
});
