// portolan diagram: SVG on standard output or to a file, PNG through the system's Chromium,
// bad usage refused with exit 2 and nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { drawDiagram } from '../../src/diagram/index.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { loadTopology } from '../../src/topology/load.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

test('diagram: SVG on stdout equals the module; -o FILE.svg the same bytes', async () => {
  const t = loadTopology(REF);
  const expected = await drawDiagram(t, compileFlows(t));
  const r = await run('diagram', REF);
  assert.equal(r.code, 0);
  assert.equal(r.out, expected);
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-diagram-')), 'd.svg');
  assert.equal((await run('diagram', REF, '-o', file)).code, 0);
  assert.equal(readFileSync(file, 'utf8'), expected);
});

test('diagram -o FILE.png: a PNG rasterised by Chromium at twice the SVG size', async () => {
  const t = loadTopology(REF);
  const svg = await drawDiagram(t, compileFlows(t));
  const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-diagram-')), 'd.png');
  const r = await run('diagram', REF, '-o', file);
  assert.equal(r.code, 0, r.err);
  const png = readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), w * 2);
  assert.equal(png.readUInt32BE(20), h * 2);
  // Not blank: a drawing compresses to more than a white page would.
  assert.ok(png.length > 50_000, `${png.length} bytes`);
});

test('diagram: bad usage exits 2 and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-diagram-'));
  const r = await run('diagram', REF, '-o', join(dir, 'd.pdf'));
  assert.equal(r.code, 2);
  assert.match(r.err, /-o needs a \.svg or \.png/);
  assert.equal((await run('diagram', REF, '--platform', 'nftables')).code, 2);
  const bad = await run('diagram', REF, '--config', join(dir, 'missing.nft'), '--platform', 'nftables', '-o', join(dir, 'x.svg'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /missing\.nft:1:1: cannot read configuration: ENOENT/);
  assert.equal(existsSync(join(dir, 'x.svg')), false);
});
