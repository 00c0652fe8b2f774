// The command-line contract of DESIGN.md: formats, filters, refusals, exit statuses, determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  return rows;
}

test('flows --format csv: header with the contract columns; values in the contract forms', async () => {
  const { code, out } = await run('flows', REF, '--format', 'csv');
  assert.equal(code, 0);
  const [header, ...rows] = parseCsv(out);
  for (const col of ['firewall', 'direction', 'role', 'source', 'source_port', 'destination', 'destination_port', 'transport', 'application', 'requirement']) assert.ok(header.includes(col), col);
  const at = (r: string[], c: string) => r[header.indexOf(c)];
  assert.ok(rows.length > 0);
  for (const r of rows) {
    assert.match(at(r, 'source_port'), /^(Any|\d+|\d+-\d+)$/);
    assert.match(at(r, 'destination_port'), /^(Any|\d+|\d+-\d+)$/);
    assert.match(at(r, 'transport'), /^(TCP|UDP)$/);
    assert.match(at(r, 'source'), /^(Any|[0-9a-f.:/]+( [0-9a-f.:/]+)*)$/);
  }
  assert.ok(rows.some((r) => at(r, 'source') === '192.168.10.90 192.168.10.91'));
  assert.ok(rows.some((r) => at(r, 'source_port') === '50000-59999'));
});

test('flows --format json: the same fields plus citations (article title, table, row, file) and notes', async () => {
  const { out } = await run('flows', REF, '--format', 'json', '--firewall', 'internal');
  const { flows } = JSON.parse(out);
  assert.equal(flows.length, 9);
  for (const f of flows) {
    assert.equal(f.firewall, 'internal');
    assert.ok(Array.isArray(f.citations) && f.citations.length > 0);
    for (const c of f.citations) {
      assert.ok(c.document && c.table && c.row && c.title);
      assert.match(c.file, /^002_[0-9a-f]{16}\.txt$/);
    }
    assert.ok(Array.isArray(f.notes) && f.notes.every((n: unknown) => typeof n === 'string'));
  }
});

