// MS-TURN Allocate probe: the check that fits a real Lync / Skype for Business A/V Edge, which may
// ignore a plain RFC 5389 Binding. An unauthenticated Allocate is answered with an Allocate Error
// (normally 401 with REALM and NONCE): any MS-TURN answer proves the path to the A/V Edge service.
// UDP 3478 directly; TCP 443 after the pseudo-TLS hello, with §2.1.4 framing.

import { createSocket } from 'node:dgram';
import { connect as tcpConnect, isIPv6 } from 'node:net';
import type { Verdict } from './verdict.ts';
import {
  MsAttr, MsTurnFramer, MsType, allocateRequest, decodeMsTurn, frameTcp, getMsAttr, newMsTransactionId,
  parseMsErrorCode, parseMsMappedAddress, parseMsXorMappedAddress, pseudoTlsClientHello, readPseudoTlsServerHello,
  type MsTurnMessage,
} from './msturn-message.ts';
import { MAGIC_COOKIE } from './stun-message.ts';
import { channelFailureVerdict, connectFailure, verdict } from './stun.ts';

export interface MsTurnProbeOptions {
  host: string;
  port: number;
  transport?: 'udp' | 'tcp';
  timeoutMs?: number;
  /** MS-VERSION value to announce (§2.2.2.17); default 1. */
  msVersion?: number;
  /** TCP: send the pseudo-TLS hello first (§2.1.1); default true. */
  pseudoTls?: boolean;
}

type Outcome =
  | { kind: 'reply'; bytes: Buffer; serverHello?: unknown }
  | { kind: 'silence'; stage: string; serverHello?: unknown }
  | { kind: 'refused' }
  | { kind: 'connect-failed'; error: NodeJS.ErrnoException | 'timeout' }
  | { kind: 'garbage'; stage: string; detail: string; bytes: Buffer }
  | { kind: 'closed'; stage: string }
  | { kind: 'error'; detail: string };

export async function probeMsTurnAllocate(options: MsTurnProbeOptions): Promise<Verdict> {
  const started = Date.now();
  const transport = options.transport ?? 'udp';
  const timeoutMs = options.timeoutMs ?? 3000;
  const tid = newMsTransactionId();
  const request = allocateRequest(tid, options.msVersion ?? 1);
  const where = `MS-TURN ${transport.toUpperCase()} ${options.host}:${options.port}`;
  const outcome = transport === 'udp'
    ? await overUdp(options.host, options.port, request, tid, timeoutMs)
    : await overTcp(options.host, options.port, request, timeoutMs, options.pseudoTls ?? true);
  const evidence: Record<string, unknown> = { transport, msVersion: options.msVersion ?? 1, pseudoTls: transport === 'tcp' ? (options.pseudoTls ?? true) : undefined };
  if ('serverHello' in outcome && outcome.serverHello) evidence.pseudoTlsServerHello = outcome.serverHello;

  switch (outcome.kind) {
    case 'connect-failed':
      if (outcome.error === 'timeout') return channelFailureVerdict({ kind: 'filtered', detail: `no TCP answer within ${timeoutMs} ms` }, { host: options.host, port: options.port, transport: 'tcp', timeoutMs }, started, 'MS-TURN server');
      return channelFailureVerdict(connectFailure(outcome.error), { host: options.host, port: options.port, transport, timeoutMs }, started, 'MS-TURN server');
    case 'refused':
      return verdict({ kind: 'refused', pathOpen: 'unknown', ok: false, summary: `${where}: ICMP port unreachable: nothing listening, or a firewall reject rule`, evidence }, started);
    case 'silence':
      if (transport === 'udp') {
        return verdict({ kind: 'no-answer', pathOpen: 'unknown', ok: false, summary: `${where}: no MS-TURN answer (UDP silence is not proof of a block)`, evidence }, started);
      }
      return verdict({ kind: 'open', pathOpen: true, ok: false, summary: `${where}: TCP open, no answer ${outcome.stage}`, evidence: { ...evidence, stage: outcome.stage } }, started);
    case 'closed':
      return verdict({ kind: 'open', pathOpen: true, ok: false, summary: `${where}: TCP open, server closed the connection ${outcome.stage}`, evidence: { ...evidence, stage: outcome.stage } }, started);
    case 'garbage':
      return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: something answered ${outcome.stage}, but not MS-TURN: ${outcome.detail}`, evidence: { ...evidence, firstBytes: outcome.bytes.subarray(0, 64).toString('hex') } }, started);
    case 'error':
      return verdict({ kind: 'error', pathOpen: 'unknown', ok: false, summary: `${where}: ${outcome.detail}`, evidence }, started);
    case 'reply':
      return judgeReply(outcome.bytes, tid, where, evidence, started);
  }
}

function judgeReply(bytes: Buffer, tid: Buffer, where: string, evidence: Record<string, unknown>, started: number): Verdict {
  let msg: MsTurnMessage;
  try {
    msg = decodeMsTurn(bytes);
  } catch (e) {
    // An RFC 5389 server answering in its own dialect still proves the path, but it is not an A/V Edge.
    const rfc5389 = bytes.length >= 20 && bytes.readUInt32BE(4) === MAGIC_COOKIE;
    return verdict({
      kind: 'protocol-error', pathOpen: true, ok: false,
      summary: `${where}: ${rfc5389 ? 'an RFC 5389 STUN/TURN server answered, not MS-TURN' : `answer is not MS-TURN (${(e as Error).message})`}`,
      evidence: { ...evidence, firstBytes: bytes.subarray(0, 64).toString('hex') },
    }, started);
  }
  evidence.messageType = `0x${msg.type.toString(16).padStart(4, '0')}`;
  evidence.transactionIdMatches = msg.transactionId.equals(tid);
  const realm = getMsAttr(msg, MsAttr.Realm)?.toString('utf8');
  const nonce = getMsAttr(msg, MsAttr.Nonce);
  const version = getMsAttr(msg, MsAttr.MsVersion);
  if (realm !== undefined) evidence.realm = realm;
  if (nonce) evidence.nonceLength = nonce.length;
  if (version && version.length === 4) evidence.serverMsVersion = version.readUInt32BE(0);
  if (msg.type === MsType.AllocateError) {
    const ec = getMsAttr(msg, MsAttr.ErrorCode);
    const err = ec ? safe(() => parseMsErrorCode(ec)) : undefined;
    evidence.errorCode = err?.code;
    evidence.reason = err?.reason;
    return verdict({
      kind: 'answered', pathOpen: true, ok: true,
      summary: `${where}: MS-TURN Allocate Error ${err?.code ?? '?'} ${err?.reason ?? ''}${realm ? ` (realm ${realm})` : ''}: the A/V Edge TURN service answered`.replace(/\s+/g, ' '),
      evidence,
    }, started);
  }
  if (msg.type === MsType.AllocateResponse) {
    const x = getMsAttr(msg, MsAttr.XorMappedAddress);
    const m = getMsAttr(msg, MsAttr.MappedAddress);
    evidence.xorMappedAddress = x ? safe(() => parseMsXorMappedAddress(x, msg.transactionId)) : undefined;
    evidence.mappedAddress = m ? safe(() => parseMsMappedAddress(m)) : undefined;
    return verdict({ kind: 'answered', pathOpen: true, ok: true, summary: `${where}: MS-TURN Allocate response without credentials`, evidence }, started);
  }
  return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: MS-TURN answer of unexpected type ${evidence.messageType}`, evidence }, started);
}

