// npm run bench -- cli: Portolan as users meet it, beside Capirca (Debian's python3-capirca,
// `aclgen`) rendering the same policy: the reference example's external firewall and the large
// synthetic deployment (20 edge pools × 12 nodes, 50 Front End pools × 12 servers), as iptables.
//
// Whole process: the installed layout (bin/portolan + dist/, no src/ and no tsx), timed with
// /usr/bin/time — wall and CPU (user + system) — median of RUNS. In-process: the work alone,
// median after a warm-up, wall and CPU. On a shared machine wall time includes waiting for a
// core; CPU time is what the work costs. Budgets are judged on both and both are printed.
// Budgets: --help < 150 ms; reference render whole process ≤ Capirca's (ratio ≤ 1); large
// compile < 200 ms and compile + all renderers < 1 s in-process; audit of 100k iptables rules
// < 1 s in-process. Growth sweeps (compile by edge nodes, audit by rules) are printed.
import { resolvedFamily } from '../src/policy/expand.ts';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTopology } from '../src/topology/load.ts';
import { compileFlows } from '../src/flows/compile.ts';
import { buildPolicies } from '../src/policy/build.ts';
import { renderAll } from '../src/cli/commands/render.ts';
import { rendererTargets } from '../src/platforms/index.ts';
import { syntheticTopology } from './synthetic.ts';
import { capircaPolicy } from '../test/support/capirca.ts';
import type { Flow } from '../src/flows/types.ts';
import type { PolicyRule, PortMatch } from '../src/policy/types.ts';
import { iptablesConfig, measureAudit } from './audit-configs.ts';
import { median, time } from './measure.ts';
import { ensureDist } from './dist.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const ROOT = process.cwd();
const log = (s: string) => console.error(s);
const r2 = (x: number) => Math.round(x * 100) / 100;

// --- the installed layout: dist/ fresh from src/, copied with bin/ and package.json ---------
ensureDist();
const WORK = mkdtempSync(join(tmpdir(), 'portolan-bench-cli-'));
const PKG = join(WORK, 'portolan');
mkdirSync(PKG);
for (const p of ['bin', 'dist', 'package.json']) cpSync(p, join(PKG, p), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(PKG, 'node_modules'));
const PORTOLAN = join(PKG, 'bin', 'portolan');

// --- Capirca inputs: the same flows, as a .pol file and definitions ------------------------------
const refText = readFileSync(REF, 'utf8');
const largeText = syntheticTopology(20, 12, 50, 12);
const large = join(WORK, 'synthetic-large.yaml');
writeFileSync(large, largeText);
/** One Capirca term per flow, as before any merging: Capirca gets the deployment's requirements, not Portolan's merged rules. */
function flowRule(f: Flow, i: number): PolicyRule {
  const ports = (p: Flow['sourcePort']): PortMatch => (p === 'Any' ? { any: true } : { any: false, ports: [p] });
  return {
    id: `f${i + 1}`, action: 'accept', family: resolvedFamily(f), transport: f.transport, direction: f.direction,
    source: f.source === 'Any' ? { any: true } : { any: false, addresses: f.source }, sourcePorts: ports(f.sourcePort),
    destination: f.destination === 'Any' ? { any: true } : { any: false, addresses: f.destination }, destinationPorts: ports(f.destinationPort),
    comment: f.requirement, requirements: [f.requirement], citations: [],
  };
}

function capircaDir(name: string, text: string) {
  const flows = compileFlows(parseTopology(text, name)).filter((f) => f.firewall === 'external');
  const p = capircaPolicy((['ipv4', 'ipv6'] as const).map((family) => ({
    target: `iptables FORWARD DROP ${family === 'ipv4' ? 'inet' : 'inet6'}`,
    comment: `${name} ${family}: generated from portolan flows`,
    rules: flows.map(flowRule).filter((r) => r.family === family || r.family === 'any'),
  })));
  const dir = join(WORK, `capirca-${name}`);
  for (const d of ['pol', 'def', 'out']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'pol', `${name}.pol`), p.pol);
  writeFileSync(join(dir, 'def', 'NETWORK.net'), p.networks);
  writeFileSync(join(dir, 'def', 'SERVICES.svc'), p.services);
  return { dir, terms: p.terms, flows: flows.length };
}
const capRef = capircaDir('reference', refText);
const capLarge = capircaDir('large', largeText);

