// The plan as a document to sign: title from the topology's name, the date (SOURCE_DATE_EPOCH),
// Portolan's version, the source documents; addresses labelled by what they are; the members of
// a pool on one row; the diagram linked from Markdown and inline in HTML; the same bytes twice.
import { test } from 'node:test';
import { source } from '../../src/catalog/sources.ts';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { drawDiagram } from '../../src/diagram/index.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { documentDate } from '../../src/plan/date.ts';
import { planDocument } from '../../src/plan/document.ts';
import { loadTopology } from '../../src/topology/load.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const DNSLB = 'examples/lync2013-scaled-edge-dns-lb.yaml';
const META = { date: '2026-01-01', version: '9.9.9' };

async function run(env: Record<string, string>, ...args: string[]) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let out = '', err = '';
  try {
    const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
    return { code, out, err };
  } finally { for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
}

test('plan header: the name, the file, the date, the version, the documents cited', () => {
  const t = loadTopology(REF);
  const d = planDocument(t, compileFlows(t), META);
  assert.equal(d.title, 'Firewall change request: Contoso reference architecture 1, single consolidated edge (document 002)');
  assert.deepEqual(Object.fromEntries(d.header), {
    'Deployment': 'Contoso reference architecture 1, single consolidated edge (document 002)',
    'Topology file': REF, 'Date': '2026-01-01', 'Prepared with': 'Portolan 9.9.9', 'Source documents': [source('002').title, source('004').title].join('; '), // Microsoft's titles, never our file names
  });
});

test('plan: 002\'s 10.45.16.x are labelled private, not public; 000\'s public addresses public', () => {
  const ref = loadTopology(REF);
  const d = planDocument(ref, compileFlows(ref), META);
  assert.deepEqual(d.externalAddresses.rows.map((r) => `${r[0]} ${r[1]} ${r[2].split(':')[0]}`), [
    '10.45.16.10 edge01 Access Edge (external) no', '10.45.16.20 edge01 Web Conferencing Edge (external) no',
    '10.45.16.30 edge01 A/V Edge (external) no', '10.45.16.40 reverse proxy rp (external) no',
  ]);
  const lb = loadTopology(DNSLB);
  assert.ok(planDocument(lb, compileFlows(lb), META).externalAddresses.rows.every((r) => r[2].startsWith('yes')));
});

test('plan: a NAT edge\'s private addresses are reachable through the NAT, as their public addresses', () => {
  const t = loadTopology('examples/sfb2019-single-edge-nat.yaml');
  const d = planDocument(t, compileFlows(t), META);
  assert.deepEqual(d.externalAddresses.rows.map((r) => `${r[0]} ${r[2]}`), [
    "10.45.16.10 yes: through the firewall's 1:1 NAT, as 131.107.155.10",
    "10.45.16.20 yes: through the firewall's 1:1 NAT, as 131.107.155.20",
    "10.45.16.30 yes: through the firewall's 1:1 NAT, as 131.107.155.30",
  ]);
  assert.match(d.externalAddresses.note, /^1:1 NAT on the external firewall, 10\.45\.16\.10 ↔ 131\.107\.155\.10, /);
  assert.match(Object.fromEntries(d.summary)['Edge pool edge']!, /public through NAT: Access 131\.107\.155\.10, Web Conferencing 131\.107\.155\.20, A\/V 131\.107\.155\.30/);
});

test('plan: the nodes of a pool share a row (DNS load-balanced edge: edge01 and edge02 together)', () => {
  const t = loadTopology(DNSLB);
  const flows = compileFlows(t);
  const d = planDocument(t, flows, META);
  const external = d.sections.find((s) => s.firewall === 'external')!;
  assert.equal(external.flows, flows.filter((f) => f.firewall === 'external').length);
  assert.ok(external.rows.length < external.flows);
  const access = external.rows.find((r) => r.cells[3]!.startsWith('Edge pool') && r.cells[3]!.includes('Access Edge') && r.cells[4] === '5061' && r.cells[8] === 'in')!;
  assert.match(access.cells[3]!, /^Edge pool \S+ Access Edge: \S+ \(edge01\), \S+ \(edge02\)$/);
  // Every flow's destination address is in some row: grouping loses no address.
  const text = external.rows.map((r) => `${r.cells[1]} ${r.cells[3]}`).join('\n');
  for (const f of flows.filter((x) => x.firewall === 'external')) for (const a of [f.source, f.destination]) if (a !== 'Any') for (const x of a) assert.ok(text.includes(x), x);
});

test('plan -o DIR: the Markdown and the SVG it links; the same bytes twice with SOURCE_DATE_EPOCH', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-plan-dir-'));
  const env = { SOURCE_DATE_EPOCH: '1767225600' };
  assert.equal((await run(env, 'plan', REF, '-o', dir + '/')).code, 0);
  assert.deepEqual(readdirSync(dir).sort(), ['lync2010-single-consolidated-edge.md', 'lync2010-single-consolidated-edge.svg']);
  const md = readFileSync(join(dir, 'lync2010-single-consolidated-edge.md'), 'utf8');
  assert.match(md, /!\[The deployment: zones, firewalls and flows with their ports\]\(lync2010-single-consolidated-edge\.svg\)/);
  assert.match(md, /\| Date \| 2026-01-01 \|/);
  const t = loadTopology(REF);
  assert.equal(readFileSync(join(dir, 'lync2010-single-consolidated-edge.svg'), 'utf8'), await drawDiagram(t, compileFlows(t)));
  const again = mkdtempSync(join(tmpdir(), 'portolan-plan-dir-'));
  assert.equal((await run(env, 'plan', REF, '-o', join(again, 'change.md'))).code, 0);
  assert.deepEqual(readdirSync(again).sort(), ['change.md', 'change.svg']);
  assert.equal(readFileSync(join(again, 'change.md'), 'utf8'), md.replace('(lync2010-single-consolidated-edge.svg)', '(change.svg)'));
  const h1 = mkdtempSync(join(tmpdir(), 'portolan-plan-html-'));
  await run(env, 'plan', REF, '-o', join(h1, 'a.html'));
  await run(env, 'plan', REF, '-o', join(h1, 'b.html'));
  assert.equal(readFileSync(join(h1, 'a.html'), 'utf8'), readFileSync(join(h1, 'b.html'), 'utf8'));
});

test('plan: a bad SOURCE_DATE_EPOCH is a clear error (exit 2), nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-plan-bad-'));
  const r = await run({ SOURCE_DATE_EPOCH: 'yesterday' }, 'plan', REF, '-o', join(dir, 'x.html'));
  assert.equal(r.code, 2);
  assert.match(r.err, /SOURCE_DATE_EPOCH must be seconds since 1970/);
  assert.equal(existsSync(join(dir, 'x.html')), false);
  assert.equal(documentDate(undefined, new Date('2030-05-06T23:59:59Z')), '2030-05-06');
  assert.equal(documentDate('0', new Date()), '1970-01-01');
});
