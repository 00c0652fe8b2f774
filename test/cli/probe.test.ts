// End to end: `portolan probe` from the internet against the Lync 2010 reference example, inside a
// private network namespace (`unshare --net --pid`) where the example's own public addresses
// 10.45.16.10/.20/.30/.40 live on loopback and real servers answer on them — kamailio (Access Edge
// SIP 443/5061, Web Conferencing 443), coturn (A/V Edge 3478/UDP, 443/TCP, relay 50000-59999) and
// nginx (reverse proxy 80/443). Those addresses are never contacted outside that namespace.
// Then one service is stopped and the run must report its flow as failed, with exit status 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeCa, issueCert } from '../support/ca.ts';
import { runInNetns } from '../support/netns.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { certificates } from '../../src/certs/plan.ts';
import { parseProbeArgs } from '../../src/cli/commands/probe.ts';
import { UsageError } from '../../src/errors.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const EXAMPLE = 'examples/lync2010-single-consolidated-edge.yaml';
const ACCESS = '10.45.16.10', WEBCONF = '10.45.16.20', AV = '10.45.16.30', RP = '10.45.16.40';

interface Run { code: number; stdout: string; stderr: string }
interface JsonReport {
  vantage: string;
  summary: { pass: number; fail: number; requiredFail: number; notProbed: number };
  results: { outcome: string; required: boolean; requirement: string; destination: string; destination_port: number | { from: number; to: number } | null; transport: string; application: string; method: string; verdict?: { kind: string; summary: string } }[];
}
/** The JSON port (number, {from, to} or null for Any) as the tables write it. */
const portOf = (p: number | { from: number; to: number } | null) => (p === null ? 'Any' : typeof p === 'number' ? String(p) : `${p.from}-${p.to}`);


async function labFiles(dir: string) {
  const t = loadTopology(join(root, EXAMPLE));
  const plans = certificates(t);
  const edgePlan = plans.find((p) => p.interface === 'edge-external')!;
  const rpPlan = plans.find((p) => p.interface === 'reverse-proxy')!;
  const ca = await makeCa(join(dir, 'ca'));
  const edge = await issueCert(ca, { cn: edgePlan.subject, sans: edgePlan.sans, clientAuth: true, name: 'edge' });
  const rp = await issueCert(ca, { cn: rpPlan.subject, sans: rpPlan.sans, name: 'rp' });
  const av = await issueCert(ca, { cn: 'av.contoso.com', sans: ['av.contoso.com'], name: 'av' });
  for (const d of ['run', 'tmp', 'www']) await mkdir(join(dir, d));
  await writeFile(join(dir, 'tls.cfg'), `[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = ${edge.keyPath}
certificate = ${edge.certPath}
`);
  await writeFile(join(dir, 'kamailio.cfg'), `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=2
disable_sctp=yes
auto_aliases=no
enable_tls=yes
listen=tls:${ACCESS}:443
listen=tls:${ACCESS}:5061
listen=tls:${WEBCONF}:443
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tls.so"
loadmodule "sl.so"
loadmodule "pv.so"
modparam("tls", "config", "${join(dir, 'tls.cfg')}")
request_route {
  if (method == "OPTIONS") { sl_send_reply("200", "OK"); exit; }
  sl_send_reply("405", "Method Not Allowed");
}
`);
  await writeFile(join(dir, 'turnserver.conf'), [
    `listening-ip=${AV}`, `relay-ip=${AV}`, 'listening-port=3478', 'tls-listening-port=443',
    'min-port=50000', 'max-port=59999', 'realm=contoso.com', 'lt-cred-mech', 'user=portolan:Lync-2010-edge',
    'fingerprint', `cert=${av.certPath}`, `pkey=${av.keyPath}`, 'no-dtls', 'no-cli', 'no-rfc5780',
    'log-file=stdout', 'simple-log', `pidfile=${join(dir, 'turnserver.pid')}`, `userdb=${join(dir, 'turndb.sqlite')}`, '',
  ].join('\n'));
  await writeFile(join(dir, 'nginx.conf'), `
user root; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr notice;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body; proxy_temp_path ${dir}/tmp/proxy; fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi; scgi_temp_path ${dir}/tmp/scgi;
  server { listen ${RP}:80; server_name _; location / { return 200 "lyncdiscover\\n"; } }
  server { listen ${RP}:443 ssl; server_name _;
    ssl_certificate ${rp.certPath}; ssl_certificate_key ${rp.keyPath}; location / { return 200 "web services\\n"; } }
}`);
  return { ca };
}

