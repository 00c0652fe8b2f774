// The planner is safe by default: loopback only, foreign Host (DNS rebinding) and Origin
// (cross-site posts) refused, bodies limited, writes only to its own file, atomically, never
// over a file changed on disk since it was loaded.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BODY_LIMIT, startPlanner, type Planner } from '../../src/serve/server.ts';
import { digest } from '../../src/serve/save.ts';
import { buildWeb, ROOT } from './browser.ts';

const REF = join(ROOT, 'examples/lync2010-single-consolidated-edge.yaml');

before(() => buildWeb());

function call(p: Planner, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: p.port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { host: `127.0.0.1:${p.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve({ status: -1, body: '' }) : reject(e)));
    if (opts.body !== undefined) req.end(opts.body); else req.end();
  });
}
const json = { 'content-type': 'application/json' };

test('serve: listens on 127.0.0.1 by default and on no other address of this machine', async () => {
  const p = await startPlanner({ port: 0 });
  try {
    const addr = p.server.address();
    assert.ok(addr && typeof addr === 'object');
    assert.equal(addr.address, '127.0.0.1');
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address);
    for (const a of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host: a, port: p.port });
        s.once('connect', () => { s.destroy(); resolve(false); });
        s.once('error', () => resolve(true));
      });
      assert.ok(refused, `${a}:${p.port} accepted a connection`);
    }
  } finally { await p.close(); }
});

test('serve: the CLI prints a loopback URL and serves the page', async () => {
  const child = spawn(join(ROOT, 'bin/portolan'), ['serve', REF, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (c) => { err += c; const m = /the planner is at (http:\/\/\S+)/.exec(err); if (m) resolve(m[1]); });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Portolan planner<\/title>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('serve: a foreign Host (DNS rebinding) is refused, for pages and the API', async () => {
  const p = await startPlanner({ port: 0 });
  try {
    assert.equal((await call(p, {})).status, 200);
    assert.equal((await call(p, { headers: { host: `localhost:${p.port}` } })).status, 200);
    for (const host of [`attacker.example:${p.port}`, 'attacker.example', `127.0.0.1:${p.port + 1}`]) {
      const r = await call(p, { path: '/api/session', headers: { host } });
      assert.equal(r.status, 421, host);
      assert.match(r.body, /not this planner's address/);
    }
  } finally { await p.close(); }
});

test('serve: a foreign Origin (a cross-site post) is refused; so is a post that is not JSON', async () => {
  const p = await startPlanner({ port: 0 });
  const body = JSON.stringify({ text: 'version: lync2013\nsipDomains: [contoso.com]\n' });
  try {
    assert.equal((await call(p, { method: 'POST', path: '/api/analyse', headers: { ...json, origin: `http://127.0.0.1:${p.port}` }, body })).status, 200);
    for (const origin of ['http://attacker.example', `https://127.0.0.1:${p.port}`, 'null']) {
      const r = await call(p, { method: 'POST', path: '/api/analyse', headers: { ...json, origin }, body });
      assert.equal(r.status, 403, origin);
    }
    assert.equal((await call(p, { method: 'POST', path: '/api/analyse', headers: { ...json, 'sec-fetch-site': 'cross-site' }, body })).status, 403);
    // An HTML form can post text/plain without a preflight: refused.
    assert.equal((await call(p, { method: 'POST', path: '/api/analyse', headers: { 'content-type': 'text/plain' }, body })).status, 415);
  } finally { await p.close(); }
});

test('serve: an oversized body is refused (declared or streamed)', async () => {
  const p = await startPlanner({ port: 0 });
  try {
    const big = JSON.stringify({ text: 'x'.repeat(BODY_LIMIT + 10) });
    const r = await call(p, { method: 'POST', path: '/api/analyse', headers: json, body: big });
    assert.ok(r.status === 413 || r.status === -1, `status ${r.status}`);
    // Chunked (no Content-Length): cut off while streaming.
    const streamed = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: p.port, method: 'POST', path: '/api/analyse', headers: { host: `127.0.0.1:${p.port}`, ...json, 'transfer-encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', () => resolve(-1));
      for (let i = 0; i < 5; i++) req.write('x'.repeat(BODY_LIMIT / 2));
      req.end();
    });
    assert.ok(streamed === 413 || streamed === -1, `status ${streamed}`);
    // Still serving after refusing.
    assert.equal((await call(p, { path: '/api/session' })).status, 200);
  } finally { await p.close(); }
});

test('serve: save writes the started file atomically and refuses one changed on disk; nothing else is written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-serve-save-'));
  const file = join(dir, 'topology.yaml');
  copyFileSync(REF, file);
  const p = await startPlanner({ port: 0, topologyFile: file });
  try {
    const session = JSON.parse((await call(p, { path: '/api/session' })).body) as { digest: string; text: string; canSave: boolean };
    assert.equal(session.canSave, true);
    assert.equal(session.digest, digest(readFileSync(REF, 'utf8')));
    const edited = session.text.replace('10.45.16.10', '10.45.16.11');
    const ok = await call(p, { method: 'POST', path: '/api/save', headers: json, body: JSON.stringify({ text: edited, digest: session.digest }) });
    assert.equal(ok.status, 200);
    assert.equal(readFileSync(file, 'utf8'), edited);
    assert.deepEqual(readdirSync(dir), ['topology.yaml'], 'no temporary file left behind');
    // Someone edits the file meanwhile: the planner's next save is refused and the file kept.
    writeFileSync(file, edited + '# changed by hand\n');
    const stale = await call(p, { method: 'POST', path: '/api/save', headers: json, body: JSON.stringify({ text: edited.replace('10.45.16.11', '10.45.16.12'), digest: JSON.parse(ok.body).digest }) });
    assert.equal(stale.status, 409);
    assert.match(JSON.parse(stale.body).reason, /changed on disk since the planner loaded it/);
    assert.equal(readFileSync(file, 'utf8'), edited + '# changed by hand\n');
  } finally { await p.close(); }
  // Started without a file: nothing to save to.
  const q = await startPlanner({ port: 0 });
  try {
    const r = await call(q, { method: 'POST', path: '/api/save', headers: json, body: JSON.stringify({ text: 'x', digest: '' }) });
    assert.equal(r.status, 409);
  } finally { await q.close(); }
});

test('serve: the API answers errors with file:line:col positions, never a stack trace', async () => {
  const p = await startPlanner({ port: 0 });
  try {
    const r = await call(p, { method: 'POST', path: '/api/analyse', headers: json, body: JSON.stringify({ text: 'version: lync2013\nsipDomains: [contoso.com]\nedgePools: [ {name: x, nodes: [] } ]\nfoo: 1\n' }) });
    const a = JSON.parse(r.body) as { ok: boolean; errors: { line: number; col: number; message: string }[] };
    assert.equal(a.ok, false);
    assert.ok(a.errors.some((e) => e.line === 4 && /unknown key 'foo'/.test(e.message)), JSON.stringify(a.errors));
    assert.equal((await call(p, { method: 'POST', path: '/api/analyse', headers: json, body: '{not json' })).status, 400);
    assert.doesNotMatch(r.body, /at .*\.ts:\d+/);
  } finally { await p.close(); }
});
