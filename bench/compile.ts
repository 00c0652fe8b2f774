// npm run bench -- compile: topology parse + flow compilation for the reference example and a
// large synthetic deployment (20 edge pools × 12 nodes, 50 Front End pools × 12 servers, IPv4 and
// IPv6), plus a size sweep to show growth with the number of nodes.
import { readFileSync } from 'node:fs';
import { parseTopology } from '../src/topology/load.ts';
import { compileFlows } from '../src/flows/compile.ts';
import { syntheticTopology } from './synthetic.ts';
import { time } from './measure.ts';

function run(name: string, text: string, runs: number, extra: Record<string, number> = {}): { name: string; flows: number; median_ms: number } & Record<string, number | string> {
  const { median_ms, result } = time(() => compileFlows(parseTopology(text, `${name}.yaml`)), runs);
  const r = { name, ...extra, flows: result.length, median_ms };
  console.error(`  ${JSON.stringify(r)}`);
  return r;
}

console.error('compile benchmark');
const results = [
  run('reference', readFileSync('examples/lync2010-single-consolidated-edge.yaml', 'utf8'), 20),
  run('synthetic-large', syntheticTopology(20, 12, 50, 12), 5, { edge_pools: 20, nodes_per_pool: 12, fe_pools: 50, servers_per_pool: 12 }),
];
// Growth: double the edge nodes with the Front End pools fixed (every edge flow lists the
// tightened Front End servers, so growing both would grow the output itself quadratically);
// time per node should stay flat for linear growth.
const sweep = [5, 10, 20, 40].map((e) => run(`sweep-${e}`, syntheticTopology(e, 12, 50, 12), 3, { edge_pools: e, edge_nodes: e * 12, fe_servers: 600 }));
const perNode = sweep.map((s) => s.median_ms / (s.edge_nodes as number));
const growth = Math.round((perNode[perNode.length - 1] / perNode[0]) * 100) / 100;
console.log(JSON.stringify({ name: 'compile', results, sweep, per_node_growth_40_vs_5: growth }));
