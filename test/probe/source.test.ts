// Probes from a chosen source: the runner's source context binds every socket a probe opens
// (TCP connect, UDP echo) to the given address and port, as the lab needs inside a namespace
// with several addresses. Loopback only: 127.0.0.0/8 is all local on Linux.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { runSpec } from '../../src/probe/runner.ts';

test('tcp probe from 127.0.0.2: the server sees that source; without a source, the kernel chooses', async () => {
  const seen: string[] = [];
  const server = net.createServer((c) => { seen.push(`${c.remoteAddress}`); c.end(); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  try {
    const v = await runSpec({ kind: 'tcp', host: '127.0.0.1', port }, { timeoutMs: 2000, source: { address: '127.0.0.2' } });
    assert.equal(v.kind, 'open', v.summary);
    const w = await runSpec({ kind: 'tcp', host: '127.0.0.1', port }, { timeoutMs: 2000 });
    assert.equal(w.kind, 'open', w.summary);
    assert.deepEqual(seen, ['127.0.0.2', '127.0.0.1']);
  } finally {
    server.close();
  }
});

test('udp-echo probe from 127.0.0.3 and a fixed source port: answered by an echo, silence is no-answer', async () => {
  const seen: string[] = [];
  const echo = dgram.createSocket('udp4');
  echo.on('message', (m, r) => { seen.push(`${r.address}:${r.port}`); echo.send(m, r.port, r.address); });
  await new Promise<void>((ok) => echo.bind(0, '127.0.0.1', ok));
  const port = echo.address().port;
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((ok) => silent.bind(0, '127.0.0.1', ok));
  try {
    const v = await runSpec({ kind: 'udp-echo', host: '127.0.0.1', port }, { timeoutMs: 2000, source: { address: '127.0.0.3', port: 41234 } });
    assert.equal(v.kind, 'answered', v.summary);
    assert.deepEqual(seen, ['127.0.0.3:41234']);
    const s = await runSpec({ kind: 'udp-echo', host: '127.0.0.1', port: silent.address().port }, { timeoutMs: 300 });
    assert.equal(s.kind, 'no-answer');
    assert.equal(s.ok, false);
  } finally {
    echo.close();
    silent.close();
  }
});