// --- whole process ---------------------------------------------------------------------------
interface Proc { wall_ms: number; cpu_ms: number }
function proc(cmd: string[], cwd = WORK): Proc {
  const walls: number[] = [], cpus: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '@@%e %U %S', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
    const m = /@@([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`${cmd.join(' ')}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
    if (i === 0) continue; // warm-up: page cache, .pyc files
    walls.push(Number(m[1]) * 1000);
    cpus.push((Number(m[2]) + Number(m[3])) * 1000);
  }
  return { wall_ms: Math.round(median(walls)), cpu_ms: Math.round(median(cpus)) };
}
const aclgen = (c: { dir: string }, name: string) => ['/usr/bin/aclgen', `--base_directory=${c.dir}/pol`, `--definitions_directory=${c.dir}/def`, `--output_directory=${c.dir}/out`, `--policy_file=${c.dir}/pol/${name}.pol`];
const render = (file: string, out: string) => [PORTOLAN, 'render', file, '--target', 'iptables', '--firewall', 'external', '-o', join(WORK, out)];

log(`cli benchmark: ${RUNS} runs each, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const whole = {
  node_baseline: proc([process.execPath, '-e', '']),
  python_baseline: proc(['/usr/bin/python3', '-c', '']),
  help: proc([PORTOLAN, '--help']),
  version: proc([PORTOLAN, '--version']),
  reference_render: { portolan: proc(render(join(ROOT, REF), 'ref-out')), capirca: proc(aclgen(capRef, 'reference')) },
  large_render: { portolan: proc(render(large, 'large-out')), capirca: proc(aclgen(capLarge, 'large')) },
};
for (const [k, v] of Object.entries(whole)) log(`  whole process ${k}: ${JSON.stringify(v)}`);

// --- in-process --------------------------------------------------------------------------------
function capircaInProcess(c: { dir: string }, name: string, runs: number) {
  const r = spawnSync('/usr/bin/python3', [join(ROOT, 'bench', 'capirca_inprocess.py'), join(c.dir, 'def'), join(c.dir, 'pol', `${name}.pol`), String(runs)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { median_ms: number; cpu_ms: number };
}
const inRender = (text: string, name: string) => () => {
  const t = parseTopology(text, name);
  const ps = buildPolicies(compileFlows(t));
  return renderAll(t, 'iptables', {}, ps.filter((p) => p.firewall === 'external'));
};
const largeTopology = parseTopology(largeText, 'synthetic-large.yaml');
const parse = time(() => parseTopology(largeText, 'synthetic-large.yaml'), RUNS);
const compile = time(() => compileFlows(largeTopology), RUNS);
const all = time(() => {
  const ps = buildPolicies(compileFlows(largeTopology));
  for (const t of rendererTargets()) renderAll(largeTopology, t, {}, ps);
}, Math.max(3, RUNS >> 1));
const strip = <T extends { result: unknown }>({ result: _, ...rest }: T) => rest;
const inProcess = {
  reference_render: { portolan: strip(time(inRender(refText, 'reference.yaml'), RUNS)), capirca: capircaInProcess(capRef, 'reference', RUNS) },
  large_render: { portolan: strip(time(inRender(largeText, 'synthetic-large.yaml'), 3)), capirca: capircaInProcess(capLarge, 'large', 3) },
  large_parse: strip(parse),
  large_compile: { flows: compile.result.length, ...strip(compile) },
  large_compile_and_all_renderers: { targets: rendererTargets().length, ...strip(all) },
};
for (const [k, v] of Object.entries(inProcess)) log(`  in-process ${k}: ${JSON.stringify(v)}`);

// --- audit of 100k iptables rules and the growth sweeps ------------------------------------------
const auditSweep = [1000, 10000, 100000].map((n) => {
  const r = { rules: n, ...measureAudit('iptables', iptablesConfig(n), n >= 100000 ? 3 : 5) };
  log(`  audit sweep ${JSON.stringify({ rules: r.rules, median_ms: r.median_ms, cpu_ms: r.cpu_ms })}`);
  return { rules: r.rules, median_ms: r.median_ms, cpu_ms: r.cpu_ms };
});
// Edge nodes doubling with the Front End pools fixed: CPU per node flat for linear growth.
const compileSweep = [5, 10, 20, 40].map((e) => {
  const t = parseTopology(syntheticTopology(e, 12, 50, 12), `sweep-${e}.yaml`);
  const c = time(() => compileFlows(t), 3);
  const r = { edge_nodes: e * 12, flows: c.result.length, median_ms: c.median_ms, cpu_ms: c.cpu_ms, cpu_us_per_flow: r2((c.cpu_ms * 1000) / c.result.length) };
  log(`  compile sweep ${JSON.stringify(r)}`);
  return r;
});
rmSync(WORK, { recursive: true, force: true });

const ratio = (a: number, b: number) => r2(a / b);
const ratios = {
  reference_render_whole_wall: ratio(whole.reference_render.portolan.wall_ms, whole.reference_render.capirca.wall_ms),
  reference_render_whole_cpu: ratio(whole.reference_render.portolan.cpu_ms, whole.reference_render.capirca.cpu_ms),
  large_render_whole_wall: ratio(whole.large_render.portolan.wall_ms, whole.large_render.capirca.wall_ms),
  large_render_whole_cpu: ratio(whole.large_render.portolan.cpu_ms, whole.large_render.capirca.cpu_ms),
  reference_render_in_process_cpu: ratio(inProcess.reference_render.portolan.cpu_ms, inProcess.reference_render.capirca.cpu_ms),
  large_render_in_process_cpu: ratio(inProcess.large_render.portolan.cpu_ms, inProcess.large_render.capirca.cpu_ms),
};
const audit100k = auditSweep.at(-1)!;
// Each budget judged on wall time (as a user meets it) and on CPU time (what it costs when the
// machine is not shared); the ratio budget compares two processes run under the same load.
const within = (limit: number, wall: number, cpu: number) => ({ ok_wall: wall < limit, ok_cpu: cpu < limit });
const budgets = [
  { budget: '--help < 150 ms', wall_ms: whole.help.wall_ms, cpu_ms: whole.help.cpu_ms, ...within(150, whole.help.wall_ms, whole.help.cpu_ms) },
  { budget: 'reference render whole process ≤ Capirca', wall_ratio: ratios.reference_render_whole_wall, cpu_ratio: ratios.reference_render_whole_cpu, ok_wall: ratios.reference_render_whole_wall <= 1, ok_cpu: ratios.reference_render_whole_cpu <= 1 },
  { budget: 'large compile < 200 ms in-process', wall_ms: compile.median_ms, cpu_ms: compile.cpu_ms, ...within(200, compile.median_ms, compile.cpu_ms) },
  { budget: 'large compile + all renderers < 1 s in-process', wall_ms: all.median_ms, cpu_ms: all.cpu_ms, ...within(1000, all.median_ms, all.cpu_ms) },
  { budget: 'audit 100k iptables rules < 1 s in-process', wall_ms: audit100k.median_ms, cpu_ms: audit100k.cpu_ms, ...within(1000, audit100k.median_ms, audit100k.cpu_ms) },
];
log('budgets (wall / CPU):');
for (const b of budgets) log(`  ${b.ok_wall ? 'ok  ' : 'OVER'} / ${b.ok_cpu ? 'ok  ' : 'OVER'} ${JSON.stringify(b)}`);
log('growth: compile CPU per flow by edge nodes: ' + compileSweep.map((s) => `${s.edge_nodes}: ${s.cpu_us_per_flow} µs`).join(', '));
log('growth: audit CPU by rules: ' + auditSweep.map((s) => `${s.rules}: ${s.cpu_ms} ms`).join(', ') + ` (10k→100k ×${ratio(auditSweep[2]!.cpu_ms, auditSweep[1]!.cpu_ms)}; linear ×10, n log n ×12.5)`);
console.log(JSON.stringify({
  name: 'cli', runs: RUNS, load_average: loadavg().map(r2), capirca: { reference_terms: capRef.terms, large_terms: capLarge.terms },
  whole_process: whole, in_process: inProcess, ratios, budgets,
  growth: { compile_by_edge_nodes: compileSweep, audit_by_rules: auditSweep, audit_10k_to_100k: ratio(auditSweep[2]!.cpu_ms, auditSweep[1]!.cpu_ms) },
}));
