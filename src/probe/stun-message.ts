// RFC 5389 STUN message codec (with the RFC 5766 TURN attributes the probes need).
// Pure bytes in, bytes out: no sockets here, so the RFC 5769 vectors can test it exactly.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export const MAGIC_COOKIE = 0x2112a442;
export const HEADER_LENGTH = 20;
const FINGERPRINT_XOR = 0x5354554e;

export const Method = { Binding: 0x001, Allocate: 0x003, Refresh: 0x004 } as const;
export const Class = { Request: 0, Indication: 1, Success: 2, Error: 3 } as const;
export type StunClass = (typeof Class)[keyof typeof Class];

export const Attr = {
  MAPPED_ADDRESS: 0x0001,
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  UNKNOWN_ATTRIBUTES: 0x000a,
  LIFETIME: 0x000d,
  XOR_PEER_ADDRESS: 0x0012,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_RELAYED_ADDRESS: 0x0016,
  REQUESTED_TRANSPORT: 0x0019,
  XOR_MAPPED_ADDRESS: 0x0020,
  SOFTWARE: 0x8022,
  FINGERPRINT: 0x8028,
} as const;

export interface StunAttribute {
  type: number;
  value: Buffer;
}

export interface StunMessage {
  method: number;
  cls: StunClass;
  transactionId: Buffer; // 12 bytes
  attributes: StunAttribute[];
}

export interface TransportAddress {
  family: 'IPv4' | 'IPv6';
  address: string;
  port: number;
}

// --- message type: the method bits are interleaved with the two class bits (RFC 5389 §6) ---

export function messageType(method: number, cls: StunClass): number {
  return (
    (method & 0x000f) |
    ((method & 0x0070) << 1) |
    ((method & 0x0f80) << 2) |
    ((cls & 1) << 4) |
    ((cls & 2) << 7)
  );
}

export function splitType(type: number): { method: number; cls: StunClass } {
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const cls = (((type >> 4) & 1) | ((type >> 7) & 2)) as StunClass;
  return { method, cls };
}

export function newTransactionId(): Buffer {
  return randomBytes(12);
}

// --- encoding ---

export interface EncodeOptions {
  /** Key for MESSAGE-INTEGRITY (long-term: longTermKey(); short-term: the password bytes). */
  integrityKey?: Buffer;
  fingerprint?: boolean;
  /** Padding byte value; RFC 5389 lets senders choose any, the RFC 5769 vectors use 0x20. */
  padByte?: number;
}

const pad4 = (n: number): number => (n + 3) & ~3;

function encodeAttribute(a: StunAttribute, padByte: number): Buffer {
  const out = Buffer.alloc(4 + pad4(a.value.length), padByte);
  out.writeUInt16BE(a.type, 0);
  out.writeUInt16BE(a.value.length, 2);
  a.value.copy(out, 4);
  return out;
}

function header(type: number, length: number, tid: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_LENGTH);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(length, 2);
  h.writeUInt32BE(MAGIC_COOKIE, 4);
  tid.copy(h, 8);
  return h;
}

/** Encodes a message; MESSAGE-INTEGRITY and FINGERPRINT are computed and appended last, in that order. */
export function encode(msg: StunMessage, opts: EncodeOptions = {}): Buffer {
  if (msg.transactionId.length !== 12) throw new Error('STUN transaction id must be 12 bytes');
  const padByte = opts.padByte ?? 0;
  const type = messageType(msg.method, msg.cls);
  let body = Buffer.concat(msg.attributes.map((a) => encodeAttribute(a, padByte)));
  if (opts.integrityKey) {
    // The length in the hashed header already counts the 24-byte MESSAGE-INTEGRITY attribute (§15.4).
    const hashed = Buffer.concat([header(type, body.length + 24, msg.transactionId), body]);
    const mac = createHmac('sha1', opts.integrityKey).update(hashed).digest();
    body = Buffer.concat([body, encodeAttribute({ type: Attr.MESSAGE_INTEGRITY, value: mac }, padByte)]);
  }
  if (opts.fingerprint) {
    const covered = Buffer.concat([header(type, body.length + 8, msg.transactionId), body]);
    const v = Buffer.alloc(4);
    v.writeUInt32BE((crc32(covered) ^ FINGERPRINT_XOR) >>> 0, 0);
    body = Buffer.concat([body, encodeAttribute({ type: Attr.FINGERPRINT, value: v }, padByte)]);
  }
  return Buffer.concat([header(type, body.length, msg.transactionId), body]);
}

