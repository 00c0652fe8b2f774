// Boxes of the packet space: per family and protocol ("plane"), a product of one interval per
// dimension (source address, source port, destination address, destination port). Firewall rules
// and required flows are unions of boxes; packets are points.
import type { Transport } from '../catalog/types.ts';
import { familyMax, type AddressFamily } from '../net/family.ts';
import { formatHost, parseHost } from '../net/address.ts';
import type { Interval } from '../net/interval-set.ts';

export type Protocol = Transport;

export interface PortSpan {
  from: number;
  to: number;
}

/** One box of the packet space: all packets of a family and protocol within four ranges. */
export interface Box {
  family: AddressFamily;
  protocol: Protocol;
  src: Interval;
  srcPorts: PortSpan;
  dst: Interval;
  dstPorts: PortSpan;
}

/** A concrete packet, addresses written as text, for reports. */
export interface Packet {
  family: AddressFamily;
  protocol: Protocol;
  source: string;
  sourcePort: number;
  destination: string;
  destinationPort: number;
}

/** A concrete packet with integer addresses. */
export interface PacketPoint {
  family: AddressFamily;
  protocol: Protocol;
  src: bigint;
  srcPort: number;
  dst: bigint;
  dstPort: number;
}

/** Planes in their fixed, reporting order. */
export const PLANES: readonly { family: AddressFamily; protocol: Protocol }[] = [
  { family: 'ipv4', protocol: 'TCP' },
  { family: 'ipv4', protocol: 'UDP' },
  { family: 'ipv6', protocol: 'TCP' },
  { family: 'ipv6', protocol: 'UDP' },
];

export function planeOf(family: AddressFamily, protocol: Protocol): number {
  return (family === 'ipv6' ? 2 : 0) + (protocol === 'UDP' ? 1 : 0);
}

export const MAX_PORT = 65535;

/** The whole plane of a family and protocol. */
export function wholePlane(family: AddressFamily, protocol: Protocol): Box {
  const max = familyMax(family);
  return {
    family,
    protocol,
    src: { lo: 0n, hi: max },
    srcPorts: { from: 0, to: MAX_PORT },
    dst: { lo: 0n, hi: max },
    dstPorts: { from: 0, to: MAX_PORT },
  };
}

export function boxContains(b: Box, p: PacketPoint): boolean {
  return (
    b.family === p.family &&
    b.protocol === p.protocol &&
    b.src.lo <= p.src && p.src <= b.src.hi &&
    b.srcPorts.from <= p.srcPort && p.srcPort <= b.srcPorts.to &&
    b.dst.lo <= p.dst && p.dst <= b.dst.hi &&
    b.dstPorts.from <= p.dstPort && p.dstPort <= b.dstPorts.to
  );
}

/** The lowest corner of a box: a deterministic example packet. */
export function boxSample(b: Box): Packet {
  return {
    family: b.family,
    protocol: b.protocol,
    source: formatHost(b.family, b.src.lo),
    sourcePort: b.srcPorts.from,
    destination: formatHost(b.family, b.dst.lo),
    destinationPort: b.dstPorts.from,
  };
}

export function packetPoint(p: Packet): PacketPoint {
  return { family: p.family, protocol: p.protocol, src: parseHost(p.source).value, srcPort: p.sourcePort, dst: parseHost(p.destination).value, dstPort: p.destinationPort };
}

/** A box with the number of what it belongs to (a rule's position, a flow's position, …). */
export interface TaggedBox {
  box: Box;
  tag: number;
}
