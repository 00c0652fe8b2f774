// STUN Binding probe over UDP, TCP and TLS, and the request/response channel that the TURN probe
// reuses. Network outcomes become verdicts; nothing here throws for what the wire did.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as tcpConnect, isIPv6, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Verdict } from './verdict.ts';
import {
  Attr, Class, Method, StunStreamFramer, decode, encode, getAttr, looksLikeStun, newTransactionId,
  parseErrorCode, parseMappedAddress, parseXorAddress, stringAttr, type StunMessage, type TransportAddress,
} from './stun-message.ts';

export type StunTransport = 'udp' | 'tcp' | 'tls';

export interface ChannelOptions {
  host: string; // an IP address: resolve names before probing
  port: number;
  transport: StunTransport;
  timeoutMs: number;
  /** TLS: name sent as SNI and checked against the certificate. */
  servername?: string;
  /** TLS: PEM of the CA that should have issued the server certificate (recorded, never enforced). */
  ca?: string | Buffer;
}

/** Why a channel could not be opened, in verdict words. */
export interface ChannelFailure {
  kind: 'refused' | 'filtered' | 'unreachable' | 'tls-error' | 'error';
  detail: string;
  code?: string;
}

export interface Reply {
  raw: Buffer;
  msg: StunMessage;
}

export type ExchangeResult =
  | { ok: true; reply: Reply; rttMs: number }
  | { ok: false; kind: 'timeout' | 'refused' | 'closed' | 'not-stun' | 'error'; detail: string; bytes?: Buffer };

/**
 * One socket to one STUN server. UDP requests are retransmitted (RFC 5389 §7.2.1: RTO 500 ms,
 * doubling) until the overall timeout; stream transports send once and frame replies by length.
 */
export class StunChannel {
  private waiters = new Map<string, (r: ExchangeResult) => void>();
  private lastError: ExchangeResult | undefined;
  readonly tls: Record<string, unknown> = {};

  private constructor(
    private readonly opts: ChannelOptions,
    private readonly udp?: UdpSocket,
    private readonly stream?: Socket | TLSSocket,
  ) {}

  static async open(opts: ChannelOptions): Promise<StunChannel | ChannelFailure> {
    if (opts.transport === 'udp') return StunChannel.openUdp(opts);
    return StunChannel.openStream(opts);
  }

  private static openUdp(opts: ChannelOptions): Promise<StunChannel | ChannelFailure> {
    return new Promise((resolve) => {
      const sock = createSocket(isIPv6(opts.host) ? 'udp6' : 'udp4');
      const ch = new StunChannel(opts, sock);
      // A connected UDP socket is told about ICMP port unreachable (ECONNREFUSED); unconnected ones are not.
      sock.once('error', (e) => resolve(connectFailure(e as NodeJS.ErrnoException)));
      // A failed connect (no route) is reported to this callback, not as an 'error' event:
      // sending on the socket anyway would fail with a misleading local error.
      sock.connect(opts.port, opts.host, (e?: Error) => {
        if (e) {
          try { sock.close(); } catch { /* closed */ }
          return resolve(connectFailure(e as NodeJS.ErrnoException));
        }
        sock.removeAllListeners('error');
        sock.on('error', (e) => ch.fail(classifyError(e as NodeJS.ErrnoException)));
        sock.on('message', (m) => ch.onDatagram(m));
        resolve(ch);
      });
    });
  }

