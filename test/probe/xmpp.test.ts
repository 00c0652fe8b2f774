// XMPP probes against a real prosody on loopback: s2s stream + STARTTLS + restart with the lab
// CA's certificate, an unknown domain (host-unknown), the XEP-0114 component handshake with the
// right and a wrong secret (not-authorized); and the tokenizer on chunks split at every byte.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XmppStreamParser, componentHandshake, probeXmppComponent, probeXmppS2s, type StreamEvent } from '../../src/probe/xmpp.ts';
import { issueCert, makeCa } from '../support/ca.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';

const DOMAIN = 'example.test';
const COMPONENT = 'gateway.example.test';
const SECRET = 'Lync-XMPP-gateway-secret';
let dir: string;
let server: RunningServer;
let s2sPort: number;
let componentPort: number;
let caPem: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-prosody-'));
  const ca = await makeCa(join(dir, 'ca'));
  caPem = ca.pem;
  const cert = await issueCert(ca, { cn: DOMAIN, sans: [DOMAIN, `xmpp.${DOMAIN}`, COMPONENT] });
  await mkdir(join(dir, 'certs'));
  await mkdir(join(dir, 'data'));
  await copyFile(cert.certPath, join(dir, 'certs', `${DOMAIN}.crt`));
  await copyFile(cert.keyPath, join(dir, 'certs', `${DOMAIN}.key`));
  s2sPort = await freePort();
  do componentPort = await freePort(); while (componentPort === s2sPort);
  const cfg = `run_as_root = true
pidfile = "${dir}/prosody.pid"
data_path = "${dir}/data"
log = { { levels = { min = "info" }, to = "console" } }
interfaces = { "127.0.0.1" }
c2s_ports = { }
c2s_direct_tls_ports = { }
s2s_direct_tls_ports = { }
http_ports = { }
https_ports = { }
s2s_ports = { ${s2sPort} }
component_ports = { ${componentPort} }
component_interfaces = { "127.0.0.1" }
modules_enabled = { "tls", "dialback", "disco", "saslauth" }
modules_disabled = { "posix" }
s2s_require_encryption = false
s2s_secure_auth = false
certificates = "${dir}/certs"
ssl = { certificate = "${dir}/certs/${DOMAIN}.crt", key = "${dir}/certs/${DOMAIN}.key" }
VirtualHost "${DOMAIN}"
Component "${COMPONENT}"
  component_secret = "${SECRET}"
`;
  await writeFile(join(dir, 'prosody.cfg.lua'), cfg);
  server = await startServer({
    cmd: 'prosody', args: ['--config', join(dir, 'prosody.cfg.lua'), '-F'], cwd: dir,
    readyPorts: [{ port: s2sPort, proto: 'tcp' }, { port: componentPort, proto: 'tcp' }], timeoutMs: 15_000,
  });
});

after(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('s2s: stream opens, STARTTLS → proceed → TLS → restart, certificate names the domain', async () => {
  const v = await probeXmppS2s({ host: '127.0.0.1', port: s2sPort, domain: DOMAIN, ca: caPem, timeoutMs: 5000 });
  assert.equal(v.kind, 'answered', `${v.summary}\n${server.logs()}`);
  assert.equal(v.ok, true);
  assert.equal(v.evidence.starttlsOffered, true);
  assert.equal(v.evidence.dialback, true);
  assert.equal(v.evidence.plainStreamVersion, '1.0');
  assert.ok(v.evidence.tlsStreamId, 'a new stream id after the TLS restart');
  assert.notEqual(v.evidence.tlsStreamId, v.evidence.plainStreamId);
  const tls = v.evidence.tls as Record<string, unknown>;
  assert.equal(tls.authorized, true);
  assert.equal(tls.nameMatches, true);
  assert.match(String(tls.subjectAltName), /DNS:example\.test/);
});

test('s2s without STARTTLS: the clear-text features are the answer', async () => {
  const v = await probeXmppS2s({ host: '127.0.0.1', port: s2sPort, domain: DOMAIN, starttls: false, timeoutMs: 5000 });
  assert.equal(v.kind, 'answered', v.summary);
  assert.ok((v.evidence.features as string[]).includes('starttls'));
  assert.equal(v.evidence.tls, undefined);
});

test('s2s to a domain the server does not host: stream error host-unknown', async () => {
  const v = await probeXmppS2s({ host: '127.0.0.1', port: s2sPort, domain: 'unknown.example', timeoutMs: 5000 });
  assert.equal(v.kind, 'protocol-error', v.summary);
  assert.equal(v.pathOpen, true);
  assert.equal(v.evidence.streamError, 'host-unknown');
});

test('component (XEP-0114): the right secret gets <handshake/>', async () => {
  const v = await probeXmppComponent({ host: '127.0.0.1', port: componentPort, domain: COMPONENT, secret: SECRET, timeoutMs: 5000 });
  assert.equal(v.kind, 'answered', `${v.summary}\n${server.logs()}`);
  assert.ok(v.evidence.streamId);
});

test('component: a wrong secret is a stream error not-authorized (path open)', async () => {
  const v = await probeXmppComponent({ host: '127.0.0.1', port: componentPort, domain: COMPONENT, secret: 'wrong', timeoutMs: 5000 });
  assert.equal(v.kind, 'protocol-error', v.summary);
  assert.equal(v.pathOpen, true);
  assert.equal(v.evidence.streamError, 'not-authorized');
});

test('closed port: refused', async () => {
  const port = await freePort();
  const v = await probeXmppS2s({ host: '127.0.0.1', port, domain: DOMAIN, timeoutMs: 2000 });
  assert.equal(v.kind, 'refused');
});

test('XEP-0114 handshake value: lower-case hex SHA-1 of stream id + secret', () => {
  // Expected value computed independently: printf '3BF96D32sesame' | sha1sum
  assert.equal(componentHandshake('3BF96D32', 'sesame'), '7a98dc4c9e92493d7fd66a25364c862637789c45');
});

test('stream parser gives the same events whatever the chunking', () => {
  const xml = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' id="a>b" from='x&amp;y'>` +
    `<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>` +
    `<!-- c > d --><stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>nö</text></stream:error></stream:stream>`;
  const bytes = Buffer.from(xml, 'utf8');
  const whole = new XmppStreamParser().push(bytes);
  const summary = (evs: StreamEvent[]) => JSON.stringify(evs);
  assert.equal(whole.length, 4);
  assert.equal(whole[0]!.kind === 'open' && whole[0]!.attrs.id, 'a>b');
  assert.equal(whole[0]!.kind === 'open' && whole[0]!.attrs.from, 'x&y');
  for (let cut = 1; cut < bytes.length; cut++) {
    const p = new XmppStreamParser();
    assert.equal(summary([...p.push(bytes.subarray(0, cut)), ...p.push(bytes.subarray(cut))]), summary(whole), `cut at ${cut}`);
  }
  const p = new XmppStreamParser();
  const one: StreamEvent[] = [];
  for (const b of bytes) one.push(...p.push(Buffer.from([b])));
  assert.equal(summary(one), summary(whole));
});
