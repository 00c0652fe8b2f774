// The change-request document as Markdown.
import { markdownTable } from '../text/markdown.ts';
import { PLAN_COLUMNS, type PlanDocument } from './document.ts';

export function planMarkdown(d: PlanDocument): string {
  const out: string[] = [`# ${d.title}\n`, '## Summary\n', markdownTable(['Item', 'Value'], d.summary)];
  out.push(`\n**Public addresses:** ${d.publicAddresses.count} (${d.publicAddresses.addresses.join(', ') || 'none'})${d.publicAddresses.note ? `. ${d.publicAddresses.note}` : ''}\n`);
  out.push('\n## Design findings\n');
  out.push(d.findings.length === 0 ? 'None.\n' : markdownTable(['Severity', 'Rule', 'Finding', 'Location', 'Source'],
    d.findings.map((f) => [f.severity, f.rule, f.message, `${f.location.file}:${f.location.line}:${f.location.col}`, `${f.citation.document}: ${f.citation.section}`])));
  for (const s of d.sections) {
    out.push(`\n## Firewall: ${s.firewall} (${s.rows.length} flows)\n`);
    out.push(markdownTable(PLAN_COLUMNS, s.rows));
  }
  if (d.discrepancies.length) {
    out.push('\n## Where the documents disagree\n');
    for (const x of d.discrepancies) out.push(`- **${x.id}**: ${x.summary} *Portolan:* ${x.handling}`);
    out.push('');
  }
  return out.join('\n');
}
