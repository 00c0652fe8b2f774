// The catalog: every requirement row of the five source documents.
import { EDGE_2010 } from './data/edge-2010.ts';
import { EDGE_2013 } from './data/edge-2013.ts';
import { SERVERS_2010 } from './data/servers-2010.ts';
import type { Requirement } from './types.ts';

export const CATALOG: readonly Requirement[] = [...EDGE_2010, ...EDGE_2013, ...SERVERS_2010];

const BY_ID = new Map(CATALOG.map((r) => [r.id, r]));

export function requirementById(id: string): Requirement | undefined {
  return BY_ID.get(id);
}
