// The STUN codec against the published RFC 5769 byte vectors, plus framing and round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Attr, Class, Method, StunStreamFramer, decode, encode, errorCodeAttr, getAttr, longTermKey,
  messageType, parseErrorCode, parseXorAddress, requestedTransport, splitType, stringAttr, u32Attr,
  verifyFingerprint, verifyIntegrity, xorAddressAttr, bytesToIp, ipToBytes,
} from '../../src/probe/stun-message.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const TID = hex('b7e7a701 bc34d686 fa87dfae');
const SHORT_TERM_PASSWORD = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');

// RFC 5769 §2.1 Sample Request (short-term credentials, username "evtj:h6vY").
const SAMPLE_REQUEST = hex(`
  00010058 2112a442 b7e7a701 bc34d686 fa87dfae
  80220010 5354554e 20746573 7420636c 69656e74
  00240004 6e0001ff
  80290008 932ff9b1 51263b36
  00060009 6576746a 3a683676 59202020
  00080014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2
  80280004 e57a3bcf`);

// RFC 5769 §2.2 Sample IPv4 Response (mapped address 192.0.2.1:32853).
const SAMPLE_IPV4_RESPONSE = hex(`
  0101003c 2112a442 b7e7a701 bc34d686 fa87dfae
  8022000b 74657374 20766563 746f7220
  00200008 0001a147 e112a643
  00080014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
  80280004 c07d4c96`);

// RFC 5769 §2.3 Sample IPv6 Response (mapped address [2001:db8:1234:5678:11:2233:4455:6677]:32853).
const SAMPLE_IPV6_RESPONSE = hex(`
  01010048 2112a442 b7e7a701 bc34d686 fa87dfae
  8022000b 74657374 20766563 746f7220
  00200014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9
  00080014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41
  80280004 c8fb0b4c`);

// RFC 5769 §2.4 Sample Request with Long-Term Authentication
// (username "マトリックス", password "TheMatrIX" after SASLprep, realm "example.org").
const SAMPLE_LONG_TERM_REQUEST = hex(`
  00010060 2112a442 78ad3433 c6ad72c0 29da412e
  00060012 e3839ee3 8388e383 aae38383 e382afe3 82b90000
  0015001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341
  0014000b 6578616d 706c652e 6f726700
  00080014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666`);

test('RFC 5769 §2.1 sample request: decodes, integrity and fingerprint verify', () => {
  const m = decode(SAMPLE_REQUEST);
  assert.equal(m.method, Method.Binding);
  assert.equal(m.cls, Class.Request);
  assert.deepEqual(m.transactionId, TID);
  assert.equal(getAttr(m, Attr.SOFTWARE)!.toString(), 'STUN test client');
  assert.equal(getAttr(m, Attr.USERNAME)!.toString(), 'evtj:h6vY');
  assert.equal(verifyIntegrity(SAMPLE_REQUEST, SHORT_TERM_PASSWORD), true);
  assert.equal(verifyIntegrity(SAMPLE_REQUEST, Buffer.from('wrong')), false);
  assert.equal(verifyFingerprint(SAMPLE_REQUEST), true);
});

test('RFC 5769 §2.1 sample request: re-encodes byte for byte (padding 0x20 as in the vector)', () => {
  const attrs = decode(SAMPLE_REQUEST).attributes.filter((a) => a.type !== Attr.MESSAGE_INTEGRITY && a.type !== Attr.FINGERPRINT);
  const out = encode({ method: Method.Binding, cls: Class.Request, transactionId: TID, attributes: attrs },
    { integrityKey: SHORT_TERM_PASSWORD, fingerprint: true, padByte: 0x20 });
  assert.equal(out.toString('hex'), SAMPLE_REQUEST.toString('hex'));
});

test('RFC 5769 §2.2 IPv4 response: XOR-MAPPED-ADDRESS 192.0.2.1:32853, re-encodes exactly', () => {
  const m = decode(SAMPLE_IPV4_RESPONSE);
  assert.equal(m.cls, Class.Success);
  assert.deepEqual(parseXorAddress(getAttr(m, Attr.XOR_MAPPED_ADDRESS)!, m.transactionId),
    { family: 'IPv4', address: '192.0.2.1', port: 32853 });
  assert.equal(verifyIntegrity(SAMPLE_IPV4_RESPONSE, SHORT_TERM_PASSWORD), true);
  assert.equal(verifyFingerprint(SAMPLE_IPV4_RESPONSE), true);
  const out = encode({
    method: Method.Binding, cls: Class.Success, transactionId: TID,
    attributes: [stringAttr(Attr.SOFTWARE, 'test vector'),
      xorAddressAttr(Attr.XOR_MAPPED_ADDRESS, { family: 'IPv4', address: '192.0.2.1', port: 32853 }, TID)],
  }, { integrityKey: SHORT_TERM_PASSWORD, fingerprint: true, padByte: 0x20 });
  assert.equal(out.toString('hex'), SAMPLE_IPV4_RESPONSE.toString('hex'));
});