/** The script run inside the namespace: start the servers, probe, stop nginx, probe again. */
function driver(dir: string, caFile: string): string {
  const url = (p: string) => JSON.stringify(pathToFileURL(join(root, p)).href);
  const args = [EXAMPLE, '--from', 'internet', '--format', 'json', '--timeout', '1500', '--ca', caFile, '--turn-user', 'portolan', '--turn-pass', 'Lync-2010-edge'];
  return `import { execFile } from 'node:child_process';
const { startServer } = await import(${url('test/support/servers.ts')});
const dir = ${JSON.stringify(dir)};
const kamailio = await startServer({ cmd: 'kamailio', args: ['-DD', '-E', '-m', '32', '-M', '8', '-f', dir + '/kamailio.cfg', '-Y', dir + '/run', '-P', dir + '/kamailio.pid'],
  readyPorts: [{ port: 443, proto: 'tcp', host: '${ACCESS}' }, { port: 5061, proto: 'tcp', host: '${ACCESS}' }, { port: 443, proto: 'tcp', host: '${WEBCONF}' }], timeoutMs: 20000 });
const coturn = await startServer({ cmd: 'turnserver', args: ['-c', dir + '/turnserver.conf'], cwd: dir,
  readyPorts: [{ port: 3478, proto: 'udp', host: '${AV}' }, { port: 443, proto: 'tcp', host: '${AV}' }], timeoutMs: 20000 });
const nginx = await startServer({ cmd: 'nginx', args: ['-e', 'stderr', '-p', dir, '-c', dir + '/nginx.conf', '-g', 'daemon off;'],
  readyPorts: [{ port: 80, proto: 'tcp', host: '${RP}' }, { port: 443, proto: 'tcp', host: '${RP}' }] });
// The command as \`portolan probe\` runs it (bin/portolan dispatches to the same Command object).
const shim = "import { probeCommand } from " + JSON.stringify(${url('src/cli/commands/probe.ts')}) + "; import { processIo } from " + JSON.stringify(${url('src/cli/io.ts')}) + "; process.exitCode = await probeCommand.run(process.argv.slice(1), processIo);";
const probe = () => new Promise((done) => execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', shim, '--', ...${JSON.stringify(args)}],
  { cwd: ${JSON.stringify(root)}, maxBuffer: 8 << 20 }, (err, stdout, stderr) => done({ code: err ? err.code : 0, stdout, stderr })));
const up = await probe();
await nginx.stop();
const down = await probe();
await kamailio.stop(); await coturn.stop();
process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ up, down }) + '\\n');
process.exit(0);
`;
}

