// The SIP builder and stream parser on their own: framing across arbitrary chunk boundaries,
// folded headers, compact names, several Via (separate and comma-joined), bodies counted in bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOptions, header, parseHead, SipParseError, SipStreamParser, type SipResponse } from '../../src/probe/sip-message.ts';

const options = () => buildOptions({
  target: 'sip.contoso.com', transport: 'TLS', localAddress: '10.0.0.5', localPort: 40000,
  fromDomain: 'contoso.com', branch: 'abc', tag: 't1', callId: 'c1@contoso.com',
});

test('buildOptions: the request line and headers the protocol notes require, CRLF framed', () => {
  const r = options();
  assert.ok(r.startsWith('OPTIONS sip:sip.contoso.com;transport=tls SIP/2.0\r\n'));
  assert.ok(r.endsWith('\r\nContent-Length: 0\r\n\r\n'));
  assert.ok(!/[^\r]\n/.test(r), 'every line ends in CRLF');
  assert.match(r, /\r\nVia: SIP\/2\.0\/TLS 10\.0\.0\.5:40000;branch=z9hG4bKabc;rport\r\n/);
  assert.match(r, /\r\nFrom: <sip:probe@contoso\.com>;tag=t1\r\n/);
  assert.match(r, /\r\nTo: <sip:sip\.contoso\.com>\r\n/);
  assert.match(r, /\r\nCSeq: 1 OPTIONS\r\n/);
  assert.match(r, /\r\nMax-Forwards: 70\r\n/);
  // and it parses back as a request
  const [m] = new SipStreamParser().push(r);
  assert.equal(m?.type, 'request');
  assert.equal(m?.type === 'request' && m.method, 'OPTIONS');
  assert.equal(header(m!, 'i'), 'c1@contoso.com');
});

test('buildOptions: IPv6 addresses are bracketed; random branch/tag differ per request', () => {
  const a = buildOptions({ target: '2001:db8::1', transport: 'TCP', localAddress: '::1', localPort: 5, fromDomain: 'contoso.com' });
  assert.match(a, /^OPTIONS sip:\[2001:db8::1\];transport=tcp SIP\/2\.0\r\n/);
  assert.match(a, /Via: SIP\/2\.0\/TCP \[::1\]:5;branch=z9hG4bK[0-9a-f]{16};rport/);
  const b = buildOptions({ target: '2001:db8::1', transport: 'TCP', localAddress: '::1', localPort: 5, fromDomain: 'contoso.com' });
  assert.notEqual(/branch=(\w+)/.exec(a)![1], /branch=(\w+)/.exec(b)![1]);
});

const lyncResponse =
  'SIP/2.0 200 OK\r\n' +
  'v: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bKabc;rport=40000;received=10.0.0.5\r\n' +
  'Via: SIP/2.0/TLS 192.168.1.1:5061;branch=z9hG4bK1,\r\n SIP/2.0/TLS 192.168.1.2:5061;branch=z9hG4bK2\r\n' +
  'f: <sip:probe@contoso.com>;tag=t1\r\n' +
  't: "Edge, Access" <sip:sip.contoso.com>;tag=x9\r\n' +
  'i: c1@contoso.com\r\n' +
  'CSeq: 1 OPTIONS\r\n' +
  'Server: RTC/4.0\r\n' +
  'Supported: ms-edge-proxy-message-trust,\r\n\tms-federation-policy\r\n' +
  'c: application/sdp\r\n' +
  'l: 11\r\n' +
  '\r\n' +
  'v=0\r\nö=x\r\n';

test('parser: compact names, folded lines, three Via values in order, byte-counted body', () => {
  const ms = new SipStreamParser().push(Buffer.from(lyncResponse + 'SIP/2.0 403 Forbidden\r\nContent-Length: 0\r\n\r\n'));
  assert.equal(ms.length, 2);
  const r = ms[0] as SipResponse;
  assert.equal(r.status, 200);
  assert.equal(r.reason, 'OK');
  assert.deepEqual(r.headers.get('via'), [
    'SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bKabc;rport=40000;received=10.0.0.5',
    'SIP/2.0/TLS 192.168.1.1:5061;branch=z9hG4bK1',
    'SIP/2.0/TLS 192.168.1.2:5061;branch=z9hG4bK2',
  ]);
  assert.equal(header(r, 'To'), '"Edge, Access" <sip:sip.contoso.com>;tag=x9'); // not split: To is not a list
  assert.deepEqual(r.headers.get('supported'), ['ms-edge-proxy-message-trust', 'ms-federation-policy']);
  assert.equal(header(r, 'content-type'), 'application/sdp');
  assert.equal(r.body.toString('utf8'), 'v=0\r\nö=x\r\n'); // 11 bytes, 10 characters
  assert.equal((ms[1] as SipResponse).status, 403);
});

test('parser: any chunking of a stream yields the same messages (property)', () => {
  const stream = Buffer.from('\r\n\r\n' + lyncResponse + 'SIP/2.0 100 Trying\r\nl:0\r\n\r\n' + lyncResponse);
  const whole = new SipStreamParser().push(stream);
  assert.equal(whole.length, 3);
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
      const p = new SipStreamParser();
      const got = [];
      let from = 0;
      for (const at of [...cuts.sort((a, b) => a - b), stream.length]) {
        got.push(...p.push(stream.subarray(from, at)));
        from = at;
      }
      assert.deepEqual(got, whole);
      assert.equal(p.pending, 0);
    }),
  );
});

test('parser: waits for a body that has not fully arrived', () => {
  const p = new SipStreamParser();
  assert.deepEqual(p.push('SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nab'), []);
  const [m] = p.push('cde');
  assert.equal(m?.body.toString(), 'abcde');
});

test('parser: rejects what is not SIP', () => {
  assert.throws(() => new SipStreamParser().push('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'), SipParseError);
  assert.throws(() => parseHead('SIP/2.0 200 OK\r\nno colon here'), SipParseError);
  assert.throws(() => new SipStreamParser().push('SIP/2.0 200 OK\r\nContent-Length: -3\r\n\r\n'), SipParseError);
});
