// The object model zone-based firewalls share (PAN-OS, Junos SRX, FortiGate, Check Point):
// named address objects and groups, named services (one protocol, destination and source
// ports), and rules from a zone to a zone that name them. Built once from the policy IR; each
// platform only spells it. Names are deterministic and respect the platform's length limit.
import type { Direction } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';
import { canonicalAddress, parseCidr } from '../net/address.ts';
import type { PortRange } from '../net/port.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import { zonesFor } from '../policy/zones.ts';
import { RenderError, type RendererCapabilities } from './types.ts';

export interface ZoneAddress {
  name: string;
  /** One address or prefix, canonical (`10.45.16.10/32`, `2001:db8::1/128`). */
  prefix: string;
  family: AddressFamily;
}

export interface ZoneAddressGroup {
  name: string;
  members: string[];
}

export interface ZoneService {
  name: string;
  transport: 'TCP' | 'UDP';
  /** Destination ports; never Any: a service names its ports (0-65535 for every port). */
  ports: PortRange[];
  /** Source ports, or undefined for any source port. */
  sourcePorts?: PortRange[];
}

export interface ZoneRule {
  name: string;
  from: string;
  to: string;
  /** Address object or group names; 'any' for every address. */
  source: string[] | 'any';
  destination: string[] | 'any';
  /** Service names; 'any' for every protocol and port. */
  services: string[] | 'any';
  description: string;
  rule: PolicyRule;
}

export interface ZoneObjects {
  zones: Record<Direction, { from: string; to: string }>;
  addresses: ZoneAddress[];
  addressGroups: ZoneAddressGroup[];
  services: ZoneService[];
  rules: ZoneRule[];
}

export interface ZoneNaming {
  /** The platform's longest object name. */
  max: number;
  /** A name made of the platform's allowed characters. */
  clean(text: string): string;
}

/** What every zone-based target here expresses: perimeter firewalls, source ports, ranges, IPv6, objects, state. */
export const ZONE_FIREWALL_CAPABILITIES: RendererCapabilities = {
  kinds: ['perimeter'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  namedGroups: true,
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  // The edge's 1:1 NAT is not rendered for PAN-OS, Junos, FortiGate and Check Point (refused with the mappings listed); pfSense adds it (PFSENSE_CAPABILITIES).
  nat: false,
};

/** Object names of at most 63 letters, digits, `.`, `_` and `-` (PAN-OS, Junos). */
export const WORD_NAMING: ZoneNaming = {
  max: 63,
  clean: (t: string) => t.replace(/\//g, '_').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, ''),
};

export const ALL_PORTS: PortRange[] = [{ from: 0, to: 65535 }];

const portsText = (ps: PortRange[]) => ps.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join('_');

/** Hands out names: each wanted name once; too long or taken names get a numbered fallback. */
class Names {
  private readonly used = new Map<string, string>(); // name → key of what it names
  private readonly byKey = new Map<string, string>();
  private n = 0;
  constructor(private readonly naming: ZoneNaming, private readonly prefix: string) {}
  get(key: string, wanted: string): string {
    const have = this.byKey.get(key);
    if (have) return have;
    let name = this.naming.clean(wanted);
    if (!name || name.length > this.naming.max || this.used.has(name)) {
      do name = `${this.prefix}${++this.n}`; while (this.used.has(name));
    }
    this.used.set(name, key);
    this.byKey.set(key, name);
    return name;
  }
}

export function buildZoneObjects(
  policy: Policy, naming: ZoneNaming, target: string,
  given?: { outside?: string; inside?: string },
  describe: (rule: PolicyRule) => string = (r) => r.comment,
): ZoneObjects {
  const zones = zonesFor(policy.firewall, given);
  if (zones.outside === zones.inside) throw new RenderError(target, policy.firewall, `the outside and inside zones must differ (both ${zones.outside})`);
  const addressNames = new Names(naming, 'portolan-addr-');
  const groupNames = new Names(naming, 'portolan-group-');
  const serviceNames = new Names(naming, 'portolan-svc-');
  const ruleNames = new Names(naming, 'portolan-rule-');
  const addresses = new Map<string, ZoneAddress>();
  const groups = new Map<string, ZoneAddressGroup>();
  const services = new Map<string, ZoneService>();

  const address = (text: string): string => {
    const a = parseCidr(text);
    const canonical = canonicalAddress(text);
    const host = !canonical.includes('/');
    const prefix = host ? `${canonical}/${a.family === 'ipv4' ? 32 : 128}` : canonical;
    const wanted = a.prefix === 0 ? `any-${a.family}` : `${host ? 'h' : 'n'}-${canonical}`;
    const name = addressNames.get(prefix, wanted);
    if (!addresses.has(prefix)) addresses.set(prefix, { name, prefix, family: a.family });
    return name;
  };
  const addressList = (m: AddressMatch): string[] | 'any' => {
    if (m.any) return 'any';
    const members = m.addresses.map(address);
    if (!m.group || members.length === 1) return members;
    const key = `${m.group}\u0000${members.join(' ')}`;
    const name = groupNames.get(key, m.group);
    if (!groups.has(key)) groups.set(key, { name, members });
    return [name];
  };
  const service = (transport: 'TCP' | 'UDP', dports: PortMatch, sports: PortMatch): string => {
    const ports = dports.any ? ALL_PORTS : dports.ports;
    const sourcePorts = sports.any ? undefined : sports.ports;
    const key = `${transport} ${portsText(ports)} ${sourcePorts ? portsText(sourcePorts) : ''}`;
    const wanted = `${transport.toLowerCase()}-${dports.any ? 'all' : portsText(ports)}${sourcePorts ? `-from-${portsText(sourcePorts)}` : ''}`;
    const name = serviceNames.get(key, wanted);
    if (!services.has(key)) services.set(key, { name, transport, ports, ...(sourcePorts ? { sourcePorts } : {}) });
    return name;
  };

  const rules: ZoneRule[] = policy.rules.map((r) => {
    const [from, to] = r.direction === 'in' ? [zones.outside, zones.inside] : [zones.inside, zones.outside];
    const anyPorts = r.sourcePorts.any && r.destinationPorts.any;
    const svc: string[] | 'any' = r.transport === 'any'
      ? (anyPorts ? 'any' : [service('TCP', r.destinationPorts, r.sourcePorts), service('UDP', r.destinationPorts, r.sourcePorts)])
      : [service(r.transport, r.destinationPorts, r.sourcePorts)];
    // A one-family rule between Any and Any must not open the other family: say the family.
    const familyOnly = r.family !== 'any' && r.source.any && r.destination.any;
    return {
      name: ruleNames.get(r.id, `portolan-${r.id}`),
      from, to,
      source: familyOnly ? [address(r.family === 'ipv4' ? '0.0.0.0/0' : '::/0')] : addressList(r.source),
      destination: addressList(r.destination),
      services: svc, description: describe(r), rule: r,
    };
  });
  return {
    zones: { in: { from: zones.outside, to: zones.inside }, out: { from: zones.inside, to: zones.outside } },
    addresses: [...addresses.values()],
    addressGroups: [...groups.values()],
    services: [...services.values()],
    rules,
  };
}
