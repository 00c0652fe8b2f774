// `portolan dns TOPOLOGY [--format table|bind|dnsmasq|csv|json] [--view V]`: every DNS record the
// topology needs, per view, with the lint findings on stderr (exit 1 when any is an error).
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.ts';
import type { Command } from '../command.ts';
import { jsonDocument } from '../json.ts';
import type { Io } from '../io.ts';
import { formatBind } from '../../dns/format-bind.ts';
import { formatDnsCsv } from '../../dns/format-csv.ts';
import { formatDnsmasq } from '../../dns/format-dnsmasq.ts';
import { formatDnsJson } from '../../dns/format-json.ts';
import { formatDnsTable } from '../../dns/format-table.ts';
import { hasErrors, lintDns } from '../../dns/lint.ts';
import { DNS_VIEWS, dnsRecords, type DnsView } from '../../dns/records.ts';
import type { Topology } from '../../topology/model.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS, withTopologyInput, type TopologyInputOptions } from '../topology-input.ts';

const FORMATS = ['table', 'bind', 'dnsmasq', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `usage: portolan dns TOPOLOGY [--format table|bind|dnsmasq|csv|json] [--view external|internal|perimeter]

Every DNS record the topology needs, per view (external, internal, perimeter): the SRV records
(_sip._tls, _sipfederationtls._tcp, _xmpp-server._tcp, _sipinternaltls._tcp), the A/AAAA records of
the Edge service names, the reverse-proxied web names, the edge internal pool and nodes. Each record
carries a note saying why it exists and where the requirement comes from.

options:
  --format F   table (default), bind (one zone per view and domain, named-checkzone clean),
               dnsmasq (one view per file; default view external), csv, json
  --view V     only the records of view V

Lint findings (SRV target outside its own domain, SRV target without an address, …) go to
stderr. Exit status: 0 no errors, 1 lint errors, 2 bad input or usage.

${TOPOLOGY_HELP}
`;

export interface DnsOptions {
  file: string;
  format: Format;
  view?: DnsView;
  /** --overlay, --resolve, --resolver. */
  input?: TopologyInputOptions;
}

export function parseDnsArgs(args: string[]): DnsOptions {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...TOPOLOGY_OPTIONS, format: { type: 'string' }, view: { type: 'string' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('dns takes exactly one TOPOLOGY file');
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const view = values.view as DnsView | undefined;
  if (view !== undefined && !DNS_VIEWS.includes(view)) throw new UsageError(`--view must be one of ${DNS_VIEWS.join(', ')}`);
  return { file: positionals[0]!, ...withTopologyInput(values), format, view };
}

/** The command's output for a loaded topology (pure; the CLI adds I/O). */
export function renderDns(t: Topology, o: Pick<DnsOptions, 'format' | 'view'>, width?: number): { text: string; findings: ReturnType<typeof lintDns> } {
  const all = dnsRecords(t);
  const findings = lintDns(all);
  const view = o.format === 'dnsmasq' ? (o.view ?? 'external') : o.view;
  const records = view ? all.filter((r) => r.view === view) : all;
  const shown = view ? findings.filter((f) => f.view === view) : findings;
  switch (o.format) {
    case 'bind': return { text: formatBind(t, records), findings: shown };
    case 'dnsmasq': return { text: formatDnsmasq(t, records, view!), findings: shown };
    case 'csv': return { text: formatDnsCsv(records), findings: shown };
    case 'json': return { text: jsonDocument('dns', formatDnsJson(records, shown)), findings: shown };
    default: return { text: formatDnsTable(records, width), findings: shown };
  }
}

export const dnsCommand: Command = {
  name: 'dns',
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const o = parseDnsArgs(args);
    const t = await loadTopologyInput(o.file, o.input);
    const { text, findings } = renderDns(t, o, io.columns);
    io.stdout(text);
    for (const f of findings.filter((x) => x.severity !== 'info')) io.stderr(`${f.severity}: [${f.rule}] ${f.view}: ${f.message}\n`);
    return hasErrors(findings) ? 1 : 0;
  },
};

export default dnsCommand;
