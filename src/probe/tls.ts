// TLS handshake probe. Connects to an address (never a name), sends the expected name as SNI and
// judges what comes back: protocol, cipher, certificate names, validity dates and, when a CA file
// is given, the chain. Edge services on 443/5061 live or die by their certificate, so a wrong
// name or an expired certificate is its own verdict, distinct from a failed handshake.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { connectTcp, DEFAULT_TIMEOUT_MS, type TcpProbeOptions } from './tcp.ts';
import type { Verdict } from './verdict.ts';

export interface ClientCertificate {
  certPath: string;
  keyPath: string;
}

export interface TlsProbeOptions extends TcpProbeOptions {
  /** SNI name; also the default expected name. Ignored for SNI when it is an IP address. */
  servername?: string;
  /** Names (DNS or IP) the certificate must cover; defaults to [servername] when given. */
  expectedNames?: string[];
  /** PEM file of the CA(s) the chain must lead to; without it the chain is recorded, not judged. */
  caFile?: string;
  /** Client certificate for mutual TLS (federation, edge internal 5061/5062). */
  clientCert?: ClientCertificate;
  /** Offer ALPN protocols (HTTPS uses ['http/1.1']). */
  alpn?: string[];
  /** Reference time for validity checks (tests); default now. */
  now?: Date;
}

export interface CertificateFacts {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  validFrom: string;
  validTo: string;
  serialNumber: string;
  fingerprint256: string;
}

export interface TlsFacts {
  protocol: string | null;
  cipher: string;
  alpn: string | false | null;
  authorized: boolean;
  authorizationError?: string;
  certificate?: CertificateFacts;
  connectMs: number;
  handshakeMs: number;
}

export type Handshaken = { ok: true; socket: TLSSocket; facts: TlsFacts; peer?: X509Certificate };
export type NotHandshaken = { ok: false; verdict: Verdict };

export function certificateFacts(c: X509Certificate): CertificateFacts {
  return {
    subject: c.subject.replace(/\n/g, ', '),
    issuer: c.issuer.replace(/\n/g, ', '),
    subjectAltNames: (c.subjectAltName ?? '').split(/,\s*/).filter(Boolean),
    validFrom: new Date(c.validFrom).toISOString(),
    validTo: new Date(c.validTo).toISOString(),
    serialNumber: c.serialNumber,
    fingerprint256: c.fingerprint256,
  };
}

/** TCP connect, then the TLS handshake. The caller owns the returned socket. */
export async function handshakeTls(opts: TlsProbeOptions): Promise<Handshaken | NotHandshaken> {
  const started = performance.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const elapsed = () => Math.round(performance.now() - started);
  const where = `${opts.host}:${opts.port}`;
  let ca: Buffer | undefined, cert: Buffer | undefined, key: Buffer | undefined;
  try {
    if (opts.caFile) ca = await readFile(opts.caFile);
    if (opts.clientCert) [cert, key] = await Promise.all([readFile(opts.clientCert.certPath), readFile(opts.clientCert.keyPath)]);
  } catch (e) {
    return { ok: false, verdict: { kind: 'error', pathOpen: 'unknown', ok: false, summary: `cannot read certificate files: ${(e as Error).message}`, evidence: {}, elapsedMs: 0 } };
  }
  const tcp = await connectTcp({ ...opts, timeoutMs });
  if (!tcp.ok) return tcp;
  const evidence: Record<string, unknown> = { host: opts.host, port: opts.port, servername: opts.servername, connectMs: tcp.connectMs };

  return new Promise((resolve) => {
    const socket = tlsConnect({
      socket: tcp.socket,
      // RFC 6066 forbids an IP address as SNI.
      servername: opts.servername && !isIP(opts.servername) ? opts.servername : undefined,
      rejectUnauthorized: false, // judge the certificate ourselves, after the handshake
      ca, cert, key,
      ALPNProtocols: opts.alpn,
    });
    const fail = (summary: string, extra: Record<string, unknown>) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({
        ok: false,
        // TCP was accepted: the firewall let us through; the TLS service is what failed.
        verdict: { kind: 'tls-error', pathOpen: true, ok: false, summary, evidence: { ...evidence, ...extra }, elapsedMs: elapsed() },
      });
    };
    const timer = setTimeout(() => fail(`${where}: no TLS handshake within ${timeoutMs} ms (not a TLS service?)`, { timeout: true }), Math.max(1, timeoutMs - tcp.connectMs));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(`${where}: TLS handshake failed: ${e.code ?? e.message}`, { code: e.code, message: e.message }));
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => { /* the caller's reads report errors; never crash */ });
      const peer = socket.getPeerX509Certificate();
      const authError = socket.authorizationError as unknown as Error | string | null;
      const facts: TlsFacts = {
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().name,
        alpn: socket.alpnProtocol,
        authorized: socket.authorized,
        authorizationError: authError ? String((authError as { code?: string }).code ?? authError) : undefined,
        certificate: peer ? certificateFacts(peer) : undefined,
        connectMs: tcp.connectMs,
        handshakeMs: elapsed() - tcp.connectMs,
      };
      resolve({ ok: true, socket, facts, peer });
    });
  });
}

