// Windows Firewall (Windows Filtering Platform) rules as a PowerShell script of
// `New-NetFirewallRule` commands: the host firewall of one Lync server role or edge server.
import { asciiFold } from '../text/ascii.ts';
import type { AddressMatch, Policy, PolicyRule, PortMatch } from '../policy/types.ts';
import { type PortRange, formatPortRange } from '../net/port.ts';
import { canServeWith, RenderError, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';
import { citationText } from '../catalog/citation-text.ts';
import { source } from '../catalog/sources.ts';

const TARGET = 'windows';

export const WINDOWS_CAPABILITIES: RendererCapabilities = {
  kinds: ['host'],
  sourcePorts: true, // the remote port of inbound rules, the local port of outbound ones
  portRanges: true,
  ipv6: true,
  namedGroups: false, // addresses and ports are written into each rule
  stateful: true,
  transports: ['TCP', 'UDP'],
  comments: true,
  nat: false,
};

export interface WindowsOptions extends RenderOptions {
  /** Firewall profiles the rules apply to (`Domain`, `Private`, `Public`, `Any`). Default `Domain`. */
  profiles?: string[];
  /** Display group of every rule; default `Portolan - Lync <role>` derived from the firewall name. */
  group?: string;
}

const PROFILES = new Set(['Domain', 'Private', 'Public', 'Any']);

/** Role names for the host firewalls of `004`, in the documents' words. */
const ROLE_BY_FIREWALL: Record<string, string> = {
  'host-frontend': 'Front End',
  'host-director': 'Director',
  'host-mediation': 'Mediation',
  'host-edge': 'Edge',
};

export function windowsGroup(policy: Policy, options: WindowsOptions = {}): string {
  if (options.group) return options.group;
  const role =
    ROLE_BY_FIREWALL[policy.firewall] ??
    (/edge/i.test(policy.firewall) ? 'Edge' : policy.firewall.replace(/^host-/, ''));
  return `Portolan - Lync ${role}`;
}

/** Why this policy cannot be a Windows host firewall, or true. */
export function windowsCanServe(policy: Policy): true | string {
  if (policy.kind !== 'host') {
    const hint = policy.kind === 'perimeter' ? ' (use nftables, iptables or cisco-asa for perimeter firewalls)' : '';
    return `windows renders the host firewalls of servers; ${policy.firewall} is a ${policy.kind} firewall${hint}`;
  }
  // Accept rules only: Windows Firewall also applies Block rules before Allow rules whatever
  // their order, so an ordered list with drop rules could not be reproduced anyway.
  return canServeWith(policy, WINDOWS_CAPABILITIES);
}

/** PowerShell single-quoted string: quote characters (ASCII and typographic) are doubled. */
export function psQuote(text: string): string {
  return `'${asciiFold(text).replace(/'/g, "''")}'`;
}


function psList(items: string[]): string {
  return items.map(psQuote).join(',');
}


const ALL_IPV4 = '0.0.0.0-255.255.255.255';
const ALL_IPV6 = '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';

/**
 * Windows address keywords: `Any` matches both families, so when both ends are Any and the rule
 * is for one family only, the whole family range is written instead (no silent IPv6 widening).
 */
function addresses(m: AddressMatch, other: AddressMatch, family: PolicyRule['family']): string[] {
  if (!m.any) return m.addresses;
  if (other.any && family === 'ipv4') return [ALL_IPV4];
  if (other.any && family === 'ipv6') return [ALL_IPV6];
  return ['Any'];
}

function ports(m: PortMatch): string[] {
  return m.any ? ['Any'] : m.ports.map((p) => formatPortRange(p));
}

/** Windows needs a concrete TCP or UDP protocol for port matches, so `any` with ports becomes both. */
function protocols(rule: PolicyRule): string[] {
  if (rule.transport !== 'any') return [rule.transport];
  return rule.sourcePorts.any && rule.destinationPorts.any ? ['Any'] : ['TCP', 'UDP'];
}

/** The rule's comment, plus any requirement or cited document it does not already name. */
export function ruleDescription(rule: PolicyRule): string {
  const parts: string[] = rule.comment ? [rule.comment] : [rule.id];
  const reqs = rule.requirements.filter((r) => !rule.comment.includes(r));
  if (reqs.length) parts.push(`requirements ${reqs.join(', ')}`);
  for (const c of rule.citations) {
    if (!rule.comment.includes(source(c.document).title)) parts.push(`cites ${citationText(c)}`);
  }
  return parts.join('; ');
}

/** Short display name: the comment's first clause (who -> whom, applications). */
function displayName(rule: PolicyRule): string {
  return (rule.comment.split('; ')[0] || rule.id).trim();
}

/** One `New-NetFirewallRule` line per rule and protocol, local = the host's side of the flow. */
function ruleLines(policy: Policy, rule: PolicyRule, profile: string, group: string): string[] {
  const inbound = rule.direction === 'in';
  const local = inbound ? rule.destination : rule.source;
  const remote = inbound ? rule.source : rule.destination;
  const localPorts = inbound ? rule.destinationPorts : rule.sourcePorts;
  const remotePorts = inbound ? rule.sourcePorts : rule.destinationPorts;
  const protos = protocols(rule);
  return protos.map((proto) => {
    const suffix = protos.length > 1 ? `-${proto}` : '';
    const name = `Portolan-${policy.firewall}-${rule.id}${suffix}`;
    const display = `${displayName(rule)}${protos.length > 1 ? ` (${proto})` : ''}`;
    const args = [
      `-Name ${psQuote(name)}`,
      `-DisplayName ${psQuote(display)}`,
      `-Group ${psQuote(group)}`,
      `-Direction ${inbound ? 'Inbound' : 'Outbound'}`,
      `-Protocol ${proto}`,
      `-LocalAddress ${psList(addresses(local, remote, rule.family))}`,
      `-RemoteAddress ${psList(addresses(remote, local, rule.family))}`,
    ];
    if (proto !== 'Any') {
      args.push(`-LocalPort ${psList(ports(localPorts))}`, `-RemotePort ${psList(ports(remotePorts))}`);
    }
    args.push(`-Profile ${profile}`, '-Action Allow', '-Enabled True', `-Description ${psQuote(ruleDescription(rule))}`);
    return `New-NetFirewallRule ${args.join(' ')} | Out-Null`;
  });
}

export function renderWindows(policy: Policy, options: WindowsOptions = {}): string {
  const served = windowsCanServe(policy);
  if (served !== true) throw new RenderError(TARGET, policy.firewall, served);
  const profiles = options.profiles?.length ? options.profiles : ['Domain'];
  for (const p of profiles) {
    if (!PROFILES.has(p)) throw new RenderError(TARGET, policy.firewall, `unknown firewall profile "${p}" (expected Domain, Private, Public or Any)`);
  }
  const group = windowsGroup(policy, options);
  const lines = [
    `# Portolan: Windows Firewall rules for host firewall "${asciiFold(policy.firewall)}".`,
    `# Run elevated on the server. Re-running is safe: the rules of the group are removed first.`,
    `# Inbound traffic not allowed here is blocked by the profile's default inbound action (Block);`,
    `# the Outbound rules restrict only where the profile's DefaultOutboundAction is Block.`,
    '#Requires -Modules NetSecurity',
    `Remove-NetFirewallRule -Group ${psQuote(group)} -ErrorAction SilentlyContinue`,
    `$ErrorActionPreference = 'Stop'`,
  ];
  for (const rule of policy.rules) lines.push(...ruleLines(policy, rule, profiles.join(','), group));
  return lines.join('\n') + '\n';
}

export const windowsRenderer: Renderer = {
  target: TARGET,
  extension: '.ps1',
  description: 'PowerShell New-NetFirewallRule script for the Windows Firewall of a server (host firewalls)',
  capabilities: WINDOWS_CAPABILITIES,
  canServe: windowsCanServe,
  render: (policy, options) => renderWindows(policy, options as WindowsOptions | undefined),
};
