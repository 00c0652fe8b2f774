// The deployment drawn: graph → ELK layout → SVG. Pure (no Node APIs), so the planner and the
// CLI draw the same bytes.
import { PRODUCTS } from '../catalog/products.ts';
import type { Flow } from '../flows/types.ts';
import type { Topology } from '../topology/model.ts';
import { diagramGraph, type DiagramGraph } from './graph.ts';
import { layoutDiagram } from './layout.ts';
import type { Paint } from './paint.ts';
import { diagramSvg } from './svg.ts';

export async function drawDiagram(topology: Topology, flows: readonly Flow[], options: { title?: string; paint?: Paint } = {}): Promise<string> {
  const graph: DiagramGraph = diagramGraph(topology, flows, options.title ?? diagramTitle(topology));
  return diagramSvg(await layoutDiagram(graph), graph.title, options.paint);
}

/** The topology's name, or `Lync Server 2010 deployment: contoso.com`. */
export function diagramTitle(t: Topology): string {
  return t.name ?? `${PRODUCTS[t.version].label} deployment: ${t.sipDomains.join(', ')}`;
}
