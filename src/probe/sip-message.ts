// SIP messages, by hand: a builder for the one request a probe sends (OPTIONS) and a stream parser
// for what comes back (RFC 3261 §7 and §18.3). npm SIP libraries are browser/WebSocket oriented;
// this is the small part a prober needs: status line, folded headers, compact header names,
// several Via headers (also comma-joined), and Content-Length framing over a byte stream.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

export type SipTransport = 'TLS' | 'TCP';

export interface OptionsRequest {
  /** Request-URI host: the name the service answers for (or an IP). */
  target: string;
  /** Request-URI port, when not the transport's default. */
  targetPort?: number;
  transport: SipTransport;
  /** Our address and port, for Via (the server answers via rport anyway). */
  localAddress: string;
  localPort: number;
  /** Domain of the From URI. */
  fromDomain: string;
  branch?: string;
  tag?: string;
  callId?: string;
  cseq?: number;
  userAgent?: string;
}

const token = () => randomBytes(8).toString('hex');
const hostPart = (h: string) => (isIP(h) === 6 ? `[${h}]` : h);

/** An OPTIONS request with CRLF line ends and an empty body. */
export function buildOptions(r: OptionsRequest): string {
  const uri = `sip:${hostPart(r.target)}${r.targetPort ? `:${r.targetPort}` : ''};transport=${r.transport.toLowerCase()}`;
  return [
    `OPTIONS ${uri} SIP/2.0`,
    // branch must start with the RFC 3261 magic cookie z9hG4bK
    `Via: SIP/2.0/${r.transport} ${hostPart(r.localAddress)}:${r.localPort};branch=z9hG4bK${r.branch ?? token()};rport`,
    'Max-Forwards: 70',
    `From: <sip:probe@${r.fromDomain}>;tag=${r.tag ?? token()}`,
    `To: <${uri.replace(/;transport=\w+$/, '')}>`,
    `Call-ID: ${r.callId ?? `${token()}@${r.fromDomain}`}`,
    `CSeq: ${r.cseq ?? 1} OPTIONS`,
    'Accept: application/sdp',
    `User-Agent: ${r.userAgent ?? 'Portolan probe'}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

interface Common {
  version: string;
  /** Canonical lower-case long header names → values in order (comma lists split for Via etc.). */
  headers: Map<string, string[]>;
  body: Buffer;
}
export type SipResponse = Common & { type: 'response'; status: number; reason: string };
export type SipRequest = Common & { type: 'request'; method: string; uri: string };
export type SipMessage = SipResponse | SipRequest;
/** A message without its body (Omit over each member: Omit on a union would drop the tags). */
export type SipHead = Omit<SipResponse, 'body'> | Omit<SipRequest, 'body'>;

export class SipParseError extends Error {}

// RFC 3261 §7.3.3 and the IANA registry of compact forms.
const COMPACT: Record<string, string> = {
  a: 'accept-contact', b: 'referred-by', c: 'content-type', d: 'request-disposition', e: 'content-encoding',
  f: 'from', i: 'call-id', j: 'reject-contact', k: 'supported', l: 'content-length', m: 'contact',
  n: 'identity-info', o: 'event', r: 'refer-to', s: 'subject', t: 'to', u: 'allow-events',
  v: 'via', x: 'session-expires', y: 'identity',
};
// Headers whose value is a comma-separated list that may be split into several values.
const LISTS = new Set(['via', 'contact', 'route', 'record-route', 'allow', 'supported', 'require', 'accept', 'allow-events']);

export function canonicalHeaderName(name: string): string {
  const n = name.trim().toLowerCase();
  return COMPACT[n] ?? n;
}

/** Split on commas outside quotes and angle brackets. */
function splitList(v: string): string[] {
  const out: string[] = [];
  let cur = '', quoted = false, angle = 0;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    if (quoted) {
      if (ch === '\\') { cur += ch + (v[++i] ?? ''); continue; }
      if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') angle++;
    else if (ch === '>') angle = Math.max(0, angle - 1);
    else if (ch === ',' && angle === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

/** Parse a header block (start line + headers, without the blank line). */
export function parseHead(head: string): SipHead {
  // Unfold: a line starting with space or tab continues the previous header (RFC 3261 §7.3.1).
  const lines = head.split(/\r?\n/).reduce<string[]>((acc, line) => {
    if (/^[ \t]/.test(line) && acc.length > 1) acc[acc.length - 1] += ' ' + line.trim();
    else acc.push(line);
    return acc;
  }, []);
  const start = lines.shift() ?? '';
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    const name = canonicalHeaderName(line.slice(0, colon));
    const value = line.slice(colon + 1).trim();
    const values = LISTS.has(name) ? splitList(value) : [value];
    headers.set(name, [...(headers.get(name) ?? []), ...values]);
  }
  const status = /^(SIP\/\d+\.\d+) (\d{3}) ?(.*)$/.exec(start);
  if (status) return { type: 'response', version: status[1]!, status: Number(status[2]), reason: status[3]!, headers };
  const request = /^([A-Za-z]+) (\S+) (SIP\/\d+\.\d+)$/.exec(start);
  if (request) return { type: 'request', method: request[1]!, uri: request[2]!, version: request[3]!, headers };
  throw new SipParseError(`not a SIP start line: ${JSON.stringify(start.slice(0, 80))}`);
}

/** First value of a header, by long or compact name. */
export function header(msg: Pick<SipMessage, 'headers'>, name: string): string | undefined {
  return msg.headers.get(canonicalHeaderName(name))?.[0];
}

const MAX_HEAD = 64 * 1024;

/** Incremental parser for a SIP byte stream (TCP/TLS): feed chunks, get whole messages. */
export class SipStreamParser {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer | string): SipMessage[] {
    this.buf = Buffer.concat([this.buf, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
    const out: SipMessage[] = [];
    for (;;) {
      // CRLF keep-alives between messages (RFC 5626 §3.5.1) are skipped.
      let skip = 0;
      while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
      if (skip) this.buf = this.buf.subarray(skip);
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.buf.length > MAX_HEAD) throw new SipParseError(`no end of headers within ${MAX_HEAD} bytes`);
        return out;
      }
      const head = parseHead(this.buf.subarray(0, end).toString('utf8'));
      const cl = header(head, 'content-length');
      // On a stream Content-Length is mandatory (RFC 3261 §18.3); be lenient and read it as 0.
      const length = cl === undefined ? 0 : Number(cl);
      if (!Number.isInteger(length) || length < 0) throw new SipParseError(`bad Content-Length: ${cl}`);
      if (this.buf.length < end + 4 + length) return out; // body not complete yet
      const body = Buffer.from(this.buf.subarray(end + 4, end + 4 + length));
      this.buf = this.buf.subarray(end + 4 + length);
      out.push({ ...head, body } as SipMessage);
    }
  }

  /** Bytes received but not yet part of a whole message. */
  get pending(): number {
    return this.buf.length;
  }
}
