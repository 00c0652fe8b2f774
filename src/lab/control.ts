// The commands' side of the lab: find the state directory of a topology, start a supervisor in
// its own unshare tree (`up`), talk to it over its UNIX socket (`verify`, `down`), or build,
// verify and tear down in one unshare run when no lab is up.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { VerifyReport } from './verify.ts';
import type { LabInfo } from './lab.ts';

const SUPERVISOR = resolve(dirname(fileURLToPath(import.meta.url)), 'supervisor.ts');
const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export class LabError extends Error {
  constructor(message: string, readonly exitCode: number) { super(message); }
}

export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new LabError('portolan lab needs root (network namespaces and nftables): run it with sudo', 2);
}

/** Per-topology state directory (socket, log): $XDG_RUNTIME_DIR or /tmp. */
export function stateDir(topology: string, base = process.env.PORTOLAN_LAB_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'portolan-lab')): string {
  const h = createHash('sha256').update(resolve(topology)).digest('hex').slice(0, 12);
  return join(base, h);
}

const unshareArgs = (state: string, topology: string, extra: string[]) => [
  '--net', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc',
  process.execPath, '--import', 'tsx', SUPERVISOR, '--state', state, '--topology', resolve(topology), ...extra,
];

export function isUp(state: string): boolean {
  return existsSync(join(state, 'ctl.sock'));
}

export async function labUp(topology: string, state = stateDir(topology), timeoutMs = 120_000): Promise<number> {
  if (isUp(state)) {
    try { await request(state, { op: 'info' }); throw new LabError(`a lab for ${topology} is already up (${state}): run lab down first`, 2); } catch (e) {
      if (e instanceof LabError) throw e;
      rmSync(join(state, 'ctl.sock'), { force: true }); // a stale socket of a lab that died
    }
  }
  mkdirSync(state, { recursive: true });
  rmSync(join(state, 'ready'), { force: true });
  const logFile = join(state, 'supervisor.log');
  const fd = openSync(logFile, 'w');
  const child = spawn('unshare', unshareArgs(state, topology, []), { cwd: PROJECT, detached: true, stdio: ['ignore', fd, fd] });
  let exited: number | null = null;
  child.on('exit', (c) => { exited = c ?? 1; });
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(join(state, 'ready'))) {
    if (exited !== null) throw new LabError(`lab did not come up:\n${readFileSync(logFile, 'utf8')}`, 1);
    if (Date.now() > deadline) { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } throw new LabError(`lab did not come up in ${timeoutMs} ms:\n${readFileSync(logFile, 'utf8')}`, 1); }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.unref();
  return Number(readFileSync(join(state, 'ready'), 'utf8'));
}

export function request<T = any>(state: string, req: object): Promise<T> {
  return new Promise((done, fail) => {
    const c = connect(join(state, 'ctl.sock'));
    c.on('error', (e) => fail(new LabError(`no lab answers at ${state}: ${e.message}`, 1)));
    c.on('connect', () => c.write(JSON.stringify(req) + '\n'));
    createInterface({ input: c }).once('line', (line) => {
      c.end();
      const r = JSON.parse(line);
      if (!r.ok) fail(new LabError(r.error, 1)); else done(r as T);
    });
  });
}

export async function labVerify(state: string, opts: { ids?: string[]; timeoutMs?: number } = {}): Promise<VerifyReport> {
  return (await request<{ report: VerifyReport }>(state, { op: 'verify', ...opts })).report;
}

export async function labInfo(state: string): Promise<LabInfo> {
  return (await request<{ info: LabInfo }>(state, { op: 'info' })).info;
}

export async function labDown(state: string): Promise<void> {
  if (!isUp(state)) throw new LabError(`no lab is up (${state}): nothing to take down`, 2);
  await request(state, { op: 'down' }).catch(() => {});
  for (let i = 0; i < 200 && existsSync(join(state, 'ctl.sock')); i++) await new Promise((r) => setTimeout(r, 25));
  rmSync(state, { recursive: true, force: true });
}

/** No lab up: build, verify and tear down in one unshare run. Output goes to our stdio. */
export function labVerifyOnce(topology: string, verbose: boolean, state = stateDir(topology)): Promise<number> {
  mkdirSync(state, { recursive: true });
  return new Promise((done) => {
    const child = spawn('unshare', unshareArgs(state, topology, ['--once', ...(verbose ? ['--verbose'] : [])]), { cwd: PROJECT, stdio: 'inherit' });
    child.on('exit', (c) => { rmSync(state, { recursive: true, force: true }); done(c ?? 1); });
  });
}
