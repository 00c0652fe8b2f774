// The commands' side of the lab: find the state directory of a topology, start a supervisor in
// its own unshare tree (`up`), talk to it over its UNIX socket (`verify`, `down`), or build,
// verify and tear down in one unshare run when no lab is up.
import { processAlive } from '../files.ts';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCommand } from './node-command.ts';
import { createInterface } from 'node:readline';
import type { VerifyReport } from './verify.ts';
import type { LabInfo } from './lab.ts';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export class LabError extends Error {
  constructor(message: string, readonly exitCode: number) { super(message); }
}

export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new LabError('portolan lab needs root (network namespaces and nftables): run it with sudo', 2);
}

/**
 * Per-user, per-topology state directory (socket, log, lock): $XDG_RUNTIME_DIR or /tmp. The
 * user is part of the key, so two users' labs of one topology never share it.
 */
export function stateDir(topology: string, base = process.env.PORTOLAN_LAB_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'portolan-lab')): string {
  const h = createHash('sha256').update(`${process.getuid?.() ?? ''}\0${resolve(topology)}`).digest('hex').slice(0, 12);
  return join(base, h);
}

const LOCK = 'lock';

/** The process (group) holding the state directory's lock, if it still runs. */
export function lockHolder(state: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(state, LOCK), 'utf8').trim());
    return processAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One lab per state directory: the lock names the process group of its `unshare` (the lab's
 * whole tree). A lock whose holder is gone is stale and taken over.
 */
function takeLock(state: string, topology: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(join(state, LOCK), 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (lockHolder(state) !== undefined) throw new LabError(`a lab for ${topology} is already up or coming up (${state}): run lab down first`, 2);
      rmSync(join(state, LOCK), { force: true });
    }
  }
  throw new LabError(`cannot take the lab lock in ${state}`, 2);
}

function setLock(state: string, pid: number): void {
  const fd = openSync(join(state, LOCK), 'w');
  writeSync(fd, `${pid}\n`);
  closeSync(fd);
}

/** Kills a lab's whole tree (the unshare's process group) and waits until it is gone. */
async function killTree(pid: number): Promise<void> {
  try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
  try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  for (let i = 0; i < 200 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 25));
}

/**
 * Runs fn with SIGINT, SIGTERM and SIGHUP turned into a teardown of what was started (`cleanup`)
 * followed by the usual exit status of the signal, so that an interrupted `up` or `verify`
 * leaves no lab behind.
 */
async function cancellable<T>(cleanup: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handler = (sig: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as Record<string, number>)[sig]!));
  };
  for (const s of signals) process.on(s, handler);
  try {
    return await fn();
  } finally {
    for (const s of signals) process.off(s, handler);
  }
}

const unshareArgs = (state: string, topology: string, extra: string[]) => [
  '--net', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc',
  ...nodeCommand('supervisor'), '--state', state, '--topology', resolve(topology), ...extra,
];

export function isUp(state: string): boolean {
  return existsSync(join(state, 'ctl.sock'));
}

export async function labUp(topology: string, state = stateDir(topology), timeoutMs = 120_000): Promise<number> {
  mkdirSync(state, { recursive: true });
  takeLock(state, topology);
  if (isUp(state)) rmSync(join(state, 'ctl.sock'), { force: true }); // a stale socket: its lab's lock holder is gone
  rmSync(join(state, 'ready'), { force: true });
  const logFile = join(state, 'supervisor.log');
  const fd = openSync(logFile, 'w');
  const child = spawn('unshare', unshareArgs(state, topology, []), { cwd: PROJECT, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  // From here the lock names the lab's tree, which outlives this command.
  setLock(state, child.pid!);
  let exited: number | null = null;
  child.on('exit', (c) => { exited = c ?? 1; });
  const teardown = async () => { await killTree(child.pid!); rmSync(state, { recursive: true, force: true }); };
  return cancellable(teardown, async () => {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(join(state, 'ready'))) {
      if (exited !== null) {
        const log = readFileSync(logFile, 'utf8');
        await teardown();
        throw new LabError(`lab did not come up:\n${log}`, 1);
      }
      if (Date.now() > deadline) {
        const log = readFileSync(logFile, 'utf8');
        await teardown();
        throw new LabError(`lab did not come up in ${timeoutMs} ms:\n${log}`, 1);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.unref();
    return Number(readFileSync(join(state, 'ready'), 'utf8'));
  });
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

/**
 * Takes the lab down: asks its supervisor, then makes sure of it by killing the tree the lock
 * names (a lab still coming up, or one whose socket is gone, is found the same way).
 */
export async function labDown(state: string): Promise<void> {
  const holder = lockHolder(state);
  if (!isUp(state) && holder === undefined) {
    rmSync(state, { recursive: true, force: true });
    throw new LabError(`no lab is up (${state}): nothing to take down`, 2);
  }
  if (isUp(state)) {
    await request(state, { op: 'down' }).catch(() => {});
    for (let i = 0; i < 200 && existsSync(join(state, 'ctl.sock')); i++) await new Promise((r) => setTimeout(r, 25));
  }
  if (holder !== undefined) await killTree(holder);
  rmSync(state, { recursive: true, force: true });
}

/**
 * No lab up: build, verify and tear down in one unshare run, in a state directory of this
 * invocation's own. Output goes to our stdio. Interrupted, it kills the run and removes the
 * directory: nothing of it stays, and no child finishes in the background.
 */
export function labVerifyOnce(topology: string, verbose: boolean, state = stateDir(topology)): Promise<number> {
  const own = `${state}.verify-${process.pid}`;
  mkdirSync(own, { recursive: true });
  const child = spawn('unshare', unshareArgs(own, topology, ['--once', ...(verbose ? ['--verbose'] : [])]), { cwd: PROJECT, stdio: ['pipe', 'inherit', 'inherit'], detached: true });
  const finished = new Promise<number>((done) => child.on('exit', (c, sig) => { rmSync(own, { recursive: true, force: true }); done(c ?? (sig ? 128 + 9 : 1)); }));
  return cancellable(async () => { await killTree(child.pid!); rmSync(own, { recursive: true, force: true }); }, () => finished);
}
