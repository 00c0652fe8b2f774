// portolan catalog: browse the documented requirements with their citations.
import { CATALOG } from '../../catalog/index.ts';
import { DISCREPANCIES } from '../../catalog/discrepancies.ts';
import { PRODUCT_VERSIONS, type ProductVersion } from '../../catalog/products.ts';
import type { Interface, Requirement, Selector } from '../../catalog/types.ts';
import { citationVersions, unionConditions } from '../../catalog/define.ts';
import { portText } from '../../flows/format.ts';
import { textTable } from '../../text/table.ts';
import { UsageError } from '../../errors.ts';
import { orList } from '../../text/list.ts';
import { suggest } from '../../text/suggest.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';

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

/** Seeds by their number (`000`), pages by their file name without `.md`. */
function shortDocument(document: string): string {
  return /^\d{3}_/.test(document) ? document.slice(0, 3) : document.replace(/\.md$/, '');
}

function shortCitation(r: Requirement, version?: string): string {
  const cs = version ? r.citations.filter((c) => citationVersions(c).includes(version as ProductVersion)) : r.citations;
  return cs.map((c) => `${shortDocument(c.document)}:${c.table.slice(0, 40)}…#${c.row}`).join('; ');
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

Every requirement row of the five source documents and of Microsoft's pages in
shared/sources/, with its citations (document file and table heading, row number). A row
listed by several tables is one requirement citing all.

options:
  --version V       ${orList(PRODUCT_VERSIONS)}
  --role R          Access, Web Conferencing, A/V, XMPP, Reverse Proxy, Front End, Director,
                    Mediation, All Servers, Office Web Apps, Persistent Chat, Load
                    Balancer, Client, IP Phone (case and punctuation ignored: av)
  --port N          requirements whose source or destination port (range) contains N
  --firewall F      external, internal, host, load-balancer, client, or an interface:
                    edge-external, edge-internal, hlb-external-vip, hlb-internal-vip,
                    reverse-proxy-external, reverse-proxy-internal, server-host
  --format F        table (default) or json (an array of requirement objects)
  --discrepancies   list where the documents disagree, with every reading
`;

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'browse the documented requirements with citations',
  help: HELP,
  async run(args, io) {
    const { values } = parse(args, {
      version: { type: 'string' }, role: { type: 'string' }, port: { type: 'string' },
      firewall: { type: 'string' }, format: { type: 'string' }, discrepancies: { type: 'boolean' },
    }, { min: 0, max: 0, names: '' });
    const format = oneOf(values.format, ['table', 'json'] as const, '--format', 'table');
    if (values.discrepancies) {
      if (format === 'json') { io.stdout(JSON.stringify(DISCREPANCIES, null, 2) + '\n'); return 0; }
      const out: string[] = [];
      for (const d of DISCREPANCIES) {
        out.push(`${d.id}: ${d.summary}`);
        for (const r of d.readings) out.push(`  - ${r.citation.document}: ${r.citation.table}, row ${r.citation.row}: ${r.says}`);
        out.push(`  handling: ${d.handling}`, `  requirements: ${d.requirements.join(', ')}`, '');
      }
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
      io.stdout(JSON.stringify(rs, null, 2) + '\n');
      return 0;
    }
    io.stdout(textTable(
      ['id', 'versions', 'role', 'source', 'sport', 'destination', 'dport', 'transport', 'application', 'when', 'citations'],
      rs.map((r) => [r.id, r.versions.join(','), r.role, selectorText(r.source), portText(r.sourcePort), selectorText(r.destination), portText(r.destinationPort), r.transport, r.application, conditionText(r), shortCitation(r)]),
    ));
    io.stdout(`${rs.length} requirement(s)\n`);
    return 0;
  },
};
