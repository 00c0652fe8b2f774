// portolan version: the program's version and the documents its catalog is built from.
import { SOURCES } from '../../catalog/sources.ts';
import { versionsOfDocument } from '../../catalog/products.ts';
import { TABLES } from '../../catalog/tables.ts';
import { CATALOG } from '../../catalog/index.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { jsonDocument } from '../json.ts';
import { VERSION } from '../version.ts';

const HELP = `usage: portolan version [--json | --format text|json]

The program's version and the source documents its catalog is built from: each document's
file, the product versions it describes and the tables taken from it (heading, rows). 'portolan --version' prints the version
alone.

options:
  --json       the same as --format json
  --format F   text (default) or json (docs/json.md, kind "version")
`;

/** The catalog's documents, each with its tables, in document order. */
export function catalogDocuments() {
  return SOURCES.map(({ id: document }) => ({
    document,
    versions: versionsOfDocument(document),
    tables: TABLES.filter((t) => t.document === document).map((t) => ({ key: t.key, heading: t.heading, rows: t.rows })),
  }));
}

export const versionCommand: Command = {
  name: 'version',
  help: HELP,
  async run(args, io) {
    const { values } = parse(args, { format: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
    const format = values.json ? 'json' : oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const documents = catalogDocuments();
    if (format === 'json') {
      io.stdout(jsonDocument('version', { version: VERSION, node: process.version, requirements: CATALOG.length, documents }));
      return 0;
    }
    const lines = [`portolan ${VERSION} (node ${process.version})`, `catalog: ${CATALOG.length} requirements from ${documents.length} documents`];
    for (const d of documents) lines.push(`  ${d.document}: ${d.tables.length} table(s), ${d.tables.reduce((n, t) => n + t.rows, 0)} rows`);
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
