// A concrete flow: one requirement resolved against a topology.
import type { Citation, Direction, PortSpec, Role, Transport } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';

/** Names of the firewalls flows cross. `external` / `internal` are the two perimeter firewalls. */
export type FirewallName =
  | 'external'
  | 'internal'
  | 'host-edge'
  | 'host-frontend'
  | 'host-director'
  | 'host-mediation'
  | 'load-balancer'
  | 'client';

export interface Flow {
  firewall: FirewallName;
  direction: Direction;
  role: Role;
  /** Addresses, or 'Any'. */
  source: string[] | 'Any';
  sourcePort: PortSpec;
  destination: string[] | 'Any';
  destinationPort: PortSpec;
  transport: Transport;
  application: string;
  /** Address family of the flow's concrete addresses (a flow never mixes families); `unresolved`
   * when one side names a host by FQDN whose address the topology does not give (the other
   * side's addresses then keep their own families). Such a flow can be listed, not enforced. */
  family: AddressFamily | 'any' | 'unresolved';
  /** Requirement id. */
  requirement: string;
  /** The rows through which the requirement applies in this topology. */
  citations: Citation[];
  /** The notes of exactly those rows, verbatim, each once (rows without a note add none). */
  notes: string[];
  /** Human names of the two ends, e.g. `edge1 Access Edge`, `Front End pool pool1`. */
  sourceName: string;
  destinationName: string;
}
