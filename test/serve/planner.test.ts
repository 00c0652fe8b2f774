// The planner end to end in Debian's Chromium: each example drawn with the expected nodes and
// flow groups, edits followed by the flows table and the diagram, YAML errors at the line the
// CLI reports, a downloaded nftables configuration accepted by nft -c, an audit's blocked flow
// marked, no console errors. Screenshots go to test-artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { diagramGraph, allNodes } from '../../src/diagram/graph.ts';
import { InputErrors } from '../../src/errors.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { loadTopology, parseTopology } from '../../src/topology/load.ts';
import { startPlanner, type Planner } from '../../src/serve/server.ts';
import { artifact, buildWeb, consoleErrors, launch, ROOT, type Browser } from './browser.ts';

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const REF = 'examples/lync2010-single-consolidated-edge.yaml';

let browser: Browser;
before(async () => { buildWeb(); browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(file: string): Promise<{ page: Page; planner: Planner; errors: string[] }> {
  const planner = await startPlanner({ topologyFile: join(ROOT, file), port: 0 });
  const page = await browser.context.newPage();
  const errors = consoleErrors(page);
  await page.goto(planner.url);
  await page.waitForSelector('body[data-analysed]');
  return { page, planner, errors };
}

async function done(o: { page: Page; planner: Planner; errors: string[] }): Promise<void> {
  assert.deepEqual(o.errors, [], 'the browser console has errors');
  await o.page.close();
  await o.planner.close();
}

const analysed = (page: Page) => page.evaluate(() => Number(document.body.dataset.analysed));
async function nextAnalysis(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.analysed) > n, before);
}

for (const example of EXAMPLES) {
  test(`planner: ${example} drawn with its nodes and flow groups; flows table complete`, async () => {
    const t = loadTopology(join(ROOT, 'examples', example));
    const flows = compileFlows(t);
    const graph = diagramGraph(t, flows);
    const expectedNodes = allNodes(graph.nodes).filter((n) => n.kind !== 'zone' && n.kind !== 'firewall').length;
    const o = await open(join('examples', example));
    const { page } = o;
    assert.equal(await page.locator('#diagram svg g.node').count(), expectedNodes);
    assert.equal(await page.locator('#diagram svg g.flow').count(), graph.groups.length);
    assert.equal(await page.locator('#diagram svg g.firewall').count(), t.edgePools.length || t.reverseProxy ? 2 : 0);
    assert.equal(await page.locator('#flows tbody tr').count(), flows.length);
    // Every address of the topology's edge nodes is on the drawing.
    const text = await page.locator('#diagram svg').textContent();
    for (const n of t.edgePools.flatMap((p) => p.nodes)) for (const a of [...n.access, ...n.webConferencing, ...n.av, ...n.internal]) assert.ok(text!.includes(a), a);
    await page.screenshot({ path: artifact(`planner-${example.replace('.yaml', '')}.png`) });
    await done(o);
  });
}

test('planner: the reference example draws 002 Access Edge ports and filters flows by firewall, role, port', async () => {
  const o = await open(REF);
  const { page } = o;
  // 002: the Access Edge is reached from the internet on TCP 443 and 5061 (SIP/TLS, SIP/MTLS).
  const access = page.locator('#diagram g.flow[data-source="any-internet"][data-destination="edge-edge01-access"]');
  assert.equal(await access.count(), 1);
  assert.equal(await access.getAttribute('data-firewalls'), 'external host-edge');
  assert.match((await access.locator('.label').textContent())!, /TCP 443, 5061/);
  await page.click('[data-tab=flows]');
  await page.selectOption('#filter-firewall', 'external');
  await page.fill('#filter-port', '5061');
  const rows = page.locator('#flows tbody tr');
  const n = await rows.count();
  assert.ok(n > 0);
  for (let i = 0; i < n; i++) assert.equal(await rows.nth(i).getAttribute('data-firewall'), 'external');
  assert.match((await page.locator('#flow-count').textContent())!, new RegExp(`^${n} of 100 flows`));
  await done(o);
});

test('planner: changing an edge address in the editor moves the flows table and the diagram', async () => {
  const o = await open(REF);
  const { page } = o;
  const n = await analysed(page);
  const line = page.locator('.cm-line', { hasText: 'access: 10.45.16.10' });
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5');
  await nextAnalysis(page, n);
  await page.waitForFunction(() => document.querySelector('#diagram svg')?.textContent?.includes('external 10.45.16.15'));
  const svg = (await page.locator('#diagram svg').textContent())!;
  assert.ok(!svg.includes('10.45.16.10'));
  await page.click('[data-tab=flows]');
  const table = (await page.locator('#flows tbody').textContent())!;
  assert.ok(table.includes('10.45.16.15'));
  assert.ok(!table.includes('10.45.16.10'));
  await done(o);
});

