import { readdirSync } from 'node:fs';
import { main } from '/work/wt/i16/src/cli/main.ts';
const ROOT = 'test/fixtures/third-party';
const PLATFORM: Record<string, string> = { iptables: 'iptables', nftables: 'nftables', 'cisco-asa': 'cisco-asa', aws: 'aws', azure: 'azure', capirca: '' , 'aws-terraform': 'aws-terraform', 'azure-terraform': 'azure-terraform'};
for (const d of readdirSync(ROOT).sort()) {
  if (d === 'SOURCES' || d === 'README.md') continue;
  for (const f of readdirSync(`${ROOT}/${d}`).sort()) {
    let out = '', err = '';
    const code = await main(['audit', 'examples/lync2010-single-consolidated-edge.yaml', '--config', `${ROOT}/${d}/${f}`, '--platform', PLATFORM[d] ?? d, '--format', 'json'], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
    let summary = '';
    if (code !== 2) { const j = JSON.parse(out); summary = `${j.sections.length} sections; ${j.warnings.length} warnings`; }
    console.log(`${code} ${d}/${f} ${summary} ${err.trim().split('\n')[0]}`);
  }
}
