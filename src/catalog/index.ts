// The catalog: every requirement row of the five source documents and of the pages in
// ../shared/sources/ that Portolan encodes (rows a later page repeats cite that page too).
import { EDGE_2010 } from './data/edge-2010.ts';
import { EDGE_2013 } from './data/edge-2013.ts';
import { SERVERS_2010 } from './data/servers-2010.ts';
import { LYNC2013_SERVERS, LYNC2013_SERVER_RESTATEMENTS } from './data/lync2013-servers.ts';
import { LYNC2013_EDGE_PAGES } from './data/lync2013-edge-pages.ts';
import { LYNC2013_REVERSE_PROXY, LYNC2013_REVERSE_PROXY_RESTATEMENTS } from './data/lync2013-reverse-proxy.ts';
import { SFB_EDGE } from './data/sfb-edge.ts';
import { SFB_SERVERS, SFB_SERVER_RESTATEMENTS } from './data/sfb-servers.ts';
import { PAGE_ROW_NOTES } from './data/page-row-notes.ts';
import { applyRestatements, withRowNotes, type Restatement } from './restate.ts';
import type { Requirement } from './types.ts';

/** Page rows that repeat an encoded row. Order matters: Skype for Business rows repeat Lync 2013 page rows. */
export const RESTATEMENTS: readonly Restatement[] = [
  ...LYNC2013_EDGE_PAGES, ...LYNC2013_SERVER_RESTATEMENTS, ...LYNC2013_REVERSE_PROXY_RESTATEMENTS, ...SFB_EDGE, ...SFB_SERVER_RESTATEMENTS,
];

export const CATALOG: readonly Requirement[] = withRowNotes(applyRestatements(
  [...EDGE_2010, ...EDGE_2013, ...SERVERS_2010, ...LYNC2013_SERVERS, ...LYNC2013_REVERSE_PROXY, ...SFB_SERVERS],
  RESTATEMENTS,
), PAGE_ROW_NOTES);

const BY_ID = new Map(CATALOG.map((r) => [r.id, r]));

export function requirementById(id: string): Requirement | undefined {
  return BY_ID.get(id);
}
