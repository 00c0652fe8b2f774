// A real server in the foreground inside a namespace; ready when `ss -N NS` shows its ports.
import type { ChildProcess } from 'node:child_process';
import { inNs, run, spawnInNs } from '../exec.ts';

export interface ServerSpec {
  kind: string;
  ns: string;
  argv: string[];
  /** Files to write first: path → content. */
  files: Record<string, string>;
  ready: { proto: 'tcp' | 'udp'; host: string; port: number }[];
}

export interface Running { spec: ServerSpec; child: ChildProcess; logs: () => string }

export function startServer(spec: ServerSpec): Running {
  const child = spawnInNs(spec.ns, spec.argv);
  let out = '';
  const add = (b: Buffer) => { out = (out + b.toString()).slice(-20000); };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  child.stdin!.end();
  return { spec, child, logs: () => out };
}

export async function waitReady(r: Running, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let wait = 20;
  for (;;) {
    if (r.child.exitCode !== null || r.child.signalCode !== null) throw new Error(`${r.spec.kind} in ${r.spec.ns} exited (${r.child.exitCode ?? r.child.signalCode}) before listening:\n${r.logs()}`);
    const missing = await notListening(r.spec.ns, r.spec.ready);
    if (!missing.length) return;
    if (Date.now() > deadline) throw new Error(`${r.spec.kind} in ${r.spec.ns} not listening on ${missing.map((m) => `${m.proto}/${m.host}:${m.port}`).join(', ')}:\n${r.logs()}`);
    await new Promise((ok) => setTimeout(ok, wait));
    wait = Math.min(wait * 2, 200);
  }
}

async function notListening(ns: string, ports: ServerSpec['ready']) {
  const [t, u] = await Promise.all([run(inNs(ns, ['ss', '-Hlnt'])), run(inNs(ns, ['ss', '-Hlnu']))]);
  const col = (s: string) => s.split('\n').map((l) => l.trim().split(/\s+/)[3]).filter(Boolean) as string[];
  const tcp = col(t.stdout), udp = col(u.stdout);
  return ports.filter((p) => !(p.proto === 'tcp' ? tcp : udp).some((a) => a === `${p.host}:${p.port}` || a === `0.0.0.0:${p.port}` || a === `*:${p.port}`));
}

export function stopServer(r: Running): void {
  try { process.kill(-r.child.pid!, 'SIGKILL'); } catch { /* gone */ }
}