  private static openStream(opts: ChannelOptions): Promise<StunChannel | ChannelFailure> {
    return new Promise((resolve) => {
      const started = Date.now();
      const tcp = tcpConnect({ host: opts.host, port: opts.port });
      let settled = false;
      const done = (r: StunChannel | ChannelFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!(r instanceof StunChannel)) tcp.destroy();
        resolve(r);
      };
      let connected = false;
      const timer = setTimeout(() => done(connected
        ? { kind: 'tls-error', detail: `TCP open, no TLS handshake within ${opts.timeoutMs} ms` }
        : { kind: 'filtered', detail: `no TCP answer within ${opts.timeoutMs} ms` }), opts.timeoutMs);
      tcp.once('error', (e: NodeJS.ErrnoException) => done(connected ? { kind: 'tls-error', detail: e.message, code: e.code } : connectFailure(e)));
      tcp.once('connect', () => {
        connected = true;
        if (opts.transport === 'tcp') return done(StunChannel.wrapStream(opts, tcp));
        const tls = tlsConnect({
          socket: tcp,
          servername: opts.servername && !isIpLiteral(opts.servername) ? opts.servername : undefined,
          ca: opts.ca,
          rejectUnauthorized: false, // judge the certificate, do not refuse to look at it
        });
        tls.removeAllListeners('error');
        tls.once('error', (e: NodeJS.ErrnoException) => done({ kind: 'tls-error', detail: e.message, code: e.code }));
        tls.once('secureConnect', () => {
          const ch = StunChannel.wrapStream(opts, tls);
          const cert = tls.getPeerX509Certificate();
          Object.assign(ch.tls, {
            protocol: tls.getProtocol(),
            cipher: tls.getCipher()?.name,
            authorized: tls.authorized,
            authorizationError: tls.authorizationError ? String(tls.authorizationError) : undefined,
            subject: cert?.subject,
            subjectAltName: cert?.subjectAltName,
            validTo: cert?.validTo,
            nameMatches: opts.servername && cert ? Boolean(isIpLiteral(opts.servername) ? cert.checkIP(opts.servername) : cert.checkHost(opts.servername)) : undefined,
            handshakeMs: Date.now() - started,
          });
          done(ch);
        });
      });
    });
  }

  private static wrapStream(opts: ChannelOptions, s: Socket | TLSSocket): StunChannel {
    const ch = new StunChannel(opts, undefined, s);
    const framer = new StunStreamFramer();
    s.removeAllListeners('error');
    s.on('error', (e: NodeJS.ErrnoException) => ch.fail(classifyError(e)));
    s.on('close', () => ch.fail({ ok: false, kind: 'closed', detail: 'server closed the connection' }));
    s.on('data', (chunk: Buffer) => {
      try {
        for (const m of framer.push(chunk)) ch.onDatagram(m);
      } catch (e) {
        ch.fail({ ok: false, kind: 'not-stun', detail: (e as Error).message, bytes: chunk.subarray(0, 64) });
      }
    });
    return ch;
  }

  private onDatagram(raw: Buffer): void {
    if (!looksLikeStun(raw)) {
      this.fail({ ok: false, kind: 'not-stun', detail: 'reply is not STUN', bytes: raw.subarray(0, 64) });
      return;
    }
    let msg: StunMessage;
    try {
      msg = decode(raw);
    } catch (e) {
      this.fail({ ok: false, kind: 'not-stun', detail: (e as Error).message, bytes: raw.subarray(0, 64) });
      return;
    }
    const w = this.waiters.get(msg.transactionId.toString('hex'));
    if (w) w({ ok: true, reply: { raw, msg }, rttMs: 0 }); // stray or late replies are ignored
  }

  private fail(r: ExchangeResult): void {
    this.lastError = r;
    for (const w of [...this.waiters.values()]) w(r);
  }

  /** Sends a request and waits for the response with the same transaction id. */
  exchange(bytes: Buffer, transactionId: Buffer, timeoutMs = this.opts.timeoutMs): Promise<ExchangeResult> {
    if (this.lastError && this.opts.transport !== 'udp') return Promise.resolve(this.lastError);
    const key = transactionId.toString('hex');
    const started = Date.now();
    return new Promise((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      const finish = (r: ExchangeResult) => {
        timers.forEach(clearTimeout);
        this.waiters.delete(key);
        resolve(r.ok ? { ...r, rttMs: Date.now() - started } : r);
      };
      this.waiters.set(key, finish);
      timers.push(setTimeout(() => finish({ ok: false, kind: 'timeout', detail: `no STUN answer within ${timeoutMs} ms` }), timeoutMs));
      if (this.udp) {
        const send = () => this.udp!.send(bytes, (e) => { if (e) finish(classifyError(e as NodeJS.ErrnoException)); });
        send();
        for (let at = 500, rto = 500; at < timeoutMs; rto *= 2, at += rto) timers.push(setTimeout(send, at));
      } else {
        this.stream!.write(bytes);
      }
    });
  }

  close(): void {
    for (const w of [...this.waiters.values()]) w({ ok: false, kind: 'closed', detail: 'channel closed' });
    try { this.udp?.close(); } catch { /* already closed */ }
    this.stream?.destroy();
  }
}

