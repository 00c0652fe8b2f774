// npm run bench -- audit: generates iptables-save configurations of 1k, 10k and 100k rules and a
// Cisco ASA configuration of 10k lines (the Lync 2013 DNS example's own external rules on top,
// then seeded unrelated rules), then parses and audits each against that example's external
// firewall, the way `portolan audit` does. Then a sweep of node-set sizes (bench/audit-sets.ts):
// time and peak memory per size, and their growth beside n log n. Progress lines first; the last
// line is JSON.
import { spawnSync } from 'node:child_process';
import { EXAMPLE, asaConfig, iptablesConfig, measureAudit as measure } from './audit-configs.ts';

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
