// The change-request document as Markdown; the diagram is a linked SVG file beside it.
import { markdownTable } from '../text/markdown.ts';
import { findingSource } from '../topology/lint.ts';
import { ADDRESS_COLUMNS, CITATION_COLUMN, PLAN_COLUMNS, productName, type PlanCitation, type PlanDocument, type PlanQuote, type PlanRow } from './document.ts';
import { SIGN_OFF } from './sign-off.ts';

function citation(c: PlanCitation): string {
  return `${c.url ? `[${c.title}](${c.url})` : c.title}, ${c.rest}`;
}

function row(r: PlanRow): string[] {
  const cells = [...r.cells];
  cells.splice(CITATION_COLUMN, 0, r.citations.map(citation).join('; '));
  return cells;
}

function quote(q: PlanQuote): string {
  return `  - ${citation(q.citation)}: “${q.says}”`;
}

export function planMarkdown(d: PlanDocument, diagramLink?: string): string {
  const out: string[] = [`# ${d.title}\n`, markdownTable(['', ''], d.header), '\n## Summary\n', markdownTable(['Item', 'Value'], d.summary)];
  out.push(`\n## Addresses on the external side (${d.externalAddresses.rows.length})\n`);
  out.push(markdownTable(ADDRESS_COLUMNS, d.externalAddresses.rows));
  if (d.externalAddresses.note) out.push(`\n${d.externalAddresses.note}.`);
  out.push('\n## Design findings\n');
  out.push(d.findings.length === 0 ? 'None.\n' : markdownTable(['Severity', 'Rule', 'Finding', 'Location', 'Source'],
    d.findings.map((f) => [f.severity, f.rule, f.message, `${f.location.file}:${f.location.line}:${f.location.col}`, findingSource(f)])));
  if (diagramLink) out.push('\n## Diagram\n', `![The deployment: zones, firewalls and flows with their ports](${diagramLink})`);
  for (const s of d.sections) {
    out.push(`\n## Firewall: ${s.firewall} (${s.flows} flows${s.rows.length !== s.flows ? `, ${s.rows.length} rows: a pool's members share a row` : ''})\n`);
    out.push(markdownTable(PLAN_COLUMNS, s.rows.map(row)));
  }
  if (d.discrepancies.length) {
    out.push('\n## Where the documents disagree\n');
    for (const x of d.discrepancies) out.push(`- **${x.id}**: ${x.summary} *Portolan:* ${x.handling}`, ...x.readings.map(quote));
    out.push('');
  }
  if (d.interpretations.length) {
    out.push("\n## Portolan's interpretations\n");
    out.push('Where a row leaves something open, Portolan reads it as follows (the rows are quoted verbatim).\n');
    for (const x of d.interpretations) out.push(`- **${x.id}**: ${x.reading} *Why:* ${x.why}`, ...x.quotes.map(quote));
    out.push('');
  }
  out.push('\n## Sources\n');
  out.push(markdownTable(['Article', 'Product', 'URL', 'Cited in this plan'], d.sources.map(({ document: s, cited }) => [s.title, s.products.map(productName).join(', '), s.url ?? '(none known)', cited ? 'yes' : 'no'])));
  out.push('\n## Sign-off\n', markdownTable(['Role', 'Name', 'Signature', 'Date'], SIGN_OFF.map((r) => [r, '', '', ''])), '');
  return out.join('\n');
}
