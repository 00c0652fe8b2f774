// The docs and --help agree: each command's docs page carries its --help text verbatim, and the
// README names every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, loadCommands } from '../../src/cli/registry.ts';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const page = (name: string) => join(ROOT, 'docs', `${name === 'certs' ? 'certificates' : name}.md`);

for (const c of await loadCommands()) {
  test(`docs page of '${c.name}' shows its --help (npm run docs-help)`, async () => {
    assert.ok(readFileSync(page(c.name), 'utf8').includes(c.help.trimEnd()), `${page(c.name)} is out of date`);
    let out = '';
    const code = await main([c.name, '--help'], { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
    assert.equal(code, 0);
    assert.equal(out.trimEnd(), c.help.trimEnd());
  });
}

test('README names every command and opens with the two commands', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const c of COMMANDS) assert.ok(readme.includes(`portolan ${c.name}`), c.name);
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1];
  assert.match(firstBlock, /npm ci && \.\/bin\/portolan plan examples\/lync2010-single-consolidated-edge\.yaml/);
  assert.match(firstBlock, /^scripts\/install-test-deps\.sh && npm test/m, 'works as root and not (no sudo in front)');
});

test('README names the Debian packages exactly as scripts/debian-packages.txt lists them', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const packages = readFileSync(join(ROOT, 'scripts', 'debian-packages.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  for (const p of packages) assert.match(readme, new RegExp(`[ ,:]${p.replace(/[.+]/g, '\\$&')}[ ,(]`), p);
});

test('an unknown command lists the commands and exits 2', async () => {
  let err = '';
  const code = await main(['flow'], { stdout: () => {}, stderr: (t) => { err += t; }, isTTY: false });
  assert.equal(code, 2);
  assert.match(err, /unknown command 'flow'/);
});
