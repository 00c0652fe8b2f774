// --resolve: the Front End servers a published topology leaves at 0.0.0.0 are looked up in DNS.
// The resolver is Debian's dnsmasq on loopback, on a high port, answering from a hosts file; no
// other server is ever asked.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';
import { rendererTargets } from '../../src/platforms/index.ts';
import { renderAll } from '../../src/platforms/render-all.ts';
import { loadTopologyInput } from '../../src/cli/topology-input.ts';
import { parseTopology } from '../../src/topology/load.ts';

const DIR = 'test/fixtures/import';
const XML = `${DIR}/lync2013-director-mediation-pstn.xml`;
const OVERLAY = `${DIR}/lync2013-director-mediation-pstn.overlay.yaml`;
let dns: RunningServer;
let server = '';

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

before(async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'portolan-resolve-'));
  dns = await startServer({
    cmd: 'dnsmasq',
    args: ['--keep-in-foreground', '--no-daemon', '--conf-file=/dev/null', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces',
      '--no-resolv', '--no-hosts', '--local=/contoso.local/', `--addn-hosts=${resolve(DIR, 'lync2013-director-mediation-pstn.hosts')}`, '--user=root', `--pid-file=${join(dir, 'pid')}`],
    readyPorts: [{ port, proto: 'udp' }],
  });
  server = `127.0.0.1:${port}`;
});
after(async () => { await dns?.stop(); });

test('with --resolve (dnsmasq on loopback): the 0.0.0.0 Front End servers get the addresses of the hosts file', async () => {
  const r = await run('flows', XML, '--overlay', OVERLAY, '--resolve', '--resolver', server, '--firewall', 'internal', '--format', 'csv');
  assert.equal(r.code, 0, r.err);
  const rows = r.out.trim().split('\n').slice(1).map((l) => l.split(',').slice(1, 8).join(','));
  assert.deepEqual(rows, [
    'out,Access,192.168.10.80,Any,172.25.33.10,5061,TCP',
    'in,Access,172.25.33.10,Any,192.168.10.80,5061,TCP',
    'out,Web Conferencing,192.168.10.90 192.168.10.91,Any,172.25.33.10,8057,TCP',
    'out,A/V,192.168.10.90 192.168.10.91,Any,172.25.33.10,5062,TCP',
    'out,A/V,Any,Any,172.25.33.10,3478,UDP',
    'out,A/V,Any,Any,172.25.33.10,443,TCP',
    'out,Access,Any,Any,172.25.33.10,4443,TCP',
    'out,Access,Any,Any,172.25.33.10,50001,TCP',
    'out,Access,Any,Any,172.25.33.10,50002,TCP',
    'out,Access,Any,Any,172.25.33.10,50003,TCP',
  ]);
  const check = await run('check', XML, '--resolve', '--resolver', server);
  assert.doesNotMatch(check.out, /unresolved-address/);
});

test('resolved import + overlay and the hand-written YAML: byte-identical flows and render output (every target)', async () => {
  for (const format of ['table', 'csv', 'json', 'markdown']) {
    const a = await run('flows', XML, '--overlay', OVERLAY, '--resolve', '--resolver', server, '--format', format);
    const b = await run('flows', `${DIR}/lync2013-director-mediation-pstn.yaml`, '--format', format);
    assert.equal(a.code, 0, a.err);
    assert.equal(a.out, b.out, format);
  }
  const imported = await loadTopologyInput(XML, { overlay: OVERLAY, resolve: true, resolver: server });
  const written = parseTopology(readFileSync(`${DIR}/lync2013-director-mediation-pstn.yaml`, 'utf8'), 'hand-written');
  for (const target of rendererTargets()) assert.deepEqual(renderAll(imported, target), renderAll(written, target), target);
});

test('import --resolve writes the looked-up addresses, commented with the element and the resolver', async () => {
  const r = await run('import', XML, '--resolve', '--resolver', server);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /# Hosts at 0\.0\.0\.0 in the file were resolved with DNS server 127\.0\.0\.1:\d+\./);
  assert.match(r.out, /\n {8}address: 192\.168\.10\.90 {2}# <NetInterface> line 22\n/);
  assert.match(r.out, /\n {8}address: 192\.168\.10\.91 {2}# <NetInterface> line 26\n/);
});

test('a name the resolver does not know is an error at its element, exit 2', async () => {
  const hosts = `${DIR}/lync2013-director-mediation-pstn.xml`;
  const text = readFileSync(hosts, 'utf8').replace('fe02.contoso.local', 'fe09.contoso.local');
  const dir = mkdtempSync(join(tmpdir(), 'portolan-resolve-'));
  const file = join(dir, 'topology.xml');
  (await import('node:fs')).writeFileSync(file, text);
  const r = await run('flows', file, '--resolve', '--resolver', server);
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(`${file.replace(/[.]/g, '\\.')}:26:9: fe09\\.contoso\\.local has no address in the file \\(0\\.0\\.0\\.0\\) and the resolver 127\\.0\\.0\\.1:\\d+ has no A or AAAA record for it`));
});

test('--resolver is checked; --resolve refuses a YAML topology', async () => {
  assert.equal((await run('flows', XML, '--resolve', '--resolver', 'dns.example')).code, 2);
  const y = await run('flows', 'examples/lync2010-single-consolidated-edge.yaml', '--resolve');
  assert.equal(y.code, 2);
  assert.match(y.err, /--resolve and --resolver are for Topology Builder XML/);
});