test('portolan probe --from internet in a namespace holding the reference example addresses', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portolan-probe-e2e-'));
  try {
    const { ca } = await labFiles(dir);
    await writeFile(join(dir, 'driver.mts'), driver(dir, ca.certPath));
    const r = await runInNetns({
      // The example's public addresses exist only on this namespace's loopback.
      setup: [ACCESS, WEBCONF, AV, RP].map((a) => `ip addr add ${a}/32 dev lo`),
      cmd: [process.execPath, '--import', 'tsx', join(dir, 'driver.mts')],
      timeoutMs: 110_000,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'));
    assert.ok(line, `driver failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    const { up, down } = JSON.parse(line.slice('@@RESULT@@'.length)) as { up: Run; down: Run };

    const json = (x: Run): JsonReport => { try { return JSON.parse(x.stdout) as JsonReport; } catch { assert.fail(`not JSON (exit ${x.code}):\n${x.stdout}\n${x.stderr}`); } };
    const a = json(up);
    const show = (rep: JsonReport) => rep.results.map((x) => `${x.outcome} ${x.requirement} ${x.destination}:${portOf(x.destination_port)} ${x.verdict?.kind ?? ''} ${x.verdict?.summary ?? ''}`).join('\n');
    assert.equal(up.code, 0, `${show(a)}\n${up.stderr}`);
    assert.equal(up.stderr, '', 'no progress on stderr when it is not a terminal');
    assert.equal(a.vantage, 'internet');
    // every inbound row of the external firewall, each answered by the protocol it speaks
    const got = a.results.map((x) => `${x.destination}:${portOf(x.destination_port)}/${x.transport} ${x.application} ${x.outcome} ${x.verdict?.kind}`);
    assert.deepEqual(got, [
      `${ACCESS}:443/TCP SIP (TLS) pass answered`,
      `${ACCESS}:5061/TCP SIP (MTLS) pass answered`,
      `${WEBCONF}:443/TCP PSOM (TLS) pass answered`,
      `${AV}:50000-59999/TCP RTP pass answered`,
      `${AV}:50000-59999/UDP RTP pass answered`,
      `${AV}:3478/UDP STUN/MSTURN pass answered`,
      `${AV}:443/TCP STUN/MSTURN pass answered`,
      `${RP}:80/TCP HTTP pass answered`,
      `${RP}:443/TCP HTTPS pass answered`,
    ], show(a));
    assert.ok(a.results.every((x) => x.required || x.application === 'HTTP'));
    assert.match(a.results[3]!.method, /TURN Allocate/);

    // nginx stopped: the reverse proxy's required HTTPS flow fails (exit 1); its optional HTTP row does not count
    const b = json(down);
    assert.equal(down.code, 1, show(b));
    const https = b.results.find((x) => x.application === 'HTTPS')!;
    assert.deepEqual([https.outcome, https.verdict?.kind, https.required], ['fail', 'refused', true]);
    const http = b.results.find((x) => x.application === 'HTTP')!;
    assert.deepEqual([http.outcome, http.required], ['fail', false]);
    assert.equal(b.summary.requiredFail, 1);
    assert.equal(b.results.filter((x) => x.outcome === 'pass').length, 7);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('probe arguments: bad input is a usage error (exit 2)', () => {
  const bad = [
    [EXAMPLE],
    [EXAMPLE, '--from', 'mars'],
    [EXAMPLE, '--from', 'internet', '--target', 'example.com'],
    [EXAMPLE, '--from', 'internet', '--format', 'xml'],
    [EXAMPLE, '--from', 'internet', '--timeout', '0'],
    [EXAMPLE, '--from', 'internet', '--client-cert', 'x.pem'],
    [EXAMPLE, '--from', 'internet', '--turn-user', 'u'],
    [EXAMPLE, '--from', 'internet', '--resolver', '10.0.0.1:99999'],
    [EXAMPLE, '--from', 'internet', '--ca', '/nonexistent/ca.pem'],
  ];
  for (const args of bad) assert.throws(() => parseProbeArgs(args), UsageError, args.join(' '));
  const ok = parseProbeArgs([EXAMPLE, '--from', '192.0.2.7', '--target', '198.51.100.1', '--target', '198.51.100.2', '--resolver', '[2001:db8::53]:5353', '--rate', '0']);
  assert.deepEqual(ok.plan.vantage, { kind: 'address', address: '192.0.2.7' });
  assert.deepEqual(ok.plan.targets, ['198.51.100.1', '198.51.100.2']);
  assert.deepEqual(ok.plan.resolver, { host: '2001:db8::53', port: 5353 });
  assert.equal(ok.run.ratePerSecond, 0);
});
