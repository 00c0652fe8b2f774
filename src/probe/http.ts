// HTTP/HTTPS probe (reverse proxy: lyncdiscover, meet, dialin, web services; CRL distribution
// points on 80) and a CRL probe on top of it. The connection is pinned to an address, with the
// name only in Host and SNI, so we test the path the firewall rule is for, not whatever the
// system resolver returns. Redirects are reported, not followed: a redirect is an answer.
import { X509Certificate as PeculiarCert, X509Crl } from '@peculiar/x509';
import { request, type IncomingMessage } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { connectTcp, DEFAULT_TIMEOUT_MS } from './tcp.ts';
import { handshakeTls, judgeCertificate, type TlsProbeOptions, type TlsFacts } from './tls.ts';
import type { Verdict } from './verdict.ts';

export interface HttpProbeOptions extends TlsProbeOptions {
  scheme: 'http' | 'https';
  /** Host header (and SNI for https); default servername, else host. */
  hostHeader?: string;
  path?: string;
  /** Status codes that count as the service working; default any 2xx or 3xx. */
  expectedStatus?: number[];
  /** Largest body kept, in bytes (default 10 MiB). */
  maxBodyBytes?: number;
}

export interface HttpResult {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Fetched = { ok: true; res: HttpResult; evidence: Record<string, unknown>; certVerdict: Verdict | null } | { ok: false; verdict: Verdict };

/** One GET over a connection we opened ourselves; failures come back as verdicts. */
export async function fetchPinned(opts: HttpProbeOptions): Promise<Fetched> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const hostHeader = opts.hostHeader ?? opts.servername ?? opts.host;
  const path = opts.path ?? '/';
  const url = `${opts.scheme}://${hostHeader}${(opts.scheme === 'https' ? opts.port !== 443 : opts.port !== 80) ? `:${opts.port}` : ''}${path}`;

  let socket: Socket;
  let tls: TlsFacts | undefined;
  let certVerdict: Verdict | null = null;
  let connectMs: number;
  if (opts.scheme === 'https') {
    const h = await handshakeTls({ ...opts, servername: opts.servername ?? hostHeader, alpn: ['http/1.1'], timeoutMs });
    if (!h.ok) return h;
    socket = h.socket;
    tls = h.facts;
    connectMs = h.facts.connectMs;
    certVerdict = judgeCertificate(h, { ...opts, servername: opts.servername ?? hostHeader }, 0);
  } else {
    const c = await connectTcp({ ...opts, timeoutMs });
    if (!c.ok) return c;
    socket = c.socket;
    connectMs = c.connectMs;
  }
  const evidence: Record<string, unknown> = { url, address: `${opts.host}:${opts.port}`, connectMs, ...(tls ? { tls } : {}) };
  const sent = performance.now();
  const max = opts.maxBodyBytes ?? 10 * 1024 * 1024;

  return new Promise((resolve) => {
    const fail = (summary: string, extra: Record<string, unknown> = {}) => {
      clearTimeout(timer);
      req.destroy();
      socket.destroy();
      resolve({ ok: false, verdict: { kind: 'protocol-error', pathOpen: true, ok: false, summary, evidence: { ...evidence, ...extra }, elapsedMs: elapsed() } });
    };
    const req = request({
      // no agent: with createConnection the request uses our (pinned, already open) socket
      method: 'GET', path, createConnection: () => socket,
      headers: { Host: hostHeader, 'User-Agent': 'Portolan probe', Accept: '*/*', Connection: 'close' },
    });
    // Headers already in when the time is up: the server answered; judge that answer on its
    // status and headers, with the body as far as it came.
    let answered: (() => void) | undefined;
    const timer = setTimeout(() => (answered ? answered() : fail(`${url}: no HTTP answer within ${timeoutMs} ms`)), Math.max(1, timeoutMs - elapsed()));
    req.on('error', (e: NodeJS.ErrnoException) => fail(`${url}: not an HTTP answer (${e.code ?? e.message})`, { code: e.code, message: e.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const settle = (complete: boolean) => {
        clearTimeout(timer);
        socket.destroy();
        Object.assign(evidence, {
          status: res.statusCode, statusLine: `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`,
          location: res.headers.location, contentType: res.headers['content-type'], server: res.headers.server,
          bytes: size, httpMs: Math.round(performance.now() - sent), ...(complete ? {} : { bodyIncomplete: `the body was still arriving after ${timeoutMs} ms` }),
        });
        resolve({ ok: true, res: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }, evidence, certVerdict });
      };
      answered = () => settle(false);
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) return fail(`${url}: body larger than ${max} bytes`);
        chunks.push(c);
      });
      res.on('error', (e: NodeJS.ErrnoException) => fail(`${url}: body cut short (${e.code ?? e.message})`));
      res.on('end', () => settle(true));
    });
    req.end();
  });
}

