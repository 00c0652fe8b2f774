import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.ts';
import { childNamed, MAX_XML_DEPTH, parseXmlDocument, pathOf } from '../../src/xml/document.ts';

function fails(text: string, line: number, col: number, msg: RegExp): void {
  assert.throws(() => parseXmlDocument(text, 'f.xml'), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.deepEqual([e.location?.line, e.location?.col], [line, col], e.render());
    assert.match(e.message, msg);
    return true;
  });
}

test('elements, attributes, text with entities and CDATA, each element located', () => {
  const doc = parseXmlDocument('<?xml version="1.0"?>\n<!-- c -->\n<a x="1" y=\'&lt;2&gt;\'>\n  <b>one &amp; two</b><c/>\n  <d><![CDATA[<raw>]]>&#65;&#x42;</d>\n</a>\n', 'f.xml');
  assert.equal(doc.name, 'a');
  assert.deepEqual(doc.attrs, { x: '1', y: '<2>' });
  assert.deepEqual(doc.children.map((c) => [c.name, c.line, c.col]), [['b', 4, 3], ['c', 4, 23], ['d', 5, 3]]);
  assert.equal(childNamed(doc, 'b')!.text, 'one & two');
  assert.equal(pathOf(doc, 'd')!.text, '<raw>AB');
});

test('malformed XML is an error at its position', () => {
  fails('<a>\n  <b></c>\n</a>', 2, 6, /end tag <\/c> does not match <b> at line 2, column 3/);
  fails('<a>\n  <b>\n</a>', 3, 1, /does not match <b>/);
  fails('<a>\n  <b>', 2, 3, /<b> is never closed/);
  fails('<a x=1/>', 1, 6, /needs a quoted value/);
  fails('<a x="1" x="2"/>', 1, 10, /given twice/);
  fails('<a/>\n<b/>', 2, 1, /second root element/);
  fails('text', 1, 1, /text before the root element/);
  fails('<a>&nbsp;</a>', 1, 4, /unknown entity/);
  fails('<a>R&D</a>', 1, 4, /bare "&"/);
  fails('<a><!-- open', 1, 4, /unterminated comment/);
  fails('', 1, 1, /no root element/);
});

test('nesting deeper than the limit is refused with a position, never a stack overflow', () => {
  const deep = '<a>'.repeat(MAX_XML_DEPTH + 5) + '</a>'.repeat(MAX_XML_DEPTH + 5);
  fails(deep, 1, 3 * MAX_XML_DEPTH + 1, /nested deeper than 1000 levels/);
  const ok = '<a>'.repeat(MAX_XML_DEPTH) + '</a>'.repeat(MAX_XML_DEPTH);
  assert.equal(parseXmlDocument(ok, 'f.xml').name, 'a');
});
