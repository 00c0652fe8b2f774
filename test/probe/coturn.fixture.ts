// A real coturn (Debian `turnserver`) on loopback for the STUN and TURN probe tests, configured as
// lab.md describes: random high listening ports, TLS port, relay range, long-term credentials.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCa, issueCert } from '../support/ca.ts';
import { freePort, startServer, type RunningServer } from '../support/servers.ts';

export interface Coturn {
  host: string;
  port: number; // UDP and TCP
  tlsPort: number;
  realm: string;
  user: string;
  password: string;
  minPort: number;
  maxPort: number;
  caPem: string;
  servername: string;
  server: RunningServer;
  stop(): Promise<void>;
}

export async function startCoturn(opts: { minPort?: number; maxPort?: number } = {}): Promise<Coturn> {
  const dir = await mkdtemp(join(tmpdir(), 'portolan-coturn-'));
  const host = '127.0.0.1';
  const servername = 'av.example.test';
  const ca = await makeCa(join(dir, 'ca'));
  const cert = await issueCert(ca, { cn: servername, sans: [servername, host] });
  const port = await freePort(host);
  let tlsPort = await freePort(host);
  while (tlsPort === port) tlsPort = await freePort(host);
  const c = { realm: 'example.test', user: 'portolan', password: 'Lync-2013-edge' };
  const minPort = opts.minPort ?? 50000;
  const maxPort = opts.maxPort ?? 59999;
  // No end-of-line comments: coturn reads them as part of the value.
  const conf = [
    `listening-ip=${host}`,
    `relay-ip=${host}`,
    `listening-port=${port}`,
    `tls-listening-port=${tlsPort}`,
    `min-port=${minPort}`,
    `max-port=${maxPort}`,
    `realm=${c.realm}`,
    'lt-cred-mech',
    `user=${c.user}:${c.password}`,
    'fingerprint',
    `cert=${cert.certPath}`,
    `pkey=${cert.keyPath}`,
    'no-dtls',
    'no-cli',
    'no-rfc5780',
    'log-file=stdout',
    'simple-log',
    `pidfile=${join(dir, 'turnserver.pid')}`,
    `userdb=${join(dir, 'turndb.sqlite')}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'turnserver.conf'), conf);
  const server = await startServer({
    cmd: 'turnserver',
    args: ['-c', join(dir, 'turnserver.conf')],
    cwd: dir,
    readyPorts: [{ port, proto: 'udp', host }, { port, proto: 'tcp', host }, { port: tlsPort, proto: 'tcp', host }],
    timeoutMs: 15_000,
  });
  return {
    host, port, tlsPort, ...c, minPort, maxPort, caPem: ca.pem, servername, server,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
