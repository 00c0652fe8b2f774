// Every TCP verdict caused for real: a listener (open), an unused port (refused), an nftables DROP
// in a private namespace (filtered), an ICMP reject and a missing route there (unreachable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { probeTcp } from '../../src/probe/tcp.ts';
import type { Verdict } from '../../src/probe/verdict.ts';
import { freePort } from '../support/servers.ts';
import { callInNetns, nftInput } from '../support/netns.ts';

test('open: a listening port completes the handshake', async () => {
  const port = await freePort();
  const server = createServer((c) => c.end());
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  try {
    const v = await probeTcp({ host: '127.0.0.1', port, timeoutMs: 2000 });
    assert.equal(v.kind, 'open');
    assert.equal(v.pathOpen, true);
    assert.equal(v.ok, true);
    assert.equal(typeof v.evidence.connectMs, 'number');
  } finally {
    server.close();
  }
});

test('refused: nothing listens, the kernel answers RST', async () => {
  const port = await freePort();
  const v = await probeTcp({ host: '127.0.0.1', port, timeoutMs: 2000 });
  assert.equal(v.kind, 'refused');
  assert.equal(v.ok, false);
  assert.equal(v.evidence.code, 'ECONNREFUSED');
});

test('filtered vs open: the same listener, with and without an nftables drop rule', async () => {
  const port = await freePort();
  const args = [{ host: '127.0.0.1', port, timeoutMs: 500 }];
  const open = await callInNetns<Verdict>({ module: 'src/probe/tcp.ts', fn: 'probeTcp', args, listenTcp: [port] });
  assert.equal(open.kind, 'open');
  const dropped = await callInNetns<Verdict>({
    module: 'src/probe/tcp.ts', fn: 'probeTcp', args, listenTcp: [port],
    setup: nftInput(`tcp dport ${port} drop`),
  });
  assert.equal(dropped.kind, 'filtered');
  assert.equal(dropped.pathOpen, false);
  assert.ok(dropped.elapsedMs >= 450, `waited the timeout, got ${dropped.elapsedMs} ms`);
});

test('unreachable: an ICMP host-unreachable reject', async () => {
  const port = await freePort();
  const v = await callInNetns<Verdict>({
    module: 'src/probe/tcp.ts', fn: 'probeTcp', args: [{ host: '127.0.0.1', port, timeoutMs: 2000 }],
    listenTcp: [port], setup: nftInput(`tcp dport ${port} reject with icmp type host-unreachable`),
  });
  assert.equal(v.kind, 'unreachable');
  assert.equal(v.evidence.code, 'EHOSTUNREACH');
});

test('unreachable: no route to the address inside an empty namespace', async () => {
  const v = await callInNetns<Verdict>({
    module: 'src/probe/tcp.ts', fn: 'probeTcp', args: [{ host: '192.0.2.10', port: 5061, timeoutMs: 2000 }],
  });
  assert.equal(v.kind, 'unreachable');
  assert.equal(v.evidence.code, 'ENETUNREACH');
});

test('error: a name instead of an address is rejected without touching the network', async () => {
  const v = await probeTcp({ host: 'sip.contoso.com', port: 5061 });
  assert.equal(v.kind, 'error');
});