function isIpLiteral(s: string): boolean {
  return /^[0-9.]+$/.test(s) || s.includes(':');
}

export function connectFailure(e: NodeJS.ErrnoException): ChannelFailure {
  switch (e.code) {
    case 'ECONNREFUSED': return { kind: 'refused', detail: 'connection refused (RST)', code: e.code };
    case 'ETIMEDOUT': return { kind: 'filtered', detail: e.message, code: e.code };
    case 'EHOSTUNREACH': case 'ENETUNREACH': case 'EADDRNOTAVAIL': return { kind: 'unreachable', detail: e.message, code: e.code };
    default: return { kind: 'error', detail: e.message, code: e.code };
  }
}

function classifyError(e: NodeJS.ErrnoException): ExchangeResult {
  if (e.code === 'ECONNREFUSED') return { ok: false, kind: 'refused', detail: 'ICMP port unreachable / RST' };
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return { ok: false, kind: 'closed', detail: e.message };
  return { ok: false, kind: 'error', detail: `${e.code ?? ''} ${e.message}`.trim() };
}

// --- verdict helpers shared with the TURN probe ---

export function verdict(v: Omit<Verdict, 'elapsedMs'>, started: number): Verdict {
  return { ...v, elapsedMs: Date.now() - started };
}

export function channelFailureVerdict(f: ChannelFailure, o: ChannelOptions, started: number, what: string): Verdict {
  const where = `${o.transport.toUpperCase()} ${o.host}:${o.port}`;
  const evidence = { transport: o.transport, code: f.code, detail: f.detail };
  switch (f.kind) {
    case 'refused':
      return verdict({ kind: 'refused', pathOpen: 'unknown', ok: false, summary: `${where} refused (RST): nothing listening, or a firewall reject rule`, evidence }, started);
    case 'filtered':
      return verdict({ kind: 'filtered', pathOpen: false, ok: false, summary: `${where}: no TCP answer, something dropped it`, evidence }, started);
    case 'unreachable':
      return verdict({ kind: 'unreachable', pathOpen: false, ok: false, summary: `${where} unreachable (${f.code})`, evidence }, started);
    case 'tls-error':
      return verdict({ kind: 'tls-error', pathOpen: true, ok: false, summary: `${where}: TCP open, TLS handshake failed: ${f.detail}`, evidence }, started);
    default:
      return verdict({ kind: 'error', pathOpen: 'unknown', ok: false, summary: `${where}: local error ${f.detail}`, evidence }, started);
  }
}

