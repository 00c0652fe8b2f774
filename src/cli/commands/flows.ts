// portolan flows: the concrete flows of a topology, per firewall.
import { compileFlows, FIREWALL_ORDER } from '../../flows/compile.ts';
import { flowsCsv, flowsJson, flowsMarkdown, flowsTable } from '../../flows/format.ts';
import type { Flow } from '../../flows/types.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS } from '../topology-input.ts';
import { oneOf, parse } from '../args.ts';
import { jsonDocument } from '../json.ts';
import type { Command } from '../command.ts';

const HELP = `usage: portolan flows TOPOLOGY [--firewall F] [--format table|csv|json|markdown]

The concrete flows the documents require for this deployment: each applicable requirement
resolved to the topology's addresses (one flow per edge node, VIP or server, per address
family), citing Microsoft's article, table and row of each row that applies, with those rows'
notes. Sorted and deterministic.

options:
  --firewall F   one of: ${FIREWALL_ORDER.join(', ')}
  --format F     table (default), csv, json or markdown

table: the columns below plus cites (A14 = table A, row 14; a legend follows the table)
csv columns: firewall,direction,role,source,source_port,destination,destination_port,
  transport,application,requirement,notes,citations
json: the same fields plus source_name, destination_name, family, notes and citations
  ({document, title, table, row, url, file, says}); ports as numbers or {from, to}, null for
  Any (docs/json.md).

${TOPOLOGY_HELP}
`;

export function selectFirewall(flows: Flow[], firewall: string | undefined): Flow[] {
  if (firewall === undefined) return flows;
  const fw = oneOf(firewall, FIREWALL_ORDER, '--firewall', 'external');
  return flows.filter((f) => f.firewall === fw);
}

export const flowsCommand: Command = {
  name: 'flows',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...TOPOLOGY_OPTIONS, firewall: { type: 'string' }, format: { type: 'string' } }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    const format = oneOf(values.format, ['table', 'csv', 'json', 'markdown'] as const, '--format', 'table');
    const flows = selectFirewall(compileFlows(await loadTopologyInput(positionals[0], values)), values.firewall);
    const render = { table: (fs: Flow[]) => flowsTable(fs, io.columns), csv: flowsCsv, json: (fs: Flow[]) => jsonDocument('flows', flowsJson(fs)), markdown: flowsMarkdown }[format];
    io.stdout(render(flows));
    return 0;
  },
};
