// Address literals as the topology accepts them, and their family.
import { isIP } from 'node:net';

export type Family = 'ipv4' | 'ipv6';

/** The family of an address or CIDR, or undefined when it is not one. */
export function familyOf(text: string, allowPrefix: boolean): Family | undefined {
  const slash = text.indexOf('/');
  const ip = slash < 0 ? text : text.slice(0, slash);
  const v = isIP(ip);
  if (v === 0) return undefined;
  if (slash >= 0) {
    if (!allowPrefix) return undefined;
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > (v === 4 ? 32 : 128)) return undefined;
  }
  return v === 4 ? 'ipv4' : 'ipv6';
}
