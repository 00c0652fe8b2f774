// nftables as `nft list ruleset` / `nft -j list ruleset` (nftables 1.0.6, Debian 12) print
// anonymous chains (`jump { … }`; in JSON a bare string of its text) and netdev chains with
// `devices = { lo, v0 }`. Fixture: test/fixtures/third-party/nftables/nft-1.0.6-anonymous-chain-netdev-devices.*
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';
import type { ParseOptions } from '../../src/parse/types.ts';

const parseNftables = (text: string, file: string, options?: ParseOptions) => readConfig(findPlatform('nftables')!.platform, text, file, options);
import { brief, inNetns, policy } from './helpers.ts';

const F = 'test/fixtures/third-party/nftables/nft-1.0.6-anonymous-chain-netdev-devices';
const text = readFileSync(`${F}.nft`, 'utf8');
const json = readFileSync(`${F}.json`, 'utf8');

test('the fixtures are what nft 1.0.6 prints (anonymous chain as a bare string in JSON)', () => {
  assert.match(text, /jump \{\n\t+tcp dport \{ 443, 5061 \} accept\n/);
  assert.match(text, /devices = \{ lo, v0 \}/);
  assert.ok(JSON.parse(json).nftables.some((o: any) => o.rule?.expr.some((e: unknown) => typeof e === 'string' && e.startsWith('jump {'))));
  const back = inNetns('ip link add v0 type veth peer name v1 && nft -f - && nft list ruleset', text);
  assert.ok(back !== undefined);
  assert.equal(back, text.split('\n').slice(1).join('\n'), 'nft loads the text and prints it back unchanged');
});

test('jump { … }: the anonymous chain is inlined under the rule that jumps to it, text and JSON alike', () => {
  const expected = [
    'accept ipv4 TCP any:any > 10.45.16.10:443,5061',
    'drop ipv4 UDP any:any > 10.45.16.10:53',
    'accept ipv4 TCP 10.45.16.10:any > any:80,5061',
    'accept ipv4 UDP 10.45.16.10:any > any:53',
  ];
  for (const [src, file] of [[text, 'a.nft'], [json, 'a.json']] as const) {
    const r = parseNftables(src, file);
    const fwd = policy(r.policies, 'inet fw_main fw_main');
    assert.deepEqual(fwd.rules.map(brief), expected, file);
    assert.equal(fwd.defaultAction, 'drop');
    assert.equal(fwd.stateful, true);
    // Nothing in the ruleset is skipped: only the netdev family is outside the model.
    assert.deepEqual(r.warnings.map((w) => w.message), ['chain netdev ingress_guard ingress: family netdev not supported; ignored'], file);
  }
  const lines = policy(parseNftables(text, 'a.nft').policies, 'inet fw_main fw_main').rules.map((r) => r.origin?.line);
  assert.deepEqual(lines, [7, 8, 10, 11], 'rules of the anonymous chain point at their own lines');
});