test('flows: output is byte-identical across runs; markdown has one section per firewall', async () => {
  const a = await run('flows', REF, '--format', 'json');
  const b = await run('flows', REF, '--format', 'json');
  assert.equal(a.out, b.out);
  const md = (await run('flows', REF, '--format', 'markdown')).out;
  assert.match(md, /## Firewall: external/);
  assert.match(md, /## Firewall: internal/);
});

test('flows: an unknown firewall is a usage error with the choices', async () => {
  const r = await run('flows', REF, '--firewall', 'externel');
  assert.equal(r.code, 2);
  assert.match(r.err, /did you mean 'external'/);
});

test('catalog --format json: requirement objects, each with citations {document, table}', async () => {
  const { code, out } = await run('catalog', '--format', 'json');
  assert.equal(code, 0);
  const reqs = JSON.parse(out).requirements;
  assert.ok(reqs.length > 100);
  for (const r of reqs) {
    assert.ok(r.citations.length > 0);
    for (const c of r.citations) assert.ok(typeof c.document === 'string' && typeof c.table === 'string');
  }
});

test('catalog filters: version, role, port, firewall', async () => {
  type R = { versions: string[]; application: string; destinationPort: number | { from: number; to: number } | null };
  const requirements = async (...args: string[]) => JSON.parse((await run('catalog', '--format', 'json', ...args)).out).requirements as R[];
  const at5269 = await requirements('--port', '5269');
  // XMPP rows, and the client rows whose 1024-65535 range contains 5269.
  assert.ok(at5269.some((r) => r.application === 'XMPP'));
  const contains = (p: R['destinationPort'], n: number) => p !== null && (typeof p === 'number' ? p === n : p.from <= n && n <= p.to);
  assert.ok(at5269.every((r) => contains(r.destinationPort, 5269)));
  const v2010 = await requirements('--version', 'lync2010', '--port', '5269');
  assert.ok(v2010.length > 0 && v2010.every((r) => r.versions.includes('lync2010') && !r.application.startsWith('XMPP')));
  const av = await requirements('--role', 'av', '--firewall', 'internal');
  assert.ok(av.length > 0 && av.every((r) => (r as unknown as { role: string }).role === 'A/V'));
  assert.equal((await run('catalog', '--port', '70000')).code, 2);
});

test('catalog --discrepancies lists both readings of the public IM slip', async () => {
  const { out } = await run('catalog', '--discrepancies');
  assert.match(out, /Edge Server Access interface/);
  assert.match(out, /Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013, "Firewall Summary – Public Instant Messaging Connectivity", row 4: “A\/V\/RTP\/TCP\/50,000-59,999 \| Edge Server Access interface \| Live Messenger clients”/);
  assert.match(out, /Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses/);
  assert.match(out, /^Portolan's interpretations/m);
  assert.doesNotMatch(out, /_[0-9a-f]{16}\.txt/);
});

test('check: a clean example exits 0; a lint error exits 1 with a location and a citation', async () => {
  assert.equal((await run('check', REF)).code, 0);
  const dir = mkdtempSync(join(tmpdir(), 'portolan-check-'));
  const bad = join(dir, 'bad.yaml');
  const text = readFileSync(REF, 'utf8').replace('    nextHop: pool01\n', '').replace('version: lync2010', 'version: lync2010\nfeatures: { xmppFederation: true }').replace(/^features:\n(  .*\n)+/m, '');
  (await import('node:fs')).writeFileSync(bad, text);
  const r = await run('check', bad);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, new RegExp(`${bad.replace(/[/.]/g, '\\$&')}:\\d+:\\d+: error: .*\\[missing-next-hop; Reference Architecture 1: Port Summary for Single Consolidated Edge: `));
  assert.match(r.out, /\[feature-not-in-version; Lync Server 2013: Port summary - Scaled consolidated edge/);
});

test('render: stdout needs --firewall; -o DIR writes one file per firewall; refusals exit 2', async () => {
  const r = await run('render', REF, '--target', 'nftables');
  assert.equal(r.code, 2);
  assert.match(r.err, /firewalls: external, internal, host-edge, host-frontend, load-balancer/);
  const dir = mkdtempSync(join(tmpdir(), 'portolan-render-'));
  const w = await run('render', REF, '--target', 'iptables', '-o', dir);
  assert.equal(w.code, 0);
  assert.ok(readdirSync(dir).includes('external.rules.v4') && readdirSync(dir).includes('external.rules.v6'));
  const refuse = await run('render', REF, '--target', 'windows', '--firewall', 'external');
  assert.equal(refuse.code, 2);
  assert.match(refuse.err, /windows .*external is a perimeter firewall/);
  const unknown = await run('render', REF, '--target', 'nftable', '--firewall', 'external');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /did you mean 'nftables'/);
});

test('render: a refused firewall leaves nothing half-written', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'portolan-render-')), 'out');
  const r = await run('render', REF, '--target', 'aws', '--firewall', 'external', '-o', join(dir, 'external.tf'));
  assert.equal(r.code, 2);
  assert.match(r.err, /source port/);
  assert.equal(existsSync(dir), false);
});

test('plan: Markdown on stdout; HTML is one self-contained file with every firewall table', async () => {
  const md = await run('plan', REF);
  assert.equal(md.code, 0);
  assert.match(md.out, /^# Firewall change request/);
  assert.match(md.out, /## Addresses on the external side \(4\)/);
  // 002's example addresses are private: the plan says so rather than calling them public.
  assert.match(md.out, /\| 10\.45\.16\.10 \| edge01 Access Edge \(external\) \| no: a private address \(RFC 1918\)/);
  assert.match(md.out, /4 of 4 are private addresses/);
  assert.doesNotMatch(md.out, /public addresses:\*\*/i);
  const dir = mkdtempSync(join(tmpdir(), 'portolan-plan-'));
  const file = join(dir, 'change.html');
  assert.equal((await run('plan', 'examples/lync2013-scaled-edge-hlb.yaml', '-o', file)).code, 0);
  const html = readFileSync(file, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /@media print/);
  assert.doesNotMatch(html, /<script|<link|src=|url\(/i);
  for (const fw of ['external', 'internal', 'host-edge']) assert.match(html, new RegExp(`Firewall: ${fw} \\(`));
  assert.match(html, /Addresses on the external side \(9\)/);
  assert.match(html, /<figure class="diagram">\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(html, /@page\{size:A4 landscape/);
});
