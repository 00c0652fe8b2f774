// SIP OPTIONS verdicts against a real kamailio on loopback, listening on TLS, MTLS (client
// certificate required and verified), TCP, and a TLS port whose route answers 403.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeSip } from '../../src/probe/sip.ts';
import type { Verdict } from '../../src/probe/verdict.ts';
import { makeCa, issueCert, type Ca, type Issued } from '../support/ca.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';
import { callInNetns, nftInput } from '../support/netns.ts';

let dir: string;
let ca: Ca;
let partner: Issued; // a federation partner's client certificate from our CA
let stranger: Issued; // a client certificate from a CA kamailio does not trust
let kamailio: RunningServer;
const port = { tls: 0, mtls: 0, tcp: 0, forbidden: 0 };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-sip-'));
  ca = await makeCa(join(dir, 'ca'));
  const other = await makeCa(join(dir, 'other'), { cn: 'Untrusted CA' });
  const edge = await issueCert(ca, { cn: 'sip.contoso.com', sans: ['sip.contoso.com', 'webcon.contoso.com'], clientAuth: true });
  partner = await issueCert(ca, { cn: 'sip.fabrikam.com', sans: ['sip.fabrikam.com'], clientAuth: true });
  stranger = await issueCert(other, { cn: 'sip.litware.com', sans: ['sip.litware.com'], clientAuth: true });
  for (const k of Object.keys(port) as (keyof typeof port)[]) port[k] = await freePort();
  await mkdir(join(dir, 'run'));
  await writeFile(join(dir, 'tls.cfg'), `
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = ${edge.keyPath}
certificate = ${edge.certPath}

[server:127.0.0.1:${port.mtls}]
method = TLSv1.2+
verify_certificate = yes
require_certificate = yes
private_key = ${edge.keyPath}
certificate = ${edge.certPath}
ca_list = ${ca.certPath}
`);
  await writeFile(join(dir, 'kamailio.cfg'), `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
disable_sctp=yes
auto_aliases=no
enable_tls=yes
listen=tls:127.0.0.1:${port.tls}
listen=tls:127.0.0.1:${port.mtls}
listen=tcp:127.0.0.1:${port.tcp}
listen=tls:127.0.0.1:${port.forbidden}
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tls.so"
loadmodule "sl.so"
loadmodule "pv.so"
modparam("tls", "config", "${join(dir, 'tls.cfg')}")
request_route {
  if ($Rp == ${port.forbidden}) { sl_send_reply("403", "Forbidden"); exit; }
  if (method == "OPTIONS") { sl_send_reply("200", "OK"); exit; }
  sl_send_reply("405", "Method Not Allowed");
}
`);
  kamailio = await startServer({
    cmd: 'kamailio',
    args: ['-DD', '-E', '-m', '32', '-M', '8', '-f', join(dir, 'kamailio.cfg'), '-Y', join(dir, 'run'), '-P', join(dir, 'kamailio.pid')],
    readyPorts: Object.values(port).map((p) => ({ port: p, proto: 'tcp' as const })),
    timeoutMs: 15_000,
  });
});

after(async () => {
  await kamailio?.stop();
  await rm(dir, { recursive: true, force: true });
});

const base = { host: '127.0.0.1', servername: 'sip.contoso.com', timeoutMs: 3000 };

test('answered: OPTIONS over TLS gets 200, certificate names and chain check out', async () => {
  const v = await probeSip({ ...base, port: port.tls, transport: 'TLS', caFile: ca.certPath, expectedNames: ['sip.contoso.com', 'webcon.contoso.com'] });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.ok, true);
  assert.equal(v.evidence.status, 200);
  assert.equal(v.evidence.statusLine, 'SIP/2.0 200 OK');
  assert.match(String(v.evidence.server), /kamailio/);
  assert.match(String((v.evidence.tls as { protocol: string }).protocol), /^TLSv1\.[23]$/);
});

test('answered: OPTIONS over TCP 5060-style gets 200', async () => {
  const v = await probeSip({ ...base, port: port.tcp, transport: 'TCP' });
  assert.equal(v.kind, 'answered', v.summary);
  assert.equal(v.evidence.tls, undefined);
});

test('answered: MTLS with a client certificate the server trusts', async () => {
  const v = await probeSip({ ...base, port: port.mtls, transport: 'MTLS', clientCert: partner, caFile: ca.certPath, fromDomain: 'fabrikam.com' });
  assert.equal(v.kind, 'answered', v.summary);
});

test('tls-error: MTLS port refuses a client certificate from an untrusted CA, and none at all', async () => {
  const untrusted = await probeSip({ ...base, port: port.mtls, transport: 'MTLS', clientCert: stranger });
  assert.equal(untrusted.kind, 'tls-error', untrusted.summary);
  assert.equal(untrusted.evidence.code, 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA');
  assert.equal(untrusted.pathOpen, true);
  const none = await probeSip({ ...base, port: port.mtls, transport: 'TLS' });
  assert.equal(none.kind, 'tls-error', none.summary);
  assert.equal(none.evidence.code, 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
});

test('protocol-error: a SIP error status still proves the path, with the status as evidence', async () => {
  const v = await probeSip({ ...base, port: port.forbidden, transport: 'TLS' });
  assert.equal(v.kind, 'protocol-error');
  assert.equal(v.pathOpen, true);
  assert.equal(v.ok, false);
  assert.equal(v.evidence.status, 403);
  assert.equal(v.evidence.reason, 'Forbidden');
});

test('wrong-certificate: the SIP answer is kept as evidence but the name is not covered', async () => {
  const v = await probeSip({ ...base, port: port.tls, transport: 'TLS', expectedNames: ['sip.contoso.com', 'sip.fabrikam.com'] });
  assert.equal(v.kind, 'wrong-certificate');
  assert.deepEqual(v.evidence.uncovered, ['sip.fabrikam.com']);
  assert.equal(v.evidence.status, 200);
});

test('protocol-error: plain SIP sent to a TLS port gets no SIP answer', async () => {
  const v = await probeSip({ ...base, port: port.tls, transport: 'TCP', timeoutMs: 1500 });
  assert.equal(v.kind, 'protocol-error', v.summary);
  assert.match(v.summary, /closed without a SIP answer/);
  assert.equal(v.pathOpen, true);
});

test('refused and filtered come from the TCP layer', async () => {
  const refused = await probeSip({ ...base, port: await freePort(), transport: 'TLS' });
  assert.equal(refused.kind, 'refused');
  const p = await freePort();
  const filtered = await callInNetns<Verdict>({
    module: 'src/probe/sip.ts', fn: 'probeSip', args: [{ ...base, port: p, transport: 'TCP', timeoutMs: 500 }],
    listenTcp: [p], setup: nftInput(`tcp dport ${p} drop`),
  });
  assert.equal(filtered.kind, 'filtered');
});
