// `portolan lab` usage faults are exit 2 with a reason, before any namespace is made: a topology
// the lab cannot build (no edge pool) and `down` with no lab up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

const labDir = mkdtempSync(join(tmpdir(), 'portolan-lab-cli-'));
process.env.PORTOLAN_LAB_DIR = labDir;

test('lab up|verify on a topology without an edge pool: exit 2, located reason, nothing made', async () => {
  for (const action of ['up', 'verify']) {
    const r = await run('lab', action, 'examples/lync2010-internal-servers.yaml');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /lync2010-internal-servers\.yaml:1:1: the lab needs a topology with an edge pool/);
  }
  assert.deepEqual(readdirSync(labDir), []);
});

test('lab down with no lab up: exit 2 and says so', async () => {
  const r = await run('lab', 'down', 'examples/lync2010-single-consolidated-edge.yaml');
  assert.equal(r.code, 2);
  assert.match(r.err, /no lab is up/);
});
