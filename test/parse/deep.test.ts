// Inputs nested or chained far deeper than any real configuration (the depths a reliability run
// used) are located input errors, never a stack overflow; ordinary depths still parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.ts';
import { parseLocatedJson } from '../../src/parse/located-json.ts';
import { parseHcl } from '../../src/hcl/read.ts';
import { findPlatform, readConfig } from '../../src/platforms/index.ts';

/** The reader `audit --platform NAME` uses (forms recognized by content). */
const reader = (name: string) => (text: string, file: string) => readConfig(findPlatform(name)!.platform, text, file);

const located = (re: RegExp, file: string) => (e: unknown) =>
  e instanceof InputError && re.test(e.message) && e.location?.file === file && e.location.line >= 1 && e.location.col >= 1;

test('JSON nested 8,000 to 20,000 levels: a located error in every JSON reader', () => {
  for (const n of [8000, 20000]) {
    assert.throws(() => parseLocatedJson('['.repeat(n) + ']'.repeat(n), 'deep.json'), located(/nested more than 256 levels/, 'deep.json'));
    assert.throws(() => reader('aws')(`{"SecurityGroups": ${'['.repeat(n)}${']'.repeat(n)}}`, 'sg.json'), located(/nested more than 256 levels/, 'sg.json'));
    assert.throws(() => reader('azure')('{"a":'.repeat(n) + '1' + '}'.repeat(n), 'nsg.json'), located(/nested more than 256 levels/, 'nsg.json'));
    assert.throws(() => reader('nftables')(`{"nftables": ${'['.repeat(n)}${']'.repeat(n)}}`, 'rules.json'), located(/nested more than 256 levels/, 'rules.json'));
  }
  assert.deepEqual(parseLocatedJson('[[[[[[[[[[1]]]]]]]]]]', 'ok.json').value, [[[[[[[[[[1]]]]]]]]]]);
});

test('HCL nested 2,000 to 5,000 levels (objects, blocks, parentheses): a located error', () => {
  for (const n of [2000, 5000]) {
    const inputs = [
      `resource "aws_security_group" "x" {\n  tags = ${'{ a = '.repeat(n)}1${' }'.repeat(n)}\n}\n`,
      `${'a {\n'.repeat(n)}${'}\n'.repeat(n)}`,
      `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`,
      `x = ${'['.repeat(n)}${']'.repeat(n)}\n`,
    ];
    for (const text of inputs) {
      assert.throws(() => parseHcl(text, 'main.tf'), located(/nested more than 128 levels/, 'main.tf'));
    }
    assert.throws(() => reader('aws')(inputs[0]!, 'main.tf'), located(/nested more than 128 levels/, 'main.tf'));
  }
  assert.equal(parseHcl('a { b { c { x = [[1]] } } }\n'.replace(/ \{ /g, ' {\n').replace(/ \} /g, '\n}\n'), 'ok.tf').blocks.length, 1);
});

function nftChains(n: number): string {
  const chains = Array.from({ length: n }, (_, i) => `  chain c${i} {\n    ${i + 1 < n ? `jump c${i + 1}` : 'tcp dport 5061 accept'}\n  }`).join('\n');
  return `table inet filter {\n${chains}\n  chain forward {\n    type filter hook forward priority 0; policy drop;\n    jump c0\n  }\n}\n`;
}

function iptablesChains(n: number): string {
  const decl = Array.from({ length: n }, (_, i) => `:c${i} - [0:0]`).join('\n');
  const rules = Array.from({ length: n }, (_, i) => (i + 1 < n ? `-A c${i} -j c${i + 1}` : `-A c${i} -p tcp --dport 5061 -j ACCEPT`)).join('\n');
  return `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${decl}\n-A FORWARD -j c0\n${rules}\nCOMMIT\n`;
}

test('3,000 to 6,000 chained user chains (nftables, iptables): a located error at the jump too deep', () => {
  for (const n of [3000, 6000]) {
    assert.throws(() => reader('nftables')(nftChains(n), 'fw.nft'), located(/jump c64: chains jump more than 64 deep/, 'fw.nft'));
    assert.throws(() => reader('iptables')(iptablesChains(n), 'fw.rules'), located(/chains jump more than 64 deep/, 'fw.rules'));
  }
  // Ten chains deep is an ordinary ruleset: the rule at the end is reached.
  for (const [parse, text] of [[reader('nftables'), nftChains(10)], [reader('iptables'), iptablesChains(10)]] as const) {
    const r = parse(text, 'fw');
    const forward = r.policies.find((p) => /forward/i.test(p.firewall))!;
    assert.ok(forward.rules.some((x) => x.action === 'accept' && !x.destinationPorts.any && x.destinationPorts.ports[0]!.from === 5061));
  }
});

test('an nft -j match without its right side (found by the fuzzer): a located error, no crash', () => {
  const text = JSON.stringify({ nftables: [
    { table: { family: 'inet', name: 'filter' } },
    { chain: { family: 'inet', table: 'filter', name: 'forward', type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
    { rule: { family: 'inet', table: 'filter', chain: 'forward', expr: [{ match: { op: '==', left: { payload: { protocol: 'udp', field: 'dport' } }, riaht: 3478 } }, { accept: null }] } },
  ] }, null, 2);
  assert.throws(() => reader('nftables')(text, 'rules.json'), located(/invalid port/, 'rules.json'));
});

test('an nft -j address prefix without its address (found by the fuzzer, seed 4242): a located error, no crash', () => {
  const text = JSON.stringify({ nftables: [
    { table: { family: 'inet', name: 'filter' } },
    { chain: { family: 'inet', table: 'filter', name: 'forward', type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
    { rule: { family: 'inet', table: 'filter', chain: 'forward', expr: [{ match: { op: '==', left: { payload: { protocol: 'ip', field: 'daddr' } }, right: { set: [{ prefix: { len: 24 } }] } } }, { accept: null }] } },
  ] }, null, 2);
  assert.throws(() => reader('nftables')(text, 'rules.json'), located(/invalid ipv4 address/, 'rules.json'));
});

test('Junos curly braces nested 1,001 to 6,000 levels: a located error (every statement carries its path: no square cost)', () => {
  const braces = (n: number) => `security {\n${'policies {\n'.repeat(n)}${'}\n'.repeat(n)}}\n`;
  for (const n of [1001, 6000]) {
    assert.throws(() => reader('junos')(braces(n), 'juniper.conf'), (e: unknown) => located(/blocks nested deeper than 1000 levels/, 'juniper.conf')(e) && (e as InputError).location!.line === 1001);
  }
  // A deep but possible nesting still reads (nothing in it to audit: no policy rules).
  assert.deepEqual(reader('junos')(braces(900), 'juniper.conf').policies.flatMap((p) => p.rules), []);
});
