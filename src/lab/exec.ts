// Running commands for the lab: plain child processes, and the same inside a namespace
// (`ip netns exec NS …`), because Node itself cannot switch network namespaces.
import { execFile, spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run argv to completion; never throws on a non-zero exit (the caller judges). */
export function run(argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((done) => {
    const child = execFile(argv[0]!, argv.slice(1), { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** Run argv and throw with its output when it fails: for lab plumbing that must work. */
export async function must(argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await run(argv, opts);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export const inNs = (ns: string, argv: string[]): string[] => ['ip', 'netns', 'exec', ns, ...argv];

/** Start a long-running process inside a namespace, in its own process group. */
export function spawnInNs(ns: string, argv: string[], opts: { cwd?: string } = {}): ChildProcess {
  return spawn('ip', ['netns', 'exec', ns, ...argv], { cwd: opts.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Single-quote for bash. */
export function sh(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
