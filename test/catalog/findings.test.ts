// Issue 11: an independent row-by-row reading of the five documents found places where Portolan
// said more, less or something else than the documents. One test per finding, each reading the
// document text itself (test/support/seed-tables.ts), so none of them can come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, requirementById } from '../../src/catalog/index.ts';
import { keyOf, rowNote } from '../../src/catalog/define.ts';
import { DISCREPANCIES } from '../../src/catalog/discrepancies.ts';
import { INTERPRETATIONS } from '../../src/catalog/interpretations.ts';
import { SEED_SOURCES, SOURCES, source } from '../../src/catalog/sources.ts';
import { table, TABLES } from '../../src/catalog/tables.ts';
import type { Citation, Feature, Reading, Requirement } from '../../src/catalog/types.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { buildPolicies } from '../../src/policy/build.ts';
import { citationText as labCitation } from '../../src/lab/tasks.ts';
import { flowsCsv, flowsJson, flowsMarkdown, flowsTable } from '../../src/flows/format.ts';
import { resolveSelector } from '../../src/flows/resolve.ts';
import { planDocument } from '../../src/plan/document.ts';
import { planHtml } from '../../src/plan/html.ts';
import { planMarkdown } from '../../src/plan/markdown.ts';
import { loadTopology, parseTopology } from '../../src/topology/load.ts';
import { DOCUMENT_ROWS } from '../support/document-rows.ts';
import { allSeedTables, documentText, SHARED_DIR, type SeedRow } from '../support/seed-tables.ts';
import { edgePool, frontEndPool, host, node, topology } from '../support/topologies.ts';

const rowOf = (c: Pick<Citation, 'document' | 'table' | 'row'>): SeedRow => DOCUMENT_ROWS.get(keyOf(c))![c.row - 1]!;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const EXAMPLES = ['lync2010-single-consolidated-edge', 'lync2010-internal-servers', 'lync2013-scaled-edge-dns-lb', 'lync2013-scaled-edge-hlb', 'lync2013-federation-xmpp-pic'];
const examplePath = (name: string) => join(import.meta.dirname, '..', '..', 'examples', `${name}.yaml`);
const exampleText = (name: string) => readFileSync(examplePath(name), 'utf8');
const each = function* (): Generator<[Requirement, Citation]> {
  for (const r of CATALOG) for (const c of r.citations) yield [r, c];
};

/** The documents' words for each feature: a row (or its table) that names none of them states no such condition. */
const FEATURE_WORDS: Record<Feature, RegExp | null> = {
  'remote-user-access': /external user access|remote user access/i,
  'sip-federation': /federat/i,
  'hosted-exchange': /hosted Exchange/i,
  'federation-ocs2007': /Office Communications Server 2007(?! R2)/,
  'federation-ocs2007r2': /Office Communications Server 2007 R2/,
  'federation-lync2010': /Lync Server 2010/,
  'federation-lync2013': /Lync Server 2013/,
  'public-im-connectivity': /public IM|Live Messenger|Public Instant Messaging/i,
  'xmpp-federation': /XMPP|Extensible Messaging/,
  'desktop-sharing-federated': /desktop sharing/i,
  'file-transfer-federated': /file transfer/i,
  'multiple-edge-pools': /multiple Edge pools/i,
  'reverse-proxy-http-redirect': /\(Optional\)/,
  'remote-call-control': /remote call control/i,
};

/** The plan's date and version, fixed so documents compare. */
const PLAN_META = { date: '2026-01-01', version: '0.0.0-test' };

test('finding 1: every condition is stated by its row or its table, in the documents\' words', () => {
  for (const [r, c] of each()) {
    for (const clause of c.when ?? []) {
      for (const f of clause) {
        const words = FEATURE_WORDS[f];
        const text = `${rowOf(c).text} ${c.table}`;
        assert.ok(words && words.test(text), `${r.id}: ${c.table} row ${c.row} is given condition '${f}', which neither the row nor its table states: ${rowOf(c).text}`);
      }
    }
  }
});

