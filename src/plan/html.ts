// The change-request document as one self-contained HTML file that prints on A4 landscape: the
// deployment diagram inline (SVG), then the tables, then a block for the change board to sign.
import { escapeHtml as e } from '../text/html.ts';
import { findingSource } from '../topology/lint.ts';
import { ADDRESS_COLUMNS, CITATION_COLUMN, PLAN_COLUMNS, productName, type PlanCitation, type PlanDocument, type PlanQuote, type PlanRow } from './document.ts';
import { SIGN_OFF } from './sign-off.ts';

const STYLE = `
body{font:10pt/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em;color:#111}
h1{font-size:16pt;margin:0 0 .5em}h2{font-size:12.5pt;margin:1.4em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.3em 0 1em}th,td{border:1px solid #bbb;padding:2px 5px;vertical-align:top;text-align:left}
th{background:#eee}td.n{white-space:nowrap}.error{color:#a00;font-weight:bold}.warning{color:#a60}.info{color:#555}
table.header{width:auto}table.header th{text-align:left;white-space:nowrap}
figure.diagram{margin:.5em 0}figure.diagram svg{display:block;max-width:100%;height:auto}
figcaption{font-size:9pt;color:#444}table.sign td{height:2.2em}
small{color:#555}
@media print{body{margin:0;font-size:8pt}h2{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}@page{size:A4 landscape;margin:12mm}
figure.diagram{break-inside:avoid;break-before:page}figure.diagram svg{width:100%;max-height:170mm}}
`;

/** Cells are escaped here; `html` cells (already markup) are passed through. */
type Cell = string | { html: string };

function table(header: string[], rows: Cell[][], nowrap: number[] = [], cls?: string): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>\n${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${nowrap.includes(i) ? ' class="n"' : ''}>${typeof c === 'string' ? e(c) : c.html}</td>`).join('')}</tr>`)
    .join('\n')}\n</tbody></table>`;
}

function citation(c: PlanCitation): string {
  return `${c.url ? `<a href="${e(c.url)}">${e(c.title)}</a>` : e(c.title)}, ${e(c.rest)}`;
}

function row(r: PlanRow): Cell[] {
  const cells: Cell[] = [...r.cells];
  cells.splice(CITATION_COLUMN, 0, { html: r.citations.map(citation).join('; ') });
  return cells;
}

function quotes(qs: PlanQuote[]): string {
  return `<ul>${qs.map((q) => `<li>${citation(q.citation)}: <q>${e(q.says)}</q></li>`).join('')}</ul>`;
}

export function planHtml(d: PlanDocument, diagramSvg?: string): string {
  const parts = [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${e(d.title)}</title>`, `<style>${STYLE}</style></head><body>`,
    `<h1>${e(d.title)}</h1>`,
    `<table class="header"><tbody>${d.header.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>`,
    '<h2>Summary</h2>', table(['Item', 'Value'], d.summary),
    `<h2>Addresses on the external side (${d.externalAddresses.rows.length})</h2>`,
    table(ADDRESS_COLUMNS, d.externalAddresses.rows, [0]),
    ...(d.externalAddresses.note ? [`<p>${e(d.externalAddresses.note)}.</p>`] : []),
    '<h2>Design findings</h2>',
    d.findings.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Location</th><th>Source</th></tr></thead><tbody>${d.findings
      .map((f) => `<tr><td class="${f.severity}">${f.severity}</td><td>${e(f.rule)}</td><td>${e(f.message)}</td><td class="n">${e(`${f.location.file}:${f.location.line}:${f.location.col}`)}</td><td><small>${e(findingSource(f))}</small></td></tr>`)
      .join('\n')}</tbody></table>`,
    ...(diagramSvg ? ['<figure class="diagram">', diagramSvg.trimEnd(), `<figcaption>The deployment: zones, firewalls and one arrow per group of flows between the same two ends, labelled with its destination ports (blue: in, green: out, purple: both).</figcaption></figure>`] : []),
    ...d.sections.flatMap((s) => [`<h2>Firewall: ${e(s.firewall)} (${s.flows} flows${s.rows.length !== s.flows ? `, ${s.rows.length} rows: a pool's members share a row` : ''})</h2>`, table(PLAN_COLUMNS, s.rows.map(row), [2, 4, 5])]),
    ...(d.discrepancies.length ? ['<h2>Where the documents disagree</h2>', `<ul>${d.discrepancies.map((x) => `<li><b>${e(x.id)}</b>: ${e(x.summary)} <i>Portolan:</i> ${e(x.handling)}${quotes(x.readings)}</li>`).join('\n')}</ul>`] : []),
    ...(d.interpretations.length ? ["<h2>Portolan's interpretations</h2>", '<p>Where a row leaves something open, Portolan reads it as follows (the rows are quoted verbatim).</p>', `<ul>${d.interpretations.map((x) => `<li><b>${e(x.id)}</b>: ${e(x.reading)} <i>Why:</i> ${e(x.why)}${quotes(x.quotes)}</li>`).join('\n')}</ul>`] : []),
    '<h2>Sources</h2>',
    table(['Article', 'Product', 'URL', 'Cited in this plan'], d.sources.map(({ document: s, cited }) => [s.title, s.products.map(productName).join(', '), s.url ? { html: `<a href="${e(s.url)}">${e(s.url)}</a>` } : '(none known)', cited ? 'yes' : 'no'])),
    '<h2>Sign-off</h2>', table(['Role', 'Name', 'Signature', 'Date'], SIGN_OFF.map((r) => [r, '', '', '']), [], 'sign'),
    '</body></html>', '',
  ];
  return parts.join('\n');
}
