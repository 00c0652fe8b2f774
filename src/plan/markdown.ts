// The change-request document as Markdown; the diagram is a linked SVG file beside it.
import { markdownTable } from '../text/markdown.ts';
import { ADDRESS_COLUMNS, PLAN_COLUMNS, type PlanDocument } from './document.ts';
import { SIGN_OFF } from './sign-off.ts';

export function planMarkdown(d: PlanDocument, diagramLink?: string): string {
  const out: string[] = [`# ${d.title}\n`, markdownTable(['', ''], d.header), '\n## Summary\n', markdownTable(['Item', 'Value'], d.summary)];
  out.push(`\n## Addresses on the external side (${d.externalAddresses.rows.length})\n`);
  out.push(markdownTable(ADDRESS_COLUMNS, d.externalAddresses.rows));
  if (d.externalAddresses.note) out.push(`\n${d.externalAddresses.note}.`);
  out.push('\n## Design findings\n');
  out.push(d.findings.length === 0 ? 'None.\n' : markdownTable(['Severity', 'Rule', 'Finding', 'Location', 'Source'],
    d.findings.map((f) => [f.severity, f.rule, f.message, `${f.location.file}:${f.location.line}:${f.location.col}`, `${f.citation.document}: ${f.citation.section}`])));
  if (diagramLink) out.push('\n## Diagram\n', `![The deployment: zones, firewalls and flows with their ports](${diagramLink})`);
  for (const s of d.sections) {
    out.push(`\n## Firewall: ${s.firewall} (${s.flows} flows${s.rows.length !== s.flows ? `, ${s.rows.length} rows: a pool's members share a row` : ''})\n`);
    out.push(markdownTable(PLAN_COLUMNS, s.rows));
  }
  if (d.discrepancies.length) {
    out.push('\n## Where the documents disagree\n');
    for (const x of d.discrepancies) out.push(`- **${x.id}**: ${x.summary} *Portolan:* ${x.handling}`);
  }
  out.push('\n## Sign-off\n', markdownTable(['Role', 'Name', 'Signature', 'Date'], SIGN_OFF.map((r) => [r, '', '', ''])), '');
  return out.join('\n');
}