export async function probeHttp(opts: HttpProbeOptions): Promise<Verdict> {
  const started = performance.now();
  const f = await fetchPinned(opts);
  const elapsedMs = Math.round(performance.now() - started);
  if (!f.ok) return f.verdict;
  if (f.certVerdict) return { ...f.certVerdict, evidence: { ...f.certVerdict.evidence, ...f.evidence }, elapsedMs };
  const { status } = f.res;
  const good = opts.expectedStatus ? opts.expectedStatus.includes(status) : status >= 200 && status < 400;
  const line = `${f.evidence.url}: ${f.evidence.statusLine}${f.res.headers.location ? ` → ${f.res.headers.location}` : ''}`;
  // Any HTTP status proves the path; the status says whether the service is right.
  return good
    ? { kind: 'answered', pathOpen: true, ok: true, summary: line, evidence: f.evidence, elapsedMs }
    : { kind: 'protocol-error', pathOpen: true, ok: false, summary: `${line} (expected ${opts.expectedStatus?.join('/') ?? '2xx/3xx'})`, evidence: f.evidence, elapsedMs };
}

export interface CrlProbeOptions extends Omit<HttpProbeOptions, 'expectedStatus'> {
  /** PEM file of the CA that signs the CRL: checks the issuer name and the signature. */
  issuerCertFile?: string;
  /** Reference time for freshness (tests); default now. */
  now?: Date;
}

/** Download a CRL (DER or PEM) and judge it: readable, from the right issuer, and not stale. */
export async function probeCrl(opts: CrlProbeOptions): Promise<Verdict> {
  const started = performance.now();
  const f = await fetchPinned({ ...opts, expectedStatus: undefined });
  const elapsed = () => Math.round(performance.now() - started);
  if (!f.ok) return f.verdict;
  const evidence = f.evidence;
  const bad = (summary: string): Verdict => ({ kind: 'protocol-error', pathOpen: true, ok: false, summary, evidence, elapsedMs: elapsed() });
  if (f.res.status !== 200) return bad(`${evidence.url}: ${evidence.statusLine}, no CRL`);

  let crl: X509Crl;
  try {
    const text = f.res.body.toString('latin1');
    crl = new X509Crl(text.includes('-----BEGIN X509 CRL-----') ? text : new Uint8Array(f.res.body));
  } catch (e) {
    return bad(`${evidence.url}: not a CRL (${(e as Error).message})`);
  }
  const now = opts.now ?? new Date();
  Object.assign(evidence, {
    crlIssuer: crl.issuer,
    thisUpdate: crl.thisUpdate.toISOString(),
    nextUpdate: crl.nextUpdate?.toISOString(),
    revoked: crl.entries.length,
  });
  if (opts.issuerCertFile) {
    const issuer = new PeculiarCert(await readFile(opts.issuerCertFile, 'utf8'));
    if (issuer.subject !== crl.issuer) return bad(`${evidence.url}: CRL issued by ${crl.issuer}, expected ${issuer.subject}`);
    if (!(await crl.verify({ publicKey: issuer.publicKey }))) return bad(`${evidence.url}: CRL signature does not verify against ${issuer.subject}`);
    evidence.signatureVerified = true;
  }
  // Clients that cannot fetch a fresh CRL fail revocation checks; a stale CRL is as bad as none.
  if (crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime()) {
    return bad(`${evidence.url}: stale CRL, nextUpdate ${crl.nextUpdate.toISOString()} has passed`);
  }
  if (crl.thisUpdate.getTime() > now.getTime()) return bad(`${evidence.url}: CRL not yet valid (thisUpdate ${crl.thisUpdate.toISOString()})`);
  return {
    kind: 'answered', pathOpen: true, ok: true,
    summary: `${evidence.url}: CRL from ${crl.issuer}, next update ${crl.nextUpdate?.toISOString() ?? 'not set'}`,
    evidence, elapsedMs: elapsed(),
  };
}
