import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csv, csvField } from '../../src/text/csv.ts';
import { escapeHtml } from '../../src/text/html.ts';
import { markdownTable } from '../../src/text/markdown.ts';
import { editDistance, suggest } from '../../src/text/suggest.ts';
import { textTable } from '../../src/text/table.ts';

test('text table: padded columns, a rule under the header unless asked not to, last column unpadded', () => {
  const rows = [['5061', 'TCP', 'SIP (MTLS)'], ['50000-59999', 'UDP', '']];
  assert.equal(textTable(['PORT', 'T', 'APP'], rows), 'PORT         T    APP\n-----------  ---  ----------\n5061         TCP  SIP (MTLS)\n50000-59999  UDP\n');
  assert.equal(textTable(['PORT', 'T', 'APP'], rows, { rule: false }), 'PORT         T    APP\n5061         TCP  SIP (MTLS)\n50000-59999  UDP\n');
});

test('CSV quotes only fields that need it (RFC 4180)', () => {
  assert.equal(csvField('Access'), 'Access');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csv(['a', 'b'], [['1', 'x\ny']]), 'a,b\n1,"x\ny"\n');
});

test('Markdown cells escape pipes and fold line breaks; HTML escapes markup', () => {
  assert.equal(markdownTable(['a'], [['x|y\nz']]), '| a |\n|---|\n| x\\|y z |\n');
  assert.equal(escapeHtml(`<a href="x">&</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
});

test('did you mean: the closest word when close enough, or nothing', () => {
  assert.equal(editDistance('nftable', 'nftables'), 1);
  assert.equal(suggest('nftable', ['iptables', 'nftables']), 'nftables');
  assert.equal(suggest('cisco-ass', ['cisco-asa', 'azure']), 'cisco-asa');
  assert.equal(suggest('zzzzzz', ['nftables', 'azure']), undefined);
});

test('word lists read as prose', async () => {
  const { orList } = await import('../../src/text/list.ts');
  assert.equal(orList([]), '');
  assert.equal(orList(['lync2010']), 'lync2010');
  assert.equal(orList(['lync2010', 'lync2013']), 'lync2010 or lync2013');
  assert.equal(orList(['a', 'b', 'c']), 'a, b or c');
});
