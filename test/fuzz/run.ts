// A fuzz run: cases from cases.ts, judged by worker.ts in a child process (killed and restarted
// when a case exceeds the time bound), failing inputs written to a folder with the reason.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseAt, type FuzzCase } from './cases.ts';
import type { Judgement } from './worker.ts';

const WORKER = join(import.meta.dirname, 'worker.ts');

export interface FuzzOptions {
  seed: number;
  /** Stop after this long (ms) or this many cases, whichever comes first. */
  durationMs: number;
  maxCases?: number;
  /** Where failing inputs go (one folder each). */
  outDir: string;
  /** A case running longer than this is a failure (bounded time). */
  caseTimeoutMs?: number;
  log?: (line: string) => void;
  /** Only the zone-based readers' cases. */
  only?: 'all' | 'zones';
}

export interface FuzzSummary {
  seed: number;
  cases: number;
  failures: number;
  byKind: Record<string, number>;
  byExit: Record<string, number>;
  validated: number;
  slowestMs: number;
  failureDirs: string[];
}

function startWorker(): Promise<ChildProcess> {
  return new Promise((ready) => {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', () => ready(child));
  });
}

function judgeIn(child: ChildProcess, c: FuzzCase, timeoutMs: number): Promise<Judgement | 'timeout' | 'died'> {
  return new Promise((done) => {
    const timer = setTimeout(() => { cleanup(); done('timeout'); }, timeoutMs);
    const onMessage = (m: Judgement) => { cleanup(); done(m); };
    const onExit = () => { cleanup(); done('died'); };
    const cleanup = () => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit); };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(c);
  });
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const s: FuzzSummary = { seed: o.seed, cases: 0, failures: 0, byKind: {}, byExit: {}, validated: 0, slowestMs: 0, failureDirs: [] };
  const deadline = Date.now() + o.durationMs;
  let child = await startWorker();
  try {
    for (let i = 0; Date.now() < deadline && (o.maxCases === undefined || i < o.maxCases); i++) {
      const c = caseAt(o.seed, i, o.only);
      const t0 = Date.now();
      const j = await judgeIn(child, c, o.caseTimeoutMs ?? 60_000);
      const ms = Date.now() - t0;
      s.cases++;
      s.byKind[c.kind] = (s.byKind[c.kind] ?? 0) + 1;
      s.slowestMs = Math.max(s.slowestMs, ms);
      let reason: string | undefined;
      if (j === 'timeout' || j === 'died') {
        reason = j === 'timeout' ? `no answer in ${o.caseTimeoutMs ?? 60_000} ms` : 'the process died (out of memory or stack)';
        child.kill('SIGKILL');
        child = await startWorker();
        s.byExit[j] = (s.byExit[j] ?? 0) + 1;
      } else {
        s.byExit[String(j.code ?? 'crash')] = (s.byExit[String(j.code ?? 'crash')] ?? 0) + 1;
        s.validated += j.validated;
        if (!j.ok) reason = j.reason;
      }
      if (reason !== undefined) {
        s.failures++;
        const dir = join(o.outDir, `seed${o.seed}-case${i}-${c.kind}`);
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
        writeFileSync(join(dir, 'README.txt'), `portolan ${c.args.map((a) => (a.startsWith('@') ? a.slice(1) : a)).join(' ')}\n\n${reason}\n`);
        s.failureDirs.push(dir);
        o.log?.(`FAIL case ${i} (${c.kind}): ${reason.split('\n')[0]} -> ${dir}`);
      }
      if (s.cases % 50 === 0) o.log?.(`${s.cases} cases, ${s.failures} failures, ${s.validated} outputs validated`);
    }
  } finally {
    child.kill('SIGKILL');
  }
  return s;
}
