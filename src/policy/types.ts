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
  /**
   * Inbound to addresses this firewall's static NAT maps (every destination is a NAT private
   * address): the rule matches only packets the firewall translated (`ct status dnat`), so the
   * private addresses are not reachable directly, only through their public addresses.
   */
  translated?: boolean;
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

/** The netfilter hooks a base chain can sit on (nftables `hook`, iptables' built-in chains). */
export type NetfilterHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting' | 'ingress' | 'egress';

/**
 * Where a filter read from an existing configuration sits, as its parser found it: what traffic
 * it meets follows from these facts, never from the filter's name.
 */
export interface FilterBinding {
  /** nftables / iptables base chains: the hook and priority (lower runs first). */
  hook?: { name: NetfilterHook; priority: number };
  /**
   * ACLs, security groups, NSGs: the direction it is applied in, as the platform says it: ASA
   * `access-group ACL in|out interface IF`, security group ingress / egress, NSG Inbound / Outbound;
   * `both` for a rulebase whose rules match either way across the gateway (Check Point).
   */
  direction?: Direction | 'both';
  /** Interfaces it is applied on (ASA access-group); empty: not tied to an interface. */
  interfaces: string[];
  /** The address family it can see: an nftables ip / ip6 table, ip6tables-save, iptables-save. */
  family: AddressFamily | 'any';
  /**
   * What it is attached to: `chain` (a netfilter base chain on the firewall's path), `interface`
   * (an ACL bound to an interface), `global` (an ASA global ACL), `instance` (a security group on
   * the instances: a packet needs the destination's ingress and the source's egress), `subnet`
   * (an NSG on a subnet or network interface, between the networks like a path), `zones` (a
   * zone-based rulebase between the outside and the inside zone: outside → inside is `in`).
   */
  attachment: 'chain' | 'interface' | 'global' | 'instance' | 'subnet' | 'zones';
}

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
  /** Parsed netfilter base chains: where the chain (and so its policy) is declared. */
  defaultOrigin?: RuleOrigin;
  /** Return traffic of accepted connections is allowed (ct state established,related). */
  stateful: boolean;
  addressGroups: NamedAddressGroup[];
  portGroups: NamedPortGroup[];
  /** Set by the parsers of existing configurations: where the filter sits (audit binds by it). */
  binding?: FilterBinding;
  /** Static NAT this firewall performs (the external firewall of an edge with private addresses).
   * Its filter rules name the private addresses. */
  nat?: StaticNat[];
  /** Hosts this firewall's flows name only by FQDN (addresses not given, not resolved): their
   * flows have no rules here, and no renderer serves the policy until they are resolved. */
  unresolved?: string[];
}
