// The product profile table: each record agrees with the tables of its documents, and the
// version-dependent outputs (lint, DNS and certificate sources, plan label) read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATALOG } from '../../src/catalog/index.ts';
import { keyOf } from '../../src/catalog/define.ts';
import { DOC } from '../../src/catalog/documents.ts';
import { PRODUCTS, PRODUCT_VERSIONS, versionsOfDocument } from '../../src/catalog/products.ts';
import { TABLES, table } from '../../src/catalog/tables.ts';
import { certificates } from '../../src/certs/plan.ts';
import { dnsRecords } from '../../src/dns/records.ts';
import { lintTopology } from '../../src/topology/lint.ts';
import { parseTopology } from '../../src/topology/load.ts';
import { TOPOLOGY_SCHEMA } from '../../src/topology/schema.ts';

test('every source document describes some version; the schema enum is the profile table', () => {
  for (const d of Object.values(DOC)) assert.ok(versionsOfDocument(d).length > 0, d);
  assert.deepEqual(PRODUCT_VERSIONS, ['lync2010', 'lync2013', 'sfb2015', 'sfb2019', 'sfbse']);
  assert.deepEqual(TOPOLOGY_SCHEMA.properties.version.enum, PRODUCT_VERSIONS);
});

test("a profile's 'no table' scenarios are exactly those its documents have no table for", () => {
  for (const v of PRODUCT_VERSIONS) {
    const p = PRODUCTS[v];
    const tables = TABLES.filter((t) => p.documents.includes(t.document));
    const hlb = tables.some((t) => t.edgeLoadBalancing?.includes('hardware'));
    assert.equal(p.noTable.hardwareLoadBalancedEdge === undefined, hlb, `${v}: hardware load balanced edge`);
    const rp = CATALOG.some((r) => r.interface.startsWith('reverse-proxy') && r.citations.some((c) => p.documents.includes(table(keyOf(c)).document)));
    assert.equal(p.noTable.reverseProxy === undefined, rp, `${v}: reverse proxy`);
    // XMPP rows exist in the catalog for a version exactly when the profile says XMPP exists.
    assert.equal(CATALOG.some((r) => r.versions.includes(v) && r.role === 'XMPP'), p.xmpp, `${v}: XMPP`);
  }
});

/** An example with its version line changed. */
function asVersion(example: string, version: string) {
  const text = readFileSync(`examples/${example}`, 'utf8').replace(/^version: \w+$/m, `version: ${version}`);
  return parseTopology(text, example);
}

test('lint reads the gaps and XMPP availability from the profile (messages as before the table)', () => {
  const hlb2010 = lintTopology(asVersion('lync2013-scaled-edge-hlb.yaml', 'lync2010')).filter((f) => f.rule === 'no-table-for-scenario');
  assert.equal(hlb2010.length, 1);
  assert.match(hlb2010[0]!.message, /^edge pool '.+': the Lync Server 2010 document covers single and DNS load balanced edges only; no edge flows are produced for a hardware load balanced 2010 edge$/);
  assert.equal(hlb2010[0]!.citation.document, DOC.d002);

  const xmpp2010 = lintTopology(asVersion('lync2013-federation-xmpp-pic.yaml', 'lync2010')).filter((f) => f.rule === 'feature-not-in-version');
  assert.ok(xmpp2010.some((f) => f.message === 'XMPP federation is new in Lync Server 2013; this topology is lync2010'));

  // Lync Server 2013 has its reverse proxy page now; Skype for Business follows it (a note).
  assert.equal(lintTopology(asVersion('lync2010-single-consolidated-edge.yaml', 'lync2013')).filter((f) => f.rule === 'no-table-for-scenario').length, 0);
  const rpSfb = lintTopology(asVersion('lync2010-single-consolidated-edge.yaml', 'sfb2019')).filter((f) => f.rule === 'table-from-earlier-version');
  assert.deepEqual(rpSfb.map((f) => f.message), [PRODUCTS.sfb2019.earlierTable!.reverseProxy!.says]);
  assert.equal(lintTopology(asVersion('lync2010-single-consolidated-edge.yaml', 'lync2010')).filter((f) => f.rule === 'no-table-for-scenario').length, 0);
});

test('DNS and certificate plans cite the summaries of the profile', () => {
  for (const v of PRODUCT_VERSIONS) {
    const t = asVersion('lync2013-scaled-edge-hlb.yaml', v);
    // The summary itself, or (where a page prints the scenario's records) a row of it.
    const cites = (sources: { document: string; section?: string; row?: number }[], s: { document: string; section?: string }) =>
      sources.some((x) => x === s || (x.row !== undefined && x.document === s.document && x.section === s.section));
    const dns = dnsRecords(t).find((r) => r.name.startsWith('_sip._tls.'))!;
    assert.ok(cites(dns.sources, PRODUCTS[v].dnsSummary.hardware), v);
    assert.ok(cites(certificates(t).find((c) => c.interface === 'edge-external')!.sources, PRODUCTS[v].certificateSummary), v);
  }
});
