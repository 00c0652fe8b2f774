// portolan plan: the change-request document (Markdown or HTML).
import { compileFlows } from '../../flows/compile.ts';
import { planDocument } from '../../plan/document.ts';
import { planHtml } from '../../plan/html.ts';
import { planMarkdown } from '../../plan/markdown.ts';
import { loadTopology } from '../../topology/load.ts';
import { UsageError } from '../../errors.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../io.ts';

const HELP = `usage: portolan plan TOPOLOGY [-o FILE.md|FILE.html] [--format markdown|html]

A change-request document: summary of the deployment, public address count, design lint
findings, one table per firewall in the documents' column order (role, source address, source
port, destination address, destination port, transport, application, notes, citation; then
direction), where the documents disagree, Portolan's interpretations, and the Sources (Microsoft's
articles with their URLs). Citations name the article, table and row; notes are those of the rows
that apply. The format follows the -o extension; without -o
Markdown goes to standard output. The HTML is one self-contained file that prints well.
Exit status 1 when the design lint finds errors (the document is still written).
`;

export const planCommand: Command = {
  name: 'plan',
  summary: 'a change-request document (Markdown or HTML)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, format: { type: 'string' } }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    const byExt = values.output?.endsWith('.html') || values.output?.endsWith('.htm') ? 'html' : values.output?.endsWith('.md') ? 'markdown' : undefined;
    if (values.output && !byExt && !values.format) throw new UsageError('-o needs a .md or .html file name (or give --format)');
    const format = oneOf(values.format, ['markdown', 'html'] as const, '--format', byExt ?? 'markdown');
    const topology = loadTopology(positionals[0]);
    const doc = planDocument(topology, compileFlows(topology));
    const text = format === 'html' ? planHtml(doc) : planMarkdown(doc);
    if (values.output) writeFileAtomic(values.output, text);
    else io.stdout(text);
    return doc.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
