// The planner's HTTP server (node:http): the built front end, and a small JSON API over the
// same pipeline as the CLI. Loopback by default; Host/Origin checked on every request; bodies
// limited; the only file it writes is the topology it was started with, on an explicit save.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPOLOGY_SCHEMA } from '../topology/schema.ts';
import { PORTOLAN_VERSION } from '../version.ts';
import { analyse, audit, CHOICES, render } from './api.ts';
import { digest, saveTopology } from './save.ts';
import { allowedHosts, checkRequest, SECURITY_HEADERS } from './security.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8471;
/** Larger than any topology or firewall configuration a person pastes; small enough to refuse abuse. */
export const BODY_LIMIT = 2 * 1024 * 1024;

export interface ServeOptions {
  host?: string;
  port?: number;
  /** The topology file to edit; without it the planner starts from a blank template and cannot save. */
  topologyFile?: string;
  /** The built front end (web/dist); found beside package.json when not given. */
  webRoot?: string;
}

export interface Planner { url: string; host: string; port: number; server: Server; close(): Promise<void> }

const TEMPLATE = `# A new topology: see docs/topology.md. The examples/ folder has one per documented topology.
name: New deployment
version: lync2013
sipDomains: [contoso.com]
`;

/** The package root (where package.json is), whether running from src/ or a compiled copy. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function webRootDir(): string {
  return join(packageRoot(), 'web', 'dist');
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const ASSETS = ['index.html', 'app.js', 'app.css'];

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) { reject(new TooLarge()); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { reject(new TooLarge()); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

export async function startPlanner(options: ServeOptions = {}): Promise<Planner> {
  const host = options.host ?? DEFAULT_HOST;
  const webRoot = options.webRoot ?? webRootDir();
  for (const a of ASSETS) {
    if (!existsSync(join(webRoot, a))) throw new Error(`the planner's front end is not built (${join(webRoot, a)} is missing): run npm run build:web`);
  }
  const assets = new Map(ASSETS.map((a) => [a, readFileSync(join(webRoot, a), 'utf8')]));
  const file = options.topologyFile;
  // The text the planner loaded, and its digest: a save goes through only while the file still has it.
  let loaded = file ? readFileSync(file, 'utf8') : TEMPLATE;
  let base = digest(loaded);
  let hosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const refusal = checkRequest({ method: req.method ?? 'GET', headers: req.headers }, hosts);
    if (refusal) { send(res, refusal.status, refusal.reason + '\n', 'text/plain; charset=utf-8'); return; }
    const path = new URL(req.url ?? '/', 'http://planner.invalid').pathname;
    if (req.method === 'GET') {
      const name = path === '/' ? 'index.html' : path.slice(1);
      const asset = assets.get(name);
      if (asset !== undefined) { send(res, 200, asset, TYPES[name.slice(name.lastIndexOf('.'))]); return; }
      if (path === '/api/session') {
        json(res, 200, { file: file ?? null, text: loaded, digest: base, canSave: Boolean(file), version: PORTOLAN_VERSION, schema: TOPOLOGY_SCHEMA, ...CHOICES });
        return;
      }
      send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
      return;
    }
    if (req.method !== 'POST') { send(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8'); return; }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req, BODY_LIMIT));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('not an object');
      body = parsed as Record<string, unknown>;
    } catch (e) {
      if (e instanceof TooLarge) { send(res, 413, `refused: the body is larger than ${BODY_LIMIT} bytes\n`, 'text/plain; charset=utf-8'); return; }
      json(res, 400, { ok: false, errors: [{ line: 1, col: 1, message: 'the request body must be a JSON object' }] });
      return;
    }
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const name = file ?? 'topology.yaml';
    switch (path) {
      case '/api/analyse': json(res, 200, await analyse(str('text'), name)); return;
      case '/api/render': json(res, 200, render(str('text'), name, str('target'), str('firewall'), str('outside') || undefined, str('inside') || undefined)); return;
      case '/api/audit': json(res, 200, await audit(str('text'), name, str('config'), str('platform'), str('firewall'))); return;
      case '/api/save': {
        if (!file) { json(res, 409, { ok: false, reason: 'the planner was started without a topology file: nothing to save to' }); return; }
        const r = saveTopology(file, str('text'), str('digest'));
        if (r.ok) { loaded = str('text'); base = r.digest; json(res, 200, { ok: true, digest: r.digest, file }); } else json(res, r.status, { ok: false, reason: r.reason });
        return;
      }
      default: send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `internal error: ${(e as Error).message}\n`, 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${port}/`, host, port, server,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