// --- decoding ---

export class StunDecodeError extends Error {}

/** Quick test used to tell STUN from other bytes on the same socket. */
export function looksLikeStun(buf: Buffer): boolean {
  return buf.length >= HEADER_LENGTH && (buf[0]! & 0xc0) === 0 && buf.readUInt32BE(4) === MAGIC_COOKIE && (buf.readUInt16BE(2) & 3) === 0;
}

export function decode(buf: Buffer): StunMessage {
  if (buf.length < HEADER_LENGTH) throw new StunDecodeError(`short STUN message (${buf.length} bytes)`);
  if ((buf[0]! & 0xc0) !== 0) throw new StunDecodeError('first two bits of a STUN message must be zero');
  if (buf.readUInt32BE(4) !== MAGIC_COOKIE) throw new StunDecodeError('magic cookie missing');
  const length = buf.readUInt16BE(2);
  if (length % 4 !== 0) throw new StunDecodeError(`STUN length ${length} is not a multiple of 4`);
  if (buf.length < HEADER_LENGTH + length) throw new StunDecodeError('STUN message truncated');
  const { method, cls } = splitType(buf.readUInt16BE(0));
  const attributes: StunAttribute[] = [];
  let off = HEADER_LENGTH;
  const end = HEADER_LENGTH + length;
  while (off < end) {
    if (off + 4 > end) throw new StunDecodeError('attribute header truncated');
    const type = buf.readUInt16BE(off);
    const len = buf.readUInt16BE(off + 2);
    if (off + 4 + len > end) throw new StunDecodeError(`attribute 0x${type.toString(16)} overruns the message`);
    attributes.push({ type, value: Buffer.from(buf.subarray(off + 4, off + 4 + len)) });
    off += 4 + pad4(len);
  }
  return { method, cls, transactionId: Buffer.from(buf.subarray(8, 20)), attributes };
}

export function getAttr(msg: StunMessage, type: number): Buffer | undefined {
  return msg.attributes.find((a) => a.type === type)?.value;
}

// --- integrity and fingerprint checks on the raw bytes (they cover the bytes as sent) ---

function findAttrOffset(buf: Buffer, type: number): number {
  const end = HEADER_LENGTH + buf.readUInt16BE(2);
  for (let off = HEADER_LENGTH; off + 4 <= end; off += 4 + pad4(buf.readUInt16BE(off + 2))) {
    if (buf.readUInt16BE(off) === type) return off;
  }
  return -1;
}

/** True/false when MESSAGE-INTEGRITY is present and (in)valid for the key; undefined when absent. */
export function verifyIntegrity(buf: Buffer, key: Buffer): boolean | undefined {
  const off = findAttrOffset(buf, Attr.MESSAGE_INTEGRITY);
  if (off < 0) return undefined;
  const hdr = Buffer.from(buf.subarray(0, HEADER_LENGTH));
  hdr.writeUInt16BE(off + 24 - HEADER_LENGTH, 2);
  const mac = createHmac('sha1', key).update(Buffer.concat([hdr, buf.subarray(HEADER_LENGTH, off)])).digest();
  return mac.equals(buf.subarray(off + 4, off + 24));
}

export function verifyFingerprint(buf: Buffer): boolean | undefined {
  const off = findAttrOffset(buf, Attr.FINGERPRINT);
  if (off < 0) return undefined;
  const hdr = Buffer.from(buf.subarray(0, HEADER_LENGTH));
  hdr.writeUInt16BE(off + 8 - HEADER_LENGTH, 2);
  const want = (crc32(Buffer.concat([hdr, buf.subarray(HEADER_LENGTH, off)])) ^ FINGERPRINT_XOR) >>> 0;
  return buf.readUInt32BE(off + 4) === want;
}

