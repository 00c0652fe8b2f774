// The change-request document as Markdown.
import { markdownTable } from '../text/markdown.ts';
import { findingSource } from '../topology/lint.ts';
import { CITATION_COLUMN, PLAN_COLUMNS, productName, type PlanCitation, type PlanDocument, type PlanQuote, type PlanRow } from './document.ts';

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

export function planMarkdown(d: PlanDocument): string {
  const out: string[] = [`# ${d.title}\n`, '## Summary\n', markdownTable(['Item', 'Value'], d.summary)];
  out.push(`\n**Public addresses:** ${d.publicAddresses.count} (${d.publicAddresses.addresses.join(', ') || 'none'})${d.publicAddresses.note ? `. ${d.publicAddresses.note}` : ''}\n`);
  out.push('\n## Design findings\n');
  out.push(d.findings.length === 0 ? 'None.\n' : markdownTable(['Severity', 'Rule', 'Finding', 'Location', 'Source'],
    d.findings.map((f) => [f.severity, f.rule, f.message, `${f.location.file}:${f.location.line}:${f.location.col}`, findingSource(f)])));
  for (const s of d.sections) {
    out.push(`\n## Firewall: ${s.firewall} (${s.rows.length} flows)\n`);
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
  return out.join('\n');
}
