// Reads the tables of the Microsoft pages in ../shared/sources/ as Markdown: GitHub pipe tables
// (the Skype for Business pages) and the HTML <table> blocks the Lync 2013 pages carry. Each table
// is named by the heading or bold caption before it; a name used twice in a page is prefixed
// with its parent heading ("Hardware load balancers for Edge port tables → External port
// firewall summary table"), as INDEX.md names them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCES_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'sources');

export interface PageRow {
  cells: string[];
  /** Cells joined with ' | ', entities decoded, markup removed, whitespace collapsed. */
  text: string;
}

export interface PageTable {
  /** The table's name: its heading or caption, parent-prefixed where a page repeats it. */
  heading: string;
  /** 1-based line of the table's first line in the page. */
  line: number;
  header: string[];
  rows: PageRow[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', sup1: '¹', sup2: '²', ndash: '–', mdash: '—' };

/** Cell text: tags dropped (line breaks kept as spaces), emphasis and entities decoded. */
export function cellText(s: string): string {
  return s
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*\*|__/g, '')
    .replace(/&(#\d+|[a-z]+\d?);/gi, (m, e: string) => e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e.toLowerCase()] ?? m)
    .replace(/\\([*_|\\])/g, '$1')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** The cells of one pipe-table line; `\|` is a literal bar. */
function pipeCells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map(cellText);
}

const SEPARATOR = /^\|?(\s*:?-+:?\s*\|)+\s*(:?-+:?)?\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const CAPTION = /^\*\*([^*].*?)\*\*\s*$/;

interface Heading { level: number; text: string }

/** Every table of a page, in order. */
export function parsePageTables(markdown: string): PageTable[] {
  const lines = markdown.split('\n');
  const found: (PageTable & { parents: Heading[] })[] = [];
  const stack: Heading[] = [];
  let caption: string | undefined; // the nearest heading or bold caption since the last table
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = HEADING.exec(line);
    if (h) {
      const level = h[1].length;
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, text: cellText(h[2]) });
      caption = cellText(h[2]);
      continue;
    }
    const c = CAPTION.exec(line.trim());
    if (c) { caption = cellText(c[1]); continue; }
    if (line.trim().startsWith('|') && i + 1 < lines.length && SEPARATOR.test(lines[i + 1].trim())) {
      const header = pipeCells(line);
      const rows: PageRow[] = [];
      let k = i + 2;
      for (; k < lines.length && lines[k].trim().startsWith('|'); k++) {
        const cells = pipeCells(lines[k]);
        rows.push({ cells, text: cells.join(' | ') });
      }
      found.push({ heading: caption ?? '', line: i + 1, header, rows, parents: [...stack] });
      caption = undefined;
      i = k - 1;
      continue;
    }
    if (/^\s*<table\b/i.test(line)) {
      const end = lines.findIndex((l, j) => j > i && /<\/table>/i.test(l));
      if (end < 0) throw new Error(`unclosed <table> at line ${i + 1}`);
      const html = lines.slice(i, end + 1).join('\n');
      const header = [...html.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/gi)].map((m) => cellText(m[1]));
      const body = /<tbody>([\s\S]*?)<\/tbody>/i.exec(html)?.[1] ?? '';
      const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((m) => {
        const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/gi)].map((d) => cellText(d[1]));
        return { cells, text: cells.join(' | ') };
      });
      found.push({ heading: caption ?? '', line: i + 1, header, rows, parents: [...stack] });
      caption = undefined;
      i = end;
    }
  }
  const count = new Map<string, number>();
  for (const t of found) count.set(t.heading, (count.get(t.heading) ?? 0) + 1);
  return found.map(({ parents, ...t }) => {
    if ((count.get(t.heading) ?? 0) < 2) return t;
    // A repeated name: prefix the nearest enclosing section heading (below the page title) that is not the name itself.
    const parent = [...parents].reverse().find((p) => p.text !== t.heading && p.level > 1);
    return parent ? { ...t, heading: `${parent.text} → ${t.heading}` } : t;
  });
}

const cache = new Map<string, PageTable[]>();

/** The tables of one page of ../shared/sources/, by its document id (the file's stem) or its `file` ('sources/ID.md'). */
export function pageTables(page: string): PageTable[] {
  const id = page.replace(/^sources\//, '').replace(/\.md$/, '');
  if (!cache.has(id)) cache.set(id, parsePageTables(readFileSync(join(SOURCES_DIR, `${id}.md`), 'utf8')));
  return cache.get(id)!;
}

/** The table of a page with this name; an error when it is absent or ambiguous. */
export function pageTable(file: string, heading: string): PageTable {
  const ts = pageTables(file).filter((t) => t.heading === heading);
  if (ts.length !== 1) throw new Error(`${file}: ${ts.length} tables named '${heading}'`);
  return ts[0];
}
