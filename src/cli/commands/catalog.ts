// portolan catalog: browse the documented requirements with their citations.
import { CATALOG } from '../../catalog/index.ts';
import { DISCREPANCIES } from '../../catalog/discrepancies.ts';
import { INTERPRETATIONS } from '../../catalog/interpretations.ts';
import { citationRecord } from '../../catalog/citation-text.ts';
import { source, sourceFileName, SOURCES } from '../../catalog/sources.ts';
import { PRODUCT_VERSIONS, type ProductVersion } from '../../catalog/products.ts';
import { citationVersions, unionConditions } from '../../catalog/define.ts';
import type { Interface, Reading, Requirement, Selector } from '../../catalog/types.ts';
import { portJson, portText } from '../../flows/format.ts';
import { textTable } from '../../text/table.ts';
import { UsageError } from '../../errors.ts';
import { orList } from '../../text/list.ts';
import { suggest } from '../../text/suggest.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { jsonDocument } from '../json.ts';

/** --firewall takes the flows' firewall names or the documents' interface names. */
const FIREWALL_INTERFACES: Record<string, Interface[]> = {
  external: ['edge-external', 'hlb-external-vip', 'reverse-proxy-external'],
  internal: ['edge-internal', 'hlb-internal-vip', 'reverse-proxy-internal'],
  host: ['server-host'],
  'load-balancer': ['load-balancer'],
  client: ['client'],
  'edge-external': ['edge-external'], 'edge-internal': ['edge-internal'],
  'hlb-external-vip': ['hlb-external-vip'], 'hlb-internal-vip': ['hlb-internal-vip'],
  'reverse-proxy-external': ['reverse-proxy-external'], 'reverse-proxy-internal': ['reverse-proxy-internal'],
  'server-host': ['server-host'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function selectorText(s: Selector): string {
  return s.text;
}

function conditionText(r: Requirement): string {
  return r.when.length === 0 ? 'always' : r.when.map((c) => c.join('+')).join(' | ');
}

function shortCitation(r: Requirement, version?: string): string {
  const cs = version ? r.citations.filter((c) => citationVersions(c).includes(version as ProductVersion)) : r.citations;
  return cs.map((c) => `${c.document}:${c.table.slice(0, 40)}…#${c.row}`).join('; ');
}

/** A requirement as JSON: citations also carry the article title, URL and local file; ports
 * are numbers or ranges, null for Any (docs/json.md). */
function requirementRecord(r: Requirement) {
  return {
    ...r,
    sourcePort: portJson(r.sourcePort),
    destinationPort: portJson(r.destinationPort),
    citations: r.citations.map((c) => ({
      ...citationRecord(c),
      ...(c.when ? { when: c.when } : {}),
      ...(c.edgeLoadBalancing ? { edgeLoadBalancing: c.edgeLoadBalancing } : {}),
    })),
  };
}

function readingRecord(r: Reading) {
  const s = source(r.citation.document);
  return { ...r, citation: { ...r.citation, title: s.title, ...(s.url ? { url: s.url } : {}), file: sourceFileName(s.id) } };
}

function readingText(r: Reading): string {
  const place = r.citation.row === undefined ? r.citation.table : `"${r.citation.table}", row ${r.citation.row}`;
  return `  - ${source(r.citation.document).title}, ${place}: “${r.says}”`;
}

export function filterCatalog(opts: { version?: string; role?: string; port?: string; firewall?: string }): Requirement[] {
  let rs = [...CATALOG];
  if (opts.version) {
    const v = oneOf(opts.version, PRODUCT_VERSIONS, '--version', PRODUCT_VERSIONS[0]!);
    rs = rs.filter((r) => r.versions.includes(v));
  }
  if (opts.role) {
    const roles = [...new Set(CATALOG.map((r) => r.role))];
    const match = roles.filter((x) => norm(x) === norm(opts.role!));
    if (match.length === 0) {
      const s = suggest(opts.role, roles);
      throw new UsageError(`--role must be one of ${roles.join(', ')}${s ? ` (did you mean '${s}'?)` : ''}; got '${opts.role}'`);
    }
    rs = rs.filter((r) => match.includes(r.role));
  }
  if (opts.port) {
    if (!/^\d{1,5}$/.test(opts.port) || Number(opts.port) > 65535) throw new UsageError(`--port must be a port number 0-65535; got '${opts.port}'`);
    const n = Number(opts.port);
    const has = (p: Requirement['sourcePort']) => p !== 'Any' && p.from <= n && n <= p.to;
    rs = rs.filter((r) => has(r.destinationPort) || has(r.sourcePort));
  }
  if (opts.firewall) {
    const ifaces = FIREWALL_INTERFACES[opts.firewall];
    if (!ifaces) {
      const s = suggest(opts.firewall, Object.keys(FIREWALL_INTERFACES));
      throw new UsageError(`--firewall must be one of ${Object.keys(FIREWALL_INTERFACES).join(', ')}${s ? ` (did you mean '${s}'?)` : ''}; got '${opts.firewall}'`);
    }
    rs = rs.filter((r) => ifaces.includes(r.interface));
  }
  return rs;
}

const HELP = `usage: portolan catalog [--version V] [--role ROLE] [--port N]
                        [--firewall F] [--format table|json] [--discrepancies]

Every requirement row of Microsoft's port tables for Lync Server 2010 and 2013 and Skype for
Business Server, with its citations (document, table heading, row number; the documents'
Microsoft titles and URLs are listed under the table). A row listed by several tables is one
requirement citing all.

options:
  --version V       ${orList(PRODUCT_VERSIONS)}
  --role R          Access, Web Conferencing, A/V, XMPP, Reverse Proxy, Front End, Director,
                    Mediation, All Servers, Office Web Apps, Persistent Chat, Load
                    Balancer, Client, IP Phone (case and punctuation ignored: av)
  --port N          requirements whose source or destination port (range) contains N
  --firewall F      external, internal, host, load-balancer, client, or an interface:
                    edge-external, edge-internal, hlb-external-vip, hlb-internal-vip,
                    reverse-proxy-external, reverse-proxy-internal, server-host
  --format F        table (default) or json (requirement objects; docs/json.md)
  --discrepancies   list where the documents disagree, with every reading quoted verbatim,
                    and Portolan's interpretations of rows that leave something open
`;

export const catalogCommand: Command = {
  name: 'catalog',
  help: HELP,
  async run(args, io) {
    const { values } = parse(args, {
      version: { type: 'string' }, role: { type: 'string' }, port: { type: 'string' },
      firewall: { type: 'string' }, format: { type: 'string' }, discrepancies: { type: 'boolean' },
    }, { min: 0, max: 0, names: '' });
    const format = oneOf(values.format, ['table', 'json'] as const, '--format', 'table');
    if (values.discrepancies) {
      if (format === 'json') {
        io.stdout(jsonDocument('discrepancies', {
          discrepancies: DISCREPANCIES.map((d) => ({ ...d, readings: d.readings.map(readingRecord) })),
          interpretations: INTERPRETATIONS.map((x) => ({ ...x, quotes: x.quotes.map(readingRecord) })),
        }));
        return 0;
      }
      const out: string[] = ['Where the documents disagree (every reading quoted verbatim):', ''];
      for (const d of DISCREPANCIES) {
        out.push(`${d.id}: ${d.summary}`, ...d.readings.map(readingText));
        out.push(`  handling: ${d.handling}`, `  requirements: ${d.requirements.join(', ')}`, '');
      }
      out.push("Portolan's interpretations (where a row leaves something open):", '');
      for (const x of INTERPRETATIONS) {
        out.push(`${x.id}: ${x.reading}`, ...x.quotes.map(readingText));
        out.push(`  why: ${x.why}`, `  requirements: ${x.requirements.join(', ')}`, '');
      }
      out.push('Sources:', ...SOURCES.map((s) => `  ${s.id} = ${s.title}${s.url ? ` <${s.url}>` : ''}`), '');
      io.stdout(out.join('\n'));
      return 0;
    }
    // With --version, each requirement shows (and carries) only the citations that speak for that version.
    const rs = filterCatalog(values).map((r) => {
      if (!values.version) return r;
      const citations = r.citations.filter((c) => citationVersions(c).includes(values.version as ProductVersion));
      return { ...r, citations, when: unionConditions(citations) };
    });
    if (format === 'json') {
      io.stdout(jsonDocument('catalog', { requirements: rs.map(requirementRecord) }));
      return 0;
    }
    io.stdout(textTable(
      ['id', 'versions', 'role', 'source', 'sport', 'destination', 'dport', 'transport', 'application', 'when', 'citations'],
      rs.map((r) => [r.id, r.versions.join(','), r.role, selectorText(r.source), portText(r.sourcePort), selectorText(r.destination), portText(r.destinationPort), r.transport, r.application, conditionText(r), shortCitation(r)]),
      { width: io.columns },
    ));
    io.stdout(`${rs.length} requirement(s)\n`);
    const ids = new Set(rs.flatMap((r) => r.citations.map((c) => c.document)));
    io.stdout(`Sources:\n${SOURCES.filter((s) => ids.has(s.id)).map((s) => `  ${s.id} = ${s.title}${s.url ? ` <${s.url}>` : ''}\n`).join('')}`);
    return 0;
  },
};
