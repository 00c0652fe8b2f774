// Acceptance: the reference example reproduces 002's two concrete tables row for row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import type { Flow } from '../../src/flows/types.ts';
import { seedRows } from '../support/seed-tables.ts';
import { table } from '../../src/catalog/tables.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lync2010-single-consolidated-edge.yaml');

function portText(p: Flow['sourcePort']): string {
  return p === 'Any' ? 'Any' : p.from === p.to ? String(p.from) : `${p.from}-${p.to}`;
}
function flowRow(f: Flow): string {
  const a = (x: Flow['source']) => (x === 'Any' ? 'Any' : x.join(' '));
  return [a(f.source), portText(f.sourcePort), a(f.destination), portText(f.destinationPort), f.transport, f.application].join(' | ');
}
/** A concrete table row as printed: "Access | 10.45.16.30 | 50,000 – 59,999 | Any | Any | TCP | RTP | notes". */
function documentRow(cells: string[]): string {
  const port = (s: string) => s.replace(/,/g, '').replace(/\s*–\s*/, '-');
  const [, src, sport, dst, dport, transport, app] = cells;
  return [src, port(sport), dst, port(dport), transport, app].join(' | ');
}

for (const [firewall, key] of [['external', '002-external'], ['internal', '002-internal']] as const) {
  test(`reference example: ${firewall} flows equal "${table(key).heading}" row for row`, () => {
    const flows = compileFlows(loadTopology(EXAMPLE)).filter((f) => f.firewall === firewall);
    const expected = seedRows(table(key)).map((r) => documentRow(r.cells)).sort();
    const actual = flows.map(flowRow).sort();
    assert.deepEqual(actual, expected);
    assert.equal(actual.length, key === '002-external' ? 15 : 9);
  });
}

test('reference example: every external/internal flow cites its concrete table row', () => {
  const flows = compileFlows(loadTopology(EXAMPLE)).filter((f) => f.firewall === 'external' || f.firewall === 'internal');
  for (const f of flows) {
    assert.ok(f.citations.some((c) => c.table === table('002-external').heading || c.table === table('002-internal').heading), f.requirement);
  }
});

test('reference example: the direction words match 002 (in = toward the more trusted side)', () => {
  const flows = compileFlows(loadTopology(EXAMPLE));
  const dir = (app: string, port: number, fw: string) => flows.find((f) => f.firewall === fw && f.application === app && f.destinationPort !== 'Any' && f.destinationPort.from === port);
  assert.equal(dir('HTTP', 80, 'external')!.direction, 'out');
  assert.equal(dir('SIP (TLS)', 443, 'external')!.direction, 'in');
  assert.equal(dir('PSOM (MTLS)', 8057, 'internal')!.direction, 'out');
  assert.equal(dir('HTTPS', 4443, 'internal')!.direction, 'out');
});