test('finding 1: the rows the reading named apply without any feature switched on', () => {
  const unconditional: [string, number[]][] = [
    ['000-external', [8, 14, 15, 16]], ['001-external', [9, 10, 11]], ['001-external-vip', [6, 7, 8]],
    ['000-internal', [9, 10, 11]], ['001-internal', [6, 7, 8]], ['002-external-summary', [8]],
  ];
  for (const [key, rows] of unconditional) {
    for (const row of rows) {
      const cs = [...each()].filter(([, c]) => keyOf(c) === key && c.row === row);
      assert.ok(cs.length > 0, `${key} row ${row} is cited`);
      for (const [r, c] of cs) assert.equal(c.when, undefined, `${r.id} gives ${key} row ${row} a condition`);
    }
  }
  // And so the flows appear in a topology with every feature off.
  for (const [name, key, rows] of [['lync2013-scaled-edge-dns-lb', '000-external', [8, 14, 15, 16]], ['lync2013-scaled-edge-hlb', '001-external-vip', [6, 7, 8]], ['lync2010-single-consolidated-edge', '002-external-summary', [8]]] as const) {
    const text = exampleText(name).replace(/^features:\n(  .*\n)+/m, '');
    const flows = compileFlows(parseTopology(text, `${name}.yaml`));
    for (const row of rows) assert.ok(flows.some((f) => f.citations.some((c) => keyOf(c) === key && c.row === row)), `${name} without features: no flow for ${key} row ${row}`);
    const cls = name === 'lync2013-scaled-edge-dns-lb' ? flows.filter((f) => /\.cls\./.test(f.requirement)) : [];
    if (name === 'lync2013-scaled-edge-dns-lb') assert.equal(new Set(cls.map((f) => f.requirement)).size, 3, 'the three Centralized Logging Service ports');
  }
});

test('finding 2: a row naming a hosted Exchange service applies with one, and 5061 appears for it alone', () => {
  let seen = 0;
  for (const [r, c] of each()) {
    if (!/hosted Exchange/i.test(rowOf(c).text)) continue;
    seen++;
    assert.ok(c.when?.some((clause) => clause.length === 1 && clause[0] === 'hosted-exchange'), `${r.id}: ${c.table} row ${c.row} names a hosted Exchange service`);
  }
  assert.ok(seen >= 1);
  const text = exampleText('lync2010-single-consolidated-edge').replace(/^features:\n(  .*\n)+/m, 'features:\n  hostedExchange: true\n');
  const flows = compileFlows(parseTopology(text, 'hosted.yaml'));
  for (const id of ['2010.edge-external.access.sip-mtls-5061.in', '2010.edge-external.access.sip-mtls-5061.out']) {
    const f = flows.find((x) => x.requirement === id);
    assert.ok(f, `${id} with hostedExchange alone`);
    assert.deepEqual(f.notes, ['Federation and connectivity with a hosted Exchange service']);
  }
});

test('finding 3: "Front End pool IP address running the XMPP Gateway service" names only pools running it', () => {
  const r = requirementById('2013.edge-internal.xmpp.mtls-23456.out')!;
  assert.match(rowOf(r.citations[0]!).text, /Front End pool IP address running the XMPP Gateway service/);
  const t = topology({
    tightenAny: true,
    edgePools: [edgePool('edge', { nodes: [node('e1', { access: ['203.0.113.10'], internal: ['172.25.33.10'] })] })],
    frontEndPools: [
      frontEndPool('withGateway', { xmppGateway: true, vip: ['192.168.10.190'], servers: [host('fe1', ['192.168.10.90'])] }),
      frontEndPool('withoutGateway', { xmppGateway: false, vip: ['192.168.20.190'], servers: [host('fe2', ['192.168.20.90'])] }),
    ],
  });
  const side = resolveSelector(r.source, { topology: t, edgePool: t.edgePools[0] });
  assert.equal(side.any, false);
  const addresses = side.any ? [] : side.members.flatMap((m) => m.addresses).sort();
  assert.deepEqual(addresses, ['192.168.10.190', '192.168.10.90']);
});

/** A row's note as it is printed: its Notes cell (or, without one, the words a cell adds). */
function noteIsTheRows(note: string, row: SeedRow, document: string): boolean {
  const footnote = note.match(/^(.*) \(\* (.*)\)$/);
  if (footnote) return norm(row.text).includes(norm(footnote[1]!)) && row.text.includes('*') && norm(documentText(document)).includes(norm(`* ${footnote[2]}`));
  return norm(row.text).includes(norm(note));
}

