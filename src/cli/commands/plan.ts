// portolan plan: the change-request document (Markdown or HTML) with the deployment diagram.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { drawDiagram } from '../../diagram/index.ts';
import { compileFlows } from '../../flows/compile.ts';
import { documentDate } from '../../plan/date.ts';
import { planDocument } from '../../plan/document.ts';
import { planHtml } from '../../plan/html.ts';
import { planMarkdown } from '../../plan/markdown.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS } from '../topology-input.ts';
import { PORTOLAN_VERSION } from '../../version.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../io.ts';

const HELP = `usage: portolan plan TOPOLOGY [-o FILE.md|FILE.html|DIR] [--format markdown|html]

A change-request document a change board can sign: a header (the deployment's name, topology
file, date, Portolan's version, the source documents cited), a summary of the deployment, the
addresses on the external side labelled with what they are (and whether the internet can reach
them), design lint findings, the deployment diagram, one table per firewall in the documents'
column order (role, source address, source port, destination address, destination port,
transport, application, notes, citation; then direction; the members of a pool share a row),
where the documents disagree, Portolan's interpretations, the Sources (Microsoft's articles
with their URLs) and a sign-off block. Citations name the article, table and row; notes are
those of the rows that apply.

The format follows the -o extension. -o FILE.html: one self-contained HTML file with the
diagram inline as SVG, printable on A4 landscape. -o FILE.md: the Markdown and FILE.svg beside
it, linked. -o DIR (an existing directory not named *.md or *.html, or a name ending in /): DIR/NAME.md and DIR/NAME.svg,
NAME being the topology file's name. Without -o, Markdown (without the diagram) goes to
standard output. The date is today's (UTC), or SOURCE_DATE_EPOCH's when set, so the same input
can give the same bytes.
Exit status 1 when the design lint finds errors (the document is still written).

${TOPOLOGY_HELP}
`;

/** Where the Markdown and its SVG go, or the HTML file. */
function targets(output: string | undefined, format: 'markdown' | 'html', topologyFile: string): { doc?: string; svg?: string } {
  if (!output) return {};
  // A name with a document extension is a file (a directory of that name is an error, not a place
  // to write into); otherwise an existing directory, or a name ending in /, is DIR.
  const isDir = output.endsWith('/') || (!/\.(md|markdown|html?)$/i.test(output) && existsSync(output) && statSync(output).isDirectory());
  if (format === 'html') return { doc: isDir ? join(output, `${stem(topologyFile)}.html`) : output };
  if (isDir) return { doc: join(output, `${stem(topologyFile)}.md`), svg: join(output, `${stem(topologyFile)}.svg`) };
  return { doc: output, svg: join(dirname(output), `${basename(output, extname(output))}.svg`) };
}
const stem = (file: string) => (file === '-' ? 'plan' : basename(file, extname(file)));

export const planCommand: Command = {
  name: 'plan',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...TOPOLOGY_OPTIONS, output: { type: 'string', short: 'o' }, format: { type: 'string' } }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    const byExt = values.output?.endsWith('.html') || values.output?.endsWith('.htm') ? 'html' : 'markdown';
    const format = oneOf(values.format, ['markdown', 'html'] as const, '--format', byExt);
    const date = documentDate(process.env.SOURCE_DATE_EPOCH, new Date());
    const topology = await loadTopologyInput(positionals[0], values);
    const flows = compileFlows(topology);
    const doc = planDocument(topology, flows, { date, version: PORTOLAN_VERSION });
    const out = targets(values.output, format, positionals[0]);
    const svg = out.doc ? await drawDiagram(topology, flows) : undefined;
    if (format === 'html') {
      const text = planHtml(doc, svg);
      if (out.doc) writeFileAtomic(out.doc, text);
      else io.stdout(planHtml(doc, await drawDiagram(topology, flows)));
    } else if (out.doc && out.svg && svg) {
      writeFileAtomic(out.svg, svg);
      writeFileAtomic(out.doc, planMarkdown(doc, basename(out.svg)));
    } else {
      io.stdout(planMarkdown(doc));
    }
    return doc.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
