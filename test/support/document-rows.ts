// The rows of every table Portolan encodes, read from the documents themselves: the five source
// documents (seed-tables.ts) and the pages in ../shared/sources/ (page-tables.ts), by table key.
import { PAGE_TABLES } from '../../src/catalog/data/page-tables.ts';
import { allSeedTables, type SeedRow } from './seed-tables.ts';
import { pageTable } from './page-tables.ts';

export const DOCUMENT_ROWS: ReadonlyMap<string, SeedRow[]> = new Map([
  ...allSeedTables().map(({ table, rows }) => [table.key, rows] as const),
  ...PAGE_TABLES.map((t) => [t.key, pageTable(t.document, t.heading).rows] as const),
]);
