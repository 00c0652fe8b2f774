// Reads the tables of the five source documents as they are printed (HTML tables, plain text
// groups, pipe-separated lines) so tests can check the catalog against the documents themselves.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_TABLES, type SourceTable } from '../../src/catalog/tables.ts';
import { source } from '../../src/catalog/sources.ts';

export const SHARED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared');
/** ../shared/seeds next to the repository; PORTOLAN_SEEDS names another place. */
export const SEEDS_DIR = process.env.PORTOLAN_SEEDS ?? join(SHARED_DIR, 'seeds');

/** Without the documents these tests prove nothing: one clear failure, naming the path. */
export const SEEDS_MISSING = `the five source documents are not at ${SEEDS_DIR}: tests comparing the catalog with Microsoft's tables need them there (a checkout of the shared documents next to this repository, as ../shared/seeds)`;
if (!existsSync(SEEDS_DIR)) {
  process.stderr.write(`${SEEDS_MISSING}\n`);
  process.exit(1);
}

export interface SeedRow {
  cells: string[];
  text: string;
}

function clean(s: string): string {
  return s.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** 000: markdown headings followed by an HTML <table>. */
function htmlRows(doc: string, heading: string): SeedRow[] {
  const at = doc.indexOf(heading);
  if (at < 0) throw new Error(`heading not found: ${heading}`);
  const start = doc.indexOf('<tbody>', at);
  const end = doc.indexOf('</tbody>', start);
  const body = doc.slice(start, end);
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => clean(c[1]));
    return { cells, text: cells.join(' | ') };
  });
}

/** 001: heading line, header line, then rows of four non-empty lines, the first naming a port. */
function plainGroupRows(lines: string[], heading: string): SeedRow[] {
  const i = lines.findIndex((l) => l.trim() === heading);
  if (i < 0) throw new Error(`heading not found: ${heading}`);
  // The first non-empty line after the heading is the column header.
  const body = lines.slice(i + 1).filter((l) => l.trim() !== '').slice(1);
  const rows: SeedRow[] = [];
  for (let k = 0; k + 3 < body.length; k += 4) {
    if (!/\/\d[\d,]*(-[\d,]+)?$/.test(body[k].trim())) break;
    const cells = body.slice(k, k + 4).map((l) => clean(l));
    rows.push({ cells, text: cells.join(' | ') });
  }
  return rows;
}

/** 003, 004: heading, a header of N pipe-terminated columns, `---|`, then N lines per row. */
function pipeGroupRows(lines: string[], heading: string): SeedRow[] {
  const i = lines.findIndex((l) => l.trim() === heading);
  if (i < 0) throw new Error(`heading not found: ${heading}`);
  const columns = (lines[i + 1].match(/\|/g) ?? []).length;
  if (!lines[i + 2].startsWith('---')) throw new Error(`no separator after ${heading}`);
  const cells: string[] = [];
  for (let k = i + 3; k < lines.length && /\|\s*$/.test(lines[k]); k++) cells.push(lines[k].replace(/\|\s*$/, '').trim());
  const rows: SeedRow[] = [];
  for (let k = 0; k + columns <= cells.length; k += columns) {
    const row = cells.slice(k, k + columns);
    rows.push({ cells: row, text: row.join(' | ') });
  }
  if (cells.length % columns !== 0) throw new Error(`ragged table ${heading}`);
  return rows;
}

const STOP = /^(When reading|Inbound\/Outbound|Read the whole|Note:|Firewall |Internal Ports|External Ports)/;

/** 002 summaries: each row carries a direction word "(in)", "(out)" or "(in/out)". */
function directionRows(lines: string[], heading: string): SeedRow[] {
  const i = lines.findIndex((l) => l.trim() === heading);
  if (i < 0) throw new Error(`heading not found: ${heading}`);
  const rows: SeedRow[] = [];
  for (let k = i + 2; k < lines.length && !STOP.test(lines[k]); k++) {
    const line = lines[k];
    if (/\((in|out|in\/out)\)\s*\|/.test(line)) {
      const parts = line.split('|').map((s) => s.trim()).filter(Boolean);
      // The external summary prints the description on the next line.
      if (parts.length === 1) parts.push(lines[k + 1].replace(/\|\s*$/, '').trim());
      rows.push({ cells: parts, text: parts.join(' | ') });
    }
  }
  return rows;
}

/** 002 concrete tables: a role line ("Access |") then one line of seven cells. */
function concreteRows(lines: string[], heading: string): SeedRow[] {
  const i = lines.findIndex((l) => l.trim() === heading);
  if (i < 0) throw new Error(`heading not found: ${heading}`);
  const rows: SeedRow[] = [];
  for (let k = i + 3; k + 1 < lines.length && !/^(Internal Ports|Read the whole)/.test(lines[k]); k += 2) {
    const role = lines[k].replace(/\|\s*$/, '').trim();
    const cells = lines[k + 1].split('|').map((s) => s.trim());
    rows.push({ cells: [role, ...cells.slice(0, 7)], text: [role, ...cells].join(' | ') });
  }
  return rows;
}

const cache = new Map<string, string>();
/** The full text of a registered source document, by id. */
export function documentText(document: string): string {
  if (!cache.has(document)) cache.set(document, readFileSync(join(SHARED_DIR, source(document).file), 'utf8'));
  return cache.get(document)!;
}
const read = documentText;

export function seedRows(t: SourceTable): SeedRow[] {
  const doc = read(t.document);
  const lines = doc.split('\n');
  switch (t.document) {
    case '000': return htmlRows(doc, t.heading);
    case '001': return plainGroupRows(lines, t.heading);
    case '002': return t.key.endsWith('summary') || t.key.startsWith('002-rp') ? directionRows(lines, t.heading) : concreteRows(lines, t.heading);
    default: return pipeGroupRows(lines, t.heading);
  }
}

export function allSeedTables(): { table: SourceTable; rows: SeedRow[] }[] {
  return SEED_TABLES.map((table) => ({ table, rows: seedRows(table) }));
}
