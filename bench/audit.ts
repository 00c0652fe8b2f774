// npm run bench -- audit: generates iptables-save configurations of 1k, 10k and 100k rules and a
// Cisco ASA configuration of 10k lines (the Lync 2013 DNS example's own external rules on top,
// then seeded unrelated rules), then parses and audits each against that example's external
// firewall, the way `portolan audit` does. Progress lines first; the last line is JSON.
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
console.log(JSON.stringify({ name: 'audit', example: EXAMPLE, results, growth_10k_to_100k: growth, nlogn_would_be: 12.5 }));
