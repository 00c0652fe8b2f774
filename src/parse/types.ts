// The contract of every parser of an existing firewall configuration: text in, policy IR out,
// with every construct it could not express reported as a located warning (never a silent drop).
import type { Direction } from '../catalog/types.ts';
import type { Policy, PolicyKind } from '../policy/types.ts';

export interface ParseWarning {
  line: number;
  col?: number;
  message: string;
}

export interface ParseResult {
  /**
   * One policy per chain / bound ACL / security group and direction / NSG and direction.
   * `policy.firewall` carries the name a user picks it by (e.g. `inet filter input`,
   * `OUTSIDE_IN in outside`, `sg-0abc web-edge ingress`, `edge-nsg Inbound`).
   */
  policies: Policy[];
  warnings: ParseWarning[];
}

export interface ParseOptions {
  /** Overrides the policy kind the parser infers (host for input/output chains, perimeter for forward/ACLs). */
  kind?: PolicyKind;
  /** Direction given to rules of chains the config cannot place (nftables/iptables forward); default 'in'. */
  forwardDirection?: Direction;
  /** Cisco ASA: the text of `show access-list`, whose `(hitcnt=N)` become rule hits. */
  hitCounts?: { text: string; file: string };
  /** Zone-based firewalls (PAN-OS, Junos SRX, …): the zone toward the less trusted side and the
   * one toward the more trusted side of the firewall audited. */
  zones?: { outside?: string; inside?: string };
  /** The firewall audited (`external`, `internal`, …): zone-based readers take their default zone names from it. */
  firewall?: string;
  /** Azure: prefixes the VirtualNetwork service tag stands for (default: the RFC 1918 ranges). */
  virtualNetwork?: string[];
}

export type ConfigParser = (text: string, file: string, options?: ParseOptions) => ParseResult;
