// Captures the output of every offline command on every example (and on the bad topologies, the
// audit fixtures and the render → audit round trip) into DIR, one file per command with its
// standard output, standard error and exit status, plus the renderers' golden files. Run it before
// and after a change that must not alter any output, then compare: `diff -r BEFORE AFTER`.
// In-process (the CLI's Io), so hundreds of commands take seconds, not a node start each.
// Probe and lab send traffic and are left to their own tests.
//   node --import tsx scripts/snapshot-outputs.ts /tmp/before
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { main } from '../src/cli/main.ts';
import { goldenOutputs } from '../test/render/golden-outputs.ts';

const outArg = process.argv[2];
if (!outArg) {
  console.error('usage: node --import tsx scripts/snapshot-outputs.ts DIR');
  process.exit(2);
}
const out = resolve(outArg);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let count = 0;

/** Runs `portolan ...args` in-process; NAME.out/.err/.rc under the snapshot. */
async function run(name: string, ...args: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  let rc: string;
  try {
    rc = String(await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }));
  } catch (e) {
    rc = `thrown: ${(e as Error).message}`;
  }
  const base = join(out, name);
  mkdirSync(dirname(base), { recursive: true });
  // The snapshot's own directory appears in messages (`wrote DIR/...`): name it neutrally.
  writeFileSync(`${base}.out`, stdout.replaceAll(out, '$SNAPSHOT'));
  writeFileSync(`${base}.err`, stderr.replaceAll(out, '$SNAPSHOT'));
  writeFileSync(`${base}.rc`, rc + '\n');
  count++;
  return stdout;
}

async function helpText(cmd: string): Promise<string> {
  let text = '';
  await main([cmd, '--help'], { stdout: (t) => (text += t), stderr: () => {}, isTTY: false });
  return text;
}

for (const cmd of ['catalog', 'check', 'flows', 'render', 'plan', 'dns', 'certs', 'probe', 'audit', 'lab']) {
  await run(`help/${cmd}`, cmd, '--help');
}
await run('help/main', '--help');
await run('help/unknown', 'nonsense');

await run('catalog/table', 'catalog');
await run('catalog/json', 'catalog', '--format', 'json');
await run('catalog/discrepancies', 'catalog', '--discrepancies');
await run('catalog/bad-version', 'catalog', '--version', 'lync2016');
for (const v of ['lync2010', 'lync2013']) {
  await run(`catalog/${v}`, 'catalog', '--version', v);
  await run(`catalog/${v}.json`, 'catalog', '--version', v, '--format', 'json');
}
for (const f of ['external', 'internal', 'host', 'load-balancer', 'client', 'edge-external', 'edge-internal', 'reverse-proxy-external', 'server-host', 'hlb-external-vip']) {
  await run(`catalog/firewall-${f}`, 'catalog', '--firewall', f);
}
for (const p of ['443', '5061', '3478', '50000']) await run(`catalog/port-${p}`, 'catalog', '--port', p);
for (const r of ['av', 'Access', 'webconferencing', 'Reverse Proxy', 'xmpp', 'Front End', 'Director', 'Mediation', 'Client', 'accses']) {
  await run(`catalog/role-${r.replace(/ /g, '_')}`, 'catalog', '--role', r);
}