test('finding 4: each citation carries its own row\'s note, verbatim', () => {
  for (const [r, c] of each()) {
    const note = rowNote(r, c);
    if (note === '') continue;
    assert.ok(noteIsTheRows(note, rowOf(c), c.document), `${r.id}: ${c.table} row ${c.row} is given the note "${note}" but reads: ${rowOf(c).text}`);
  }
});

test('finding 4: a flow shows the notes of exactly the rows that apply to it', () => {
  const flows = compileFlows(loadTopology(examplePath('lync2013-federation-xmpp-pic')));
  const media = flows.find((f) => f.firewall === 'external' && f.requirement === '2013.edge-external.av.rtp-tcp-50000-59999.out')!;
  assert.deepEqual(media.notes, ['Used for A/V sessions with Windows Live Messenger if public IM connectivity is configured.']);
  for (const name of EXAMPLES) {
    for (const f of compileFlows(loadTopology(examplePath(name)))) {
      const r = requirementById(f.requirement)!;
      const expected = [...new Set(f.citations.map((c) => rowNote(r, c)).filter((n) => n !== ''))];
      assert.deepEqual(f.notes, expected, `${name}: ${f.requirement}`);
      for (const n of f.notes) assert.ok(f.citations.some((c) => noteIsTheRows(n, rowOf(c), c.document)), `${name}: ${f.requirement} note "${n}" is no applying row's`);
    }
  }
});

test('finding 5: 004\'s rows as printed (notes whole, Protocol cells, no invented source wording)', () => {
  // server row 3's note in full
  const https444 = requirementById('2010.server-host.frontend.https-444.in')!;
  assert.equal(norm(rowOf(https444.citations[0]!).cells[4]!), norm(https444.note));
  // the load balancer rows' application is the Protocol cell's protocol word
  for (const [r, c] of each()) {
    if (r.interface !== 'load-balancer') continue;
    const cell = rowOf(c).cells[2]!;
    const word = cell.replace(/\s+-\s.*$/, '').replace(/ \(from reverse proxy\)$/, '');
    const expected = word === 'DCOM and remote procedure call (RPC)' ? 'DCOM/RPC' : word;
    // A bare "TCP" / "TCP (TLS)" may carry the SIP label the server table gives that port; any
    // other protocol word (HTTP, HTTPS, DCOM) is the application as printed.
    if (/^TCP( \(TLS\))?$/.test(word)) assert.match(r.application, /^(TCP|SIP)/, `${r.id}: ${c.table} row ${c.row} prints "${cell}"`);
    else assert.equal(r.application, expected, `${r.id}: ${c.table} row ${c.row} prints "${cell}"`);
  }
  // 004 has no source column: an "Any" side of a 004 row is the word Any, nothing more
  for (const [r, c] of each()) {
    if (c.document !== '004') continue;
    for (const s of [r.source, r.destination]) if (s.kind === 'any') assert.equal(s.text, 'Any', `${r.id}: "${s.text}" is not in 004`);
  }
  // client row 5's note as printed
  const stun = requirementById('2010.client.client.stun-udp-3478.out')!;
  assert.equal(rowNote(stun, stun.citations[0]!), rowOf(stun.citations[0]!).cells[3]);
  // a transport no citing row names is an interpretation, quoting the rows
  for (const r of CATALOG) {
    const named = r.citations.some((c) => new RegExp(`\\b${r.transport}\\b`).test(rowOf(c).text.replace(/STUN\/MSTURN|MSTURN/g, '')));
    if (named) continue;
    const x = INTERPRETATIONS.find((i) => i.requirements.includes(r.id));
    assert.ok(x, `${r.id}: no citing row names ${r.transport}, and no interpretation says why`);
  }
  assert.ok(INTERPRETATIONS.find((i) => i.id === 'dcom-rpc-transport')!.requirements.includes('2010.server-host.frontend.rpc-135.in'));
});

