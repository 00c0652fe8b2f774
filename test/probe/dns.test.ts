// DNS verdicts against a real dnsmasq on loopback serving an edge deployment's records:
// the expected SRV/A/AAAA (answered), records that point elsewhere (mismatch), an absent name and
// an absent type (missing-record), a port with no server (refused) and, inside a private network
// namespace, the same dnsmasq behind an nftables drop rule (filtered).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeDns } from '../../src/probe/dns.ts';
import type { Verdict } from '../../src/probe/verdict.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';
import { callInNetns, nftInput } from '../support/netns.ts';

let dir: string;
let port: number;
let dnsmasq: RunningServer;

function config(p: number): string {
  return [
    `port=${p}`, 'listen-address=127.0.0.1', 'bind-interfaces', 'no-resolv', 'no-hosts', 'local=/contoso.com/',
    'host-record=sip.contoso.com,131.107.155.10,2001:db8:0:0::10',
    'host-record=webcon.contoso.com,131.107.155.20',
    'host-record=av.contoso.com,131.107.155.30',
    'srv-host=_sip._tls.contoso.com,sip.contoso.com,443,0,0',
    'srv-host=_sipfederationtls._tcp.contoso.com,sip.contoso.com,5061,0,0',
    // a load-balanced pair and a record pointing at the wrong port
    'srv-host=_sipinternaltls._tcp.contoso.com,fe1.contoso.com,5061,0,50',
    'srv-host=_sipinternaltls._tcp.contoso.com,fe2.contoso.com,5061,0,50',
    'srv-host=_xmpp-server._tcp.contoso.com,xmpp.contoso.com,5288,0,0',
    '',
  ].join('\n');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-dns-'));
  port = await freePort();
  await writeFile(join(dir, 'dnsmasq.conf'), config(port));
  dnsmasq = await startServer({
    cmd: 'dnsmasq',
    args: ['--keep-in-foreground', '--log-facility=-', '--log-queries', `--conf-file=${join(dir, 'dnsmasq.conf')}`, '--user=root', `--pid-file=${join(dir, 'pid')}`],
    readyPorts: [{ port, proto: 'udp' }, { port, proto: 'tcp' }],
  });
});

after(async () => {
  await dnsmasq?.stop();
  await rm(dir, { recursive: true, force: true });
});

const ask = (o: object) => probeDns({ host: '127.0.0.1', port, timeoutMs: 2000, ...o } as Parameters<typeof probeDns>[0]);

test('answered: the access edge SRV records point where the topology says', async () => {
  const tls = await ask({ name: '_sip._tls.contoso.com', type: 'SRV', expected: [{ target: 'sip.contoso.com', port: 443 }] });
  assert.equal(tls.kind, 'answered', tls.summary);
  assert.equal(tls.ok, true);
  assert.deepEqual(tls.evidence.targetsOutsideDomain, []);
  const fed = await ask({ name: '_sipfederationtls._tcp.contoso.com', type: 'SRV', expected: [{ target: 'SIP.contoso.com.', port: 5061, priority: 0, weight: 0 }] });
  assert.equal(fed.kind, 'answered', fed.summary);
});

test('answered: A and AAAA compare as addresses (IPv6 in any spelling)', async () => {
  const a = await ask({ name: 'sip.contoso.com', type: 'A', expected: ['131.107.155.10'] });
  assert.equal(a.kind, 'answered', a.summary);
  const aaaa = await ask({ name: 'sip.contoso.com', type: 'AAAA', expected: ['2001:0db8:0000::0010'] });
  assert.equal(aaaa.kind, 'answered', aaaa.summary);
});

test('mismatch: a record exists but points to another address or port', async () => {
  const a = await ask({ name: 'av.contoso.com', type: 'A', expected: ['131.107.155.31'] });
  assert.equal(a.kind, 'mismatch');
  assert.equal(a.pathOpen, true);
  assert.deepEqual(a.evidence.missing, ['131.107.155.31']);
  assert.deepEqual(a.evidence.unexpected, ['131.107.155.30']);
  const xmpp = await ask({ name: '_xmpp-server._tcp.contoso.com', type: 'SRV', expected: [{ target: 'xmpp.contoso.com', port: 5269 }] });
  assert.equal(xmpp.kind, 'mismatch');
});

test('mismatch unless allowed: an extra pool member', async () => {
  const one = [{ target: 'fe1.contoso.com', port: 5061 }];
  assert.equal((await ask({ name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', expected: one })).kind, 'mismatch');
  assert.equal((await ask({ name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', expected: one, allowExtra: true })).kind, 'answered');
});

test('missing-record: an absent name (NXDOMAIN) and an absent type (NODATA)', async () => {
  const nx = await ask({ name: 'lyncdiscover.contoso.com', type: 'A', expected: ['131.107.155.40'] });
  assert.equal(nx.kind, 'missing-record');
  assert.equal(nx.evidence.code, 'ENOTFOUND');
  const nodata = await ask({ name: 'webcon.contoso.com', type: 'AAAA' });
  assert.equal(nodata.kind, 'missing-record');
  assert.equal(nodata.evidence.code, 'ENODATA');
});

test('protocol-error: the resolver answers REFUSED for a domain it does not serve', async () => {
  const v = await ask({ name: '_sip._tls.fabrikam.com', type: 'SRV' });
  assert.equal(v.kind, 'protocol-error');
  assert.equal(v.evidence.code, 'EREFUSED');
  assert.equal(v.pathOpen, true);
});

test('refused: no DNS server on that port (ICMP port unreachable)', async () => {
  const v = await probeDns({ host: '127.0.0.1', port: await freePort(), timeoutMs: 2000, name: 'sip.contoso.com', type: 'A' });
  assert.equal(v.kind, 'refused');
});

test('filtered vs answered: the same dnsmasq in a namespace, with and without a drop rule', async () => {
  const p = await freePort();
  const conf = join(dir, `netns-${p}.conf`);
  await writeFile(conf, config(p));
  const start = `dnsmasq --conf-file=${conf} --user=root --pid-file=${join(dir, `netns-${p}.pid`)}`; // daemonises once bound
  const args = [{ host: '127.0.0.1', port: p, timeoutMs: 700, name: 'sip.contoso.com', type: 'A', expected: ['131.107.155.10'] }];
  const open = await callInNetns<Verdict>({ module: 'src/probe/dns.ts', fn: 'probeDns', args, setup: [start] });
  assert.equal(open.kind, 'answered', open.summary);
  const dropped = await callInNetns<Verdict>({
    module: 'src/probe/dns.ts', fn: 'probeDns', args, setup: [start, ...nftInput(`udp dport ${p} drop`)],
  });
  assert.equal(dropped.kind, 'filtered', dropped.summary);
  assert.equal(dropped.pathOpen, false);
});
