// Layout of the diagram graph with ELK's layered algorithm (elkjs, the Eclipse Layout Kernel
// compiled to JavaScript): nodes sized from their text, zones as compound nodes, edges routed
// orthogonally with their port labels placed by ELK. Same graph in, same coordinates out.
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

// elk.bundled.js is CommonJS: its default export is the constructor itself.
const ELK = ElkBundled as unknown as new () => { layout(graph: ElkNode): Promise<ElkNode> };
import type { DiagramGraph, DiagramNode, FlowGroup } from './graph.ts';

/** Text metrics of the fonts the SVG asks for (a monospace face: width is characters × advance). */
export const METRICS = { char: 6.6, line: 14, labelChar: 6, labelLine: 12, pad: 8 } as const;

export interface Box { x: number; y: number; width: number; height: number }
export interface PlacedNode { node: DiagramNode; box: Box; depth: number }
export interface PlacedGroup { group: FlowGroup; paths: { x: number; y: number }[][]; label?: Box }
export interface Layout { width: number; height: number; nodes: PlacedNode[]; groups: PlacedGroup[] }

const RANK: Record<string, number> = { 'zone-internet': 0, 'fw-external': 1, 'zone-perimeter': 2, 'fw-internal': 3, 'zone-internal': 4 };
const round = (n: number) => Math.round(n * 10) / 10;

function textWidth(lines: string[], char: number): number {
  return Math.max(...lines.map((l) => l.length)) * char;
}

function elkNode(n: DiagramNode): ElkNode {
  const { char, line, pad } = METRICS;
  if (n.kind === 'firewall') {
    return { id: n.id, width: 30, height: 160, layoutOptions: { 'elk.portConstraints': 'FREE' } };
  }
  if (n.children.length === 0) {
    return { id: n.id, width: Math.ceil(textWidth(n.label, char) + 2 * pad), height: n.label.length * line + 2 * pad };
  }
  const top = n.label.length * line + pad + 4;
  return {
    id: n.id,
    layoutOptions: {
      'elk.padding': `[top=${top},left=${pad + 4},bottom=${pad + 4},right=${pad + 4}]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${Math.ceil(textWidth(n.label, char) + 2 * pad)}, ${top + 20})`,
    },
    children: n.children.map(elkNode),
  };
}

/** The top-level zone or firewall a node sits in, for ordering edges outside → inside. */
function rankIndex(nodes: DiagramNode[]): Map<string, number> {
  const rank = new Map<string, number>();
  const walk = (n: DiagramNode, r: number) => { rank.set(n.id, r); n.children.forEach((c) => walk(c, r)); };
  for (const n of nodes) walk(n, RANK[n.id] ?? 4);
  return rank;
}

export async function layoutDiagram(g: DiagramGraph): Promise<Layout> {
  const rank = rankIndex(g.nodes);
  const edges: ElkExtendedEdge[] = [];
  // Edges are laid out from the less trusted end to the more trusted one, so zones stay in
  // order left to right whatever the flow's direction; drawing turns them back.
  const seg = (id: string, a: string, b: string, label?: string[]) => {
    const flip = (rank.get(a) ?? 4) > (rank.get(b) ?? 4);
    const [s, t] = flip ? [b, a] : [a, b];
    const { labelChar, labelLine } = METRICS;
    edges.push({
      id, sources: [s], targets: [t],
      ...(label ? { labels: [{ id: `${id}-label`, text: label.join('\n'), width: Math.ceil(textWidth(label, labelChar) + 6), height: label.length * labelLine + 4 }] } : {}),
    });
    return flip;
  };
  const flips = new Map<string, boolean[]>();
  for (const grp of g.groups) {
    if (grp.via) {
      const fw = `fw-${grp.via}`;
      flips.set(grp.id, [seg(`${grp.id}-a`, grp.source, fw), seg(`${grp.id}-b`, fw, grp.destination, grp.ports)]);
    } else {
      flips.set(grp.id, [seg(`${grp.id}-a`, grp.source, grp.destination, grp.ports)]);
    }
  }
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '18',
      'elk.spacing.edgeLabel': '2',
      'elk.spacing.edgeEdge': '8',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.randomSeed': '1',
    },
    children: g.nodes.map(elkNode),
    edges,
  };
  const out = await new ELK().layout(root);

  const nodes: PlacedNode[] = [];
  const byId = new Map<string, DiagramNode>();
  const index = (ns: DiagramNode[]) => ns.forEach((n) => { byId.set(n.id, n); index(n.children); });
  index(g.nodes);
  const collect = (e: ElkNode, depth: number) => {
    for (const c of e.children ?? []) {
      nodes.push({ node: byId.get(c.id)!, box: { x: round(c.x ?? 0), y: round(c.y ?? 0), width: round(c.width ?? 0), height: round(c.height ?? 0) }, depth });
      collect(c, depth + 1);
    }
  };
  collect(out, 0);

  const laid = new Map((out.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const groups: PlacedGroup[] = g.groups.map((grp) => {
    const ids = grp.via ? [`${grp.id}-a`, `${grp.id}-b`] : [`${grp.id}-a`];
    const paths = ids.map((id, i) => {
      const e = laid.get(id)!;
      const pts = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map((p) => ({ x: round(p.x), y: round(p.y) }));
      return flips.get(grp.id)![i] ? pts.reverse() : pts;
    });
    const l = laid.get(ids[ids.length - 1])!.labels?.[0];
    return { group: grp, paths, ...(l ? { label: { x: round(l.x ?? 0), y: round(l.y ?? 0), width: round(l.width ?? 0), height: round(l.height ?? 0) } } : {}) };
  });
  return { width: round(out.width ?? 0), height: round(out.height ?? 0), nodes, groups };
}
