// [MS-TURN] message codec: Microsoft's TURN extensions as spoken by Lync / Skype for Business A/V
// Edges. Built from the specification's section text; section numbers refer to [MS-TURN].
// It differs from RFC 5389: a 128-bit transaction id and no cookie in the header (§2.2.1), a
// MAGIC-COOKIE attribute that must come first (§2.2.2), its own attribute numbering, no padding,
// TCP framing with a 4-byte header (§2.1.4) after a pseudo-TLS hello exchange (§2.1.1).

import { randomBytes } from 'node:crypto';
import { bytesToIp } from './stun-message.ts';

export const MSTURN_MAGIC_COOKIE = 0x72c64bc6;

/** §2.2.1 message types supported by the extension. */
export const MsType = {
  AllocateRequest: 0x0003,
  AllocateResponse: 0x0103,
  AllocateError: 0x0113,
  SendRequest: 0x0004,
  DataIndication: 0x0115,
  SetActiveDestinationRequest: 0x0006,
  SetActiveDestinationResponse: 0x0106,
  SetActiveDestinationError: 0x0116,
} as const;

/** §2.2.2 attribute numbering (note NONCE/REALM differ from RFC 5389). */
export const MsAttr = {
  MappedAddress: 0x0001,
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  UnknownAttributes: 0x000a,
  Lifetime: 0x000d,
  AlternateServer: 0x000e,
  MagicCookie: 0x000f,
  Bandwidth: 0x0010,
  DestinationAddress: 0x0011,
  RemoteAddress: 0x0012,
  Data: 0x0013,
  Nonce: 0x0014,
  Realm: 0x0015,
  RequestedAddressFamily: 0x0017,
  MsVersion: 0x8008,
  XorMappedAddress: 0x8020,
  MsAlternateHostName: 0x8032,
  MsSequenceNumber: 0x8050,
  MsAlternateMappedAddress: 0x8090,
} as const;

export interface MsAttribute {
  type: number;
  value: Buffer;
}

export interface MsTurnMessage {
  type: number;
  transactionId: Buffer; // 16 bytes
  attributes: MsAttribute[];
}

export class MsTurnDecodeError extends Error {}

export function newMsTransactionId(): Buffer {
  return randomBytes(16);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

/** §2.2.2.8: type 0x000F, length 4, value 0x72C64BC6. */
export function magicCookieAttr(): MsAttribute {
  return { type: MsAttr.MagicCookie, value: u32(MSTURN_MAGIC_COOKIE) };
}

/** §2.2.2.17: type 0x8008, length 4, the protocol version (1 = MS-ICE … 6). */
export function msVersionAttr(version: number): MsAttribute {
  return { type: MsAttr.MsVersion, value: u32(version) };
}

/** §2.2.1 header then §2.2.2 TLVs back to back: the length counts the bytes after the 20-byte header. */
export function encodeMsTurn(msg: MsTurnMessage): Buffer {
  if (msg.transactionId.length !== 16) throw new Error('MS-TURN transaction id must be 16 bytes');
  const body = Buffer.concat(msg.attributes.map((a) => {
    const h = Buffer.alloc(4);
    h.writeUInt16BE(a.type, 0);
    h.writeUInt16BE(a.value.length, 2);
    return Buffer.concat([h, a.value]);
  }));
  const h = Buffer.alloc(4);
  h.writeUInt16BE(msg.type, 0);
  h.writeUInt16BE(body.length, 2);
  return Buffer.concat([h, msg.transactionId, body]);
}

/** The Allocate request a probe sends: MAGIC-COOKIE first, MS-VERSION, nothing that needs credentials. */
export function allocateRequest(transactionId = newMsTransactionId(), msVersion = 1): Buffer {
  return encodeMsTurn({ type: MsType.AllocateRequest, transactionId, attributes: [magicCookieAttr(), msVersionAttr(msVersion)] });
}

function walk(body: Buffer, padded: boolean): MsAttribute[] | undefined {
  const out: MsAttribute[] = [];
  let off = 0;
  while (off < body.length) {
    if (off + 4 > body.length) return undefined;
    const type = body.readUInt16BE(off);
    const len = body.readUInt16BE(off + 2);
    if (off + 4 + len > body.length) return undefined;
    out.push({ type, value: Buffer.from(body.subarray(off + 4, off + 4 + len)) });
    off += 4 + (padded ? (len + 3) & ~3 : len);
  }
  return off === body.length ? out : undefined;
}

/**
 * Decodes one message. Attributes are read back to back as the specification has them; a body
 * that only parses with 4-byte alignment (some servers pad) is accepted too. §3.1.10: a message
 * whose first attribute is not MAGIC-COOKIE is improperly formed.
 */
export function decodeMsTurn(buf: Buffer): MsTurnMessage {
  if (buf.length < 20) throw new MsTurnDecodeError(`short MS-TURN message (${buf.length} bytes)`);
  if ((buf[0]! & 0xc0) !== 0) throw new MsTurnDecodeError('first two bits must be zero');
  const len = buf.readUInt16BE(2);
  if (buf.length < 20 + len) throw new MsTurnDecodeError('MS-TURN message truncated');
  const body = buf.subarray(20, 20 + len);
  const attributes = walk(body, false) ?? walk(body, true);
  if (!attributes) throw new MsTurnDecodeError('attributes do not fill the message');
  const first = attributes[0];
  if (!first || first.type !== MsAttr.MagicCookie || first.value.length !== 4 || first.value.readUInt32BE(0) !== MSTURN_MAGIC_COOKIE) {
    throw new MsTurnDecodeError('MAGIC-COOKIE attribute is not first (not MS-TURN)');
  }
  return { type: buf.readUInt16BE(0), transactionId: Buffer.from(buf.subarray(4, 20)), attributes };
}

export function getMsAttr(msg: MsTurnMessage, type: number): Buffer | undefined {
  return msg.attributes.find((a) => a.type === type)?.value;
}

/** ERROR-CODE as in [IETFDRAFT-STUN-02]: 21 zero bits, 3-bit class, 8-bit number, reason phrase. */
export function parseMsErrorCode(v: Buffer): { code: number; reason: string } {
  if (v.length < 4) throw new MsTurnDecodeError('Error Code too short');
  return { code: (v[2]! & 0x07) * 100 + v[3]!, reason: v.subarray(4).toString('utf8').replace(/[\s\0]+$/, '') };
}

/** §2.2.2.16 XOR Mapped Address: port ^ top 16 bits of the transaction id, IPv4 ^ top 32 bits (IPv6 ^ all 128). */
export function parseMsXorMappedAddress(v: Buffer, transactionId: Buffer): { address: string; port: number } {
  const fam = v[1];
  const n = fam === 0x01 ? 4 : fam === 0x02 ? 16 : 0;
  if (n === 0 || v.length < 4 + n) throw new MsTurnDecodeError('bad XOR Mapped Address');
  const port = v.readUInt16BE(2) ^ transactionId.readUInt16BE(0);
  const ip = Buffer.alloc(n);
  for (let i = 0; i < n; i++) ip[i] = v[4 + i]! ^ transactionId[i]!;
  return { address: bytesToIp(ip), port };
}

/** §2.2.2.1 Mapped Address (plain). */
export function parseMsMappedAddress(v: Buffer): { address: string; port: number } {
  const n = v[1] === 0x01 ? 4 : v[1] === 0x02 ? 16 : 0;
  if (n === 0 || v.length < 4 + n) throw new MsTurnDecodeError('bad Mapped Address');
  return { address: bytesToIp(Buffer.from(v.subarray(4, 4 + n))), port: v.readUInt16BE(2) };
}

// --- §2.1.4 TCP framing: Type (0x02 control, 0x03 data), Reserved 0, Length of what follows ---

export const FRAME_CONTROL = 0x02;
export const FRAME_DATA = 0x03;

export function frameTcp(payload: Buffer, type = FRAME_CONTROL): Buffer {
  const h = Buffer.alloc(4);
  h[0] = type;
  h[1] = 0;
  h.writeUInt16BE(payload.length, 2);
  return Buffer.concat([h, payload]);
}

/** Splits a byte stream into §2.1.4 frames; chunks may be cut anywhere. */
export class MsTurnFramer {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): { type: number; payload: Buffer }[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: { type: number; payload: Buffer }[] = [];
    while (this.buf.length >= 4) {
      const type = this.buf[0]!;
      if (type !== FRAME_CONTROL && type !== FRAME_DATA) throw new MsTurnDecodeError(`bad TCP frame type 0x${type.toString(16)}`);
      const total = 4 + this.buf.readUInt16BE(2);
      if (this.buf.length < total) break;
      out.push({ type, payload: Buffer.from(this.buf.subarray(4, total)) });
      this.buf = this.buf.subarray(total);
    }
    return out;
  }
}