/**
 * Judge a completed handshake's certificate: null when it is fine, else the failing verdict.
 * Order matters: an expired certificate also fails the chain check, and expiry is the clearer
 * thing to tell an operator.
 */
export function judgeCertificate(h: Handshaken, opts: TlsProbeOptions, elapsedMs: number): Verdict | null {
  const { facts, peer } = h;
  const evidence = { host: opts.host, port: opts.port, servername: opts.servername, ...facts };
  const bad = (kind: Verdict['kind'], summary: string, extra: Record<string, unknown> = {}): Verdict =>
    ({ kind, pathOpen: true, ok: false, summary, evidence: { ...evidence, ...extra }, elapsedMs });
  const where = `${opts.host}:${opts.port}`;
  if (!peer) return bad('wrong-certificate', `${where} presented no certificate`);
  const now = (opts.now ?? new Date()).getTime();
  if (now > Date.parse(peer.validTo)) return bad('expired-certificate', `${where} certificate expired ${facts.certificate!.validTo}`);
  if (now < Date.parse(peer.validFrom)) return bad('expired-certificate', `${where} certificate not valid before ${facts.certificate!.validFrom}`);
  const expected = opts.expectedNames ?? (opts.servername ? [opts.servername] : []);
  const uncovered = expected.filter((n) => (isIP(n) ? peer.checkIP(n) === undefined : peer.checkHost(n) === undefined));
  if (uncovered.length) {
    return bad('wrong-certificate', `${where} certificate does not cover ${uncovered.join(', ')} (has ${facts.certificate!.subjectAltNames.join(', ') || facts.certificate!.subject})`, { uncovered });
  }
  if (opts.caFile && !facts.authorized) {
    return bad('wrong-certificate', `${where} certificate chain not trusted by ${opts.caFile}: ${facts.authorizationError}`, { untrusted: true });
  }
  return null;
}

/** Probe a TLS service: 'answered' when the handshake completes with an acceptable certificate. */
export async function probeTls(opts: TlsProbeOptions): Promise<Verdict> {
  const started = performance.now();
  const h = await handshakeTls(opts);
  if (!h.ok) return h.verdict;
  h.socket.destroy();
  const elapsedMs = Math.round(performance.now() - started);
  const judged = judgeCertificate(h, opts, elapsedMs);
  if (judged) return judged;
  return {
    kind: 'answered', pathOpen: true, ok: true,
    summary: `${opts.host}:${opts.port} ${h.facts.protocol} ${h.facts.cipher}, certificate ${h.facts.certificate?.subject}`,
    evidence: { host: opts.host, port: opts.port, servername: opts.servername, ...h.facts },
    elapsedMs,
  };
}
