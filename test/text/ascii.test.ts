import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiFold } from '../../src/text/ascii.ts';

test('asciiFold: the table names and quotes of the documents become readable ASCII', () => {
  assert.equal(asciiFold('Port and firewall planning → External port firewall summary table'), 'Port and firewall planning -> External port firewall summary table');
  assert.equal(asciiFold('3478 outbound is: • Used by … “Edge” – café'), '3478 outbound is: * Used by ... "Edge" - cafe');
  assert.equal(asciiFold('a\r\nb\tc'), 'a b c');
  assert.equal(asciiFold('名前 ✓'), '?? ?');
  assert.match(asciiFold('\u{1F600}'), /^\?+$/);
});
