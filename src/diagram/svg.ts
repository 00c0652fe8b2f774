// The laid-out diagram as one self-contained SVG: deterministic text (fixed attribute order,
// coordinates rounded to a tenth), CSS classes for styling, <title> tooltips with the detail.
import { escapeXml as x } from '../xml/escape.ts';
import { METRICS, type Layout, type PlacedGroup, type PlacedNode } from './layout.ts';
import type { Paint } from './paint.ts';

const STYLE = `
.pd{font-family:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;font-size:11px}
.pd .zone>rect{fill:#f4f6f8;stroke:#9aa5b1;stroke-dasharray:4 3}
.pd .zone>text{font-weight:bold;font-size:12px;fill:#334}
.pd .node>rect{fill:#fff;stroke:#52606d}
.pd .node.k-any>rect{fill:#eef2ff;stroke:#6366f1}
.pd .node.k-edge-pool>rect,.pd .node.k-pool>rect,.pd .node.k-reverse-proxy>rect{fill:#fafafa}
.pd .node.k-edge-node>rect{fill:#fffbeb}
.pd .node.k-vip>rect{fill:#ecfeff;stroke:#0e7490}
.pd .node.k-network>rect{fill:#f0fdf4}
.pd .node.k-address>rect{fill:#fff;stroke-dasharray:3 2}
.pd .node text .t{font-weight:bold}
.pd .firewall>rect{fill:#7c2d12;stroke:#431407}
.pd .firewall>text{fill:#fff;font-weight:bold}
.pd .firewall.overpermit>rect{fill:#b45309;stroke:#dc2626;stroke-width:3}
.pd .flow path{fill:none;stroke-width:1.4}
.pd .flow.dir-in path{stroke:#1d4ed8}.pd .flow.dir-out path{stroke:#047857}.pd .flow.dir-mixed path{stroke:#6b21a8}
.pd .flow.dir-in .head{fill:#1d4ed8}.pd .flow.dir-out .head{fill:#047857}.pd .flow.dir-mixed .head{fill:#6b21a8}
.pd .flow.blocked path{stroke:#dc2626;stroke-width:2.6;stroke-dasharray:6 3}.pd .flow.blocked .head{fill:#dc2626}
.pd .flow .label rect{fill:#fff;fill-opacity:.92;stroke:none}
.pd .flow .label text{font-size:10px;fill:#1f2933}
.pd .flow.blocked .label text{fill:#dc2626;font-weight:bold}
`;

/** The arrowhead as a polygon at the path's end (no markers: the SVG references nothing, not even itself). */
function arrowhead(pts: { x: number; y: number }[]): string {
  if (pts.length < 2) return '';
  const a = pts[pts.length - 2], b = pts[pts.length - 1];
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
  const r = (n: number) => Math.round(n * 10) / 10;
  const bx = b.x - ux * 8, by = b.y - uy * 8;
  return `<polygon class="head" points="${r(b.x)},${r(b.y)} ${r(bx - uy * 4)},${r(by + ux * 4)} ${r(bx + uy * 4)},${r(by - ux * 4)}"/>`;
}

function lines(texts: string[], x0: number, y0: number, lineHeight: number, cls?: (i: number) => string | undefined): string {
  return texts.map((t, i) => {
    const c = cls?.(i);
    return `<tspan x="${x0}" y="${Math.round((y0 + i * lineHeight) * 10) / 10}"${c ? ` class="${c}"` : ''}>${x(t)}</tspan>`;
  }).join('');
}

function drawNode(p: PlacedNode, paint: Paint | undefined): string {
  const { node, box } = p;
  const { line, pad } = METRICS;
  const attrs = `data-id="${x(node.id)}"`;
  if (node.kind === 'zone') {
    return `<g class="zone" ${attrs}><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/><text x="${box.x + pad}" y="${box.y + line}">${x(node.label[0])}</text></g>`;
  }
  if (node.kind === 'firewall') {
    const over = paint?.overPermissive.get(node.id);
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    return `<g class="firewall${over ? ' overpermit' : ''}" ${attrs}><title>${x(node.label[0] + (over ? `: ${over}` : ''))}</title><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="3"/>` +
      `<text x="${cx}" y="${cy}" text-anchor="middle" dominant-baseline="middle" transform="rotate(-90 ${cx} ${cy})">${x(over ? `${node.label[0]} ⚠` : node.label[0])}</text></g>`;
  }
  return `<g class="node k-${node.kind}" ${attrs}><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="4"/>` +
    `<text>${lines(node.label, box.x + pad, box.y + pad + line - 3, line, (i) => (i === 0 ? 't' : undefined))}</text></g>`;
}

function drawGroup(p: PlacedGroup, paint: Paint | undefined): string {
  const g = p.group;
  const blocked = paint ? g.flows.filter((f) => paint.blocked.has(f)).length : 0;
  const cls = `flow dir-${g.direction}${blocked ? ' blocked' : ''}`;
  const detail = [
    `${g.flows.length} flow(s)${g.via ? ` through the ${g.via} firewall` : ''}; firewalls: ${g.firewalls.join(', ')}`,
    ...(blocked ? [`${blocked} required flow(s) blocked by the audited configuration`] : []),
    ...[...new Set(g.flows.map((f) => `${f.role}: ${f.application} ${f.transport} ${f.destinationPort === 'Any' ? 'Any' : f.destinationPort.from === f.destinationPort.to ? f.destinationPort.from : `${f.destinationPort.from}-${f.destinationPort.to}`}`))],
  ].join('\n');
  const paths = p.paths.map((pts) => `<path d="${pts.map((q, j) => `${j ? 'L' : 'M'}${q.x} ${q.y}`).join(' ')}"/>`).join('') + arrowhead(p.paths[p.paths.length - 1]);
  const label = p.label
    ? `<g class="label"><rect x="${p.label.x}" y="${p.label.y}" width="${p.label.width}" height="${p.label.height}"/><text>${lines(blocked ? [`✗ ${g.ports[0]}`, ...g.ports.slice(1)] : g.ports, p.label.x + 3, p.label.y + METRICS.labelLine - 1, METRICS.labelLine)}</text></g>`
    : '';
  return `<g class="${cls}" data-id="${g.id}" data-source="${x(g.source)}" data-destination="${x(g.destination)}" data-firewalls="${x(g.firewalls.join(' '))}" data-flows="${g.flows.length}"><title>${x(detail)}</title>${paths}${label}</g>`;
}

export function diagramSvg(layout: Layout, title: string, paint?: Paint): string {
  const w = Math.ceil(layout.width), h = Math.ceil(layout.height);
  const nodes = [...layout.nodes].sort((a, b) => a.depth - b.depth);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pd" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${x(title)}">`,
    `<title>${x(title)}</title>`,
    `<style>${STYLE.trim()}</style>`,
    '<rect class="bg" x="0" y="0" width="100%" height="100%" fill="#fff"/>',
    ...nodes.map((n) => drawNode(n, paint)),
    ...layout.groups.map((g) => drawGroup(g, paint)),
    '</svg>',
    '',
  ].join('\n');
}
