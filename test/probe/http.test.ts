// HTTP, HTTPS and CRL verdicts against a real nginx on loopback (reverse proxy stand-in), with
// certificates and CRLs made by openssl: 200, a redirect reported not followed, 404, HTTPS with
// Host/SNI pinned to an address, a wrong certificate, plain HTTP sent to the TLS port, and
// fresh (DER and PEM), stale, forged and non-CRL downloads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeCrl, probeHttp } from '../../src/probe/http.ts';
import { makeCa, makeCrl, issueCert, type Ca } from '../support/ca.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';

let dir: string;
let ca: Ca;
let nginx: RunningServer;
const port = { http: 0, https: 0 };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-http-'));
  ca = await makeCa(join(dir, 'ca'));
  const other = await makeCa(join(dir, 'other'), { cn: 'Portolan Lab CA' }); // same name, different key
  const rp = await issueCert(ca, { cn: 'meet.contoso.com', sans: ['meet.contoso.com', 'dialin.contoso.com', 'lyncdiscover.contoso.com'] });
  const www = join(dir, 'www');
  await mkdir(join(www, 'crl'), { recursive: true });
  const revoked = await issueCert(ca, { cn: 'revoked.contoso.com', sans: ['revoked.contoso.com'] });
  await copyFile(await makeCrl(ca, { nextUpdateDays: 7, revoke: [revoked.certPath], name: 'fresh' }), join(www, 'crl', 'fresh.crl'));
  await copyFile(await makeCrl(ca, { nextUpdateDays: 7, format: 'pem', name: 'fresh-pem' }), join(www, 'crl', 'fresh-pem.crl'));
  await copyFile(await makeCrl(ca, { nextUpdateDays: -1, name: 'stale' }), join(www, 'crl', 'stale.crl'));
  await copyFile(await makeCrl(other, { nextUpdateDays: 7, name: 'forged' }), join(www, 'crl', 'forged.crl'));
  await writeFile(join(www, 'crl', 'garbage.crl'), 'this is not a CRL\n');
  for (const k of Object.keys(port) as (keyof typeof port)[]) port[k] = await freePort();
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(dir, 'tmp', t), { recursive: true });
  const locations = `
      root ${www};
      location = / { return 200 "lyncdiscover\\n"; }
      location = /meet { return 302 https://meet.contoso.com/contoso/abc; }
      location /crl/ { }`;
  await writeFile(join(dir, 'nginx.conf'), `
user root; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr notice;
events { worker_connections 64; }
http {
  access_log off;
  types { application/pkix-crl crl; }
  client_body_temp_path ${dir}/tmp/body; proxy_temp_path ${dir}/tmp/proxy; fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi; scgi_temp_path ${dir}/tmp/scgi;
  server { listen 127.0.0.1:${port.http}; server_name _; ${locations} }
  server { listen 127.0.0.1:${port.https} ssl; server_name _;
    ssl_certificate ${rp.certPath}; ssl_certificate_key ${rp.keyPath}; ${locations} }
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

const http = { host: '127.0.0.1', scheme: 'http' as const, hostHeader: 'crl.contoso.com', timeoutMs: 3000 };
const https = { host: '127.0.0.1', scheme: 'https' as const, servername: 'lyncdiscover.contoso.com', caFile: '', timeoutMs: 3000 };

test('answered: HTTP GET 200 on a pinned address with the Host header we chose', async () => {
  const v = await probeHttp({ ...http, port: port.http });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.evidence.status, 200);
  assert.equal(v.evidence.url, `http://crl.contoso.com:${port.http}/`);
});

test('answered: HTTPS with SNI, trusted chain and covered names', async () => {
  const v = await probeHttp({ ...https, port: port.https, caFile: ca.certPath, expectedNames: ['lyncdiscover.contoso.com', 'meet.contoso.com'] });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal((v.evidence.tls as { authorized: boolean }).authorized, true);
});

test('redirect: reported with its location, not followed', async () => {
  const v = await probeHttp({ ...https, port: port.https, caFile: ca.certPath, path: '/meet', servername: 'meet.contoso.com' });
  assert.equal(v.kind, 'answered');
  assert.equal(v.evidence.status, 302);
  assert.equal(v.evidence.location, 'https://meet.contoso.com/contoso/abc');
  const strict = await probeHttp({ ...https, port: port.https, path: '/meet', servername: 'meet.contoso.com', expectedStatus: [200] });
  assert.equal(strict.kind, 'protocol-error');
});

test('protocol-error: 404 proves the path but not the service', async () => {
  const v = await probeHttp({ ...http, port: port.http, path: '/nothing-here' });
  assert.equal(v.kind, 'protocol-error');
  assert.equal(v.pathOpen, true);
  assert.equal(v.evidence.status, 404);
});

test('protocol-error: plain HTTP sent to the HTTPS port gets nginx\'s 400', async () => {
  const v = await probeHttp({ ...http, port: port.https });
  assert.equal(v.kind, 'protocol-error');
  assert.equal(v.evidence.status, 400);
});

test('wrong-certificate: av.contoso.com is not on the reverse proxy certificate', async () => {
  const v = await probeHttp({ ...https, port: port.https, servername: 'av.contoso.com' });
  assert.equal(v.kind, 'wrong-certificate');
  assert.equal(v.evidence.status, 200, 'the HTTP answer is still recorded');
});

test('refused: nothing on the port', async () => {
  assert.equal((await probeHttp({ ...http, port: await freePort() })).kind, 'refused');
});

test('CRL answered: DER and PEM CRLs parse, issuer and signature check, dates reported', async () => {
  for (const path of ['/crl/fresh.crl', '/crl/fresh-pem.crl']) {
    const v = await probeCrl({ ...http, port: port.http, path, issuerCertFile: ca.certPath });
    assert.equal(v.kind, 'answered', v.summary);
    assert.equal(v.evidence.crlIssuer, 'CN=Portolan Lab CA');
    assert.equal(v.evidence.signatureVerified, true);
    assert.ok(Date.parse(String(v.evidence.nextUpdate)) > Date.now());
    assert.ok(Date.parse(String(v.evidence.thisUpdate)) <= Date.now());
    assert.equal(v.evidence.contentType, 'application/pkix-crl');
  }
  const der = await probeCrl({ ...http, port: port.http, path: '/crl/fresh.crl' });
  assert.equal(der.evidence.revoked, 1);
});

test('CRL protocol-error: stale (nextUpdate has passed)', async () => {
  const v = await probeCrl({ ...http, port: port.http, path: '/crl/stale.crl' });
  assert.equal(v.kind, 'protocol-error');
  assert.match(v.summary, /stale CRL/);
  assert.ok(Date.parse(String(v.evidence.nextUpdate)) < Date.now());
});

test('CRL protocol-error: same issuer name, another key (signature fails)', async () => {
  const v = await probeCrl({ ...http, port: port.http, path: '/crl/forged.crl', issuerCertFile: ca.certPath });
  assert.equal(v.kind, 'protocol-error');
  assert.match(v.summary, /signature does not verify/);
});

test('CRL protocol-error: not a CRL, and a missing CRL file', async () => {
  const garbage = await probeCrl({ ...http, port: port.http, path: '/crl/garbage.crl' });
  assert.match(garbage.summary, /not a CRL/);
  const missing = await probeCrl({ ...http, port: port.http, path: '/crl/none.crl' });
  assert.equal(missing.kind, 'protocol-error');
  assert.equal(missing.evidence.status, 404);
});