test('finding 6: 003 binds every edge topology, and a hardware load balanced edge with public IM gets its A/V rows', () => {
  const doc = documentText('003');
  assert.doesNotMatch(doc, /load balanc/i, '003 names no edge topology');
  for (const t of TABLES.filter((x) => x.document === '003')) assert.equal(t.edgeLoadBalancing, undefined, t.key);
  const flows = compileFlows(loadTopology(examplePath('lync2013-scaled-edge-hlb')));
  const media = flows.filter((f) => f.firewall === 'external' && f.requirement === '2013.edge-external.av.rtp-tcp-50000-59999.out');
  assert.equal(media.length, 2, 'one per node');
  for (const f of media) assert.ok(f.citations.some((c) => keyOf(c) === '003-pic' && c.row === 4));
  // where Portolan binds a 003 row to some topologies only, an interpretation quotes that row
  for (const [r, c] of each()) {
    if (!c.edgeLoadBalancing) continue;
    const x = INTERPRETATIONS.find((i) => i.requirements.includes(r.id) && i.quotes.some((q) => q.citation.row === c.row && q.citation.table === c.table));
    assert.ok(x, `${r.id}: ${c.table} row ${c.row} is narrowed to ${c.edgeLoadBalancing.join('/')} without an interpretation`);
  }
});

test('finding 7: a row\'s own wording ("says") appears in flows and in the plan', () => {
  const t = loadTopology(examplePath('lync2013-federation-xmpp-pic'));
  const flows = compileFlows(t);
  for (const out of [flowsMarkdown(flows), flowsCsv(flows), JSON.stringify(flowsJson(flows)), planMarkdown(planDocument(t, flows, PLAN_META)), planHtml(planDocument(t, flows, PLAN_META))]) {
    assert.match(out, /Edge Server Access interface/);
  }
});

/** A quote is verbatim: each part between "…" occurs, in order, in the row (or the document). */
function verbatim(r: Reading): boolean {
  if (r.citation.row !== undefined && rowOf(r.citation as Citation).cells.every((c) => c === '')) return r.says === '(empty row)';
  const where = norm(r.citation.row === undefined ? documentText(r.citation.document).replace(/<[^>]+>/g, ' ').replace(/\*\*/g, '') : rowOf(r.citation as Citation).text);
  let from = 0;
  for (const part of r.says.split('…').map(norm).filter(Boolean)) {
    const i = where.indexOf(part, from);
    if (i < 0) return false;
    from = i + part.length;
  }
  return true;
}

test('finding 8: every reading of every discrepancy and interpretation is quoted verbatim', () => {
  for (const d of [...DISCREPANCIES.map((x) => ({ id: x.id, quotes: x.readings })), ...INTERPRETATIONS]) {
    for (const q of d.quotes) assert.ok(verbatim(q), `${d.id}: not in ${q.citation.document} ${q.citation.table}${q.citation.row ? ` row ${q.citation.row}` : ''}: "${q.says}"`);
  }
});

test('finding 8: each disagreement the reading found is recorded with both sides', () => {
  const sides: [string, string, number, string, number][] = [
    ['stun-3478-outbound-purpose-2010', '002-external-summary', 10, '002-external', 11],
    ['sip-5061-purpose-2010', '002-external-summary', 4, '002-external', 4],
    ['sip-5061-purpose-2010', '002-external-summary', 4, '002-external', 5],
    ['hlb-internal-5061-source', '001-internal-vip', 2, '000-internal', 3],
    ['hlb-internal-vip-443-outbound', '001-internal-vip', 6, '000-internal', 7],
    ['hlb-internal-vip-443-outbound', '001-internal-vip', 6, '002-internal', 7],
    ['client-5061-external-access', '004-client', 6, '003-pic', 3],
    ['reverse-proxy-internal-8080', '002-rp-internal', 1, '002-internal', 8],
    ['media-50k-conditions-2010', '002-external-summary', 7, '002-external', 7],
    ['media-50k-conditions-2010', '002-external-summary', 8, '002-external', 10],
    ['media-50k-conditions-2010', '002-external-summary', 6, '002-external', 9],
    ['media-50k-conditions-2010', '002-external-summary', 9, '002-external', 8],
  ];
  for (const [id, k1, r1, k2, r2] of sides) {
    const d = DISCREPANCIES.find((x) => x.id === id);
    assert.ok(d, id);
    for (const [k, r] of [[k1, r1], [k2, r2]] as const) {
      assert.ok(d.readings.some((q) => q.citation.row === r && q.citation.table === table(k).heading), `${id}: no quote of ${k} row ${r}`);
    }
  }
  // 001 internal VIP row 2: its source column and its own note, both quoted, and both read as flows
  const vip = DISCREPANCIES.find((x) => x.id === 'hlb-internal-5061-source')!;
  assert.ok(vip.readings.some((q) => q.says.includes('Edge Server Internal VIP interface')) && vip.readings.some((q) => q.says.includes('from Edge Server internal interface')));
  const flows = compileFlows(loadTopology(examplePath('lync2013-scaled-edge-hlb'))).filter((f) => f.firewall === 'internal' && /sip-mtls-5061\.in/.test(f.requirement));
  const sources = new Set(flows.flatMap((f) => (f.source === 'Any' ? [] : f.source)));
  for (const a of ['172.25.33.100', '172.25.33.10', '172.25.33.11']) assert.ok(sources.has(a), `5061 to the next hop from ${a}`);
  // the 003 introduction (prose) is quoted where 004 gives clients 5061
  assert.ok(DISCREPANCIES.find((x) => x.id === 'client-5061-external-access')!.readings.some((q) => q.citation.document === '003' && q.citation.row === undefined));
});

