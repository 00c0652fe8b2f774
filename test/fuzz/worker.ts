// The fuzz worker: runs cases in-process through the CLI's main(), one at a time, as its parent
// sends them, and judges each by the contract: exit 0, 1 or 2; a reason on exit 2 (for a
// configuration audit refuses, with file:line:col); no stack trace; no temp file left; and
// rendered files accepted by their real validators. The parent
// kills it when a case runs too long.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { FuzzCase } from './cases.ts';

export interface Judgement {
  ok: boolean;
  reason?: string;
  code?: number;
  ms: number;
  validated: number;
}

const seen = new Set<string>();

/** The real tool for a rendered file, or undefined; `nft -c` runs in a network namespace of its own. */
function validator(target: string | undefined, file: string): string[] | undefined {
  if (file.endsWith('.nft')) return ['unshare', '--net', 'nft', '-c', '-f', file];
  if (file.endsWith('.rules.v4')) return ['unshare', '--net', 'iptables-restore', '--test', file];
  if (file.endsWith('.rules.v6')) return ['unshare', '--net', 'ip6tables-restore', '--test', file];
  if (target === 'haproxy' && file.endsWith('.cfg')) return ['haproxy', '-c', '-q', '-f', file];
  return undefined;
}

export async function judge(c: FuzzCase): Promise<Judgement> {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-fuzz-'));
  try {
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    const out = join(dir, 'out');
    const args = c.args.map((a) => (a === '@out' ? out : a.startsWith('@') ? join(dir, a.slice(1)) : a));
    let stdout = '', stderr = '';
    const t0 = Date.now();
    let code: number;
    try {
      code = await main(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false });
    } catch (e) {
      return { ok: false, reason: `crash: ${(e as Error)?.stack ?? String(e)}`.slice(0, 4000), ms: Date.now() - t0, validated: 0 };
    }
    const ms = Date.now() - t0;
    const fail = (reason: string): Judgement => ({ ok: false, reason, code, ms, validated: 0 });
    if (![0, 1, 2].includes(code)) return fail(`exit status ${code}`);
    if (/\n\s+at .+:\d+:\d+\)?/.test(stderr)) return fail(`stack trace on stderr: ${stderr.slice(0, 2000)}`);
    if (code === 2 && stderr.trim() === '') return fail('exit 2 without a reason');
    // A configuration or topology file the reader refuses is refused at a place: file:line:col (usage errors aside).
    if (code === 2 && (c.args[0] === 'audit' || c.kind.startsWith('import')) && !/usage error: /.test(stderr) && !/[^\s:]+:\d+:\d+: /.test(stderr)) return fail(`exit 2 without file:line:col: ${stderr.slice(0, 500)}`);
    if (existsSync(out)) {
      const left = readdirSync(out, { recursive: true }).map(String).filter((f) => /\.portolan-\d+-|\.tmp$/.test(f));
      if (left.length) return fail(`temp files left: ${left.join(', ')}`);
    }
    let validated = 0;
    if (code !== 2 && existsSync(out)) {
      for (const f of readdirSync(out).sort()) {
        const path = join(out, f);
        const target = c.args.includes('--target') ? c.args[c.args.indexOf('--target') + 1] : undefined;
        const realCmd = validator(target, path);
        if (!realCmd) continue;
        // Each distinct file once: mutants often render the same rules.
        const h = createHash('sha256').update(realCmd[realCmd.length - 3]!).update(readFileSync(path)).digest('hex');
        if (seen.has(h)) continue;
        seen.add(h);
        const r = spawnSync(realCmd[0]!, realCmd.slice(1), { encoding: 'utf8', timeout: 60_000 });
        validated++;
        if (r.status !== 0) return { ok: false, reason: `${realCmd.join(' ')} rejected ${f}: ${(r.stderr || r.stdout).slice(0, 2000)}`, code, ms, validated };
      }
    }
    void stdout;
    return { ok: true, code, ms, validated };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.send) {
  process.on('message', async (c: FuzzCase) => {
    process.send!(await judge(c));
  });
  process.send({ ready: true });
}
