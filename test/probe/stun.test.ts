// STUN Binding probe against a real coturn on loopback (UDP, TCP, TLS), plus the failure verdicts:
// refused (TCP RST, UDP ICMP), filtered and UDP no-answer behind an nftables drop in a private netns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { probeStunBinding } from '../../src/probe/stun.ts';
import type { Verdict } from '../../src/probe/verdict.ts';
import { startCoturn, type Coturn } from './coturn.fixture.ts';
import { freePort } from '../support/servers.ts';
import { callInNetns, nftInput } from '../support/netns.ts';

let turn: Coturn;
before(async () => { turn = await startCoturn(); });
after(async () => { await turn?.stop(); });

test('UDP Binding to coturn is answered with our own mapped address', async () => {
  const v = await probeStunBinding({ host: turn.host, port: turn.port, transport: 'udp', timeoutMs: 3000 });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.pathOpen, true);
  assert.equal(v.ok, true);
  const mapped = v.evidence.mappedAddress as { address: string; port: number };
  assert.equal(mapped.address, '127.0.0.1');
  assert.ok(mapped.port > 0);
  assert.match(String(v.evidence.software), /Coturn/i);
});

test('TCP Binding to coturn is answered (framing by the length field)', async () => {
  const v = await probeStunBinding({ host: turn.host, port: turn.port, transport: 'tcp', timeoutMs: 3000 });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal((v.evidence.mappedAddress as { address: string }).address, '127.0.0.1');
});

test('TLS Binding to coturn is answered and the certificate is recorded', async () => {
  const v = await probeStunBinding({ host: turn.host, port: turn.tlsPort, transport: 'tls', timeoutMs: 3000, servername: turn.servername, ca: turn.caPem });
  assert.equal(v.kind, 'answered', v.summary);
  const tls = v.evidence.tls as Record<string, unknown>;
  assert.equal(tls.authorized, true);
  assert.equal(tls.nameMatches, true);
  assert.match(String(tls.subjectAltName), /av\.example\.test/);
});

test('TLS to a port that does not speak TLS is a tls-error with the path open', async () => {
  const srv = createServer((c) => c.end('HTTP/1.0 400 Bad Request\r\n\r\n'));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    const port = (srv.address() as { port: number }).port;
    const v = await probeStunBinding({ host: '127.0.0.1', port, transport: 'tls', timeoutMs: 2000 });
    assert.equal(v.kind, 'tls-error', v.summary);
    assert.equal(v.pathOpen, true);
    const t = await probeStunBinding({ host: '127.0.0.1', port, transport: 'tcp', timeoutMs: 2000 });
    assert.equal(t.kind, 'protocol-error', t.summary);
    assert.equal(t.pathOpen, true);
  } finally {
    srv.close();
  }
});

test('TCP to a closed port is refused; UDP to a closed loopback port is ICMP-refused', async () => {
  const port = await freePort();
  const t = await probeStunBinding({ host: '127.0.0.1', port, transport: 'tcp', timeoutMs: 2000 });
  assert.equal(t.kind, 'refused', t.summary);
  const u = await probeStunBinding({ host: '127.0.0.1', port, transport: 'udp', timeoutMs: 2000 });
  assert.equal(u.kind, 'refused', u.summary);
  assert.equal(u.pathOpen, 'unknown'); // a reject rule answers the same way
});

test('behind an nftables drop (private netns): UDP is no-answer (pathOpen unknown), TCP is filtered', async () => {
  const port = 3478;
  const setup = nftInput(`udp dport ${port} drop`, `tcp dport ${port} drop`);
  const [u, t] = await Promise.all([
    callInNetns<Verdict>({ module: 'src/probe/stun.ts', fn: 'probeStunBinding', args: [{ host: '127.0.0.1', port, transport: 'udp', timeoutMs: 1500 }], setup }),
    callInNetns<Verdict>({ module: 'src/probe/stun.ts', fn: 'probeStunBinding', args: [{ host: '127.0.0.1', port, transport: 'tcp', timeoutMs: 1500 }], setup, listenTcp: [port] }),
  ]);
  assert.equal(u.kind, 'no-answer', u.summary);
  assert.equal(u.pathOpen, 'unknown');
  assert.equal(u.ok, false);
  assert.ok(u.elapsedMs >= 1400, `waited the whole timeout (${u.elapsedMs} ms)`);
  assert.equal(t.kind, 'filtered', t.summary);
  assert.equal(t.pathOpen, false);
  // Control in the same kind of namespace without the rule: the same UDP probe is refused, so the
  // silence above was the drop rule, not the namespace.
  const c = await callInNetns<Verdict>({ module: 'src/probe/stun.ts', fn: 'probeStunBinding', args: [{ host: '127.0.0.1', port, transport: 'udp', timeoutMs: 1500 }] });
  assert.equal(c.kind, 'refused', c.summary);
});
