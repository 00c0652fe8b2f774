// A host named by its DNS name where its address is not known yet: the one extension of the
// address model. An address field holds an IPv4/IPv6 address or, until it is resolved, the
// host's fully qualified name (a Topology Builder file leaves an address as 0.0.0.0, "use all
// configured addresses"). Names are told from addresses by syntax alone: a name's last label
// is letters, which no IPv4 or IPv6 address has.
import { hostFamily } from './address.ts';

const FQDN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Whether `text` is a fully qualified host name (not an address). */
export function isHostName(text: string): boolean {
  return FQDN.test(text) && hostFamily(text) === undefined;
}

/** The names still to be resolved among an address field's values, in order, each once. */
export function unresolvedIn(addresses: readonly string[]): string[] {
  return [...new Set(addresses.filter(isHostName))];
}
