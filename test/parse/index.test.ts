import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARSERS, parserFor } from '../../src/parse/index.ts';
import { fixture, read } from './helpers.ts';

test('registry: every platform by name; nftables detects JSON vs text', () => {
  assert.deepEqual(Object.keys(PARSERS).sort(), ['aws', 'aws-terraform', 'azure', 'azure-terraform', 'checkpoint', 'cisco-asa', 'fortigate', 'iptables', 'junos', 'nftables', 'opnsense', 'panos', 'pfsense']);
  assert.equal(parserFor('toString'), undefined);
  const nft = parserFor('nftables')!;
  const text = nft(read('nftables-edge.nft'), fixture('nftables-edge.nft'));
  const json = nft('  {"nftables": [{"chain": {"family": "ip", "table": "t", "name": "c", "hook": "input", "type": "filter", "policy": "drop"}}]}', 'x.json');
  assert.equal(text.policies.length, 3);
  assert.deepEqual(json.policies.map((p) => [p.firewall, p.defaultAction, p.rules.length]), [['ip t c', 'drop', 0]]);
});
