// Tables on a real terminal (a pseudo-terminal made by util-linux `script`): they fit its
// width; --wide, or output that is not a terminal, gives the full-width table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { onTerminal } from '../support/cli-process.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const longest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
/** The table alone: the lines before what follows it (a count, a legend of sources). */
const table = (text: string) => {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => l === '' || /^(\d+ requirement|Cited rows:|Sources:)/.test(l));
  return lines.slice(0, end < 0 ? undefined : end).join('\n');
};

async function piped(...args: string[]) {
  let out = '';
  await main(args, { stdout: (t) => { out += t; }, stderr: () => {}, isTTY: false });
  return out;
}

for (const [name, args] of [['catalog', ['catalog']], ['flows', ['flows', REF]], ['dns', ['dns', REF]], ['certs', ['certs', REF]]] as const) {
  test(`${name}: fits an 80-column terminal and keeps every row; --wide and pipes are full width`, async () => {
    const full = await piped(...args);
    assert.ok(longest(table(full)) > 80, 'the full table is wider than the terminal (else this proves nothing)');
    const fitted = onTerminal(80, [...args]);
    assert.equal(fitted.status, 0, fitted.out);
    assert.ok(longest(table(fitted.out)) <= 80, `a line is ${longest(table(fitted.out))} columns:\n${table(fitted.out).split('\n').find((l) => [...l].length > 80)}`);
    // Wrapping moves text between lines but loses none of it.
    const words = (t: string) => t.replace(/\s+/g, '').length;
    assert.equal(words(fitted.out.replace(/-{2,}/g, '')), words(full.replace(/-{2,}/g, '')));
    const wide = onTerminal(80, [...args, '--wide']);
    assert.equal(wide.out, full);
  });
}

test('a terminal wide enough leaves the table as it is', () => {
  const r = onTerminal(400, ['flows', REF, '--firewall', 'internal']);
  assert.ok(longest(r.out) > 80 && longest(r.out) <= 400);
  assert.ok(!/\n {20,}\S/.test(r.out), 'no wrapped continuation lines');
});
