// Binding by hook, not by name: an nftables chain is placed by the hook and priority it sits on,
// whatever it is called. Rulesets are loaded into the kernel by the real `nft -f` inside
// `unshare --net` and read back from both `nft list ruleset` and `nft -j list ruleset`:
// - Portolan's rendered perimeter ruleset of the reference example (002) with its forward chain
//   renamed `fw_main`, beside an input-hook chain named `forward` and one named `root0`;
// - a firewalld-style ruleset (table `inet firewalld`, base chains `filter_INPUT`,
//   `filter_FORWARD`, `filter_OUTPUT`, zone chains reached by jumps) for the edge server's own
//   host firewall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAll } from '../../src/cli/commands/render.ts';
import { main } from '../../src/cli/main.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { bindPolicies } from '../../src/audit/bind.ts';
import { runAudit } from '../../src/audit/run.ts';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';
import type { FirewallName } from '../../src/flows/types.ts';
import { inNetns } from '../parse/helpers.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const topology = loadTopology(REF);
const flows = compileFlows(topology);
const nft = findPlatform('nftables')!.platform;
const rendered = (fw: string) => renderAll(topology, 'nftables').files.find((f) => f.firewall === fw)!.content;

/** The ruleset as the kernel gives it back: [nft list ruleset, nft -j list ruleset]. */
function dumps(ruleset: string): [string, string] {
  const out = inNetns(`nft -f - && nft list ruleset && echo '%%%' && nft -j list ruleset`, ruleset);
  assert.ok(out !== undefined, 'unshare --net with nft failed');
  const [text, json] = out.split('%%%\n');
  assert.match(json!, /^\{"nftables"/);
  return [text!, json!];
}

function audit(text: string, file: string, firewall: FirewallName, only?: string[]) {
  return runAudit({ topology, flows, parsed: readConfig(nft, text, file), config: file, platform: 'nftables', firewall, outsideInterface: 'outside', ...(only ? { only } : {}) });
}

const withoutLast = (s: string) => s.slice(0, s.trimEnd().lastIndexOf('}'));

// The perimeter ruleset, its forward chain renamed, and two input-hook chains with misleading names.
const PERIMETER = withoutLast(rendered('external').replace('\tchain forward {', '\tchain fw_main {')) + `
	chain forward {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		tcp dport 22 accept
	}

	chain root0 {
		type filter hook input priority 10; policy accept;
	}
}
`;

test('nftables: fw_main on the forward hook, forward and root0 on the input hook, bound by hook', async () => {
  const T = 'inet portolan_external';
  for (const [form, text] of ['text', 'json'].map((f, i) => [f, dumps(PERIMETER)[i]!] as const)) {
    const parsed = readConfig(nft, text, `dump.${form}`);
    const hooks = Object.fromEntries(parsed.policies.map((p) => [p.firewall, `${p.binding?.hook?.name} ${p.binding?.hook?.priority}`]));
    assert.deepEqual(hooks, { [`${T} fw_main`]: 'forward 0', [`${T} forward`]: 'input 0', [`${T} root0`]: 'input 10' }, form);
    // The perimeter firewall: the forward-hook chain, whatever its name; the host's own chains left out.
    const r = audit(text, `dump.${form}`, 'external');
    assert.deepEqual(r.sections.map((s) => [s.policy, s.sees]), [[`${T} fw_main`, 'both']], form);
    assert.deepEqual(r.sections[0]!.result.flows.filter((v) => v.verdict !== 'allowed').map((v) => v.requirement), [], form);
    assert.deepEqual(r.unaudited, [], form);
    assert.equal(r.ok, true, form);
    // A host firewall: the two input-hook chains, in priority order, inbound only; the chain named forward is not a forward chain.
    const host = bindPolicies(parsed.policies, { outsideInterface: 'outside', kind: 'host' });
    assert.deepEqual(host.bound.map((b) => [b.sees, b.parts]), [['in', [`${T} forward`, `${T} root0`]]], form);
    // Chosen by the name the parser printed, `forward` audits the inbound flows and drops them (it opens 22 only).
    const only = audit(text, `dump.${form}`, 'external', [`${T} forward`]);
    assert.deepEqual(only.sections.map((s) => [s.policy, s.sees]), [[`${T} forward`, 'in']], form);
    const verdicts = new Set(only.sections[0]!.result.flows.map((v) => v.verdict));
    assert.deepEqual([...verdicts], ['blocked'], form);
    assert.ok(only.unaudited.length > 0 && only.unaudited.every((f) => f.direction === 'out'), form);
    const root0 = audit(text, `dump.${form}`, 'external', [`${T} root0`]);
    assert.deepEqual(root0.sections.map((s) => [s.policy, s.sees]), [[`${T} root0`, 'in']], form);
  }
  // Through the command line, --policy takes the printed name.
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bind-'));
  const file = join(dir, 'ruleset.nft');
  writeFileSync(file, dumps(PERIMETER)[0]);
  let out = '';
  const code = await main(['audit', REF, '--config', file, '--platform', 'nftables', '--policy', `${T} forward`, '--format', 'json'], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(out).sections.map((s: { policy: string; sees: string }) => [s.policy, s.sees]), [[`${T} forward`, 'in']]);
});

/** The edge's host firewall as firewalld lays it out: the rendered rules in the zone's allow chain. */
function firewalld(drop?: string): string {
  let s = rendered('host-edge').replaceAll('portolan_host_edge', 'firewalld');
  s = s.replace('\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n', '\tchain filter_IN_public_allow {\n');
  s = s.replace('\tchain output {\n\t\ttype filter hook output priority filter; policy drop;\n', '\tchain filter_OUTPUT {\n\t\ttype filter hook output priority filter + 10; policy drop;\n');
  if (drop) s = s.split('\n').filter((l) => !l.includes(drop)).join('\n');
  return withoutLast(s) + `
	chain filter_INPUT {
		type filter hook input priority filter + 10; policy accept;
		ct state established,related accept
		ct state invalid drop
		iifname "lo" accept
		jump filter_INPUT_ZONES
		reject with icmpx admin-prohibited
	}

	chain filter_FORWARD {
		type filter hook forward priority filter + 10; policy accept;
		ct state established,related accept
		ct state invalid drop
		reject with icmpx admin-prohibited
	}

	chain filter_INPUT_ZONES {
		jump filter_IN_public
	}

	chain filter_IN_public {
		jump filter_IN_public_pre
		jump filter_IN_public_allow
	}

	chain filter_IN_public_pre {
	}
}
`;
}

test('nftables: firewalld-style filter_INPUT / filter_FORWARD / filter_OUTPUT bound by hook, verdicts through the zone jumps', () => {
  const T = 'inet firewalld';
  for (const form of [0, 1]) {
    const name = form ? 'dump.json' : 'dump.nft';
    const text = dumps(firewalld())[form]!;
    const parsed = readConfig(nft, text, name);
    const hooks = Object.fromEntries(parsed.policies.map((p) => [p.firewall, `${p.binding?.hook?.name} ${p.binding?.hook?.priority}`]));
    assert.deepEqual(hooks, { [`${T} filter_OUTPUT`]: 'output 10', [`${T} filter_INPUT`]: 'input 10', [`${T} filter_FORWARD`]: 'forward 10' }, name);
    const r = audit(text, name, 'host-edge');
    assert.deepEqual(r.sections.map((s) => [s.policy, s.sees]), [[`${T} filter_INPUT`, 'in'], [`${T} filter_OUTPUT`, 'out']], name);
    const audited = r.sections.flatMap((s) => s.result.flows);
    assert.equal(audited.length, flows.filter((f) => f.firewall === 'host-edge').length, name);
    assert.deepEqual(audited.filter((v) => v.verdict !== 'allowed').map((v) => v.requirement), [], name);
    assert.equal(r.ok, true, name);
    // Without the allow rule r1 (SIP 5061 and 443 to the Access Edge), those two flows are blocked by the final reject.
    const cut = audit(dumps(firewalld('comment "r1 '))[form]!, name, 'host-edge');
    const notAllowed = cut.sections.flatMap((s) => s.result.flows).filter((v) => v.verdict !== 'allowed');
    assert.deepEqual(notAllowed.map((v) => `${v.verdict} ${v.requirement}`).sort(), [
      'blocked 2010.edge-external.access.sip-mtls-5061.in', 'blocked 2010.edge-external.access.sip-tls-443.in',
    ], name);
    assert.equal(cut.ok, false, name);
  }
});
