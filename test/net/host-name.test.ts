import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostName, unresolvedIn } from '../../src/net/host-name.ts';

test('a host name is told from an address by syntax: the last label is letters', () => {
  for (const n of ['fe01.contoso.local', 'sip.contoso.com', 'a-b.c.de']) assert.equal(isHostName(n), true, n);
  for (const a of ['192.168.10.90', '10.0.0.300', '::1', '2001:db8::1', 'fe80::1%eth0', 'localhost', '-a.contoso.com', 'a_b.contoso.com', '192.168.10.0/24', '']) assert.equal(isHostName(a), false, a);
});

test('unresolvedIn keeps the names, in order, each once', () => {
  assert.deepEqual(unresolvedIn(['10.0.0.1', 'fe02.contoso.local', 'fe01.contoso.local', 'fe02.contoso.local']), ['fe02.contoso.local', 'fe01.contoso.local']);
});
