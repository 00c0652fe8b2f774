// XMPP probes: server-to-server stream open with STARTTLS (5269, the XMPP proxy on the Edge) and
// the XEP-0114 component handshake (23456, the internal XMPP gateway). A small incremental XML
// stream tokenizer lives here because only stream-level XML is needed and chunks split anywhere.

import { createHash } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { escapeXml } from '../xml/escape.ts';
import { XmlTokenizer } from '../xml/tokenizer.ts';
import type { Verdict } from './verdict.ts';
import { connectFailure, channelFailureVerdict, verdict } from './stun.ts';

// ---------------- stream-level parser: stream open, depth-1 elements, stream close ----------------

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export type StreamEvent =
  | { kind: 'open'; attrs: Record<string, string> }
  | { kind: 'element'; el: XmlElement }
  | { kind: 'close' };

export class XmppStreamParser {
  private tok = new XmlTokenizer();
  private stack: XmlElement[] = [];
  private opened = false;

  push(chunk: Buffer | string): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const t of this.tok.push(chunk)) {
      if (!this.opened) {
        if (t.kind === 'start' && localName(t.name) === 'stream') {
          this.opened = true;
          out.push({ kind: 'open', attrs: t.attrs });
        }
        continue; // whitespace before the stream header
      }
      if (t.kind === 'start') {
        const el: XmlElement = { name: t.name, attrs: t.attrs, children: [], text: '' };
        this.stack.at(-1)?.children.push(el);
        if (t.selfClosing) {
          if (this.stack.length === 0) out.push({ kind: 'element', el });
        } else {
          this.stack.push(el);
        }
      } else if (t.kind === 'end') {
        if (this.stack.length === 0) {
          if (localName(t.name) === 'stream') out.push({ kind: 'close' });
          continue;
        }
        const el = this.stack.pop()!;
        if (this.stack.length === 0) out.push({ kind: 'element', el });
      } else if (this.stack.length > 0) {
        this.stack.at(-1)!.text += t.text;
      }
    }
    return out;
  }
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Namespace of a child: its own xmlns, else inherited is not tracked — stream features carry their own. */
function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => localName(c.name) === local);
}

/** The defined condition of a <stream:error/> (RFC 6120 §4.9.3): the first child that is not <text/>. */
export function streamErrorCondition(el: XmlElement): { condition: string; text?: string } {
  const cond = el.children.find((c) => localName(c.name) !== 'text');
  const text = child(el, 'text')?.text;
  return { condition: cond ? localName(cond.name) : 'undefined-condition', text: text || undefined };
}

// ---------------- connection with an event queue ----------------

class XmppConn {
  private queue: (StreamEvent | { kind: 'eof'; detail: string })[] = [];
  private waiter: (() => void) | undefined;
  private parser = new XmppStreamParser();
  private onData = (d: Buffer) => { this.deliver(this.parser.push(d)); };
  readonly sent: string[] = [];

  constructor(public sock: Socket | TLSSocket) {
    this.attach(sock);
  }

  private attach(s: Socket | TLSSocket): void {
    s.on('data', this.onData);
    s.on('error', (e) => this.deliver([{ kind: 'eof', detail: e.message }]));
    s.on('close', () => this.deliver([{ kind: 'eof', detail: 'connection closed' }]));
  }

  private deliver(evs: (StreamEvent | { kind: 'eof'; detail: string })[]): void {
    if (evs.length === 0) return;
    this.queue.push(...evs);
    this.waiter?.();
  }

  send(s: string): void {
    this.sent.push(s);
    this.sock.write(s);
  }

  /** Next stream event, or 'timeout'. */
  async next(deadline: number): Promise<StreamEvent | { kind: 'eof'; detail: string } | { kind: 'timeout' }> {
    for (;;) {
      const e = this.queue.shift();
      if (e) return e;
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'timeout' };
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiter = () => { clearTimeout(t); this.waiter = undefined; r(); };
      });
    }
  }

  /** Stops reading the plain socket so the TLS layer gets every byte after <proceed/>. */
  detach(): Socket {
    this.sock.removeAllListeners('data');
    this.sock.removeAllListeners('close');
    this.sock.removeAllListeners('error');
    this.sock.on('error', () => { /* reported by the TLS socket */ });
    return this.sock as Socket;
  }

  /** Continues on TLS; the stream restarts from scratch (RFC 6120 §5.4.3.3). */
  upgrade(tls: TLSSocket): void {
    this.parser = new XmppStreamParser();
    this.queue = [];
    this.sock = tls;
    this.attach(tls);
  }

  close(): void {
    this.sock.destroy();
  }
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket | NodeJS.ErrnoException | 'timeout'> {
  return new Promise((resolve) => {
    const s = tcpConnect({ host, port });
    const t = setTimeout(() => { s.destroy(); resolve('timeout'); }, timeoutMs);
    s.once('connect', () => { clearTimeout(t); resolve(s); });
    s.once('error', (e: NodeJS.ErrnoException) => { clearTimeout(t); resolve(e); });
  });
}

