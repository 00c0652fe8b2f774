// The change-request document as one self-contained HTML file that prints well.
import { escapeHtml as e } from '../text/html.ts';
import { PLAN_COLUMNS, type PlanDocument } from './document.ts';

const STYLE = `
body{font:10pt/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em;color:#111}
h1{font-size:16pt;margin:0 0 .5em}h2{font-size:12.5pt;margin:1.4em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.3em 0 1em}th,td{border:1px solid #bbb;padding:2px 5px;vertical-align:top;text-align:left}
th{background:#eee}td.n{white-space:nowrap}.error{color:#a00;font-weight:bold}.warning{color:#a60}.info{color:#555}
small{color:#555}
@media print{body{margin:0;font-size:8pt}h2{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}@page{size:A4 landscape;margin:12mm}}
`;

function table(header: string[], rows: string[][], nowrap: number[] = []): string {
  return `<table><thead><tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>\n${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${nowrap.includes(i) ? ' class="n"' : ''}>${e(c)}</td>`).join('')}</tr>`)
    .join('\n')}\n</tbody></table>`;
}

export function planHtml(d: PlanDocument): string {
  const parts = [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${e(d.title)}</title>`, `<style>${STYLE}</style></head><body>`,
    `<h1>${e(d.title)}</h1>`, '<h2>Summary</h2>', table(['Item', 'Value'], d.summary),
    `<p><b>Public addresses:</b> ${d.publicAddresses.count} (${e(d.publicAddresses.addresses.join(', ') || 'none')})${d.publicAddresses.note ? `. ${e(d.publicAddresses.note)}` : ''}</p>`,
    '<h2>Design findings</h2>',
    d.findings.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Location</th><th>Source</th></tr></thead><tbody>${d.findings
      .map((f) => `<tr><td class="${f.severity}">${f.severity}</td><td>${e(f.rule)}</td><td>${e(f.message)}</td><td class="n">${e(`${f.location.file}:${f.location.line}:${f.location.col}`)}</td><td><small>${e(`${f.citation.document}: ${f.citation.section}`)}</small></td></tr>`)
      .join('\n')}</tbody></table>`,
    ...d.sections.flatMap((s) => [`<h2>Firewall: ${e(s.firewall)} (${s.rows.length} flows)</h2>`, table(PLAN_COLUMNS, s.rows, [2, 4, 5])]),
    ...(d.discrepancies.length ? ['<h2>Where the documents disagree</h2>', `<ul>${d.discrepancies.map((x) => `<li><b>${e(x.id)}</b>: ${e(x.summary)} <i>Portolan:</i> ${e(x.handling)}</li>`).join('\n')}</ul>`] : []),
    '</body></html>', '',
  ];
  return parts.join('\n');
}
