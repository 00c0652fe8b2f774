// Start a real Debian server (kamailio, nginx, dnsmasq, coturn, prosody, …) in the foreground as
// a child process, and wait until it listens — by polling `ss`, never by sleeping a fixed time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ReadyPort {
  port: number;
  proto: 'tcp' | 'udp';
  /** Address the server binds (default 127.0.0.1). A wildcard listener also satisfies it. */
  host?: string;
}

export interface StartOptions {
  cmd: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  readyPorts: ReadyPort[];
  /** How long to wait for every ready port (default 10 s). */
  timeoutMs?: number;
}

export interface RunningServer {
  pid: number;
  stop(): Promise<void>;
  /** Everything the server printed so far (stdout and stderr interleaved, capped). */
  logs(): string;
}

// Every child still running; killed if the test process exits without calling stop().
const live = new Set<ChildProcess>();
let hooked = false;
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the server's own process group (it may fork workers)
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => { for (const c of live) killGroup(c, 'SIGKILL'); });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const c of live) killGroup(c, 'SIGKILL');
      process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
    });
  }
}

// `setpriv --pdeathsig` makes the kernel kill the server if this process dies by SIGKILL too.
const haveSetpriv = spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  hookExit();
  const argv = haveSetpriv ? ['--pdeathsig', 'KILL', '--', opts.cmd, ...(opts.args ?? [])] : (opts.args ?? []);
  const child = spawn(haveSetpriv ? 'setpriv' : opts.cmd, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true, // own process group, so stop() reaches forked workers too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  const append = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  let spawnError: Error | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => { exited = { code, signal }; live.delete(child); resolve(); });
    child.on('error', (e) => { spawnError = e; live.delete(child); resolve(); });
  });

  const stop = async (): Promise<void> => {
    if (exited || spawnError) return;
    killGroup(child, 'SIGTERM');
    const t = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(t);
    killGroup(child, 'SIGKILL'); // leftovers of the group, if any
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let waitMs = 10;
  for (;;) {
    if (spawnError) throw new Error(`${opts.cmd} could not start: ${(spawnError as Error).message}`);
    if (exited) {
      const e = exited as { code: number | null; signal: NodeJS.Signals | null };
      throw new Error(`${opts.cmd} exited (code ${e.code}, signal ${e.signal}) before listening:\n${out}`);
    }
    const missing = await notListening(opts.readyPorts);
    if (missing.length === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${opts.cmd} not listening on ${missing.map(describe).join(', ')} after ${opts.timeoutMs ?? 10_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, waitMs));
    waitMs = Math.min(waitMs * 2, 100);
  }
  return { pid: child.pid!, stop, logs: () => out };
}

function describe(p: ReadyPort): string {
  return `${p.proto}/${p.host ?? '127.0.0.1'}:${p.port}`;
}

/** Ports from the list that `ss` does not show as listening (TCP) or bound (UDP). */
async function notListening(ports: ReadyPort[]): Promise<ReadyPort[]> {
  const tables: Record<string, string[] | undefined> = {};
  const missing: ReadyPort[] = [];
  for (const p of ports) {
    const flag = p.proto === 'tcp' ? '-Hlnt' : '-Hlnu';
    tables[flag] ??= await listening(flag);
    const host = p.host ?? '127.0.0.1';
    const wanted = new Set([
      `${host}:${p.port}`, `[${host}]:${p.port}`,
      // wildcard listeners accept on every address
      `0.0.0.0:${p.port}`, `*:${p.port}`, `[::]:${p.port}`,
    ]);
    if (!tables[flag]!.some((a) => wanted.has(a.replace(/%\S+(?=:\d+$)/, '')))) missing.push(p);
  }
  return missing;
}

async function listening(flag: string): Promise<string[]> {
  const { stdout } = await run('ss', [flag]);
  // columns: State Recv-Q Send-Q Local-Address:Port Peer-Address:Port …
  return stdout.split('\n').map((l) => l.trim().split(/\s+/)[3]).filter((x): x is string => !!x);
}

/**
 * A random high port that is free for both TCP and UDP on `host`. It is drawn from 20000–32767,
 * below Linux's ephemeral range (32768+), so outgoing connections of other tests cannot take it
 * between now and the moment a server binds it.
 */
// Never hand out the same port twice in one process: callers often pick several before binding.
const handedOut = new Set<number>();
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 12768);
    if (handedOut.has(port)) continue;
    if ((await canBindTcp(host, port)) && (await canBindUdp(host, port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found');
}

function canBindTcp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ host, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

function canBindUdp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    s.once('error', () => { try { s.close(); } catch { /* never bound */ } resolve(false); });
    s.bind({ address: host, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}
