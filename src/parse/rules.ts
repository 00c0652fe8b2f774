// Shared construction of parsed policies: a platform-neutral match is split into IR rules
// (one per transport and address family, because the IR rule carries one of each).
import type { Direction } from '../catalog/types.ts';
import { InputError } from '../errors.ts';
import type { AddressFamily } from '../net/family.ts';
import type { AddressMatch, Policy, PolicyKind, PolicyRule, PortMatch, RuleOrigin } from '../policy/types.ts';
import { ANY_ADDR, ANY_PORT, intersectAddresses, intersectPorts, restrictFamily } from '../policy/match.ts';
import { cidrFamily } from '../net/address.ts';
import type { ParseWarning } from './types.ts';

export type L4 = 'TCP' | 'UDP';

/** What a parsed rule matches, before it is split into IR rules. */
export interface Match {
  family: AddressFamily | 'any';
  /** 'any' = every protocol; a list = only these (an empty list matches nothing the IR models). */
  transports: L4[] | 'any';
  source: AddressMatch;
  sourcePorts: PortMatch;
  destination: AddressMatch;
  destinationPorts: PortMatch;
}

export const MATCH_ALL: Match = {
  family: 'any', transports: 'any', source: ANY_ADDR, sourcePorts: ANY_PORT, destination: ANY_ADDR, destinationPorts: ANY_PORT,
};

/** Both matches at once (a jump's conditions with the called chain's rule); null when disjoint. */
export function intersectMatch(a: Match, b: Match): Match | null {
  let family = a.family;
  if (b.family !== 'any') { if (family !== 'any' && family !== b.family) return null; family = b.family; }
  let transports = a.transports;
  if (b.transports !== 'any') transports = transports === 'any' ? b.transports : transports.filter((t) => (b.transports as L4[]).includes(t));
  if (transports !== 'any' && transports.length === 0) return null;
  const source = intersectAddresses(a.source, b.source), destination = intersectAddresses(a.destination, b.destination);
  const sourcePorts = intersectPorts(a.sourcePorts, b.sourcePorts), destinationPorts = intersectPorts(a.destinationPorts, b.destinationPorts);
  if (!source || !destination || !sourcePorts || !destinationPorts) return null;
  return { family, transports, source, sourcePorts, destination, destinationPorts };
}

export class Warnings {
  readonly list: ParseWarning[] = [];
  add(line: number, message: string, col?: number): void {
    this.list.push(col === undefined ? { line, message } : { line, col, message });
  }
}

export function inputError(file: string, line: number, col: number, message: string): InputError {
  return new InputError(message, { file, line, col });
}

const ONLY_ANY = ['any'] as const;
const ONLY_IPV4: readonly AddressFamily[] = ['ipv4'];
const ONLY_IPV6: readonly AddressFamily[] = ['ipv6'];
const BOTH: readonly AddressFamily[] = ['ipv4', 'ipv6'];

/** The families of a match's addresses as bits (1 IPv4, 2 IPv6); 0 for any or none. */
function familyMask(a: AddressMatch): number {
  if (a.any) return 0;
  let mask = 0;
  for (const x of a.addresses) {
    const f = cidrFamily(x);
    if (f === 'ipv4') mask |= 1;
    else if (f === 'ipv6') mask |= 2;
  }
  return mask;
}

/** An id base of the form nextLineId makes: shares its counter. */
const LINE_ID = /^L(0|[1-9][0-9]*)$/;

/** Accumulates the ordered rules of one policy. */
export class PolicyBuilder {
  readonly policy: Policy;
  private ids = new Map<string, number>();
  /** Counters of the `L<line>` ids, by line. */
  private lineIds = new Map<number, number>();
  constructor(name: string, kind: PolicyKind, defaultAction: 'accept' | 'drop', stateful = false) {
    this.policy = { firewall: name, kind, rules: [], defaultAction, stateful, addressGroups: [], portGroups: [] };
  }

  /** Adds the IR rules for one parsed rule; returns how many (0 when the match is empty). */
  add(
    m: Match,
    action: PolicyRule['action'],
    direction: Direction,
    origin: RuleOrigin,
    comment: string,
    hits?: number,
    idBase?: string,
  ): number {
    // A family-bound match makes rules of that family only; otherwise the addresses decide.
    let families: readonly (AddressFamily | 'any')[];
    if (m.family !== 'any') families = m.family === 'ipv4' ? ONLY_IPV4 : ONLY_IPV6;
    else {
      const mask = familyMask(m.source) | familyMask(m.destination);
      families = mask === 0 ? ONLY_ANY : mask === 1 ? ONLY_IPV4 : mask === 2 ? ONLY_IPV6 : BOTH;
    }
    const transports: readonly (L4 | 'any')[] = m.transports === 'any' ? ONLY_ANY : m.transports;
    let n = 0;
    for (const family of families) {
      const source = restrictFamily(m.source, family), destination = restrictFamily(m.destination, family);
      if (!source || !destination) continue;
      for (const transport of transports) {
        // Ports only mean something for TCP/UDP; a protocol-any rule with ports cannot occur.
        const rule: PolicyRule = {
          id: idBase === undefined ? this.nextLineId(origin.line) : this.nextId(idBase),
          action, family, transport, direction, source,
          sourcePorts: m.sourcePorts, destination, destinationPorts: m.destinationPorts,
          comment, requirements: [], citations: [], origin,
        };
        if (hits !== undefined) rule.hits = hits;
        this.policy.rules.push(rule);
        n++;
      }
    }
    this.noteGroup(m.source); this.noteGroup(m.destination);
    this.notePorts(m.sourcePorts); this.notePorts(m.destinationPorts);
    return n;
  }

  private nextId(k: string): string {
    if (LINE_ID.test(k) && Number.isSafeInteger(Number(k.slice(1)))) return this.nextLineId(Number(k.slice(1)));
    return this.nextStringId(k);
  }
  private nextStringId(k: string): string {
    const n = (this.ids.get(k) ?? 0) + 1;
    this.ids.set(k, n);
    return n === 1 ? k : `${k}.${n}`;
  }
  /** nextId(`L${line}`) without building the key string first (lines are the usual ids). */
  private nextLineId(line: number): string {
    if (!Number.isSafeInteger(line) || line < 0) return this.nextStringId(`L${line}`);
    const n = (this.lineIds.get(line) ?? 0) + 1;
    this.lineIds.set(line, n);
    return n === 1 ? `L${line}` : `L${line}.${n}`;
  }
  private noteGroup(a: AddressMatch): void {
    if (!a.any && a.group && !this.policy.addressGroups.some((g) => g.name === a.group)) this.policy.addressGroups.push({ name: a.group, addresses: a.addresses });
  }
  private notePorts(p: PortMatch): void {
    if (!p.any && p.group && !this.policy.portGroups.some((g) => g.name === p.group)) this.policy.portGroups.push({ name: p.group, ports: p.ports });
  }
}
