// Resolves every generated record through a real DNS server: dnsmasq (Debian) on loopback, one
// instance per view, loaded with the dnsmasq output, queried with node:dns/promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDnsmasq } from '../../src/dns/format-dnsmasq.ts';
import { DNS_VIEWS, dnsRecords, type DnsRecord } from '../../src/dns/records.ts';
import { zones } from '../../src/dns/zones.ts';
import { ALL_TOPOLOGIES, everyTopology } from '../support/topologies.ts';

/** A UDP port free right now on loopback. */
async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((ok) => s.bind(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

async function startDnsmasq(dir: string, conf: string): Promise<{ proc: ChildProcess; port: number; stderr: () => string }> {
  const file = join(dir, 'dnsmasq.conf');
  await writeFile(file, conf);
  const port = await freePort();
  const proc = spawn('dnsmasq', [
    '--keep-in-foreground', '--no-daemon', '-C', file, `--port=${port}`, '--listen-address=127.0.0.1',
    '--bind-interfaces', '--no-resolv', '--no-hosts', '--user=root', `--pid-file=${join(dir, 'dnsmasq.pid')}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<never>((_, reject) => proc.once('exit', (c) => reject(new Error(`dnsmasq exited ${c}: ${err}`))));
  // Ready when it answers (ENOTFOUND is an answer).
  const r = resolver(port);
  const deadline = Date.now() + 5000;
  for (;;) {
    const ok = await Promise.race([
      r.resolve4('ready.invalid').then(() => true, (e: NodeJS.ErrnoException) => e.code === 'ENOTFOUND' || e.code === 'ENODATA' || e.code === 'EREFUSED'),
      exited,
    ]);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`dnsmasq did not answer: ${err}`);
    await new Promise((ok2) => setTimeout(ok2, 50));
  }
  exited.catch(() => {});
  return { proc, port, stderr: () => err };
}

function resolver(port: number): Resolver {
  const r = new Resolver({ timeout: 1000, tries: 2 });
  r.setServers([`127.0.0.1:${port}`]);
  return r;
}

function group(records: DnsRecord[]): Map<string, DnsRecord[]> {
  const m = new Map<string, DnsRecord[]>();
  for (const r of records) m.set(`${r.type} ${r.name}`, [...(m.get(`${r.type} ${r.name}`) ?? []), r]);
  return m;
}

for (const [name, make] of everyTopology()) {
  for (const view of DNS_VIEWS) {
    // A view with no records (no edge, no reverse proxy) has nothing to serve: no test for it.
    if (dnsRecords(make()).every((r) => r.view !== view)) continue;
    test(`${name}, view ${view}: dnsmasq answers every generated record`, async () => {
      const t = make();
      const records = dnsRecords(t).filter((r) => r.view === view);
      const dir = await mkdtemp(join(tmpdir(), 'portolan-dnsmasq-'));
      const server = await startDnsmasq(dir, formatDnsmasq(t, records, view));
      try {
        const r = resolver(server.port);
        for (const [key, want] of group(records)) {
          const owner = want[0]!.name;
          if (want[0]!.type === 'SRV') {
            const got = (await r.resolveSrv(owner)).map((s) => `${s.priority} ${s.weight} ${s.port} ${s.name}`).sort();
            assert.deepEqual(got, want.map((w) => (w.type === 'SRV' ? `${w.priority} ${w.weight} ${w.port} ${w.target}` : '')).sort(), key);
          } else {
            const got = want[0]!.type === 'A' ? await r.resolve4(owner) : await r.resolve6(owner);
            assert.deepEqual([...got].sort(), want.map((w) => (w.type !== 'SRV' ? w.address : '')).sort(), key);
          }
        }
        // Names of the served zones that were not generated are not invented (local=/zone/).
        for (const z of zones(t, records)) await assert.rejects(r.resolve4(`nothing-here.${z.origin}`), (e: NodeJS.ErrnoException) => e.code === 'ENOTFOUND');
      } finally {
        server.proc.kill('SIGTERM');
        await new Promise((ok) => (server.proc.exitCode !== null ? ok(null) : server.proc.once('exit', ok)));
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
}
