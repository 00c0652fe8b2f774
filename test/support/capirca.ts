// Capirca (Debian's python3-capirca, `aclgen`) as an independent writer of firewall
// configurations: a Portolan policy becomes a Capirca policy (.pol with network and service
// definitions), aclgen renders it for a Capirca target, and the tests audit what Capirca wrote;
// the CLI benchmark times aclgen on the same policy Portolan renders.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../../src/policy/types.ts';

export interface CapircaPolicy {
  pol: string;
  networks: string;
  services: string;
}

/** One Capirca filter: its header's `target::` line and the IR rules that become its terms. */
export interface CapircaSection {
  target: string;
  comment?: string;
  rules: readonly PolicyRule[];
}

/**
 * One term per IR rule, sections in order (network and service definitions shared). The one
 * writer of Capirca policies: the tests' cross-checks and the CLI benchmark both use it.
 */
export function capircaPolicy(sections: readonly CapircaSection[]): CapircaPolicy & { terms: number } {
  const nets = new Map<string, string>(); // content → name
  const svcs = new Map<string, string>();
  const netLines: string[] = [];
  const svcLines: string[] = [];
  const net = (m: AddressMatch): string | undefined => {
    if (m.any) return undefined;
    const key = m.addresses.join(' ');
    let n = nets.get(key);
    if (!n) {
      n = `NET${nets.size + 1}`;
      nets.set(key, n);
      netLines.push(`${n} = ${m.addresses[0]}`, ...m.addresses.slice(1).map((a) => `      ${a}`), '');
    }
    return n;
  };
  const svc = (m: PortMatch, protos: string[]): string | undefined => {
    if (m.any) return undefined;
    const items = protos.flatMap((p) => m.ports.map((r) => `${r.from === r.to ? r.from : `${r.from}-${r.to}`}/${p}`));
    const key = items.join(' ');
    let n = svcs.get(key);
    if (!n) {
      n = `SVC${svcs.size + 1}`;
      svcs.set(key, n);
      svcLines.push(`${n} = ${items[0]}`, ...items.slice(1).map((i) => `      ${i}`), '');
    }
    return n;
  };
  let terms = 0;
  const term = (r: PolicyRule): string[] => {
    const protos = r.transport === 'any' ? ['tcp', 'udp'] : [r.transport.toLowerCase()];
    const s = net(r.source), d = net(r.destination);
    const sp = svc(r.sourcePorts, protos), dp = svc(r.destinationPorts, protos);
    terms++;
    return [
      `term ${r.id.replace(/[^A-Za-z0-9-]/g, '-')} {`,
      ...(s ? [`  source-address:: ${s}`] : []),
      ...(d ? [`  destination-address:: ${d}`] : []),
      ...(sp ? [`  source-port:: ${sp}`] : []),
      ...(dp ? [`  destination-port:: ${dp}`] : []),
      ...(r.transport === 'any' && !sp && !dp ? [] : [`  protocol:: ${protos.join(' ')}`]),
      '  action:: accept',
      '}',
    ];
  };
  const pol: string[] = [];
  for (const x of sections) {
    if (!x.rules.length) continue;
    pol.push('header {', ...(x.comment ? [`  comment:: "${x.comment}"`] : []), `  target:: ${x.target}`, '}', ...x.rules.flatMap(term), '');
  }
  return { pol: pol.join('\n'), networks: netLines.join('\n'), services: svcLines.join('\n'), terms };
}

/** A policy's inbound and outbound rules as two filters, e.g. `{ in: 'paloalto from-zone untrust to-zone dmz', out: … }`. */
export function byDirection(policy: Policy, targets: Record<'in' | 'out', string>): CapircaSection[] {
  return (['in', 'out'] as const).map((dir) => ({ target: targets[dir], rules: policy.rules.filter((r) => r.direction === dir) }));
}

/** Runs aclgen on one policy; returns the files it wrote (name → text). Throws with aclgen's output on failure. */
export function aclgen(p: CapircaPolicy, name = 'portolan'): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-capirca-'));
  mkdirSync(join(dir, 'policies', 'pol'), { recursive: true });
  mkdirSync(join(dir, 'def'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'policies', 'pol', `${name}.pol`), p.pol);
  writeFileSync(join(dir, 'def', 'NETWORK.net'), p.networks);
  writeFileSync(join(dir, 'def', 'SERVICES.svc'), p.services);
  const r = spawnSync('aclgen', [`--base_directory=${join(dir, 'policies')}`, `--definitions_directory=${join(dir, 'def')}`, `--output_directory=${join(dir, 'out')}`, '--max_renderers=1'], { encoding: 'utf8' });
  const files = Object.fromEntries(readdirSync(join(dir, 'out')).map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8')]));
  if (r.status !== 0 || Object.keys(files).length === 0) throw new Error(`aclgen failed (${r.status}): ${r.stderr}${r.stdout}`);
  return files;
}