const STREAM_NS = 'http://etherx.jabber.org/streams';
const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';

// ---------------- server-to-server ----------------

export interface XmppS2sProbeOptions {
  host: string;
  port: number;
  /** The XMPP domain served there (stream `to`, TLS SNI and certificate name). */
  domain: string;
  /** Our stream `from`. */
  from?: string;
  timeoutMs?: number;
  /** Negotiate STARTTLS when offered (default true). */
  starttls?: boolean;
  ca?: string | Buffer;
}

function s2sHeader(o: XmppS2sProbeOptions): string {
  return `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='${STREAM_NS}' xmlns:db='jabber:server:dialback' version='1.0' to='${escapeXml(o.domain)}' from='${escapeXml(o.from ?? 'portolan.probe.invalid')}'>`;
}

function describeFeatures(el: XmlElement): string[] {
  return el.children.map((c) => localName(c.name) + (child(c, 'required') ? '(required)' : ''));
}

export async function probeXmppS2s(o: XmppS2sProbeOptions): Promise<Verdict> {
  const started = Date.now();
  const timeoutMs = o.timeoutMs ?? 5000;
  const deadline = started + timeoutMs;
  const where = `XMPP s2s ${o.host}:${o.port} (${o.domain})`;
  const co = { host: o.host, port: o.port, transport: 'tcp' as const, timeoutMs };
  const s = await openTcp(o.host, o.port, timeoutMs);
  if (s === 'timeout') return channelFailureVerdict({ kind: 'filtered', detail: `no TCP answer within ${timeoutMs} ms` }, co, started, 'XMPP server');
  if (!('write' in s)) return channelFailureVerdict(connectFailure(s), co, started, 'XMPP server');
  const conn = new XmppConn(s);
  const evidence: Record<string, unknown> = { domain: o.domain };
  try {
    // Stream open → stream:features (or an error) — once in clear, again after STARTTLS.
    const readStream = async (phase: string): Promise<XmlElement | Verdict> => {
      let opened = false;
      for (;;) {
        const ev = await conn.next(deadline);
        if (ev.kind === 'open') {
          opened = true;
          evidence[`${phase}StreamId`] = ev.attrs.id;
          evidence[`${phase}StreamVersion`] = ev.attrs.version;
          evidence.from = ev.attrs.from;
          if (ev.attrs.xmlns !== 'jabber:server') evidence[`${phase}Namespace`] = ev.attrs.xmlns;
          continue;
        }
        if (ev.kind === 'element') {
          const ln = localName(ev.el.name);
          if (ln === 'error') return streamErrorVerdict(ev.el, where, evidence, started);
          if (ln === 'features') return ev.el;
          continue;
        }
        if (ev.kind === 'timeout') {
          return verdict({ kind: 'open', pathOpen: true, ok: false, summary: `${where}: TCP open, ${opened ? 'stream opened but no features' : 'no XMPP stream'} before the timeout (${phase})`, evidence }, started);
        }
        return verdict({ kind: opened ? 'protocol-error' : 'open', pathOpen: true, ok: false, summary: `${where}: ${opened ? 'stream ended early' : 'connection closed without an XMPP stream'} (${phase})`, evidence: { ...evidence, detail: ev.kind === 'eof' ? ev.detail : undefined } }, started);
      }
    };

    conn.send(s2sHeader(o));
    const f1 = await readStream('plain');
    if (!('children' in f1)) return f1;
    evidence.features = describeFeatures(f1);
    const starttls = child(f1, 'starttls');
    evidence.dialback = Boolean(child(f1, 'dialback'));
    evidence.starttlsOffered = Boolean(starttls);
    if (!starttls || o.starttls === false) {
      return verdict({ kind: 'answered', pathOpen: true, ok: true, summary: `${where}: XMPP server-to-server stream opened; features ${(evidence.features as string[]).join(', ') || 'none'}`, evidence }, started);
    }

    conn.send(`<starttls xmlns='${TLS_NS}'/>`);
    let answer: Awaited<ReturnType<XmppConn['next']>>;
    do answer = await conn.next(deadline); while (answer.kind === 'open');
    if (answer.kind !== 'element' || localName(answer.el.name) !== 'proceed') {
      const what = answer.kind === 'element' ? `<${answer.el.name}/>` : answer.kind;
      if (answer.kind === 'element' && localName(answer.el.name) === 'error') return streamErrorVerdict(answer.el, where, evidence, started);
      return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: STARTTLS answered with ${what}, not <proceed/>`, evidence }, started);
    }

    const plain = conn.detach();
    const tls = await new Promise<TLSSocket | Error>((resolve) => {
      const t = tlsConnect({ socket: plain, servername: o.domain, ca: o.ca, rejectUnauthorized: false });
      const timer = setTimeout(() => { t.destroy(); resolve(new Error('TLS handshake timed out')); }, Math.max(1, deadline - Date.now()));
      t.once('secureConnect', () => { clearTimeout(timer); resolve(t); });
      t.once('error', (e) => { clearTimeout(timer); resolve(e); });
    });
    if (tls instanceof Error) {
      return verdict({ kind: 'tls-error', pathOpen: true, ok: false, summary: `${where}: <proceed/> then TLS failed: ${tls.message}`, evidence }, started);
    }
    const cert = tls.getPeerX509Certificate();
    const nameMatches = cert ? cert.checkHost(o.domain) !== undefined : false;
    evidence.tls = {
      protocol: tls.getProtocol(), authorized: tls.authorized,
      authorizationError: tls.authorizationError ? String(tls.authorizationError) : undefined,
      subject: cert?.subject, subjectAltName: cert?.subjectAltName, validTo: cert?.validTo, nameMatches,
    };
    conn.upgrade(tls);
    conn.send(s2sHeader(o));
    const f2 = await readStream('tls');
    if (!('children' in f2)) return f2;
    evidence.tlsFeatures = describeFeatures(f2);
    if (!nameMatches) {
      return verdict({ kind: 'wrong-certificate', pathOpen: true, ok: false, summary: `${where}: STARTTLS worked but the certificate does not name ${o.domain}`, evidence }, started);
    }
    return verdict({ kind: 'answered', pathOpen: true, ok: true, summary: `${where}: stream, STARTTLS and TLS stream restart worked; certificate names ${o.domain}`, evidence }, started);
  } finally {
    conn.close();
  }
}

function streamErrorVerdict(el: XmlElement, where: string, evidence: Record<string, unknown>, started: number): Verdict {
  const { condition, text } = streamErrorCondition(el);
  return verdict({
    kind: 'protocol-error', pathOpen: true, ok: false,
    summary: `${where}: stream error <${condition}/>${text ? `: ${text}` : ''}`,
    evidence: { ...evidence, streamError: condition, streamErrorText: text },
  }, started);
}

// ---------------- XEP-0114 component ----------------

export interface XmppComponentProbeOptions {
  host: string;
  port: number;
  /** The component's domain (stream `to`). */
  domain: string;
  /** Shared secret; without it only the stream open is checked. */
  secret?: string;
  timeoutMs?: number;
}

/** XEP-0114 §3: handshake = lower-case hex SHA-1 of the stream id followed by the secret. */
export function componentHandshake(streamId: string, secret: string): string {
  return createHash('sha1').update(streamId + secret, 'utf8').digest('hex');
}

export async function probeXmppComponent(o: XmppComponentProbeOptions): Promise<Verdict> {
  const started = Date.now();
  const timeoutMs = o.timeoutMs ?? 5000;
  const deadline = started + timeoutMs;
  const where = `XMPP component ${o.host}:${o.port} (${o.domain})`;
  const co = { host: o.host, port: o.port, transport: 'tcp' as const, timeoutMs };
  const s = await openTcp(o.host, o.port, timeoutMs);
  if (s === 'timeout') return channelFailureVerdict({ kind: 'filtered', detail: `no TCP answer within ${timeoutMs} ms` }, co, started, 'XMPP component listener');
  if (!('write' in s)) return channelFailureVerdict(connectFailure(s), co, started, 'XMPP component listener');
  const conn = new XmppConn(s);
  const evidence: Record<string, unknown> = { domain: o.domain };
  try {
    conn.send(`<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' xmlns:stream='${STREAM_NS}' to='${escapeXml(o.domain)}'>`);
    let streamId: string | undefined;
    for (;;) {
      const ev = await conn.next(deadline);
      if (ev.kind === 'open') {
        streamId = ev.attrs.id;
        evidence.streamId = streamId;
        evidence.from = ev.attrs.from;
        if (!o.secret) {
          return verdict({ kind: 'answered', pathOpen: true, ok: true, summary: `${where}: component stream opened (id ${streamId ?? '?'}); no secret, handshake not tried`, evidence }, started);
        }
        if (!streamId) return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: stream header without an id`, evidence }, started);
        conn.send(`<handshake>${componentHandshake(streamId, o.secret)}</handshake>`);
        continue;
      }
      if (ev.kind === 'element') {
        const ln = localName(ev.el.name);
        if (ln === 'handshake') return verdict({ kind: 'answered', pathOpen: true, ok: true, summary: `${where}: component handshake accepted`, evidence }, started);
        if (ln === 'error') return streamErrorVerdict(ev.el, where, evidence, started);
        continue;
      }
      if (ev.kind === 'timeout') {
        return verdict({ kind: 'open', pathOpen: true, ok: false, summary: `${where}: TCP open, ${streamId ? 'no handshake answer' : 'no XMPP stream'} before the timeout`, evidence }, started);
      }
      return verdict({ kind: streamId ? 'protocol-error' : 'open', pathOpen: true, ok: false, summary: `${where}: ${streamId ? 'stream ended without a handshake answer' : 'connection closed without an XMPP stream'}`, evidence }, started);
    }
  } finally {
    conn.close();
  }
}
