// Run something inside a fresh, private network namespace (`unshare --net`), so a test can load
// nftables rules (a DROP for 'filtered', a REJECT for 'unreachable') without touching the host's
// network. The namespace only has loopback; it disappears when the command exits.
// Node cannot switch namespaces itself, so the probe runs in a child node process in there.
// A private PID namespace too: daemons started by `setup` die with the command, leaving nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface NetnsResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface NetnsOptions {
  /** Shell commands run first inside the namespace (after `ip link set lo up`), e.g. nft rules. */
  setup?: string[];
  /** The command to run afterwards (argv, exec'd in the namespace). */
  cmd: string[];
  timeoutMs?: number;
}

function sh(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Run `cmd` inside a new network namespace with loopback up. Never throws on a non-zero exit. */
export function runInNetns(opts: NetnsOptions): Promise<NetnsResult> {
  const script = ['set -e', 'ip link set lo up', ...(opts.setup ?? []), `exec ${opts.cmd.map(sh).join(' ')}`].join('\n');
  return new Promise((done) => {
    execFile(
      'unshare',
      ['--net', '--pid', '--fork', '--kill-child', 'bash', '-c', script],
      { cwd: projectRoot, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 4 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** nftables commands for a table `portolan_test` whose input chain applies `rule` (e.g. `tcp dport 4000 drop`). */
export function nftInput(...rules: string[]): string[] {
  return [
    'nft add table inet portolan_test',
    `nft ${sh('add chain inet portolan_test input { type filter hook input priority 0 ; policy accept ; }')}`,
    ...rules.map((r) => `nft add rule inet portolan_test input ${r}`),
  ];
}

export interface CallOptions {
  /** Module path (absolute, or relative to the project root), e.g. 'src/probe/tcp.ts'. */
  module: string;
  /** Name of the exported async function to call. */
  fn: string;
  /** Its arguments; must survive JSON. */
  args: unknown[];
  setup?: string[];
  /** TCP ports on 127.0.0.1 that a tiny server inside the namespace listens on before the call,
   *  so that a DROP rule — not an empty port — is what the probe meets. */
  listenTcp?: number[];
  timeoutMs?: number;
}

/** Call an exported function inside a fresh namespace and return its JSON-serialisable result. */
export async function callInNetns<T>(opts: CallOptions): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'portolan-netns-'));
  try {
    const file = join(dir, 'call.mts');
    const modUrl = pathToFileURL(resolve(projectRoot, opts.module)).href;
    await writeFile(
      file,
      `import { createServer } from 'node:net';
const servers = [];
for (const port of ${JSON.stringify(opts.listenTcp ?? [])}) {
  const s = createServer((c) => c.destroy());
  await new Promise((ok, bad) => { s.once('error', bad); s.listen(port, '127.0.0.1', ok); });
  servers.push(s);
}
const mod = await import(${JSON.stringify(modUrl)});
const result = await mod[${JSON.stringify(opts.fn)}](...${JSON.stringify(opts.args)});
for (const s of servers) s.close();
process.stdout.write('\\n@@RESULT@@' + JSON.stringify(result) + '\\n');
process.exit(0);
`,
    );
    const r = await runInNetns({
      setup: opts.setup,
      cmd: [process.execPath, '--import', 'tsx', file],
      timeoutMs: opts.timeoutMs,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'));
    if (r.code !== 0 || !line) throw new Error(`netns call failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    return JSON.parse(line.slice('@@RESULT@@'.length)) as T;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