/** Long-term credential key: MD5(username ":" realm ":" password) (RFC 5389 §15.4; SASLprep left to the caller). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest();
}

// --- CRC-32 (ISO-HDLC, as zlib), table built once ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- attribute value helpers ---

export function stringAttr(type: number, s: string): StunAttribute {
  return { type, value: Buffer.from(s, 'utf8') };
}

export function u32Attr(type: number, n: number): StunAttribute {
  const v = Buffer.alloc(4);
  v.writeUInt32BE(n >>> 0, 0);
  return { type, value: v };
}

/** REQUESTED-TRANSPORT: protocol number then three reserved bytes (17 = UDP). */
export function requestedTransport(protocol = 17): StunAttribute {
  return { type: Attr.REQUESTED_TRANSPORT, value: Buffer.from([protocol, 0, 0, 0]) };
}

export interface ErrorCode {
  code: number;
  reason: string;
}

export function errorCodeAttr(code: number, reason: string): StunAttribute {
  const r = Buffer.from(reason, 'utf8');
  const v = Buffer.alloc(4 + r.length);
  v[2] = Math.floor(code / 100);
  v[3] = code % 100;
  r.copy(v, 4);
  return { type: Attr.ERROR_CODE, value: v };
}

export function parseErrorCode(v: Buffer): ErrorCode {
  if (v.length < 4) throw new StunDecodeError('ERROR-CODE too short');
  return { code: (v[2]! & 0x07) * 100 + v[3]!, reason: v.subarray(4).toString('utf8') };
}

/** XOR-MAPPED-ADDRESS and friends: port ^ top 16 bits of the cookie, address ^ cookie (+ transaction id for IPv6). */
export function xorAddressAttr(type: number, addr: TransportAddress, tid: Buffer): StunAttribute {
  const mask = Buffer.concat([u32Attr(0, MAGIC_COOKIE).value, tid]);
  const raw = ipToBytes(addr.address);
  const v = Buffer.alloc(4 + raw.length);
  v[1] = raw.length === 4 ? 0x01 : 0x02;
  v.writeUInt16BE(addr.port ^ (MAGIC_COOKIE >>> 16), 2);
  for (let i = 0; i < raw.length; i++) v[4 + i] = raw[i]! ^ mask[i]!;
  return { type, value: v };
}

export function parseXorAddress(v: Buffer, tid: Buffer): TransportAddress {
  const mask = Buffer.concat([u32Attr(0, MAGIC_COOKIE).value, tid]);
  return readAddressAttribute(v, mask);
}

/** Plain MAPPED-ADDRESS (no XOR). */
export function parseMappedAddress(v: Buffer): TransportAddress {
  return readAddressAttribute(v, Buffer.alloc(16), false);
}

function readAddressAttribute(v: Buffer, mask: Buffer, xor = true): TransportAddress {
  if (v.length < 8) throw new StunDecodeError('address attribute too short');
  const fam = v[1];
  const n = fam === 0x01 ? 4 : fam === 0x02 ? 16 : 0;
  if (n === 0 || v.length < 4 + n) throw new StunDecodeError(`bad address family 0x${(fam ?? 0).toString(16)}`);
  const port = v.readUInt16BE(2) ^ (xor ? MAGIC_COOKIE >>> 16 : 0);
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = v[4 + i]! ^ mask[i]!;
  return { family: n === 4 ? 'IPv4' : 'IPv6', address: bytesToIp(bytes), port };
}

export function ipToBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const parse = (s: string | undefined): number[] => (s ? s.split(':').filter(Boolean).map((h) => parseInt(h, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

export function bytesToIp(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 has it.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

// --- framing over TCP/TLS: each message is 20 + length bytes (RFC 5389 §7.2.2) ---

/** Collects stream chunks and yields complete STUN messages; split anywhere is fine. */
export class StunStreamFramer {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    while (this.buf.length >= 4) {
      if ((this.buf[0]! & 0xc0) !== 0) throw new StunDecodeError('stream does not carry STUN');
      const total = HEADER_LENGTH + this.buf.readUInt16BE(2);
      if (this.buf.length < total) break;
      out.push(this.buf.subarray(0, total));
      this.buf = this.buf.subarray(total);
    }
    return out;
  }

  get pending(): number {
    return this.buf.length;
  }
}
