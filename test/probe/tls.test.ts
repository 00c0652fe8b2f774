// TLS verdicts against a real nginx on loopback, with certificates from a lab CA made by openssl:
// the right certificate (answered), a certificate chosen by SNI that lacks the asked name
// (wrong-certificate), an expired one (expired-certificate), an untrusted chain, a plain-HTTP
// port (tls-error) and a closed port (refused, from the TCP layer).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeTls } from '../../src/probe/tls.ts';
import { makeCa, issueCert, type Ca } from '../support/ca.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';

let dir: string;
let ca: Ca;
let otherCa: Ca;
let nginx: RunningServer;
const port = { sni: 0, expired: 0, untrusted: 0, plain: 0 };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-tls-'));
  ca = await makeCa(join(dir, 'ca'));
  otherCa = await makeCa(join(dir, 'other-ca'), { cn: 'Somebody Else CA' });
  const edge = await issueCert(ca, { cn: 'sip.contoso.com', sans: ['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com'] });
  const internal = await issueCert(ca, { cn: 'edgepool.contoso.net' }); // subject only, as the internal edge
  const expired = await issueCert(ca, { cn: 'old.contoso.com', sans: ['old.contoso.com'], expired: true });
  const stranger = await issueCert(otherCa, { cn: 'sip.contoso.com', sans: ['sip.contoso.com'] });
  for (const k of Object.keys(port) as (keyof typeof port)[]) port[k] = await freePort();
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(dir, 'tmp', t), { recursive: true });
  const tls = (p: number, c: { certPath: string; keyPath: string }, name = '_', extra = '') => `
    server { listen 127.0.0.1:${p} ssl; server_name ${name}; ${extra}
      ssl_certificate ${c.certPath}; ssl_certificate_key ${c.keyPath};
      location / { return 200 "ok\\n"; } }`;
  await writeFile(join(dir, 'nginx.conf'), `
user root; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr notice;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body; proxy_temp_path ${dir}/tmp/proxy; fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi; scgi_temp_path ${dir}/tmp/scgi;
  ${tls(port.sni, internal, '_')}
  ${tls(port.sni, edge, 'sip.contoso.com')}
  ${tls(port.expired, expired)}
  ${tls(port.untrusted, stranger)}
  server { listen 127.0.0.1:${port.plain}; location / { return 200 "plain\\n"; } }
}`);
  nginx = await startServer({
    cmd: 'nginx', args: ['-e', 'stderr', '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    readyPorts: Object.values(port).map((p) => ({ port: p, proto: 'tcp' as const })),
  });
});

after(async () => {
  await nginx?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('answered: SNI picks the edge certificate; every expected SAN is covered and the chain is trusted', async () => {
  const v = await probeTls({
    host: '127.0.0.1', port: port.sni, servername: 'sip.contoso.com', caFile: ca.certPath,
    expectedNames: ['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com'], timeoutMs: 3000,
  });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.ok, true);
  assert.match(String(v.evidence.protocol), /^TLSv1\.[23]$/);
  assert.equal(typeof v.evidence.cipher, 'string');
  assert.equal(v.evidence.authorized, true);
  const cert = v.evidence.certificate as { subjectAltNames: string[]; subject: string };
  assert.ok(cert.subjectAltNames.includes('DNS:webcon.contoso.com'));
  assert.equal(cert.subject, 'CN=sip.contoso.com');
});

test('answered: a subject-only certificate (internal edge) matches its subject name', async () => {
  const v = await probeTls({ host: '127.0.0.1', port: port.sni, servername: 'edgepool.contoso.net', caFile: ca.certPath });
  assert.equal(v.kind, 'answered', v.summary);
});

test('wrong-certificate: the name asked by SNI is not on the certificate served', async () => {
  const v = await probeTls({ host: '127.0.0.1', port: port.sni, servername: 'av.contoso.com' });
  assert.equal(v.kind, 'wrong-certificate');
  assert.equal(v.pathOpen, true);
  assert.deepEqual(v.evidence.uncovered, ['av.contoso.com']);
});

test('wrong-certificate: an expected SAN is missing even though SNI matched', async () => {
  const v = await probeTls({
    host: '127.0.0.1', port: port.sni, servername: 'sip.contoso.com',
    expectedNames: ['sip.contoso.com', 'xmpp.contoso.com'],
  });
  assert.equal(v.kind, 'wrong-certificate');
  assert.deepEqual(v.evidence.uncovered, ['xmpp.contoso.com']);
});

test('wrong-certificate: right name, but issued by a CA we do not trust', async () => {
  const v = await probeTls({ host: '127.0.0.1', port: port.untrusted, servername: 'sip.contoso.com', caFile: ca.certPath });
  assert.equal(v.kind, 'wrong-certificate');
  assert.equal(v.evidence.untrusted, true);
  // without a CA file the chain is only recorded
  const lax = await probeTls({ host: '127.0.0.1', port: port.untrusted, servername: 'sip.contoso.com' });
  assert.equal(lax.kind, 'answered');
  assert.equal(lax.evidence.authorized, false);
});

test('expired-certificate: notAfter is in the past', async () => {
  const v = await probeTls({ host: '127.0.0.1', port: port.expired, servername: 'old.contoso.com', caFile: ca.certPath });
  assert.equal(v.kind, 'expired-certificate');
  assert.equal(v.pathOpen, true);
  assert.ok(Date.parse(String((v.evidence.certificate as { validTo: string }).validTo)) < Date.now());
});

test('tls-error: a plain HTTP port answers the ClientHello with something that is not TLS', async () => {
  const v = await probeTls({ host: '127.0.0.1', port: port.plain, servername: 'sip.contoso.com' });
  assert.equal(v.kind, 'tls-error');
  assert.equal(v.pathOpen, true);
});

test('refused: TCP-level verdicts pass through', async () => {
  const v = await probeTls({ host: '127.0.0.1', port: await freePort(), servername: 'sip.contoso.com' });
  assert.equal(v.kind, 'refused');
});
