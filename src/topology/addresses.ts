// Address literals as the topology accepts them, and their family (the parsers' check, so a
// topology and a parsed configuration agree on what an address is).
import { addressFamily, cidrFamily } from '../parse/net.ts';

export type Family = 'ipv4' | 'ipv6';

/** The family of an address (or, with allowPrefix, of a CIDR), or undefined when it is not one. */
export function familyOf(text: string, allowPrefix: boolean): Family | undefined {
  return allowPrefix ? cidrFamily(text) : addressFamily(text);
}
