// What the readers of AWS security groups share, whatever the format (describe-security-groups
// JSON, Terraform): protocol names, port ranges, policy names, and one IR match per CIDR entry.
// Security groups are allow-only and stateful with an implicit deny.
import type { AddressMatch, PortMatch } from '../policy/types.ts';
import { ANY_ADDR, ANY_PORT } from '../policy/match.ts';
import { cidrFamily } from '../net/address.ts';
import type { L4, Match } from './rules.ts';

export type SgDirection = 'in' | 'out';

/** IpProtocol / ip_protocol / protocol values the IR can express. */
export const SG_PROTOCOLS: Readonly<Record<string, L4[] | 'any'>> = { tcp: ['TCP'], udp: ['UDP'], '6': ['TCP'], '17': ['UDP'], '-1': 'any', all: 'any' };

/** The transports of a protocol value; undefined when not modelled (icmp, esp, numbers other than 6/17). */
export function sgTransports(protocol: string): L4[] | 'any' | undefined {
  return Object.hasOwn(SG_PROTOCOLS, protocol.toLowerCase()) ? SG_PROTOCOLS[protocol.toLowerCase()] : undefined;
}

/**
 * The destination ports of a permission: Any for all protocols or -1/-1; undefined when the
 * range is invalid (the caller reports `invalid port range from-to`).
 */
export function sgPorts(transports: L4[] | 'any', from: unknown, to: unknown): PortMatch | undefined {
  if (transports === 'any' || (from === -1 && to === -1) || from === undefined) return ANY_PORT;
  const f = from, t = to ?? from;
  if (typeof f !== 'number' || typeof t !== 'number' || !Number.isInteger(f) || !Number.isInteger(t) || f < 0 || t > 65535 || f > t) return undefined;
  return { any: false, ports: [{ from: f, to: t }] };
}

/** `sg-0abc web ingress`: the group's id, its name when it has one, and the direction. */
export function sgPolicyName(id: string, name: string | undefined, dir: SgDirection): string {
  return `${id}${name ? ` ${name}` : ''} ${dir === 'in' ? 'ingress' : 'egress'}`;
}

/** The whole family for 0.0.0.0/0 and ::/0, else the CIDR itself. */
export function sgCidr(cidr: string): AddressMatch {
  return cidr === '0.0.0.0/0' || cidr === '::/0' ? ANY_ADDR : { any: false, addresses: [cidr] };
}

/**
 * The match of one CIDR entry: the remote end is the CIDR, the local end the group's own
 * addresses where known (Any otherwise: a group applies wherever it is attached).
 */
export function sgMatch(cidr: string, dir: SgDirection, transports: L4[] | 'any', ports: PortMatch, local: AddressMatch = ANY_ADDR): Match {
  const remote = sgCidr(cidr);
  return {
    family: cidrFamily(cidr)!, transports,
    source: dir === 'in' ? remote : local, sourcePorts: ANY_PORT,
    destination: dir === 'in' ? local : remote, destinationPorts: ports,
  };
}

/**
 * The addresses a security group is attached to, from its `portolan:addresses` tag (written by
 * `render --target aws`): "10.0.0.1/32 10.0.0.2/32". Undefined when the tag is not a list of
 * addresses; without the tag the group's own end stays Any.
 */
export function taggedAddresses(value: string): AddressMatch | undefined {
  const list = value.split(/\s+/).filter(Boolean);
  if (list.length === 0 || !list.every((a) => cidrFamily(a))) return undefined;
  return { any: false, addresses: list.map((a) => a.replace(/\/32$/, '')) };
}
