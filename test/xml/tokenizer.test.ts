import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml } from '../../src/xml/escape.ts';
import { XmlTokenizer, unescapeXml, type XmlToken } from '../../src/xml/tokenizer.ts';

const DOC = `<?xml version="1.0" encoding="utf-8"?><!-- Topology Builder --><Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><Site Name="Redmond &amp; Co" Id='1'><![CDATA[<raw>]]>caf\u00e9 &#x263A;</Site><Empty/></Topology>`;

const EXPECTED: XmlToken[] = [
  { kind: 'start', name: 'Topology', attrs: { xmlns: 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008' }, selfClosing: false },
  { kind: 'start', name: 'Site', attrs: { Name: 'Redmond & Co', Id: '1' }, selfClosing: false },
  { kind: 'text', text: '<raw>' },
  { kind: 'text', text: 'caf\u00e9 \u263a' },
  { kind: 'end', name: 'Site' },
  { kind: 'start', name: 'Empty', attrs: {}, selfClosing: true },
  { kind: 'end', name: 'Topology' },
];

test('tokens of a whole document, declarations and comments skipped, entities read', () => {
  assert.deepEqual(new XmlTokenizer().push(DOC), EXPECTED);
});

function joinText(tokens: XmlToken[]): XmlToken[] {
  const out: XmlToken[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + t.text };
    else out.push(t);
  }
  return out;
}

test('the same tokens whatever the chunk boundaries, UTF-8 split inside a character included', () => {
  const bytes = Buffer.from(DOC, 'utf8');
  for (const size of [1, 2, 3, 7, 64]) {
    const tok = new XmlTokenizer();
    const out: XmlToken[] = [];
    for (let i = 0; i < bytes.length; i += size) out.push(...tok.push(bytes.subarray(i, i + size)));
    // Text is emitted as it arrives, so one text node may come out in pieces: compare with
    // neighbouring text tokens joined on both sides.
    assert.deepEqual(joinText(out), joinText(EXPECTED), `chunks of ${size}`);
  }
});

test('escape and unescape are inverse on markup characters', () => {
  const s = `a<b>&"c'`;
  assert.equal(unescapeXml(escapeXml(s)), s);
});
