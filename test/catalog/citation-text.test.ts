// How outputs cite rows: the article title (and URL), table and row; the file only in records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationDetail, citationRecord, citationsText, citationText, saysText } from '../../src/catalog/citation-text.ts';
import { source } from '../../src/catalog/sources.ts';

const T = 'Firewall Summary – Public Instant Messaging Connectivity';

test('one citation: title, table, row; the row\'s differing words in detail', () => {
  const c = { document: '003', table: T, row: 4, says: { source: 'Edge Server Access interface', note: 'n' } };
  assert.equal(citationText(c), `Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013, "${T}", row 4`);
  assert.equal(saysText(c), 'source "Edge Server Access interface"');
  assert.equal(citationDetail(c), `${citationText(c)} (this row says: source "Edge Server Access interface")`);
  assert.equal(citationDetail({ document: '003', table: T, row: 4 }), citationText(c));
});

test('several citations: grouped per article (with URL) and table, rows sorted, order-independent', () => {
  const cs = [
    { document: '003', table: T, row: 6 }, { document: '000', table: T, row: 5 },
    { document: '003', table: T, row: 4 }, { document: '002', table: 'External Ports Settings Required for Single Consolidated Edge Topology', row: 7 },
  ];
  const text = citationsText(cs);
  assert.equal(text, citationsText([...cs].reverse()));
  assert.equal(text, [
    `${source('000').title} <${source('000').url}>: "${T}" row 5`,
    `Reference Architecture 1: Port Summary for Single Consolidated Edge: "External Ports Settings Required for Single Consolidated Edge Topology" row 7`,
    `${source('003').title} <${source('003').url}>: "${T}" rows 4, 6`,
  ].join(' | '));
});

test('a citation record carries the registry id, title, URL where known and the local file', () => {
  assert.deepEqual(citationRecord({ document: '002', table: 'x', row: 1 }), {
    document: '002', title: 'Reference Architecture 1: Port Summary for Single Consolidated Edge', table: 'x', row: 1, file: '002_05efe164eb02fb9d.txt',
  });
  assert.equal(citationRecord({ document: '000', table: 'x', row: 1 }).url, 'https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)');
  assert.throws(() => citationText({ document: 'nope', table: 'x', row: 1 }), /unknown source document nope/);
});
