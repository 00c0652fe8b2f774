// portolan check: schema validation (exit 2) and design lint (exit 1 on errors).
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS } from '../topology-input.ts';
import { citedDocument } from '../../catalog/sources.ts';
import { findingSource, type Finding } from '../../topology/lint.ts';
import { lintAll } from '../../plan/lint.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { jsonDocument } from '../json.ts';
import { inputName } from '../../input.ts';

export function findingLine(f: Finding): string {
  return `${f.location.file}:${f.location.line}:${f.location.col}: ${f.severity}: ${f.message} [${f.rule}; ${findingSource(f)}]`;
}

const HELP = `usage: portolan check TOPOLOGY [--format text|json]

Validates a topology file against the schema (YAML syntax, types, unknown keys, addresses,
references: exit 2 with file:line:col) and runs the design lint rules taken from the
documents (exit 1 when any finding is an error). Every finding has a location and a citation.

rules: missing-next-hop, missing-reverse-proxy-target, internal-edge-nat, av-snat-with-hlb,
  av-nat-with-hlb, av-nat-without-public-address, hlb-public-address-count (N+1),
  hlb-default-gateway, edge-service-collision, feature-not-in-version,
  address-shared-by-roles, address-outside-zone, no-table-for-scenario, ipv6-beyond-documents;
  and the limits of the tools that read the outputs: dns-name-too-long (a derived DNS name past
  253 characters or a label past 63: named-checkzone), certificate-subject-too-long (a subject
  CN past 64 characters: openssl req); nat-with-hlb, nat-without-public-address, nat-symmetric,
  nat-av-between-pools, single-address-alternate-ports, table-from-earlier-version;
  unresolved-address (a host named by FQDN, no address: docs/import.md), ignored-xml-content
  (what an imported Topology Builder file holds that Portolan does not model, with its line)

${TOPOLOGY_HELP}
`;

export const checkCommand: Command = {
  name: 'check',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...TOPOLOGY_OPTIONS, format: { type: 'string' } }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const topology = await loadTopologyInput(positionals[0], values);
    const findings = lintAll(topology);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (format === 'json') {
      // The citation names the article too; `document` stays the registry id.
      const record = (f: Finding) => {
        const s = citedDocument(f.citation.document);
        return { ...f, citation: { ...f.citation, title: s.title, ...(s.url ? { url: s.url } : {}) } };
      };
      io.stdout(jsonDocument('check', { file: inputName(positionals[0]), findings: findings.map(record) }));
    } else {
      for (const f of findings) io.stdout(findingLine(f) + '\n');
      const warnings = findings.filter((f) => f.severity === 'warning').length;
      io.stdout(`${positionals[0]}: ${errors} error(s), ${warnings} warning(s), ${findings.length - errors - warnings} note(s)\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
