// Golden files: every target × every example, byte for byte (regenerate with `npm run golden`
// and review the diff), and Debian's real validators accept every golden output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { goldenOutputs, GOLDEN_DIR, EXAMPLES } from './golden-outputs.ts';
import { haproxyCheck, ip6tablesCheck, iptablesCheck, nftCheck, xmlCheck } from './validators.ts';
import { rendererTargets } from '../../src/render/index.ts';

const outputs = goldenOutputs();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

test('the golden files are exactly what the renderers produce now (no missing, no stale)', () => {
  const expected = new Set(outputs.map((g) => join(GOLDEN_DIR, g.target, g.example, g.file)));
  const present = new Set(walk(GOLDEN_DIR).filter((f) => !f.endsWith('.actual')));
  assert.deepEqual([...present].filter((f) => !expected.has(f)).map((f) => relative(GOLDEN_DIR, f)), [], 'stale golden files');
  for (const g of outputs) {
    const path = join(GOLDEN_DIR, g.target, g.example, g.file);
    assert.ok(existsSync(path), `missing golden file ${relative(GOLDEN_DIR, path)} (run npm run golden)`);
    const want = readFileSync(path, 'utf8');
    if (want !== g.content) writeFileSync(`${path}.actual`, g.content);
    assert.equal(g.content, want, `${relative(GOLDEN_DIR, path)} differs (see .actual)`);
  }
});

test('every target renders every example it can serve, and renders at least one firewall in all', () => {
  for (const target of rendererTargets()) {
    const rendered = outputs.filter((g) => g.target === target && !g.file.endsWith('.refused.txt'));
    assert.ok(rendered.length > 0, target);
  }
  for (const example of EXAMPLES.map((e) => e.replace(/\.yaml$/, ''))) {
    for (const target of ['nftables', 'iptables', 'ip6tables', 'windows', 'azure']) {
      assert.ok(outputs.some((g) => g.target === target && g.example === example && !g.file.endsWith('.refused.txt')), `${target} renders nothing for ${example}`);
    }
  }
});

const judged: [string, (text: string) => { ok: boolean; output: string }, (g: (typeof outputs)[number]) => boolean][] = [
  ['nft -c -f', nftCheck, (g) => g.target === 'nftables'],
  ['iptables-restore --test', iptablesCheck, (g) => g.target === 'iptables' && g.file.endsWith('.v4')],
  ['ip6tables-restore --test', ip6tablesCheck, (g) => (g.target === 'iptables' && g.file.endsWith('.v6')) || g.target === 'ip6tables'],
  ['haproxy -c -f', haproxyCheck, (g) => g.target === 'haproxy' && !g.file.endsWith('.refused.txt')],
  ['xmllint --noout', xmlCheck, (g) => (g.target === 'panos' || g.target === 'pfsense') && g.file.endsWith('.xml')],
];

for (const [name, check, select] of judged) {
  test(`${name} accepts every golden output it applies to`, () => {
    const chosen = outputs.filter(select);
    assert.ok(chosen.length > 0);
    for (const g of chosen) {
      const v = check(g.content);
      assert.ok(v.ok, `${g.target}/${g.example}/${g.file}: ${v.output}`);
    }
  });
}
