import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complementPorts, formatPortRange, mergePorts, parsePortRange, portNumber } from '../../src/net/port.ts';

test('one port range form, read and written', () => {
  assert.deepEqual(parsePortRange('443'), { from: 443, to: 443 });
  assert.deepEqual(parsePortRange('50000-59999'), { from: 50000, to: 59999 });
  assert.deepEqual(parsePortRange('1024:65535'), { from: 1024, to: 65535 });
  for (const bad of ['65536', '10-5', 'http', '1-2-3', '']) assert.equal(parsePortRange(bad), undefined, bad);
  assert.equal(formatPortRange({ from: 443, to: 443 }), '443');
  assert.equal(formatPortRange({ from: 50000, to: 59999 }), '50000-59999');
  assert.equal(formatPortRange({ from: 50000, to: 59999 }, ':'), '50000:59999');
  for (const text of ['0', '5061', '1-65535']) assert.equal(formatPortRange(parsePortRange(text)!), text);
});

test('merge, complement and service names', () => {
  assert.deepEqual(mergePorts([{ from: 10, to: 20 }, { from: 1, to: 9 }, { from: 30, to: 30 }]), [{ from: 1, to: 20 }, { from: 30, to: 30 }]);
  assert.deepEqual(complementPorts([{ from: 1, to: 65534 }]), [{ from: 0, to: 0 }, { from: 65535, to: 65535 }]);
  assert.equal(portNumber('sips'), 5061);
  assert.equal(portNumber('HTTPS'), 443);
  assert.equal(portNumber(70000), undefined);
});