test('RFC 5769 §2.3 IPv6 response: XOR-MAPPED-ADDRESS IPv6, re-encodes exactly', () => {
  const m = decode(SAMPLE_IPV6_RESPONSE);
  const addr = { family: 'IPv6' as const, address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 };
  assert.deepEqual(parseXorAddress(getAttr(m, Attr.XOR_MAPPED_ADDRESS)!, m.transactionId), addr);
  assert.equal(verifyIntegrity(SAMPLE_IPV6_RESPONSE, SHORT_TERM_PASSWORD), true);
  assert.equal(verifyFingerprint(SAMPLE_IPV6_RESPONSE), true);
  const out = encode({
    method: Method.Binding, cls: Class.Success, transactionId: TID,
    attributes: [stringAttr(Attr.SOFTWARE, 'test vector'), xorAddressAttr(Attr.XOR_MAPPED_ADDRESS, addr, TID)],
  }, { integrityKey: SHORT_TERM_PASSWORD, fingerprint: true, padByte: 0x20 });
  assert.equal(out.toString('hex'), SAMPLE_IPV6_RESPONSE.toString('hex'));
});

test('RFC 5769 §2.4 long-term request: key MD5(user:realm:pass), USERNAME/NONCE/REALM, exact bytes', () => {
  const m = decode(SAMPLE_LONG_TERM_REQUEST);
  const user = getAttr(m, Attr.USERNAME)!.toString('utf8');
  assert.equal(user, '\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9');
  assert.equal(getAttr(m, Attr.NONCE)!.toString(), 'f//499k954d6OL34oL9FSTvy64sA');
  assert.equal(getAttr(m, Attr.REALM)!.toString(), 'example.org');
  const key = longTermKey(user, 'example.org', 'TheMatrIX');
  assert.equal(verifyIntegrity(SAMPLE_LONG_TERM_REQUEST, key), true);
  const out = encode({
    method: Method.Binding, cls: Class.Request, transactionId: m.transactionId,
    attributes: [stringAttr(Attr.USERNAME, user), stringAttr(Attr.NONCE, 'f//499k954d6OL34oL9FSTvy64sA'), stringAttr(Attr.REALM, 'example.org')],
  }, { integrityKey: key });
  assert.equal(out.toString('hex'), SAMPLE_LONG_TERM_REQUEST.toString('hex'));
});

test('message type interleaves method and class bits', () => {
  assert.equal(messageType(Method.Allocate, Class.Request), 0x0003);
  assert.equal(messageType(Method.Allocate, Class.Success), 0x0103);
  assert.equal(messageType(Method.Allocate, Class.Error), 0x0113);
  assert.equal(messageType(Method.Refresh, Class.Request), 0x0004);
  assert.equal(messageType(Method.Binding, Class.Indication), 0x0011);
  for (let m = 0; m < 0x1000; m += 37) for (const c of [0, 1, 2, 3] as const) assert.deepEqual(splitType(messageType(m, c)), { method: m, cls: c });
});

test('TURN attributes round-trip: ERROR-CODE, LIFETIME, REQUESTED-TRANSPORT, XOR-RELAYED-ADDRESS', () => {
  const tid = Buffer.alloc(12, 7);
  const bytes = encode({
    method: Method.Allocate, cls: Class.Error, transactionId: tid,
    attributes: [errorCodeAttr(438, 'Stale Nonce'), u32Attr(Attr.LIFETIME, 600), requestedTransport(),
      xorAddressAttr(Attr.XOR_RELAYED_ADDRESS, { family: 'IPv6', address: '::1', port: 50000 }, tid)],
  }, { fingerprint: true });
  assert.equal(bytes.readUInt16BE(0), 0x0113);
  const m = decode(bytes);
  assert.deepEqual(parseErrorCode(getAttr(m, Attr.ERROR_CODE)!), { code: 438, reason: 'Stale Nonce' });
  assert.equal(getAttr(m, Attr.LIFETIME)!.readUInt32BE(0), 600);
  assert.deepEqual([...getAttr(m, Attr.REQUESTED_TRANSPORT)!], [17, 0, 0, 0]);
  assert.deepEqual(parseXorAddress(getAttr(m, Attr.XOR_RELAYED_ADDRESS)!, tid), { family: 'IPv6', address: '::1', port: 50000 });
  assert.equal(verifyFingerprint(bytes), true);
  bytes[bytes.length - 1]! ^= 1;
  assert.equal(verifyFingerprint(bytes), false);
});

test('IPv6 text form survives bytes and back', () => {
  for (const ip of ['::', '::1', '2001:db8::1', 'fe80::1:2:3', '2001:db8:1234:5678:11:2233:4455:6677', '1::']) {
    assert.equal(bytesToIp(ipToBytes(ip)), ip);
  }
});

test('decode rejects what is not STUN', () => {
  assert.throws(() => decode(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')));
  assert.throws(() => decode(SAMPLE_REQUEST.subarray(0, 50)));
  const noCookie = Buffer.from(SAMPLE_REQUEST);
  noCookie.writeUInt32BE(0x72c64bc6, 4);
  assert.throws(() => decode(noCookie));
});

test('stream framer reassembles messages split at every byte and glued together', () => {
  const stream = Buffer.concat([SAMPLE_REQUEST, SAMPLE_IPV4_RESPONSE, SAMPLE_IPV6_RESPONSE]);
  for (let cut = 1; cut < stream.length; cut += 1) {
    const f = new StunStreamFramer();
    const got = [...f.push(stream.subarray(0, cut)), ...f.push(stream.subarray(cut))];
    assert.deepEqual(got.map((b) => b.toString('hex')), [SAMPLE_REQUEST, SAMPLE_IPV4_RESPONSE, SAMPLE_IPV6_RESPONSE].map((b) => b.toString('hex')));
    assert.equal(f.pending, 0);
  }
  const f = new StunStreamFramer();
  const got: Buffer[] = [];
  for (const b of stream) got.push(...f.push(Buffer.from([b])));
  assert.equal(got.length, 3);
});