// --- §2.1.1 pseudo-TLS: a TLS 1.0 record holding a ClientHello; the server answers with one
// record holding ServerHello + ServerHelloDone. No cryptography follows. ---

/**
 * ClientHello record: content type 0x16, record version 3.1, handshake type 1, handshake version
 * 3.1, 4-byte time stamp + 28 random bytes, empty session id, one cipher suite, one compression
 * method. The field layout is §2.1.1's; the cipher suite value (0x0018) and null compression are
 * the values seen in Lync clients' pseudo-TLS hellos.
 */
export function pseudoTlsClientHello(random = randomBytes(32), cipherSuite = 0x0018): Buffer {
  const hello = Buffer.concat([
    Buffer.from([0x03, 0x01]),
    random,
    Buffer.from([0x00]), // session id length
    Buffer.from([0x00, 0x02, cipherSuite >> 8, cipherSuite & 0xff]),
    Buffer.from([0x01, 0x00]), // one compression method: null
  ]);
  const hs = Buffer.concat([Buffer.from([0x01, 0, (hello.length >> 8) & 0xff, hello.length & 0xff]), hello]);
  const rec = Buffer.from([0x16, 0x03, 0x01, hs.length >> 8, hs.length & 0xff]);
  return Buffer.concat([rec, hs]);
}

export interface PseudoTlsServerHello {
  recordLength: number;
  handshakeTypes: number[];
  version: string;
}

/**
 * Reads the server's pseudo-TLS record from the start of `buf`. Returns undefined while more
 * bytes are needed, the parsed record and how many bytes it took, or an error for non-TLS bytes.
 */
export function readPseudoTlsServerHello(buf: Buffer): { hello: PseudoTlsServerHello; used: number } | { error: string } | undefined {
  if (buf.length < 5) return undefined;
  if (buf[0] !== 0x16) return { error: `not a TLS handshake record (first byte 0x${buf[0]!.toString(16)})` };
  const len = buf.readUInt16BE(3);
  if (buf.length < 5 + len) return undefined;
  const body = buf.subarray(5, 5 + len);
  const types: number[] = [];
  for (let off = 0; off + 4 <= body.length; ) {
    types.push(body[off]!);
    off += 4 + ((body[off + 1]! << 16) | (body[off + 2]! << 8) | body[off + 3]!);
  }
  if (!types.includes(0x02) || !types.includes(0x0e)) {
    return { error: `TLS record without ServerHello + ServerHelloDone (handshake types ${types.join(',')})` };
  }
  return { hello: { recordLength: len, handshakeTypes: types, version: `${buf[1]}.${buf[2]}` }, used: 5 + len };
}
