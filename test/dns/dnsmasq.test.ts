// Resolves every generated record through a real DNS server: dnsmasq (Debian) on loopback, one
// instance per view, loaded with the dnsmasq output, queried with node:dns/promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDnsmasq } from '../../src/dns/format-dnsmasq.ts';
import { DNS_VIEWS, dnsRecords, type DnsRecord } from '../../src/dns/records.ts';
import { zones } from '../../src/dns/zones.ts';
import { ALL_TOPOLOGIES, everyTopology } from '../support/topologies.ts';
import { freePort } from '../support/servers.ts';

/**
 * dnsmasq on a free loopback port. Ready when it answers a name only this instance knows (another
 * server that took the same port in between would not); if it exits (the port was taken), again
 * on another port.
 */
async function startDnsmasq(dir: string, conf: string): Promise<{ proc: ChildProcess; port: number; stderr: () => string }> {
  const file = join(dir, 'dnsmasq.conf');
  await writeFile(file, conf);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const mine = `ready-${process.pid}-${port}-${attempt}.portolan.test`;
    const proc = spawn('dnsmasq', [
      '--keep-in-foreground', '--no-daemon', '-C', file, `--port=${port}`, '--listen-address=127.0.0.1',
      '--bind-interfaces', '--no-resolv', '--no-hosts', '--user=root', `--pid-file=${join(dir, 'dnsmasq.pid')}`, `--address=/${mine}/127.0.0.53`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d) => (err += String(d)));
    const exited = new Promise<'exited'>((ok) => proc.once('exit', () => ok('exited')));
    const r = resolver(port);
    const deadline = Date.now() + 5000;
    let state: 'ready' | 'exited' | 'waiting' = 'waiting';
    while (state === 'waiting') {
      state = await Promise.race([r.resolve4(mine).then((a) => (a.includes('127.0.0.53') ? 'ready' as const : 'waiting' as const), () => 'waiting' as const), exited]);
      if (state === 'waiting') {
        if (Date.now() > deadline) { proc.kill(); throw new Error(`dnsmasq did not answer on port ${port}: ${err}`); }
        await new Promise((ok2) => setTimeout(ok2, 50));
      }
    }
    if (state === 'ready') return { proc, port, stderr: () => err };
    if (attempt >= 5) throw new Error(`dnsmasq exited ${attempt} times: ${err}`);
  }
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
