// npm run bench -- audit: generates iptables-save configurations of 1k, 10k and 100k rules and a
// Cisco ASA configuration of 10k lines (the Lync 2013 DNS example's own external rules on top,
// then seeded unrelated rules), then parses and audits each against that example's external
// firewall, the way `portolan audit` does. Then a sweep of node-set sizes (bench/audit-sets.ts):
// time and peak memory per size, and their growth beside n log n. Progress lines first; the last
// line is JSON.
import { compileFlows } from '../src/flows/compile.ts';
import { loadTopology } from '../src/topology/load.ts';
import { buildPolicies } from '../src/policy/build.ts';
import { renderAll } from '../src/cli/commands/render.ts';
import { PARSERS } from '../src/parse/index.ts';
import { runAudit } from '../src/audit/run.ts';
import type { PolicyRule, PortMatch, AddressMatch } from '../src/policy/types.ts';
import { generator } from './audit-synthetic.ts';
import { median } from './measure.ts';
import { spawnSync } from 'node:child_process';

const EXAMPLE = 'examples/lync2013-scaled-edge-dns-lb.yaml';
const topology = loadTopology(EXAMPLE);
const flows = compileFlows(topology);
const policies = buildPolicies(flows);

const v4Rules = (n: number, seed: number): PolicyRule[] => {
  const g = generator(seed, Math.max(64, Math.floor(n / 8)));
  const out: PolicyRule[] = [];
  while (out.length < n) {
    const r = g.rule(out.length);
    if (r.family === 'ipv4') out.push(r);
  }
  return out;
};

const ports = (p: PortMatch) => (p.any ? undefined : p.ports.map((x) => (x.from === x.to ? `${x.from}` : `${x.from}:${x.to}`)));
const addrs = (a: AddressMatch) => (a.any ? [undefined] : a.addresses);

/** iptables-save lines for one rule (one line per address pair and transport, as iptables stores them). */
function iptablesLines(r: PolicyRule): string[] {
  const lines: string[] = [];
  const target = r.action === 'accept' ? 'ACCEPT' : r.action === 'drop' ? 'DROP' : 'REJECT';
  for (const t of r.transport === 'any' ? ['tcp', 'udp'] : [r.transport.toLowerCase()]) {
    for (const s of addrs(r.source)) for (const d of addrs(r.destination)) {
      const sp = ports(r.sourcePorts), dp = ports(r.destinationPorts);
      lines.push(['-A FORWARD', s && `-s ${s.includes('/') ? s : `${s}/32`}`, d && `-d ${d.includes('/') ? d : `${d}/32`}`, `-p ${t} -m ${t}`,
        sp && `--sport ${sp[0]}`, dp && (dp.length > 1 ? `-m multiport --dports ${dp.join(',')}` : `--dport ${dp[0]}`), `-j ${target}`].filter(Boolean).join(' '));
    }
  }
  return lines;
}

function iptablesConfig(n: number): string {
  // The example's rendered external rules first (what an engineer loaded), then unrelated ones.
  const ours = renderAll(topology, 'iptables', {}, policies).files.find((f) => f.file === 'external.rules.v4')!.content;
  const head = ours.split('\n').filter((l) => l.startsWith('-A ') || l.startsWith(':') || l.startsWith('*'));
  const body: string[] = [];
  for (const r of v4Rules(n, n)) for (const l of iptablesLines(r)) if (body.length < n) body.push(l);
  const chains = head.filter((l) => l.startsWith('*') || l.startsWith(':'));
  const rules = head.filter((l) => l.startsWith('-A'));
  return [`# Generated for the audit benchmark: ${rules.length} Lync rules + ${body.length} others`, ...chains, ...rules, ...body, 'COMMIT', ''].join('\n');
}