test('finding 9: the registry names each document by Microsoft\'s title, as the documents carry it', () => {
  const index = readFileSync(join(SHARED_DIR, 'sources', 'INDEX.md'), 'utf8');
  for (const s of SEED_SOURCES) {
    const text = documentText(s.id);
    if (s.id === '001') {
      // 001 carries no title line: the sources index names the article whose content it is.
      assert.doesNotMatch(text, /Port summary/);
      assert.ok(norm(index).includes(`"${s.title}" was not copied. Its content is already in \`../${s.file}\``), 'the sources index names 001\'s article');
    } else {
      assert.ok(text.includes(s.title), `${s.id}: title "${s.title}" is not in the document`);
    }
  }
  assert.match(documentText('000'), new RegExp(`^ms:mtpsurl: ${source('000').url!.replace(/[()]/g, '\\$&')}$`, 'm'));
  assert.match(documentText('000'), new RegExp(`^title: '${source('000').title}'$`, 'm'));
  for (const t of TABLES) assert.ok(SOURCES.some((s) => s.id === t.document), `${t.key}: document ${t.document} is registered`);
});

test('finding 9: plans and flows cite titles, table and row, link 000\'s URL, list "Sources", never a seed file name', () => {
  const fileName = /_[0-9a-f]{16}\.txt/;
  for (const name of EXAMPLES) {
    const t = loadTopology(examplePath(name));
    const flows = compileFlows(t);
    const d = planDocument(t, flows, PLAN_META);
    for (const out of [planMarkdown(d), planHtml(d)]) {
      assert.doesNotMatch(out, fileName, name);
      assert.match(out, /Sources/);
      for (const { document: s } of d.sources) assert.ok(out.includes(s.title.replace(/&/g, '&amp;')), `${name}: ${s.title}`);
      assert.ok(out.includes(source('000').url!), `${name}: 000's URL`);
      for (const f of flows) for (const c of f.citations) assert.ok(d.sources.some((s) => s.cited && s.document.id === c.document), `${name}: ${c.document} cited`);
    }
    for (const out of [flowsMarkdown(flows), flowsCsv(flows), flowsTable(flows)]) assert.doesNotMatch(out, fileName, name);
    assert.match(JSON.stringify(flowsJson(flows)), fileName, 'the local file name stays in JSON');
    for (const f of flows) for (const c of f.citations) assert.ok(flowsMarkdown([f]).includes(`${source(c.document).title}, "${c.table}", row ${c.row}`));
  }
});

test('finding 9: render comments and lab reports cite the article titles too, never a seed file name', () => {
  const fileName = /_[0-9a-f]{16}\.txt/;
  for (const name of EXAMPLES) {
    const flows = compileFlows(loadTopology(examplePath(name)));
    for (const p of buildPolicies(flows)) {
      for (const r of p.rules) {
        assert.doesNotMatch(r.comment, fileName, `${name} ${p.firewall} ${r.id}`);
        for (const c of r.citations) {
          const s = source(c.document);
          assert.ok(r.comment.includes(`${s.title}${s.url ? ` <${s.url}>` : ''}: `) && r.comment.includes(`"${c.table}" row`), `${name} ${p.firewall} ${r.id} cites ${c.document} ${c.table}`);
        }
      }
    }
    for (const f of flows) {
      const lab = labCitation(f);
      assert.doesNotMatch(lab, fileName);
      for (const c of f.citations) assert.ok(lab.includes(`${source(c.document).title}, "${c.table}", row ${c.row}`), `${name}: lab citation of ${f.requirement}`);
    }
  }
});