/** A failed exchange on an open channel, as a verdict. UDP silence proves nothing either way. */
export function exchangeFailureVerdict(r: Extract<ExchangeResult, { ok: false }>, o: ChannelOptions, started: number, what: string, extra: Record<string, unknown> = {}): Verdict {
  const where = `${o.transport.toUpperCase()} ${o.host}:${o.port}`;
  const evidence: Record<string, unknown> = { transport: o.transport, detail: r.detail, ...extra };
  if (r.bytes) evidence.firstBytes = r.bytes.toString('hex');
  if (r.kind === 'refused') {
    return verdict({ kind: 'refused', pathOpen: 'unknown', ok: false, summary: `${where}: ICMP port unreachable: nothing listening, or a firewall reject rule`, evidence }, started);
  }
  if (r.kind === 'not-stun') {
    return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: something answered, but not ${what}`, evidence }, started);
  }
  if (o.transport === 'udp' && r.kind === 'timeout') {
    return verdict({ kind: 'no-answer', pathOpen: 'unknown', ok: false, summary: `${where}: no ${what} answer (UDP silence is not proof of a block)`, evidence }, started);
  }
  if (r.kind === 'timeout' || r.kind === 'closed') {
    // The TCP (and TLS) handshake completed, so the path is open; the service did not answer.
    return verdict({ kind: 'open', pathOpen: true, ok: false, summary: `${where}: connection open but ${r.kind === 'timeout' ? 'no' : 'closed without a'} ${what} answer`, evidence }, started);
  }
  return verdict({ kind: 'error', pathOpen: 'unknown', ok: false, summary: `${where}: ${r.detail}`, evidence }, started);
}

// --- the Binding probe ---

export interface StunProbeOptions {
  host: string;
  port: number;
  transport?: StunTransport;
  timeoutMs?: number;
  servername?: string;
  ca?: string | Buffer;
  software?: string;
}

export async function probeStunBinding(options: StunProbeOptions): Promise<Verdict> {
  const started = Date.now();
  const o: ChannelOptions = { ...options, transport: options.transport ?? 'udp', timeoutMs: options.timeoutMs ?? 3000 };
  const ch = await StunChannel.open(o);
  if (!(ch instanceof StunChannel)) return channelFailureVerdict(ch, o, started, 'STUN server');
  try {
    const tid = newTransactionId();
    const attributes = options.software ? [stringAttr(Attr.SOFTWARE, options.software)] : [];
    const req = encode({ method: Method.Binding, cls: Class.Request, transactionId: tid, attributes }, { fingerprint: true });
    const remaining = Math.max(1, o.timeoutMs - (Date.now() - started));
    const r = await ch.exchange(req, tid, remaining);
    const tlsEvidence = o.transport === 'tls' ? { tls: ch.tls } : {};
    if (!r.ok) return exchangeFailureVerdict(r, o, started, 'STUN', tlsEvidence);
    const { msg } = r.reply;
    const where = `${o.transport.toUpperCase()} ${o.host}:${o.port}`;
    const software = getAttr(msg, Attr.SOFTWARE)?.toString('utf8');
    if (msg.method !== Method.Binding) {
      return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: STUN answer for another method (0x${msg.method.toString(16)})`, evidence: { transport: o.transport, rttMs: r.rttMs, ...tlsEvidence } }, started);
    }
    if (msg.cls === Class.Error) {
      const err = getAttr(msg, Attr.ERROR_CODE);
      const ec = err ? parseErrorCode(err) : undefined;
      return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: STUN Binding error ${ec?.code ?? '?'} ${ec?.reason ?? ''}`.trim(), evidence: { transport: o.transport, errorCode: ec?.code, reason: ec?.reason, software, rttMs: r.rttMs, ...tlsEvidence } }, started);
    }
    const mapped = mappedAddress(msg);
    return verdict({
      kind: 'answered', pathOpen: true, ok: true,
      summary: `${where}: STUN Binding answered${mapped ? `, mapped address ${fmt(mapped)}` : ''}`,
      evidence: { transport: o.transport, mappedAddress: mapped, software, rttMs: r.rttMs, ...tlsEvidence },
    }, started);
  } finally {
    ch.close();
  }
}

function mappedAddress(msg: StunMessage): TransportAddress | undefined {
  try {
    const x = getAttr(msg, Attr.XOR_MAPPED_ADDRESS);
    if (x) return parseXorAddress(x, msg.transactionId);
    const m = getAttr(msg, Attr.MAPPED_ADDRESS);
    if (m) return parseMappedAddress(m);
  } catch {
    /* a malformed address is reported as absent */
  }
  return undefined;
}

export function fmt(a: TransportAddress): string {
  return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}
