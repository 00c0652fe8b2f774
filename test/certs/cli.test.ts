// `portolan certs`: argument parsing, certificate selection, every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { UsageError } from '../../src/errors.ts';
import { certsCommand, parseCertsArgs, renderCerts } from '../../src/cli/commands/certs.ts';
import { lync2013DnsLb, topology } from '../support/topologies.ts';

test('parseCertsArgs: defaults and bad input', () => {
  assert.deepEqual(parseCertsArgs(['t.yaml']), { file: 't.yaml', format: 'table', certificate: undefined });
  assert.deepEqual(parseCertsArgs(['t.yaml', '--format', 'openssl', '--certificate', 'reverse-proxy']), { file: 't.yaml', format: 'openssl', certificate: 'reverse-proxy' });
  for (const bad of [[], ['t.yaml', '--format', 'pem'], ['t.yaml', '--certificate']]) {
    assert.throws(() => parseCertsArgs(bad), UsageError, bad.join(' '));
  }
});

test('request formats print the external edge certificate unless one is named', () => {
  const t = lync2013DnsLb();
  assert.match(renderCerts(t, { format: 'openssl' }), /^CN = sip\.contoso\.com$/m);
  assert.match(renderCerts(t, { format: 'certreq' }), /Subject = "CN=sip\.contoso\.com"/);
  assert.match(renderCerts(t, { format: 'openssl', certificate: 'reverse-proxy' }), /^CN = webext\.contoso\.com$/m);
  assert.match(renderCerts(t, { format: 'certreq', certificate: 'edge-internal' }), /Subject = "CN=edgepool\.contoso\.net"/);
});

test('table and json list every certificate; --certificate narrows them; unknown names are usage errors', () => {
  const t = lync2013DnsLb();
  assert.deepEqual(JSON.parse(renderCerts(t, { format: 'json' })).certificates.map((c: { name: string }) => c.name), ['edge-external', 'edge-internal', 'reverse-proxy']);
  assert.equal(JSON.parse(renderCerts(t, { format: 'json', certificate: 'edge-internal' })).certificates.length, 1);
  assert.match(renderCerts(t, { format: 'table' }), /^NAME\s+SUBJECT/);
  assert.throws(() => renderCerts(t, { format: 'table', certificate: 'nope' }), /edge-external, edge-internal, reverse-proxy/);
  assert.throws(() => renderCerts(topology(), { format: 'openssl' }), UsageError);
});

const examples = existsSync('examples') ? readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort() : [];

test('examples: `portolan certs` prints every format', async () => {
  assert.ok(examples.length > 0, 'examples/*.yaml');
  for (const ex of examples) {
    for (const format of ['table', 'json']) {
      let out = '';
      const code = await certsCommand.run([`examples/${ex}`, '--format', format], { stdout: (s) => (out += s), stderr: () => {}, isTTY: false });
      assert.equal(code, 0);
      assert.ok(out.length > 0, `${ex} ${format}`);
    }
  }
});
