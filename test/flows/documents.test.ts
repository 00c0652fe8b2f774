// Acceptance: each 2013 example and the 004 example produce a flow for every row its document
// lists for that scenario, resolved to the example's addresses, and no flow that no row asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { holds } from '../../src/flows/applies.ts';
import { requirementById } from '../../src/catalog/index.ts';
import { keyOf } from '../../src/catalog/define.ts';
import { PRODUCTS } from '../../src/catalog/products.ts';
import { TABLES, table } from '../../src/catalog/tables.ts';
import type { Endpoint } from '../../src/catalog/types.ts';
import type { Flow } from '../../src/flows/types.ts';

const example = (name: string) => join(import.meta.dirname, '..', '..', 'examples', `${name}.yaml`);

interface Case {
  example: string;
  documents: string[];
  /** Rows the example deliberately does not exercise, with the reason. */
  excluded: Record<string, { rows: number[]; why: string }>;
  /** The addresses each edge endpoint must resolve to (one flow per node or VIP). */
  endpoints: Partial<Record<Endpoint, string[]>>;
}

const NODES = {
  'edge.access': ['203.0.113.10', '203.0.113.11'],
  'edge.webconf': ['203.0.113.20', '203.0.113.21'],
  'edge.av': ['203.0.113.30', '203.0.113.31'],
  'edge.internal': ['172.25.33.10', '172.25.33.11'],
};

const CASES: Case[] = [
  { example: 'lync2013-scaled-edge-dns-lb', documents: ['000'], excluded: {}, endpoints: NODES },
  {
    example: 'lync2013-scaled-edge-hlb', documents: ['001'], excluded: {},
    endpoints: {
      ...NODES,
      'vip.access': ['203.0.113.100'], 'vip.webconf': ['203.0.113.101'], 'vip.av': ['203.0.113.102'], 'vip.internal': ['172.25.33.100'],
    },
  },
  {
    example: 'lync2013-federation-xmpp-pic', documents: ['003'], excluded: {},
    endpoints: { 'edge.access': ['203.0.113.10'], 'edge.av': ['203.0.113.30'], 'edge.internal': ['172.25.33.10'] },
  },
  {
    example: 'lync2010-internal-servers', documents: ['004'],
    excluded: {
      '004-server': { rows: [1, 32, 14, 15, 16, 17, 18, 24], why: 'remote call control is off, no collocated Mediation Server, no E9-1-1 gateway' },
      '004-hlb-dns': { rows: [1, 2, 3, 4, 5, 6, 7], why: 'both pools use hardware load balancing only' },
      '004-hlb-only': { rows: [15], why: 'the Mediation Server is a single server, not load balanced' },
    },
    endpoints: {},
  },
];

function endpointAddresses(flows: Flow[], side: 'source' | 'destination'): string[] {
  return [...new Set(flows.flatMap((f) => (f[side] === 'Any' ? [] : (f[side] as string[]))))].sort();
}

for (const c of CASES) {
  const topology = loadTopology(example(c.example));
  const flows = compileFlows(topology);
  const tables = TABLES.filter((t) => c.documents.some((d) => t.document.startsWith(d)));

  test(`${c.example}: every row of ${c.documents.join(', ')} for this scenario has a flow`, () => {
    for (const t of tables) {
      const excluded = c.excluded[t.key]?.rows ?? [];
      for (let row = 1; row <= t.rows; row++) {
        const citing = flows.filter((f) => f.citations.some((x) => keyOf(x) === t.key && x.row === row));
        if (excluded.includes(row)) assert.equal(citing.length, 0, `${t.key} row ${row} should not apply: ${c.excluded[t.key].why}`);
        else assert.ok(citing.length > 0, `no flow for ${t.heading} row ${row}`);
      }
    }
  });

  test(`${c.example}: edge rows resolve to the example's addresses, one flow per node or VIP`, () => {
    const byRequirement = new Map<string, Flow[]>();
    for (const f of flows.filter((x) => x.firewall === 'external' || x.firewall === 'internal')) byRequirement.set(f.requirement, [...(byRequirement.get(f.requirement) ?? []), f]);
    for (const [id, fs] of byRequirement) {
      const r = requirementById(id)!;
      for (const side of ['source', 'destination'] as const) {
        const s = r[side];
        if (s.kind !== 'endpoint' || !(s.endpoint in c.endpoints)) continue;
        assert.deepEqual(endpointAddresses(fs, side), c.endpoints[s.endpoint]!.slice().sort(), `${id} ${side}`);
        assert.equal(fs.length, c.endpoints[s.endpoint]!.length, `${id}: one flow per ${s.endpoint}`);
      }
    }
  });

  test(`${c.example}: no flow appears that no applicable row asks for`, () => {
    for (const f of flows) {
      assert.ok(f.citations.length > 0, f.requirement);
      for (const x of f.citations) {
        const t = table(keyOf(x));
        assert.ok(PRODUCTS[topology.version].documents.includes(t.document), `${f.requirement} cites ${t.key}`);
        assert.ok(holds(x.when, topology.features), `${f.requirement} cites ${t.key} row ${x.row} whose condition does not hold`);
        if (t.edgeLoadBalancing && /^(edge|hlb)/.test(requirementById(f.requirement)!.interface)) {
          assert.ok(topology.edgePools.some((p) => t.edgeLoadBalancing!.includes(p.loadBalancing)), `${t.key} is for another load balancing mode`);
        }
      }
    }
  });
}

test('hardware load balancing: Access and XMPP rows go to the VIP, never to the real servers', () => {
  const flows = compileFlows(loadTopology(example('lync2013-scaled-edge-hlb')));
  const toNodes = flows.filter((f) => f.firewall === 'external' && f.destination !== 'Any' && f.destination.some((a) => /^203\.0\.113\.1[01]$/.test(a)));
  assert.deepEqual(toNodes, [], 'no inbound flow to node Access addresses');
});

test('tightenAny (default): "Any (can be defined as …)" becomes the named servers; false keeps Any', async () => {
  const { parseTopology } = await import('../../src/topology/load.ts');
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(example('lync2013-scaled-edge-dns-lb'), 'utf8');
  const tight = compileFlows(parseTopology(text, 'a.yaml')).find((f) => f.requirement === '2013.edge-internal.access.sip-mtls-5061.out')!;
  assert.deepEqual(tight.source, ['192.168.10.90', '192.168.10.91']);
  const loose = compileFlows(parseTopology(text + '\ntightenAny: false\n', 'a.yaml')).find((f) => f.requirement === '2013.edge-internal.access.sip-mtls-5061.out')!;
  assert.equal(loose.source, 'Any');
});