test('planner: a YAML error shows at the line and column the CLI reports', async () => {
  const o = await open(REF);
  const { page } = o;
  const n = await analysed(page);
  const line = page.locator('.cm-line', { hasText: 'loadBalancing: none' });
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ]');
  await nextAnalysis(page, n);
  const text = await page.evaluate(() => [...document.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
  let expected: { line: number; col: number } | undefined;
  try { parseTopology(text, REF); } catch (e) { expected = (e as InputErrors).errors[0].location; }
  assert.ok(expected, 'the edited text has an error');
  const first = page.locator('#problems li').first();
  assert.equal(await first.getAttribute('data-line'), String(expected.line));
  assert.equal(await first.getAttribute('data-col'), String(expected.col));
  // The editor marks it too, on that line.
  const marked = await page.evaluate(() => {
    const mark = document.querySelector('.cm-lintRange-error');
    const lines = [...document.querySelectorAll('.cm-line')];
    return mark ? lines.findIndex((l) => l.contains(mark)) + 1 : 0;
  });
  assert.equal(marked, expected.line);
  assert.ok(await page.locator('#diagram.stale').count() === 1, 'the last good diagram is shown stale');
  await done(o);
});

test('planner: completion offers the keys the JSON Schema allows at the cursor', async () => {
  const o = await open(REF);
  const { page } = o;
  await page.locator('.cm-line', { hasText: 'nextHop: pool01' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('loadB');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'loadBalancing' });
  await option.waitFor();
  // CodeMirror ignores Enter for 75 ms after the list opens (its interactionDelay).
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent === '    loadBalancing: '));
  await page.keyboard.press('Control+Space');
  const values = page.locator('.cm-tooltip-autocomplete li');
  await values.first().waitFor();
  assert.deepEqual((await values.allTextContents()).sort(), ['dns', 'hardware', 'none']);
  await page.keyboard.press('Escape');
  await done(o);
});

test('planner: the downloaded nftables configuration passes nft -c (inside unshare --net)', async () => {
  const o = await open(REF);
  const { page } = o;
  await page.click('[data-tab=config]');
  await page.selectOption('#target', 'nftables');
  await page.selectOption('#config-firewall', 'external');
  await page.fill('#outside', 'eth0');
  await page.fill('#inside', 'eth1');
  await page.click('#render-btn');
  await page.waitForSelector('#download-btn:not([disabled])');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-btn')]);
  assert.equal(download.suggestedFilename(), 'external.nft');
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-planner-')), 'external.nft');
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /iifname "eth0"/);
  const r = spawnSync('unshare', ['--net', 'nft', '-c', '-f', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  await done(o);
});

test('planner: an audited configuration with a known gap marks the blocked flow in the table and on the diagram', async () => {
  const o = await open(REF);
  const { page } = o;
  await page.click('[data-tab=audit]');
  await page.selectOption('#audit-platform', 'nftables');
  await page.selectOption('#audit-firewall', 'external');
  // test/fixtures/audit/nftables-external.nft, finding (a): line 70 drops DNS from the DMZ.
  await page.setInputFiles('#audit-file', join(ROOT, 'test/fixtures/audit/nftables-external.nft'));
  await page.waitForFunction(() => (document.querySelector('#audit-config') as HTMLTextAreaElement).value.includes('SEC-090'));
  await page.click('#audit-btn');
  await page.waitForSelector('#audit-diagram svg');
  const blocked = page.locator('#audit-table tr.blocked[data-requirement="2010.edge-external.access.dns-udp-53.out"]');
  assert.equal(await blocked.count(), 1);
  // Drawn: the Access Edge → internet group is red (it carries the blocked DNS flow).
  const group = page.locator('#audit-diagram g.flow.blocked[data-source="edge-edge01-access"][data-destination="any-internet"]');
  assert.equal(await group.count(), 1);
  assert.equal(await page.locator('#audit-diagram g.firewall.overpermit[data-id="fw-external"]').count(), 1);
  assert.match((await page.locator('#audit-summary').textContent())!, /not fully allowed/);
  await page.screenshot({ path: artifact('planner-audit-lync2010-single-consolidated-edge.png') });
  await done(o);
});

for (const example of EXAMPLES) {
  test(`plan HTML of ${example}: the diagram inline, printable; screenshot`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-plan-html-'));
    const out = join(dir, 'plan.html');
    const r = spawnSync(join(ROOT, 'bin/portolan'), ['plan', join('examples', example), '-o', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const page = await browser.context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`file://${out}`);
    const t = loadTopology(join(ROOT, 'examples', example));
    const graph = diagramGraph(t, compileFlows(t));
    assert.equal(await page.locator('figure.diagram svg g.flow').count(), graph.groups.length);
    assert.match((await page.locator('table.header').textContent())!, /2026-01-01/);
    const stem = example.replace('.yaml', '');
    await page.screenshot({ path: artifact(`plan-${stem}.png`) });
    await page.locator('figure.diagram').screenshot({ path: artifact(`plan-${stem}-diagram.png`) });
    await page.screenshot({ path: artifact(`plan-${stem}-full.png`), fullPage: true });
    // A4 landscape print: the PDF the browser makes has pages, the first one 842 × 595 points.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    assert.ok(box);
    assert.equal(Math.round(Number(box[1])), 842);
    assert.equal(Math.round(Number(box[2])), 595);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
