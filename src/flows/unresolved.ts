// Flows that name a host by FQDN because the topology does not give its address (an imported
// Topology Builder file's 0.0.0.0, not resolved): they can be listed, never enforced. Everything
// that needs addresses (rules, audits, the lab) asks here and refuses, naming each host.
import { InputError } from '../errors.ts';
import { unresolvedIn } from '../net/host-name.ts';
import type { Flow } from './types.ts';

/** The host names the flows leave unresolved, sorted, each once. */
export function unresolvedNames(flows: readonly Flow[]): string[] {
  const names = new Set<string>();
  for (const f of flows) {
    if (f.family !== 'unresolved') continue;
    for (const side of [f.source, f.destination]) if (side !== 'Any') for (const n of unresolvedIn(side)) names.add(n);
  }
  return [...names].sort();
}

/** The reason a firewall (or an audit, or the lab) cannot use these flows, or undefined. */
export function unresolvedReason(flows: readonly Flow[], what: string): string | undefined {
  const names = unresolvedNames(flows);
  if (names.length === 0) return undefined;
  return `${what} needs the address of ${names.length === 1 ? 'a host' : `${names.length} hosts`} the topology names only by FQDN: ${names.join(', ')} (give the addresses in the topology or an overlay, or import with --resolve)`;
}

/** Throws an InputError (exit status 2) when the flows name unresolved hosts. */
export function requireResolved(flows: readonly Flow[], what: string): void {
  const reason = unresolvedReason(flows, what);
  if (reason) throw new InputError(reason);
}
