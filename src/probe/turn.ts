// TURN Allocate probe (RFC 5766) with long-term credentials. An allocation whose relay port lands
// in the A/V range is how Portolan proves that range without scanning it; the allocation is
// released at once (Refresh with LIFETIME 0).

import type { Verdict } from './verdict.ts';
import {
  Attr, Class, Method, encode, getAttr, longTermKey, newTransactionId, parseErrorCode, parseXorAddress,
  requestedTransport, stringAttr, u32Attr, verifyIntegrity, type StunAttribute, type StunMessage, type TransportAddress,
} from './stun-message.ts';
import {
  StunChannel, channelFailureVerdict, exchangeFailureVerdict, fmt, verdict, type ChannelOptions, type StunTransport,
} from './stun.ts';

export interface TurnProbeOptions {
  host: string;
  port: number;
  transport?: StunTransport;
  timeoutMs?: number;
  username?: string;
  password?: string;
  /** Inclusive relay port range the allocation should land in, e.g. [50000, 59999]. */
  relayRange?: [number, number];
  servername?: string;
  ca?: string | Buffer;
  software?: string;
}

interface Auth {
  username: string;
  realm: string;
  nonce: string;
  key: Buffer;
}

export async function probeTurnAllocate(options: TurnProbeOptions): Promise<Verdict> {
  const started = Date.now();
  const o: ChannelOptions = { ...options, transport: options.transport ?? 'udp', timeoutMs: options.timeoutMs ?? 5000 };
  const where = `TURN ${o.transport.toUpperCase()} ${o.host}:${o.port}`;
  const left = () => Math.max(1, o.timeoutMs - (Date.now() - started));
  const ch = await StunChannel.open(o);
  if (!(ch instanceof StunChannel)) return channelFailureVerdict(ch, o, started, 'TURN server');
  const evidence: Record<string, unknown> = { transport: o.transport, steps: [] as string[] };
  const steps = evidence.steps as string[];
  const withTls = () => (o.transport === 'tls' ? { ...evidence, tls: ch.tls } : evidence);

  const send = async (method: number, attrs: StunAttribute[], auth?: Auth) => {
    const tid = newTransactionId();
    const a = auth ? [...attrs, stringAttr(Attr.USERNAME, auth.username), stringAttr(Attr.REALM, auth.realm), stringAttr(Attr.NONCE, auth.nonce)] : attrs;
    const bytes = encode({ method, cls: Class.Request, transactionId: tid, attributes: a }, { integrityKey: auth?.key, fingerprint: true });
    return ch.exchange(bytes, tid, left());
  };
  const allocAttrs: StunAttribute[] = [requestedTransport(17), ...(options.software ? [stringAttr(Attr.SOFTWARE, options.software)] : [])];

  try {
    // 1. Unauthenticated Allocate: a TURN server with long-term credentials answers 401 + REALM + NONCE.
    let r = await send(Method.Allocate, allocAttrs);
    if (!r.ok) return exchangeFailureVerdict(r, o, started, 'TURN', withTls());
    let msg = r.reply.msg;
    evidence.software = getAttr(msg, Attr.SOFTWARE)?.toString('utf8');
    steps.push(describe(msg));
    if (msg.method !== Method.Allocate) {
      return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: STUN answer for another method`, evidence: withTls() }, started);
    }

    let auth: Auth | undefined;
    if (msg.cls === Class.Error) {
      const ec = errorOf(msg);
      if (ec?.code !== 401) return errorVerdict(msg, where, withTls(), started);
      const realm = getAttr(msg, Attr.REALM)?.toString('utf8');
      const nonce = getAttr(msg, Attr.NONCE)?.toString('utf8');
      evidence.realm = realm;
      if (!options.username || options.password === undefined || !realm || !nonce) {
        // The challenge itself proves a TURN server answered through the path.
        return verdict({ kind: 'answered', pathOpen: true, ok: true, summary: `${where}: TURN answered with a 401 challenge (realm ${realm ?? '?'}); no credentials given, relay range not proven`, evidence: withTls() }, started);
      }
      auth = { username: options.username, realm, nonce, key: longTermKey(options.username, realm, options.password) };

      // 2. Authenticated Allocate; a stale nonce (438) is retried once with the new nonce.
      for (let attempt = 0; attempt < 2; attempt++) {
        r = await send(Method.Allocate, allocAttrs, auth);
        if (!r.ok) return exchangeFailureVerdict(r, o, started, 'TURN', withTls());
        msg = r.reply.msg;
        steps.push(describe(msg));
        const e2 = msg.cls === Class.Error ? errorOf(msg) : undefined;
        if (e2?.code === 438 && attempt === 0) {
          auth.nonce = getAttr(msg, Attr.NONCE)?.toString('utf8') ?? auth.nonce;
          continue;
        }
        break;
      }
      if (msg.cls === Class.Error) {
        const e3 = errorOf(msg);
        if (e3?.code === 401) {
          return verdict({ kind: 'credentials-rejected', pathOpen: true, ok: false, summary: `${where}: TURN server answered but rejected the credentials for ${options.username} (401)`, evidence: withTls() }, started);
        }
        return errorVerdict(msg, where, withTls(), started);
      }
      evidence.responseIntegrity = verifyIntegrity(r.reply.raw, auth.key);
    }
    if (msg.cls !== Class.Success) return errorVerdict(msg, where, withTls(), started);

    // 3. Success: read the relayed address and lifetime, then release the allocation.
    const relayAttr = getAttr(msg, Attr.XOR_RELAYED_ADDRESS);
    const relayed: TransportAddress | undefined = relayAttr ? parseXorAddress(relayAttr, msg.transactionId) : undefined;
    const mappedAttr = getAttr(msg, Attr.XOR_MAPPED_ADDRESS);
    evidence.relayedAddress = relayed;
    evidence.mappedAddress = mappedAttr ? parseXorAddress(mappedAttr, msg.transactionId) : undefined;
    evidence.lifetime = getAttr(msg, Attr.LIFETIME)?.readUInt32BE(0);
    evidence.released = await release(send, auth, steps);
    if (!relayed) {
      return verdict({ kind: 'protocol-error', pathOpen: true, ok: false, summary: `${where}: Allocate succeeded without XOR-RELAYED-ADDRESS`, evidence: withTls() }, started);
    }
    let inRange: boolean | undefined;
    if (options.relayRange) {
      const [lo, hi] = options.relayRange;
      inRange = relayed.port >= lo && relayed.port <= hi;
      evidence.relayRange = `${lo}-${hi}`;
      evidence.relayInRange = inRange;
    }
    const rangeText = inRange === undefined ? '' : inRange ? `, relay port in ${evidence.relayRange}` : `, relay port OUTSIDE ${evidence.relayRange}`;
    return verdict({
      kind: 'answered', pathOpen: true, ok: inRange !== false,
      summary: `${where}: allocation ${fmt(relayed)} for ${evidence.lifetime ?? '?'} s${rangeText}`,
      evidence: withTls(),
    }, started);
  } finally {
    ch.close();
  }
}

/** Refresh with LIFETIME 0 deletes the allocation (RFC 5766 §7); 438 gets one retry. */
async function release(
  send: (method: number, attrs: StunAttribute[], auth?: Auth) => ReturnType<StunChannel['exchange']>,
  auth: Auth | undefined,
  steps: string[],
): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await send(Method.Refresh, [u32Attr(Attr.LIFETIME, 0)], auth);
    if (!r.ok) return false;
    steps.push(describe(r.reply.msg));
    if (r.reply.msg.cls === Class.Success) return true;
    const ec = errorOf(r.reply.msg);
    if (ec?.code === 438 && auth && attempt === 0) {
      auth.nonce = getAttr(r.reply.msg, Attr.NONCE)?.toString('utf8') ?? auth.nonce;
      continue;
    }
    return false;
  }
  return false;
}

function errorOf(msg: StunMessage) {
  const v = getAttr(msg, Attr.ERROR_CODE);
  try {
    return v ? parseErrorCode(v) : undefined;
  } catch {
    return undefined;
  }
}

function describe(msg: StunMessage): string {
  const name = msg.method === Method.Allocate ? 'Allocate' : msg.method === Method.Refresh ? 'Refresh' : `0x${msg.method.toString(16)}`;
  if (msg.cls === Class.Success) return `${name} success`;
  const ec = errorOf(msg);
  return `${name} error ${ec?.code ?? '?'} ${ec?.reason ?? ''}`.trim();
}

function errorVerdict(msg: StunMessage, where: string, evidence: Record<string, unknown>, started: number): Verdict {
  const ec = errorOf(msg);
  return verdict({
    kind: 'protocol-error', pathOpen: true, ok: false,
    summary: `${where}: TURN answered with error ${ec?.code ?? '?'} ${ec?.reason ?? ''}`.trim(),
    evidence: { ...evidence, errorCode: ec?.code, reason: ec?.reason },
  }, started);
}
