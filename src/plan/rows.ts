// The plan's rows for one firewall: one row per requirement and pool rather than one per node
// (the members of a pool need the same ports), every address labelled with what it is.
import type { Citation } from '../catalog/types.ts';
import { notesText, portText } from '../flows/format.ts';
import type { Flow } from '../flows/types.ts';
import type { AddressEntry } from '../topology/address-book.ts';
import type { PlanCitation, PlanRow } from './document.ts';

type Book = ReadonlyMap<string, AddressEntry>;

/** The pool and service every address belongs to, when they all belong to the same one. */
function poolOf(addrs: string[] | 'Any', book: Book): string | undefined {
  if (addrs === 'Any') return undefined;
  const pools = new Set(addrs.map((a) => { const p = book.get(a)?.pool; return p ? `${p.name} ${p.service}` : undefined; }));
  return pools.size === 1 ? [...pools][0] : undefined;
}

const label = (a: string, book: Book) => { const e = book.get(a); return e ? `${a} (${e.pool ? e.pool.member : e.what})` : a; };

function cell(addrs: string[] | 'Any', pool: string | undefined, book: Book): string {
  if (addrs === 'Any') return 'Any';
  return pool ? `${pool}: ${addrs.map((a) => label(a, book)).join(', ')}` : addrs.map((a) => label(a, book)).join(', ');
}

export function planRows(flows: readonly Flow[], book: Book, cite: (c: Citation) => PlanCitation): PlanRow[] {
  const groups = new Map<string, { flow: Flow; source: string[] | 'Any'; destination: string[] | 'Any'; sp?: string; dp?: string }>();
  for (const f of flows) {
    const sp = poolOf(f.source, book), dp = poolOf(f.destination, book);
    const key = [f.role, sp ?? (f.source === 'Any' ? 'Any' : f.source.join(' ')), portText(f.sourcePort), dp ?? (f.destination === 'Any' ? 'Any' : f.destination.join(' ')),
      portText(f.destinationPort), f.transport, f.application, notesText(f), f.requirement, f.direction].join('\u0000');
    const g = groups.get(key);
    if (!g) { groups.set(key, { flow: f, source: f.source, destination: f.destination, sp, dp }); continue; }
    const merge = (a: string[] | 'Any', b: string[] | 'Any') => (a === 'Any' || b === 'Any' ? 'Any' : [...new Set([...a, ...b])]);
    g.source = merge(g.source, f.source);
    g.destination = merge(g.destination, f.destination);
  }
  return [...groups.values()].map(({ flow: f, source, destination, sp, dp }) => ({
    cells: [
      f.role, cell(source, sp, book), portText(f.sourcePort), cell(destination, dp, book), portText(f.destinationPort),
      f.transport, f.application, notesText(f), f.direction,
    ],
    citations: f.citations.map(cite),
  }));
}