const renderHelp = await helpText('render');
const targets = /^targets: (.*)$/m.exec(renderHelp)![1]!.split(', ');
const firewalls = /^firewalls: ([^(]*)/m.exec(renderHelp)![1]!.trim().split(', ');

const examples = [
  ...readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort().map((f) => `examples/${f}`),
  'test/fixtures/audit/lync2010-dual-stack-edge.yaml',
];
const readable: Record<string, string> = { nftables: 'nftables', iptables: 'iptables', 'cisco-asa': 'cisco-asa', aws: 'aws-terraform', azure: 'azure-terraform' };

for (const ex of examples) {
  const e = basename(ex, '.yaml');
  await run(`${e}/check`, 'check', ex);
  await run(`${e}/check.json`, 'check', ex, '--format', 'json');
  for (const fmt of ['table', 'csv', 'json', 'markdown']) {
    await run(`${e}/flows.${fmt}`, 'flows', ex, '--format', fmt);
    for (const fw of firewalls) await run(`${e}/flows-${fw}.${fmt}`, 'flows', ex, '--firewall', fw, '--format', fmt);
  }
  for (const t of targets) {
    await run(`${e}/render-${t}/status`, 'render', ex, '--target', t, '-o', join(out, e, `render-${t}`, 'files'));
    await run(`${e}/render-${t}/ifaces-status`, 'render', ex, '--target', t, '--outside', 'eth0', '--inside', 'eth1', '-o', join(out, e, `render-${t}`, 'files-ifaces'));
    for (const fw of firewalls) {
      const text = await run(`${e}/render-${t}/${fw}.stdout`, 'render', ex, '--target', t, '--firewall', fw);
      const platform = readable[t];
      if (!platform || text === '' || !['external', 'internal'].includes(fw)) continue;
      // render → audit round trip, every output format
      const cfg = join(out, e, `render-${t}`, `${fw}.cfg`);
      writeFileSync(cfg, text);
      for (const fmt of ['table', 'json', 'sarif']) {
        await run(`${e}/audit-${t}/${fw}.${fmt}`, 'audit', ex, '--config', cfg, '--platform', platform, '--firewall', fw, '--format', fmt);
      }
    }
  }
  await run(`${e}/render-windows/profiles.stdout`, 'render', ex, '--target', 'windows', '--firewall', 'host-edge', '--profile', 'Domain,Private');
  await run(`${e}/render-aws/ignore-sp.stdout`, 'render', ex, '--target', 'aws', '--firewall', 'external', '--ignore-source-ports');
  await run(`${e}/plan.md`, 'plan', ex);
  await run(`${e}/plan.html`, 'plan', ex, '--format', 'html');
  await run(`${e}/plan-file-html.status`, 'plan', ex, '-o', join(out, e, 'plan.html'));
  await run(`${e}/plan-file-md.status`, 'plan', ex, '-o', join(out, e, 'plan-file.md'));
  for (const fmt of ['table', 'bind', 'dnsmasq', 'csv', 'json']) await run(`${e}/dns.${fmt}`, 'dns', ex, '--format', fmt);
  for (const v of ['external', 'internal', 'perimeter']) {
    await run(`${e}/dns-${v}`, 'dns', ex, '--view', v);
    await run(`${e}/dns-${v}.dnsmasq`, 'dns', ex, '--view', v, '--format', 'dnsmasq');
    await run(`${e}/dns-${v}.bind`, 'dns', ex, '--view', v, '--format', 'bind');
  }
  for (const fmt of ['table', 'openssl', 'certreq', 'json']) await run(`${e}/certs.${fmt}`, 'certs', ex, '--format', fmt);
  for (const c of ['edge-external', 'edge-internal', 'reverse-proxy']) await run(`${e}/certs-${c}.openssl`, 'certs', ex, '--certificate', c, '--format', 'openssl');
}

for (const f of readdirSync('test/fixtures/bad-topologies').sort()) {
  const b = basename(f, '.yaml');
  const p = `test/fixtures/bad-topologies/${f}`;
  await run(`bad/${b}.check`, 'check', p);
  await run(`bad/${b}.flows`, 'flows', p);
  await run(`bad/${b}.render`, 'render', p, '--target', 'nftables', '--firewall', 'external');
  await run(`bad/${b}.dns`, 'dns', p);
  await run(`bad/${b}.certs`, 'certs', p);
  await run(`bad/${b}.plan`, 'plan', p);
}

// the hand-written audit fixtures
const ref = 'examples/lync2010-single-consolidated-edge.yaml';
const dual = 'test/fixtures/audit/lync2010-dual-stack-edge.yaml';
const A = 'test/fixtures/audit';
const C = 'test/fixtures/configs';
const audits: [string, string, string, string, ...string[]][] = [
  ['audit/nft', ref, `${A}/nftables-external.nft`, 'nftables'],
  ['audit/nft-json', ref, `${A}/nftables-external.json`, 'nftables'],
  ['audit/iptables', ref, `${A}/iptables-external.rules`, 'iptables'],
  ['audit/ip6tables', dual, `${A}/ip6tables-external.rules`, 'iptables'],
  ['audit/asa', ref, `${A}/asa-external.cfg`, 'cisco-asa', '--hit-counts', `${A}/asa-external-show-access-list.txt`],
  ['audit/aws', ref, `${A}/aws-external.json`, 'aws'],
  ['audit/azure', ref, `${A}/azure-external.json`, 'azure'],
  ['configs/nft', ref, `${C}/nftables-edge.nft`, 'nftables'],
  ['configs/iptables', ref, `${C}/iptables-edge.rules`, 'iptables'],
  ['configs/ip6tables', dual, `${C}/ip6tables-edge.rules`, 'iptables'],
  ['configs/asa', ref, `${C}/asa-edge.cfg`, 'cisco-asa', '--hit-counts', `${C}/asa-show-access-list.txt`],
  ['configs/aws', ref, `${C}/aws-security-groups.json`, 'aws'],
  ['configs/azure', ref, `${C}/azure-nsg.json`, 'azure'],
];
for (const [name, topo, cfg, platform, ...rest] of audits) {
  for (const fmt of ['table', 'json', 'sarif']) {
    await run(`${name}.${fmt}`, 'audit', topo, '--config', cfg, '--platform', platform, '--format', fmt, ...rest);
  }
  await run(`${name}.internal`, 'audit', topo, '--config', cfg, '--platform', platform, '--firewall', 'internal', ...rest);
}
// bad configurations: every platform reading another platform's file
for (const [name, topo, cfg] of audits.slice(0, 7)) {
  for (const platform of ['nftables', 'iptables', 'cisco-asa', 'aws', 'azure', 'aws-terraform', 'azure-terraform']) {
    await run(`audit-cross/${basename(name)}-as-${platform}`, 'audit', topo, '--config', cfg, '--platform', platform);
  }
}

// the renderers' golden files, regenerated into the snapshot (the golden test compares them too)
for (const g of goldenOutputs()) {
  const d = join(out, 'golden', g.target, g.example);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, g.file), g.content);
  count++;
}
console.log(`snapshot in ${out}: ${count} outputs`);
