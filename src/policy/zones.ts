// The names a zone-based platform gives the two sides of a perimeter firewall when the user
// names none: render writes them and the audit readers assume them, so the two always agree.

export interface SideNames {
  /** Toward the less trusted side (flows `in` arrive from here). */
  outside: string;
  /** Toward the more trusted side. */
  inside: string;
}

/** Zones (PAN-OS, Junos SRX) and interfaces or zones (FortiGate), by firewall. */
const ZONES: Record<string, SideNames> = {
  external: { outside: 'untrust', inside: 'dmz' },
  internal: { outside: 'dmz', inside: 'trust' },
};

/** pfSense / OPNsense interface names (wan, lan, optN), by firewall. */
const PFSENSE_INTERFACES: Record<string, SideNames> = {
  external: { outside: 'wan', inside: 'opt1' },
  internal: { outside: 'wan', inside: 'lan' },
};

export function zonesFor(firewall: string, given?: Partial<SideNames>): SideNames {
  const d = ZONES[firewall] ?? { outside: 'untrust', inside: 'trust' };
  return { outside: given?.outside ?? d.outside, inside: given?.inside ?? d.inside };
}

export function pfsenseInterfaces(firewall: string, given?: Partial<SideNames>): SideNames {
  const d = PFSENSE_INTERFACES[firewall] ?? { outside: 'wan', inside: 'lan' };
  return { outside: given?.outside ?? d.outside, inside: given?.inside ?? d.inside };
}
