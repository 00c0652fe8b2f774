// SIP OPTIONS probe over TLS (443/5061), MTLS (5061/5062, with a client certificate) or TCP (5060).
// Any SIP status line proves a SIP server is reachable through the firewall; only 2xx says the
// service accepts us. The TLS certificate is judged as in the TLS probe, because a federation
// partner or a client rejects an edge with a wrong certificate just as surely as a closed port.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { connectTcp, DEFAULT_TIMEOUT_MS } from './tcp.ts';
import { handshakeTls, judgeCertificate, type TlsProbeOptions, type TlsFacts } from './tls.ts';
import { buildOptions, header, SipStreamParser, type SipResponse } from './sip-message.ts';
import type { Verdict } from './verdict.ts';

export interface SipProbeOptions extends TlsProbeOptions {
  transport: 'TLS' | 'MTLS' | 'TCP';
  /** Request-URI host; default servername, else host. */
  target?: string;
  /** From domain; default the target's domain. */
  fromDomain?: string;
}

export async function probeSip(opts: SipProbeOptions): Promise<Verdict> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = `${opts.transport} ${opts.host}:${opts.port}`;
  if (opts.transport === 'MTLS' && !opts.clientCert) {
    return { kind: 'error', pathOpen: 'unknown', ok: false, summary: `${where}: MTLS needs a client certificate`, evidence: {}, elapsedMs: 0 };
  }

  let socket: Socket | TLSSocket;
  let tls: TlsFacts | undefined;
  let certVerdict: Verdict | null = null;
  let connectMs: number;
  if (opts.transport === 'TCP') {
    const c = await connectTcp({ ...opts, timeoutMs });
    if (!c.ok) return c.verdict;
    socket = c.socket;
    connectMs = c.connectMs;
  } else {
    const h = await handshakeTls({ ...opts, timeoutMs });
    if (!h.ok) return h.verdict;
    socket = h.socket;
    tls = h.facts;
    connectMs = h.facts.connectMs;
    certVerdict = judgeCertificate(h, opts, 0);
  }

  const target = opts.target ?? opts.servername ?? opts.host;
  const request = buildOptions({
    target,
    transport: opts.transport === 'TCP' ? 'TCP' : 'TLS',
    localAddress: socket.localAddress ?? '0.0.0.0',
    localPort: socket.localPort ?? 0,
    fromDomain: opts.fromDomain ?? (target.split('.').length > 2 ? target.split('.').slice(1).join('.') : target),
  });
  const callId = /^Call-ID: (.*)$/m.exec(request)![1]!.trim();
  const evidence: Record<string, unknown> = { host: opts.host, port: opts.port, transport: opts.transport, target, connectMs, ...(tls ? { tls } : {}) };
  const sent = performance.now();

  // Wait for the final response to our Call-ID; 1xx are provisional (RFC 3261 §17.1.2).
  type Outcome = { res: SipResponse } | { failure: Omit<Verdict, 'elapsedMs' | 'evidence'>; extra?: Record<string, unknown> };
  const outcome = await new Promise<Outcome>((resolve) => {
    const parser = new SipStreamParser();
    let received = 0;
    const done = (o: Outcome) => { clearTimeout(timer); socket.removeAllListeners('data'); socket.destroy(); resolve(o); };
    const noSip = (summary: string, extra?: Record<string, unknown>) =>
      done({ failure: { kind: 'protocol-error', pathOpen: true, ok: false, summary }, extra });
    const timer = setTimeout(() => noSip(`${where}: no SIP answer within ${timeoutMs} ms`, { received }), Math.max(1, timeoutMs - elapsed()));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      try {
        for (const m of parser.push(chunk)) {
          if (m.type === 'response' && header(m, 'call-id') === callId && m.status >= 200) return done({ res: m });
        }
      } catch (e) {
        noSip(`${where}: not SIP: ${(e as Error).message}`, { firstBytes: chunk.subarray(0, 64).toString('latin1') });
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // After a TLS 1.3 handshake the server may still refuse our client certificate with an alert.
      const kind = opts.transport === 'TCP' ? 'protocol-error' : 'tls-error';
      done({ failure: { kind, pathOpen: true, ok: false, summary: `${where}: ${e.code ?? e.message} before a SIP answer` }, extra: { code: e.code, message: e.message } });
    });
    socket.on('end', () => noSip(`${where}: connection closed without a SIP answer`, { received }));
    socket.write(request);
  });

  if ('failure' in outcome) return { ...outcome.failure, evidence: { ...evidence, ...outcome.extra }, elapsedMs: elapsed() };
  const res = outcome.res;
  Object.assign(evidence, {
    status: res.status, reason: res.reason, statusLine: `${res.version} ${res.status} ${res.reason}`,
    server: header(res, 'server') ?? header(res, 'user-agent'), allow: res.headers.get('allow'),
    sipMs: Math.round(performance.now() - sent),
  });
  if (certVerdict) return { ...certVerdict, evidence: { ...certVerdict.evidence, ...evidence }, elapsedMs: elapsed() };
  if (res.status < 300) {
    return { kind: 'answered', pathOpen: true, ok: true, summary: `${where}: ${res.status} ${res.reason}`, evidence, elapsedMs: elapsed() };
  }
  return { kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: SIP answered ${res.status} ${res.reason}`, evidence, elapsedMs: elapsed() };
}
