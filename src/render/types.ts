// One interface for every platform renderer. A renderer consumes only the Policy IR, declares
// what it can express, and throws rather than drop a rule it cannot express.
import { asciiFold } from '../text/ascii.ts';
import { InputError } from '../errors.ts';
import type { Policy, PolicyKind, PolicyRule } from '../policy/types.ts';

/** What a target can express; `canServe` and `render` check policies against it. */
export interface RendererCapabilities {
  /** Policy kinds (which firewalls) the target is meant for. */
  kinds: PolicyKind[];
  sourcePorts: boolean;
  portRanges: boolean;
  ipv6: boolean;
  namedGroups: boolean;
  /** Return traffic allowed by connection tracking rather than by explicit rules. */
  stateful: boolean;
  transports: ('TCP' | 'UDP')[];
  comments: boolean;
  /** Static 1:1 NAT (DNAT inbound, SNAT outbound, client source addresses kept). */
  nat: boolean;
}

/** A pool behind a load balancer: its VIP addresses and real servers (haproxy backends). */
export interface PoolMembers {
  name: string;
  vip: string[];
  servers: { name: string; address: string }[];
}

/** Options shared by the targets; a target ignores what it does not use. Add fields as needed. */
export interface RenderOptions {
  /** Perimeter firewalls: interface names; `outside` is the less trusted side, `inside` the more
   * trusted one. Rules of direction `in` match iifname outside / oifname inside, `out` the reverse. */
  interfaces?: { outside?: string; inside?: string };
  /** iptables: which document to write, `ipv4` (iptables-restore, default) or `ipv6` (ip6tables-restore). */
  family?: 'ipv4' | 'ipv6';
  /** haproxy: pool servers, matched to rules by VIP address. */
  pools?: PoolMembers[];
}

export interface Renderer {
  /** The `--target` name. */
  target: string;
  /** File name extension with the dot, e.g. `.nft`. */
  extension: string;
  description: string;
  capabilities: RendererCapabilities;
  /** true, or the reason this target cannot serve the policy (for a refusal with exit 2). */
  canServe(policy: Policy): true | string;
  /** The configuration text; throws InputError when the policy needs what the target cannot express. */
  render(policy: Policy, options?: RenderOptions): string;
  /** Targets whose configuration is several files (iptables: IPv4 and IPv6 documents): each
   * file's extension and text. Without it, one file: `extension` and `render`. */
  renderFiles?(policy: Policy, options?: RenderOptions): { extension: string; content: string }[];
}

/** Thrown by renderers; an InputError so the CLI exits 2 with the reason. */
export class RenderError extends InputError {
  constructor(target: string, firewall: string, reason: string) {
    super(`${target} cannot render firewall ${firewall}: ${reason}`);
    this.name = 'RenderError';
  }
}

/** The generic capability check: the first rule (or policy property) the target cannot express. */
export function unsupported(policy: Policy, caps: RendererCapabilities): string | undefined {
  if (!caps.kinds.includes(policy.kind)) {
    return `it serves ${caps.kinds.join(', ')} firewalls, and ${policy.firewall} is a ${policy.kind} firewall`;
  }
  if (policy.defaultAction !== 'drop') return 'only default-drop policies are rendered';
  if (policy.stateful && !caps.stateful) return 'it cannot allow return traffic statefully';
  if (policy.nat?.length && !caps.nat) {
    return `it cannot express the 1:1 NAT this firewall performs (${policy.nat.map((m) => `${m.name} ${m.private} <-> ${m.public}`).join(', ')}); render for nftables, iptables, cisco-asa or pfsense, or configure the NAT on the device yourself`;
  }
  const bad = (r: PolicyRule): string | undefined => {
    const ranges = (m: PolicyRule['sourcePorts']) => !m.any && m.ports.some((p) => p.from !== p.to);
    if (r.action !== 'accept') return `rule ${r.id} is a ${r.action} rule; only accept rules are rendered`;
    if (!caps.sourcePorts && !r.sourcePorts.any) return `rule ${r.id} matches source ports`;
    if (!caps.portRanges && (ranges(r.sourcePorts) || ranges(r.destinationPorts))) return `rule ${r.id} uses a port range`;
    if (!caps.ipv6 && r.family === 'ipv6') return `rule ${r.id} is IPv6`;
    if (r.transport === 'any' ? caps.transports.length < 2 : !caps.transports.includes(r.transport)) return `rule ${r.id} is ${r.transport}`;
    return undefined;
  };
  for (const r of policy.rules) {
    const why = bad(r);
    if (why) return why;
  }
  return undefined;
}

/** canServe in terms of `unsupported`. */
export function canServeWith(policy: Policy, caps: RendererCapabilities): true | string {
  return unsupported(policy, caps) ?? true;
}

/** Text safe inside a double-quoted comment of any target: printable ASCII, no quotes or backslashes. */
export function plainComment(text: string, max: number): string {
  const t = asciiFold(text).replace(/["'\\`$]/g, '');
  return t.length <= max ? t : `${t.slice(0, max - 3)}...`;
}
