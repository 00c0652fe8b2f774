// MS-TURN probe over UDP and TCP (pseudo-TLS + §2.1.4 framing). No real Lync / Skype for Business
// A/V Edge is reachable here, so the server side is a SPEC-DERIVED RESPONDER written below from
// the [MS-TURN] section text — it is not a Lync server and proves only that the probe's transport
// path and parsing follow the specification. coturn (a real RFC 5389 server) shows the contrast.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { probeMsTurnAllocate } from '../../src/probe/msturn.ts';
import { probeStunBinding } from '../../src/probe/stun.ts';
import { freePort } from '../support/servers.ts';
import { startCoturn, type Coturn } from './coturn.fixture.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** Spec-derived Allocate Error 401 (§2.2.1 type 0x0113, MAGIC-COOKIE first, Error Code, unpadded Realm/Nonce). */
function allocateError401(tid: Buffer): Buffer {
  const body = hex(`000f 0004 72c64bc6
    0009 0010 00000401 556e617574686f72697a6564
    0015 000b 6578616d706c652e636f6d
    0014 0005 6e6f6e6365
    8008 0004 00000006`);
  const h = Buffer.alloc(4);
  h.writeUInt16BE(0x0113, 0);
  h.writeUInt16BE(body.length, 2);
  return Buffer.concat([h, tid, body]);
}

/** §3.1.10: only a message with type Allocate whose first attribute is MAGIC-COOKIE is answered; anything else is ignored. */
function isMsTurnAllocate(m: Buffer): boolean {
  return m.length >= 28 && m.readUInt16BE(0) === 0x0003 && m.subarray(20, 28).equals(hex('000f0004 72c64bc6'));
}

let udp: UdpSocket;
let udpPort: number;
let tcp: Server;
let tcpPort: number;
let turn: Coturn;

before(async () => {
  udpPort = await freePort();
  udp = createSocket('udp4');
  udp.on('message', (m, rinfo) => {
    if (isMsTurnAllocate(m)) udp.send(allocateError401(m.subarray(4, 20)), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => udp.bind(udpPort, '127.0.0.1', r));

  // TCP: §2.1.1 pseudo-TLS ClientHello → one record with ServerHello + ServerHelloDone, then §2.1.4 frames.
  tcp = createServer((c) => {
    let buf = Buffer.alloc(0);
    let helloDone = false;
    c.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!helloDone) {
        if (buf.length < 5) return;
        if (buf[0] !== 0x16 || buf[1] !== 0x03) { c.destroy(); return; }
        const len = 5 + buf.readUInt16BE(3);
        if (buf.length < len) return;
        if (buf[5] !== 0x01) { c.destroy(); return; } // handshake type ClientHello
        buf = buf.subarray(len);
        helloDone = true;
        const sh = Buffer.concat([hex('0200004603 01'), Buffer.alloc(32, 0x5a), hex('20'), Buffer.alloc(32, 0x33), hex('0018 00'), hex('0e000000')]);
        c.write(Buffer.concat([hex('160301'), Buffer.from([0, sh.length]), sh]));
      }
      while (buf.length >= 4) {
        const len = 4 + buf.readUInt16BE(2);
        if (buf.length < len) return;
        const frame = buf.subarray(0, len);
        buf = buf.subarray(len);
        if (frame[0] !== 0x02 || !isMsTurnAllocate(frame.subarray(4))) { c.destroy(); return; }
        const reply = allocateError401(frame.subarray(8, 24));
        const framed = Buffer.concat([Buffer.from([0x02, 0x00, reply.length >> 8, reply.length & 0xff]), reply]);
        // Split the answer at awkward places so the client's framing is exercised.
        c.write(framed.subarray(0, 3));
        setTimeout(() => c.write(framed.subarray(3, 27)), 5);
        setTimeout(() => c.write(framed.subarray(27)), 10);
      }
    });
  });
  tcpPort = await freePort();
  await new Promise<void>((r) => tcp.listen(tcpPort, '127.0.0.1', r));
  turn = await startCoturn();
});

after(async () => {
  udp?.close();
  tcp?.close();
  await turn?.stop();
});

test('UDP: an MS-TURN Allocate Error from the spec-derived responder is an answer (401, realm)', async () => {
  const v = await probeMsTurnAllocate({ host: '127.0.0.1', port: udpPort, transport: 'udp', timeoutMs: 2000 });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.pathOpen, true);
  assert.equal(v.ok, true);
  assert.equal(v.evidence.errorCode, 401);
  assert.equal(v.evidence.realm, 'example.com');
  assert.equal(v.evidence.serverMsVersion, 6);
  assert.equal(v.evidence.transactionIdMatches, true);
});

test('UDP: the same responder ignores a plain RFC 5389 Binding, which is why MS-TURN is probed', async () => {
  const v = await probeStunBinding({ host: '127.0.0.1', port: udpPort, transport: 'udp', timeoutMs: 1200 });
  assert.equal(v.kind, 'no-answer', v.summary);
  assert.equal(v.pathOpen, 'unknown');
});

test('TCP: pseudo-TLS hello, framed Allocate, framed Allocate Error split across writes', async () => {
  const v = await probeMsTurnAllocate({ host: '127.0.0.1', port: tcpPort, transport: 'tcp', timeoutMs: 2000 });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.evidence.errorCode, 401);
  assert.equal(v.evidence.transactionIdMatches, true);
  assert.deepEqual((v.evidence.pseudoTlsServerHello as { handshakeTypes: number[] }).handshakeTypes, [0x02, 0x0e]);
});

test('TCP without the pseudo-TLS hello: the responder hangs up, the path is open but no answer', async () => {
  const v = await probeMsTurnAllocate({ host: '127.0.0.1', port: tcpPort, transport: 'tcp', timeoutMs: 2000, pseudoTls: false });
  assert.equal(v.kind, 'open', v.summary);
  assert.equal(v.pathOpen, true);
  assert.equal(v.ok, false);
});

test('closed ports: TCP refused, UDP ICMP-refused', async () => {
  const port = await freePort();
  assert.equal((await probeMsTurnAllocate({ host: '127.0.0.1', port, transport: 'tcp', timeoutMs: 1000 })).kind, 'refused');
  assert.equal((await probeMsTurnAllocate({ host: '127.0.0.1', port, transport: 'udp', timeoutMs: 1000 })).kind, 'refused');
});

test('a real RFC 5389 server (coturn) is not taken for an A/V Edge', async () => {
  // coturn stays silent to an MS-TURN Allocate on UDP …
  const u = await probeMsTurnAllocate({ host: turn.host, port: turn.port, transport: 'udp', timeoutMs: 1500 });
  assert.equal(u.kind, 'no-answer', u.summary);
  assert.equal(u.ok, false);
  // … and its real TLS port answers the pseudo-TLS hello with a TLS alert (record type 0x15).
  const t = await probeMsTurnAllocate({ host: turn.host, port: turn.tlsPort, transport: 'tcp', timeoutMs: 1500 });
  assert.equal(t.kind, 'protocol-error', t.summary);
  assert.equal(t.pathOpen, true);
  assert.match(t.summary, /0x15/);
});
