// Completion scripts: each shell's own parser accepts them (bash -n, zsh -n, fish -n), and bash's
// completion function really completes commands and a command's options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { COMMANDS } from '../../src/cli/registry.ts';

async function script(shell: string) {
  let out = '';
  const code = await main(['completion', shell], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  assert.equal(code, 0);
  return out;
}

for (const shell of ['bash', 'zsh', 'fish']) {
  test(`${shell} -n accepts the ${shell} completion script`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'portolan-completion-')), `portolan.${shell}`);
    writeFileSync(file, await script(shell));
    const r = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    assert.equal(r.error, undefined, `${shell} is installed (scripts/debian-packages.txt)`);
    assert.equal(r.status, 0, r.stderr);
  });
}

test('bash: completes command names and the options of audit', async () => {
  const complete = (words: string[]) => {
    const program = `${bashScript}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _portolan; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return spawnSync('bash', ['-c', program], { encoding: 'utf8' }).stdout.trim().split('\n');
  };
  const bashScript = await script('bash');
  assert.deepEqual(complete(['portolan', '']).filter((w) => !w.startsWith('-')).sort(), COMMANDS.map((c) => c.name).sort());
  assert.deepEqual(complete(['portolan', 'audit', '--con']), ['--config']);
  assert.ok(complete(['portolan', 'flows', '--']).includes('--firewall'));
});

test('an unknown shell is a usage error', async () => {
  const code = await main(['completion', 'tcsh'], { stdout: () => {}, stderr: () => {}, isTTY: false });
  assert.equal(code, 2);
});
