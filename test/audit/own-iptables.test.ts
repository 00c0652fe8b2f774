// Portolan audits its own `render --target iptables` output: both documents of a dual-stack
// topology, and the IPv6 document of an IPv4-only one (whose content names no family).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const DUAL = 'test/fixtures/audit/lync2010-dual-stack-edge.yaml';

async function cli(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

async function rendered(topology: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-own-'));
  const r = await cli('render', topology, '--target', 'iptables', '--firewall', 'external', '-o', dir + '/');
  assert.equal(r.code, 0, r.err);
  return dir;
}

test('dual-stack: the rendered .rules.v6 and .rules.v4 each audit clean for their family', async () => {
  const dir = await rendered(DUAL);
  assert.match(readFileSync(join(dir, 'external.rules.v6'), 'utf8'), /^# Portolan: firewall external \(perimeter\), IPv6 rules/);
  for (const [file, family] of [['external.rules.v6', 'ipv6'], ['external.rules.v4', 'ipv4']] as const) {
    const r = await cli('audit', DUAL, '--config', join(dir, file), '--platform', 'iptables', '--format', 'json');
    const j = JSON.parse(r.out);
    // exit 1 only because the other family's flows are the other document's (not audited here)
    assert.equal(r.code, j.unaudited.length > 0 ? 1 : 0, r.out + r.err);
    const flows = j.sections.flatMap((s: any) => s.result.flows);
    assert.ok(flows.length >= 10, file);
    assert.ok(flows.every((f: any) => f.verdict === 'allowed'), file);
    assert.ok(j.unaudited.every((f: any) => f.family !== family && f.family !== 'any'), `${file}: only the other family's flows are left to the other document`);
  }
});

test('IPv4-only: the rendered .rules.v6 is an IPv6 filter with --family ipv6 (its IPv4 flows are the .rules.v4\'s), and the content alone is reported ambiguous', async () => {
  const dir = await rendered(REF);
  const v6 = join(dir, 'external.rules.v6');
  const told = await cli('audit', REF, '--config', v6, '--platform', 'iptables', '--family', 'ipv6', '--format', 'json');
  const j = JSON.parse(told.out);
  const verdicts = j.sections.flatMap((s: any) => s.result.flows);
  assert.deepEqual(verdicts.filter((f: any) => f.verdict === 'blocked'), [], 'no IPv4 flow is blocked by an IPv6 filter');
  assert.equal(j.unaudited.length, 15);
  assert.ok(j.unaudited.every((f: any) => f.family === 'ipv4'));
  const v4 = await cli('audit', REF, '--config', join(dir, 'external.rules.v4'), '--platform', 'iptables');
  assert.equal(v4.code, 0, v4.out);
  const plain = await cli('audit', REF, '--config', v6, '--platform', 'iptables');
  assert.match(plain.out, /external\.rules\.v6:4:1: warning: address family not in the content .*pass --family ipv4 or ipv6 \(the file name suggests ipv6\)$/m);
  const bad = await cli('audit', REF, '--config', v6, '--platform', 'nftables', '--family', 'ipv6');
  assert.equal(bad.code, 2);
});

test('the summary says how many rules were not evaluated and that the verdicts are then incomplete', async () => {
  // Aerleon's ipset target output (tests/regression/ipset, Apache-2.0): -m set rules are skipped.
  const f = 'test/fixtures/third-party/iptables/aerleon-ipset-IpsetTest.testManySourceAndDestinationAddresses.rules';
  const r = await cli('audit', REF, '--config', f, '--platform', 'iptables');
  const skipped = r.out.split('\n').filter((l) => /warning: .*skipped$/.test(l)).length;
  assert.ok(skipped > 0);
  assert.match(r.out.trimEnd().split('\n').pop()!, new RegExp(`; ${skipped} rule\\(s\\) not evaluated \\(see the warnings\\): verdicts incomplete$`));
  const j = JSON.parse((await cli('audit', REF, '--config', f, '--platform', 'iptables', '--format', 'json')).out);
  assert.equal(j.notEvaluated, skipped);
  // ICMP rules do not make TCP/UDP verdicts incomplete.
  const clean = await cli('audit', REF, '--config', 'test/fixtures/audit/iptables-external.rules', '--platform', 'iptables');
  assert.doesNotMatch(clean.out, /not evaluated/);
});
