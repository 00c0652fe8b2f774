// Address families: the two a firewall matches, and the width of each.

export type AddressFamily = 'ipv4' | 'ipv6';

export const FAMILIES: readonly AddressFamily[] = ['ipv4', 'ipv6'];

export const FAMILY_BITS: Readonly<Record<AddressFamily, number>> = { ipv4: 32, ipv6: 128 };

/** Highest address of a family: 2^32-1 or 2^128-1. */
export function familyMax(family: AddressFamily): bigint {
  return (1n << BigInt(FAMILY_BITS[family])) - 1n;
}
