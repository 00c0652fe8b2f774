// npm run bench -- planner: time from the planner's request to a drawn diagram, in Debian's
// Chromium against the real server, for the reference example and the large synthetic
// deployment (20 edge pools × 12 nodes, 50 Front End pools × 12 servers); goals < 1 s and
// < 3 s. Also the server's share (analyse: flows, lint, DNS, certificates, layout, SVG) and the
// SVG size. The machine's load average is printed beside: shared machines inflate wall times.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlanner } from '../src/serve/server.ts';
import { buildWeb, launch } from '../test/serve/browser.ts';
import { median } from './measure.ts';
import { parseTopology } from '../src/topology/load.ts';
import { compileFlows } from '../src/flows/compile.ts';
import { drawDiagram } from '../src/diagram/index.ts';

/** The server's parts, in this process, warm: topology + flows, then the diagram (graph, ELK layout, SVG). */
async function parts(file: string) {
  const text = readFileSync(file, 'utf8');
  const compile: number[] = [], draw: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const t = parseTopology(text, file);
    const flows = compileFlows(t);
    const t1 = performance.now();
    await drawDiagram(t, flows);
    const t2 = performance.now();
    if (i > 0) { compile.push(t1 - t0); draw.push(t2 - t1); } // the first run warms up
  }
  return { compile_median_ms: Math.round(median(compile)), diagram_median_ms: Math.round(median(draw)) };
}
import { syntheticTopology } from './synthetic.ts';

const RUNS = Number(process.env.PLANNER_BENCH_RUNS ?? 5);

async function measure(name: string, file: string, goal: number) {
  const planner = await startPlanner({ topologyFile: file, port: 0 });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(planner.url);
    await page.waitForSelector('body[data-analysed]', { timeout: 600_000 });
    const text = readFileSync(file, 'utf8');
    const drawn: number[] = [];
    const server: number[] = [];
    let svgBytes = 0, nodes = 0, groups = 0;
    for (let i = 0; i < RUNS; i++) {
      // In the page: the request the editor makes, then the SVG parsed, put in the document and painted.
      const r = await page.evaluate(async (body) => {
        const t0 = performance.now();
        const res = await fetch('/api/analyse', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const a = await res.json() as { diagram: string };
        const t1 = performance.now();
        const doc = new DOMParser().parseFromString(a.diagram, 'image/svg+xml');
        const target = document.getElementById('diagram')!;
        target.replaceChildren(document.importNode(doc.documentElement, true));
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        return { drawn: performance.now() - t0, response: t1 - t0, bytes: new TextEncoder().encode(a.diagram).length, nodes: target.querySelectorAll('g.node').length, groups: target.querySelectorAll('g.flow').length };
      }, JSON.stringify({ text }));
      drawn.push(r.drawn); server.push(r.response);
      svgBytes = r.bytes; nodes = r.nodes; groups = r.groups;
      console.error(`  ${name} run ${i + 1}: drawn ${Math.round(r.drawn)} ms (response ${Math.round(r.response)} ms), load ${loadavg()[0].toFixed(1)}`);
    }
    const out = { name, median_ms: Math.round(median(drawn)), response_median_ms: Math.round(median(server)), ...(await parts(file)), goal_ms: goal, met: median(drawn) < goal, svg_bytes: svgBytes, nodes, flow_groups: groups, runs: RUNS };
    console.error(`  ${JSON.stringify(out)}`);
    return out;
  } finally {
    await browser.close();
    await planner.close();
  }
}

console.error('planner benchmark (request → drawn diagram in Chromium)');
buildWeb();
const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-planner-'));
const large = join(dir, 'synthetic-large.yaml');
writeFileSync(large, syntheticTopology(20, 12, 50, 12));
const load = loadavg()[0];
const results = [
  await measure('reference', 'examples/lync2010-single-consolidated-edge.yaml', 1000),
  await measure('synthetic-large', large, 3000),
];
console.log(JSON.stringify({ name: 'planner', results, cpus: cpus().length, load_average_at_start: Math.round(load * 10) / 10, load_average_at_end: Math.round(loadavg()[0] * 10) / 10 }));
