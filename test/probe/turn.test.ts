// TURN Allocate probe against a real coturn with long-term credentials: success with the relay
// port inside (and checked against) a range, release, wrong password, and no credentials.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { probeTurnAllocate } from '../../src/probe/turn.ts';
import { startCoturn, type Coturn } from './coturn.fixture.ts';

let turn: Coturn;
before(async () => { turn = await startCoturn({ minPort: 50000, maxPort: 59999 }); });
after(async () => { await turn?.stop(); });

for (const transport of ['udp', 'tcp', 'tls'] as const) {
  test(`${transport.toUpperCase()} Allocate with credentials: relay port in 50000-59999, then released`, async () => {
    const v = await probeTurnAllocate({
      host: turn.host, port: transport === 'tls' ? turn.tlsPort : turn.port, transport, timeoutMs: 5000,
      username: turn.user, password: turn.password, relayRange: [50000, 59999], servername: turn.servername, ca: turn.caPem,
    });
    assert.equal(v.kind, 'answered', v.summary);
    assert.equal(v.ok, true);
    assert.equal(v.pathOpen, true);
    const relayed = v.evidence.relayedAddress as { address: string; port: number };
    assert.equal(relayed.address, '127.0.0.1');
    assert.ok(relayed.port >= 50000 && relayed.port <= 59999, `relay port ${relayed.port}`);
    assert.equal(v.evidence.relayInRange, true);
    assert.equal(v.evidence.realm, turn.realm);
    assert.equal(v.evidence.responseIntegrity, true, 'server response MESSAGE-INTEGRITY checks with our key');
    assert.equal(typeof v.evidence.lifetime, 'number');
    assert.equal(v.evidence.released, true);
    assert.deepEqual((v.evidence.steps as string[]).slice(0, 2), ['Allocate error 401 Unauthorized', 'Allocate success']);
  });
}

test('a range the server does not use makes the same allocation not ok (relayInRange false)', async () => {
  const v = await probeTurnAllocate({ host: turn.host, port: turn.port, transport: 'udp', timeoutMs: 5000, username: turn.user, password: turn.password, relayRange: [40000, 49999] });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.evidence.relayInRange, false);
  assert.equal(v.ok, false);
  assert.equal(v.pathOpen, true);
});

test('wrong password: credentials-rejected, which still proves the path', async () => {
  const v = await probeTurnAllocate({ host: turn.host, port: turn.port, transport: 'udp', timeoutMs: 5000, username: turn.user, password: 'wrong', relayRange: [50000, 59999] });
  assert.equal(v.kind, 'credentials-rejected', v.summary);
  assert.equal(v.pathOpen, true);
  assert.equal(v.ok, false);
});

test('no credentials: the 401 challenge is an answer, the range stays unproven', async () => {
  const v = await probeTurnAllocate({ host: turn.host, port: turn.port, transport: 'tcp', timeoutMs: 5000 });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.evidence.realm, turn.realm);
  assert.equal(v.evidence.relayedAddress, undefined);
});