function safe<T>(f: () => T): T | undefined {
  try { return f(); } catch { return undefined; }
}

function matches(bytes: Buffer, tid: Buffer): boolean {
  return bytes.length >= 20 && bytes.subarray(4, 20).equals(tid);
}

/** UDP: send, retransmit at 500 ms doubling, take the first datagram carrying our transaction id. */
function overUdp(host: string, port: number, request: Buffer, tid: Buffer, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const sock = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    const timers: NodeJS.Timeout[] = [];
    let other: Buffer | undefined;
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      timers.forEach(clearTimeout);
      try { sock.close(); } catch { /* closed */ }
      resolve(o);
    };
    sock.on('error', (e: NodeJS.ErrnoException) => finish(e.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'error', detail: e.message }));
    sock.on('message', (m) => {
      if (matches(m, tid)) finish({ kind: 'reply', bytes: m });
      else other ??= m; // an RFC 5389 server echoes only 12 bytes of our id; keep it as evidence
    });
    sock.connect(port, host, (e?: Error) => {
      // No route: the connect fails here (sending anyway would be a misleading local error).
      if (e) return finish({ kind: 'connect-failed', error: e as NodeJS.ErrnoException });
      const send = () => sock.send(request, (e) => { if (e) finish({ kind: 'error', detail: e.message }); });
      send();
      for (let at = 500, rto = 500; at < timeoutMs; rto *= 2, at += rto) timers.push(setTimeout(send, at));
      timers.push(setTimeout(() => finish(other ? { kind: 'reply', bytes: other } : { kind: 'silence', stage: 'to the Allocate' }), timeoutMs));
    });
  });
}

/** TCP: pseudo-TLS hello exchange, then the Allocate in a control frame, reply read from frames. */
function overTcp(host: string, port: number, request: Buffer, timeoutMs: number, pseudoTls: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host, port });
    let connected = false;
    let stage = pseudoTls ? 'to the pseudo-TLS ClientHello' : 'to the Allocate';
    let pending = Buffer.alloc(0);
    let serverHello: unknown;
    const framer = new MsTurnFramer();
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(serverHello ? ({ ...o, serverHello } as Outcome) : o);
    };
    const timer = setTimeout(() => finish(connected ? { kind: 'silence', stage } : { kind: 'connect-failed', error: 'timeout' }), timeoutMs);
    const sendAllocate = () => {
      stage = 'to the Allocate';
      sock.write(frameTcp(request));
    };
    sock.on('error', (e: NodeJS.ErrnoException) => finish(connected ? { kind: 'closed', stage } : { kind: 'connect-failed', error: e }));
    sock.on('close', () => finish({ kind: 'closed', stage }));
    sock.on('connect', () => {
      connected = true;
      if (pseudoTls) sock.write(pseudoTlsClientHello());
      else sendAllocate();
    });
    sock.on('data', (chunk: Buffer) => {
      let data = chunk;
      if (stage === 'to the pseudo-TLS ClientHello') {
        pending = Buffer.concat([pending, chunk]);
        const r = readPseudoTlsServerHello(pending);
        if (!r) return;
        if ('error' in r) return finish({ kind: 'garbage', stage, detail: r.error, bytes: pending });
        serverHello = r.hello;
        data = pending.subarray(r.used);
        sendAllocate();
        if (data.length === 0) return;
      }
      try {
        for (const f of framer.push(data)) {
          // One request is in flight on this connection: the first control frame is its answer.
          if (f.type === 0x02) return finish({ kind: 'reply', bytes: f.payload });
        }
      } catch (e) {
        finish({ kind: 'garbage', stage, detail: (e as Error).message, bytes: data });
      }
    });
  });
}
