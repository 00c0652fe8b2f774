// The policy IR: per firewall, an ordered, platform-neutral rule list. Renderers consume it;
// parsers of existing configurations produce it; the analysis compares the two.
import type { Citation, Direction, Transport } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';
import type { FirewallName } from '../flows/types.ts';
import type { PortRange } from '../net/port.ts';

/** Addresses as written: `10.45.16.10`, `10.20.0.0/16`, `2001:db8::1`, `2001:db8::/64`. */
export type AddressMatch = { any: true } | { any: false; addresses: string[]; group?: string };
export type PortMatch = { any: true } | { any: false; ports: PortRange[]; group?: string };

export interface RuleOrigin {
  file: string;
  line: number;
  /** The configuration text of the rule, for reports. */
  text?: string;
}

export interface PolicyRule {
  id: string;
  action: 'accept' | 'drop' | 'reject';
  family: AddressFamily | 'any';
  transport: Transport | 'any';
  direction: Direction;
  source: AddressMatch;
  sourcePorts: PortMatch;
  destination: AddressMatch;
  destinationPorts: PortMatch;
  comment: string;
  /** Requirement ids this rule serves (empty for parsed rules). */
  requirements: string[];
  citations: Citation[];
  /** Set on rules parsed from an existing configuration. */
  origin?: RuleOrigin;
  /** Hit counters where the configuration carries them. */
  hits?: number;
}

export interface NamedAddressGroup {
  name: string;
  addresses: string[];
}
export interface NamedPortGroup {
  name: string;
  ports: PortRange[];
}

export type PolicyKind = 'perimeter' | 'host' | 'load-balancer' | 'client';

/** One static 1:1 NAT: inbound to `public` is DNAT'd to `private`, outbound from `private` SNAT'd to `public`. */
export interface StaticNat {
  /** What is translated, e.g. `edge01 Access Edge`. */
  name: string;
  private: string;
  public: string;
}

export interface Policy {
  firewall: FirewallName | string;
  kind: PolicyKind;
  rules: PolicyRule[];
  defaultAction: 'accept' | 'drop';
  /** Return traffic of accepted connections is allowed (ct state established,related). */
  stateful: boolean;
  addressGroups: NamedAddressGroup[];
  portGroups: NamedPortGroup[];
  /** Static NAT this firewall performs (the external firewall of an edge with private addresses).
   * Its filter rules name the private addresses. */
  nat?: StaticNat[];
}