function asaConfig(lines: number): string {
  const ours = renderAll(topology, 'cisco-asa', {}, policies).files.find((f) => f.file === 'external.cfg')!.content.split('\n');
  const out = [...ours.filter((l) => !l.startsWith('access-group'))];
  const asaAddr = (a: string | undefined) => (a === undefined ? 'any4' : a.includes('/') ? `${a.split('/')[0]} ${prefixMask(Number(a.split('/')[1]))}` : `host ${a}`);
  const asaPort = (p: PortMatch) => (p.any ? '' : p.ports.length > 1 ? '' : p.ports[0].from === p.ports[0].to ? ` eq ${p.ports[0].from}` : ` range ${p.ports[0].from} ${p.ports[0].to}`);
  for (const r of v4Rules(lines, lines + 1)) {
    for (const t of r.transport === 'any' ? ['tcp', 'udp'] : [r.transport.toLowerCase()]) {
      for (const s of addrs(r.source)) for (const d of addrs(r.destination)) {
        if (out.length >= lines) break;
        out.push(`access-list outside_access_in extended ${r.action === 'accept' ? 'permit' : 'deny'} ${t} ${asaAddr(s)}${r.sourcePorts.any ? '' : asaPort(r.sourcePorts)} ${asaAddr(d)}${asaPort(r.destinationPorts)}`);
      }
    }
  }
  out.push(...ours.filter((l) => l.startsWith('access-group')));
  return out.join('\n') + '\n';
}

function prefixMask(p: number): string {
  const m = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 255).join('.');
}

function measure(platform: 'iptables' | 'cisco-asa', text: string, runs: number) {
  const ms: number[] = [];
  let summary = {};
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const parsed = PARSERS[platform](text, `bench.${platform}`);
    const report = runAudit({ topology, flows, parsed, config: `bench.${platform}`, platform, firewall: 'external', outsideInterface: 'outside' });
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i > 0) ms.push(dt); // the first run warms up
    const fs = report.sections.flatMap((s) => s.result.flows);
    summary = {
      parsed_rules: parsed.policies.reduce((n, p) => n + p.rules.length, 0),
      flows_allowed: fs.filter((f) => f.verdict === 'allowed').length, flows: fs.length,
      over_permissions: report.sections.reduce((n, s) => n + s.result.overPermissive.length, 0),
      shadowed: report.sections.reduce((n, s) => n + s.result.shadowed.length, 0),
    };
  }
  return { median_ms: Math.round(median(ms)), runs_ms: ms.map(Math.round), ...summary };
}

const results: Record<string, unknown>[] = [];
for (const n of [1000, 10000, 100000]) {
  const text = iptablesConfig(n);
  const r = { platform: 'iptables', rules: n, ...measure('iptables', text, n >= 100000 ? 3 : 5) };
  console.error(`  ${JSON.stringify(r)}`);
  results.push(r);
}
{
  const text = asaConfig(10000);
  const r = { platform: 'cisco-asa', lines: text.split('\n').length - 1, rules: 10000, ...measure('cisco-asa', text, 5) };
  console.error(`  ${JSON.stringify(r)}`);
  results.push(r);
}
const ms = (n: number) => results.find((r) => r.platform === 'iptables' && r.rules === n)!.median_ms as number;
// n log n would grow 12.5x from 10k to 100k rules; linear 10x.
const growth = Math.round((ms(100000) / ms(10000)) * 100) / 100;

// The set-size sweep: one process per size (peak memory is per process).
const SIZES = [250, 500, 1000, 2000, 4000, 8000];
const sweep: Record<string, number>[] = [];
for (const n of SIZES) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/audit-sets.ts', String(n)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`set sweep at ${n} addresses failed: ${r.stderr}`);
  const row = JSON.parse(r.stdout.trim().split('\n').pop()!);
  console.error(`  set sweep ${JSON.stringify(row)}`);
  sweep.push(row);
}
const first = sweep[0]!, last = sweep[sweep.length - 1]!;
const nlogn = (n: number) => n * Math.log2(n);
const round = (x: number) => Math.round(x * 100) / 100;
const setSweep = {
  sizes: sweep,
  time_growth: round(last.median_ms! / first.median_ms!),
  memory_growth: round(Math.max(1, last.peak_over_start_mb!) / Math.max(1, first.peak_over_start_mb!)),
  nlogn_growth: round(nlogn(last.addresses!) / nlogn(first.addresses!)),
  quadratic_growth: round((last.addresses! / first.addresses!) ** 2),
};
console.log(JSON.stringify({ name: 'audit', example: EXAMPLE, results, growth_10k_to_100k: growth, nlogn_would_be: 12.5, set_sweep: setSweep }));
