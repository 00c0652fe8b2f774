// MS-TURN codec against byte vectors written out by hand from the [MS-TURN] specification text.
// Each vector names the sections it follows. No capture from a real A/V Edge was available.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MsAttr, MsTurnFramer, MsType, allocateRequest, decodeMsTurn, encodeMsTurn, frameTcp, getMsAttr, magicCookieAttr,
  parseMsErrorCode, parseMsXorMappedAddress, pseudoTlsClientHello, readPseudoTlsServerHello,
} from '../../src/probe/msturn-message.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const TID = hex('00112233 44556677 8899aabb ccddeeff');

// §2.2.1 header (type 0x0003, length of what follows the 20-byte header, 16-byte transaction id),
// §2.2.2 "Magic Cookie MUST be the first attribute", §2.2.2.8 (0x000F, 4, 0x72C64BC6),
// §2.2.2.17 MS-Version (0x8008, length 4, version 0x00000001).
const ALLOCATE_REQUEST = hex(`
  0003 0010 00112233 44556677 8899aabb ccddeeff
  000f 0004 72c64bc6
  8008 0004 00000001`);

// §2.2.1 Allocate error response 0x0113; Error Code 0x0009 in the [IETFDRAFT-STUN-02] layout
// (class 4, number 01, reason "Unauthorized"); §2.2.2.14 Realm 0x0015 and Nonce 0x0014 with
// odd lengths and, per §2.2.2, no padding between attributes; MS-Version last.
const ALLOCATE_ERROR_401 = hex(`
  0113 003c 00112233 44556677 8899aabb ccddeeff
  000f 0004 72c64bc6
  0009 0010 00000401 556e6175 74686f72 697a6564
  0015 000b 6578616d706c652e636f6d
  0014 0005 6e6f6e6365
  8008 0004 00000001`);

test('§2.2.1/§2.2.2.8/§2.2.2.17: Allocate request bytes', () => {
  assert.equal(allocateRequest(TID, 1).toString('hex'), ALLOCATE_REQUEST.toString('hex'));
  const m = decodeMsTurn(ALLOCATE_REQUEST);
  assert.equal(m.type, MsType.AllocateRequest);
  assert.deepEqual(m.transactionId, TID);
  assert.equal(m.attributes[0]!.type, MsAttr.MagicCookie);
});

test('§2.2.1/§2.2.2: Allocate Error 401 with unpadded REALM and NONCE decodes', () => {
  const m = decodeMsTurn(ALLOCATE_ERROR_401);
  assert.equal(m.type, MsType.AllocateError);
  assert.deepEqual(parseMsErrorCode(getMsAttr(m, MsAttr.ErrorCode)!), { code: 401, reason: 'Unauthorized' });
  assert.equal(getMsAttr(m, MsAttr.Realm)!.toString(), 'example.com');
  assert.equal(getMsAttr(m, MsAttr.Nonce)!.toString(), 'nonce');
  assert.equal(getMsAttr(m, MsAttr.MsVersion)!.readUInt32BE(0), 1);
  assert.equal(encodeMsTurn(m).toString('hex'), ALLOCATE_ERROR_401.toString('hex'));
});

test('a body padded to 4-byte boundaries is accepted too', () => {
  const padded = encodeMsTurn({ type: MsType.AllocateError, transactionId: TID, attributes: [
    magicCookieAttr(), { type: MsAttr.Realm, value: Buffer.from('example.com\0') }, { type: MsAttr.Nonce, value: Buffer.from('abcd') }] });
  const m = decodeMsTurn(padded);
  assert.equal(m.attributes.length, 3);
});

test('§3.1.10: a message whose first attribute is not MAGIC-COOKIE is not MS-TURN (an RFC 5389 Binding)', () => {
  const rfc5389 = hex('00010008 2112a442 b7e7a701 bc34d686 fa87dfae 80220004 74657374');
  assert.throws(() => decodeMsTurn(rfc5389), /MAGIC-COOKIE/);
  assert.throws(() => decodeMsTurn(ALLOCATE_REQUEST.subarray(0, 30)), /truncated/);
});

test('§2.2.2.16 XOR Mapped Address: the spec example (port 0x1122 ^ tid 0x4455 = 0x5577)', () => {
  const tid = hex('44556677 00000000 00000000 00000000');
  // Family 0x01, X-Port 0x5577, X-Address 192.0.2.1 ^ 0x44556677.
  const attr = hex('0001 5577 84556476');
  assert.deepEqual(parseMsXorMappedAddress(attr, tid), { address: '192.0.2.1', port: 0x1122 });
});

test('§2.1.4 TCP framing: 0x02 control header, reserved 0, length of the message', () => {
  const framed = frameTcp(ALLOCATE_REQUEST);
  assert.equal(framed.subarray(0, 4).toString('hex'), '02000024');
  const f = new MsTurnFramer();
  const got: Buffer[] = [];
  const stream = Buffer.concat([framed, frameTcp(ALLOCATE_ERROR_401)]);
  for (const b of stream) got.push(...f.push(Buffer.from([b])).map((x) => x.payload));
  assert.deepEqual(got.map((b) => b.toString('hex')), [ALLOCATE_REQUEST, ALLOCATE_ERROR_401].map((b) => b.toString('hex')));
  assert.throws(() => new MsTurnFramer().push(hex('16030100')), /frame type/);
});

test('§2.1.1 pseudo-TLS ClientHello record layout', () => {
  const hello = pseudoTlsClientHello(Buffer.alloc(32, 0xab));
  // content type 0x16, record version 3.1, record length 45; handshake type 1 (ClientHello),
  // handshake length 41, version 3.1, time stamp + random (32), session id length 0,
  // cipher suites length 2 + one suite, compression methods length 1 + null.
  assert.equal(hello.toString('hex'), `160301002d0100002903 01${'ab'.repeat(32)}00 0002 0018 0100`.replace(/\s/g, ''));
});

test('§2.1.1 ServerHello + ServerHelloDone in one record is read, whatever the chunking', () => {
  const sh = Buffer.concat([hex('0200004603 01'), Buffer.alloc(32, 1), hex('20'), Buffer.alloc(32, 2), hex('0018 00')]);
  const body = Buffer.concat([sh, hex('0e000000')]);
  const record = Buffer.concat([hex('160301'), Buffer.from([body.length >> 8, body.length & 0xff]), body]);
  const after = frameTcp(ALLOCATE_ERROR_401);
  const stream = Buffer.concat([record, after]);
  for (let cut = 0; cut < record.length; cut++) assert.equal(readPseudoTlsServerHello(stream.subarray(0, cut)), undefined);
  const r = readPseudoTlsServerHello(stream);
  assert.ok(r && 'hello' in r);
  assert.deepEqual(r.hello.handshakeTypes, [0x02, 0x0e]);
  assert.equal(r.used, record.length);
  const notTls = readPseudoTlsServerHello(Buffer.from('HTTP/1.1 400 Bad'));
  assert.ok(notTls && 'error' in notTls);
});
