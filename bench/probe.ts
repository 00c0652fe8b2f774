// `npm run bench -- probe`: Portolan's TCP connect engine (the probe runner with TCP probes) against
// `nmap -sT -Pn` on the same 200 targets — 20 addresses × 10 ports, half with listeners, half behind
// an nftables drop rule — inside a private network namespace (`unshare --net --pid`), so nothing
// leaves the machine. Both wait the same time for a silent port (500 ms, no retries). Progress
// lines first; the last line is one JSON object.
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Flow } from '../src/flows/types.ts';
import type { PlannedProbe } from '../src/probe/plan.ts';
import { runPlan } from '../src/probe/runner.ts';

const HOSTS = Array.from({ length: 20 }, (_, i) => `10.201.0.${i + 1}`);
const OPEN = [8001, 8002, 8003, 8004, 8005];
const FILTERED = [9001, 9002, 9003, 9004, 9005];
const TIMEOUT_MS = 500;
const REPS = 5;
const CONCURRENCY = 256; // every target in flight at once: a filtered port costs one timeout, not one per wave

if (process.env.PORTOLAN_BENCH_NETNS !== '1') {
  // Re-run this file inside a fresh network and PID namespace; it all disappears when it exits.
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync('unshare', ['--net', '--pid', '--fork', '--kill-child', process.execPath, '--import', 'tsx', self], {
    stdio: 'inherit', env: { ...process.env, PORTOLAN_BENCH_NETNS: '1' },
  });
  process.exit(r.status ?? 1);
}

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

sh('ip', ['link', 'set', 'lo', 'up']);
for (const h of HOSTS) sh('ip', ['addr', 'add', `${h}/32`, 'dev', 'lo']);
sh('nft', ['add', 'table', 'inet', 'bench']);
sh('nft', ['add chain inet bench input { type filter hook input priority 0 ; policy accept ; }']);
sh('nft', ['add', 'rule', 'inet', 'bench', 'input', 'tcp', 'dport', `{ ${FILTERED.join(', ')} }`, 'drop']);
// Listeners on every filtered port too, so the drop rule — not an empty port — is what answers.
const servers: Server[] = await Promise.all([...OPEN, ...FILTERED].map((port) => new Promise<Server>((ok, bad) => {
  const s = createServer((c) => c.destroy());
  s.once('error', bad);
  s.listen({ port, host: '0.0.0.0', backlog: 1024 }, () => ok(s));
})));

const flow: Flow = {
  firewall: 'external', direction: 'in', role: 'Access', source: 'Any', sourcePort: 'Any', destination: HOSTS,
  destinationPort: 'Any', transport: 'TCP', application: 'TCP', family: 'ipv4', requirement: 'bench', citations: [], notes: [],
  sourceName: 'bench', destinationName: 'bench',
};
const probes: PlannedProbe[] = HOSTS.flatMap((host) => [...OPEN, ...FILTERED].map((port) => ({
  flow, requirement: 'bench', citations: [], destination: host, method: 'TCP connect', spec: { kind: 'tcp' as const, host, port }, required: true,
})));
const targets = probes.length;
console.log(`probe bench: ${targets} TCP targets (${HOSTS.length} addresses × ${OPEN.length} open + ${FILTERED.length} filtered ports), timeout ${TIMEOUT_MS} ms, ${REPS} runs each`);

async function portolan(): Promise<number> {
  const t0 = performance.now();
  const results = await runPlan(probes, { timeoutMs: TIMEOUT_MS }, { concurrency: CONCURRENCY, ratePerSecond: 0 });
  const ms = performance.now() - t0;
  const open = results.filter((r) => r.verdict?.kind === 'open').length;
  const filtered = results.filter((r) => r.verdict?.kind === 'filtered').length;
  if (open !== HOSTS.length * OPEN.length || filtered !== HOSTS.length * FILTERED.length) throw new Error(`portolan saw ${open} open, ${filtered} filtered`);
  return ms;
}

async function nmap(): Promise<number> {
  const t0 = performance.now();
  const out = await new Promise<string>((ok, bad) => execFile('nmap', [
    '-sT', '-Pn', '-n', '-oG', '-', '--max-retries', '0',
    '--initial-rtt-timeout', `${TIMEOUT_MS}ms`, '--min-rtt-timeout', `${TIMEOUT_MS}ms`, '--max-rtt-timeout', `${TIMEOUT_MS}ms`,
    '-p', [...OPEN, ...FILTERED].join(','), ...HOSTS,
  ], { maxBuffer: 8 << 20 }, (e, stdout) => (e ? bad(e) : ok(stdout))));
  const ms = performance.now() - t0;
  const open = (out.match(/\/open\/tcp\//g) ?? []).length;
  const filtered = (out.match(/\/filtered\/tcp\//g) ?? []).length;
  if (open !== HOSTS.length * OPEN.length || filtered !== HOSTS.length * FILTERED.length) throw new Error(`nmap saw ${open} open, ${filtered} filtered:\n${out}`);
  return ms;
}

const times: Record<'portolan' | 'nmap', number[]> = { portolan: [], nmap: [] };
for (let i = 0; i < REPS; i++) {
  for (const [tool, fn] of [['portolan', portolan], ['nmap', nmap]] as const) {
    const ms = await fn();
    times[tool].push(ms);
    console.log(`  run ${i + 1}/${REPS} ${tool.padEnd(8)} ${ms.toFixed(0)} ms`);
  }
}
for (const s of servers) s.close();
const p = median(times.portolan);
const n = median(times.nmap);
console.log(JSON.stringify({
  name: 'probe', targets,
  results: [{ tool: 'portolan', median_ms: Math.round(p), runs_ms: times.portolan.map(Math.round) }, { tool: 'nmap', median_ms: Math.round(n), runs_ms: times.nmap.map(Math.round) }],
  ratio: Number((p / n).toFixed(3)),
}));
process.exit(0);
