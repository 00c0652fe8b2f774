// Policy IR of the `load-balancer` firewall → an HAProxy configuration: one TCP-mode frontend
// per (VIP address, port) of the Front End, Director and Mediation pools and a backend holding
// the pool's servers. HAProxy proxies connections, so it serves no packet-filter firewall.
import type { Topology } from '../topology/model.ts';
import { cidrFamily, canonicalAddress } from '../net/address.ts';
import type { Policy, PolicyRule } from '../policy/types.ts';
import { type PortRange, formatPortRange } from '../net/port.ts';
import { plainComment, RenderError, unsupported, type PoolMembers, type Renderer, type RendererCapabilities, type RenderOptions } from './types.ts';

const TARGET = 'haproxy';

export const HAPROXY_CAPABILITIES: RendererCapabilities = {
  kinds: ['load-balancer'],
  sourcePorts: true,
  portRanges: true,
  ipv6: true,
  namedGroups: false,
  // A proxy answers on the connection it accepted: return traffic needs no rule.
  stateful: true,
  transports: ['TCP'],
  comments: true,
  nat: false,
};

/** The pools of a topology with VIPs, as haproxy backends need them. */
export function poolsFromTopology(topology: Topology): PoolMembers[] {
  const pools = [...topology.frontEndPools, ...topology.directorPools, ...topology.mediationPools];
  return pools
    .filter((p) => p.vip && p.vip.length > 0)
    .map((p) => ({
      name: p.fqdn ?? p.name,
      vip: p.vip!,
      servers: p.servers.flatMap((h) => h.addresses.map((address, i) => ({ name: i === 0 ? h.name : `${h.name}_${i + 1}`, address }))),
    }));
}

const ident = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
const hostPort = (a: string, port: string) => (a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`);

interface Service {
  pool: PoolMembers;
  vip: string;
  vipIndex: number;
  range: PortRange;
  rules: PolicyRule[];
}

function collect(policy: Policy, pools: PoolMembers[]): Service[] {
  const fail = (why: string) => new RenderError(TARGET, policy.firewall, why);
  const services = new Map<string, Service>();
  for (const r of policy.rules) {
    if (r.destination.any) throw fail(`rule ${r.id} has destination Any; a load balancer serves pool VIPs`);
    if (r.destinationPorts.any) throw fail(`rule ${r.id} has destination port Any; a virtual service needs ports`);
    for (const a of r.destination.addresses) {
      const vip = canonicalAddress(a);
      const pool = pools.find((p) => p.vip.some((v) => canonicalAddress(v) === vip));
      if (!pool) throw fail(`no pool has VIP ${vip} (rule ${r.id}); pass the pools option, e.g. poolsFromTopology(topology)`);
      const members = pool.servers.filter((s) => cidrFamily(s.address) === cidrFamily(vip));
      if (members.length === 0) throw fail(`pool ${pool.name} has no ${cidrFamily(vip)} server for VIP ${vip}`);
      for (const range of r.destinationPorts.ports) {
        const key = `${pool.name}|${vip}|${range.from}-${range.to}`;
        if (!services.has(key)) {
          const vipIndex = pool.vip.findIndex((v) => canonicalAddress(v) === vip);
          services.set(key, { pool: pool, vip, vipIndex, range, rules: [] });
        }
        services.get(key)!.rules.push(r);
      }
    }
  }
  return [...services.values()].sort(
    (a, b) => (a.pool.name < b.pool.name ? -1 : a.pool.name > b.pool.name ? 1 : 0) || a.vipIndex - b.vipIndex || a.range.from - b.range.from,
  );
}

/** An ACL condition for one rule's source side, '' when it admits every client, null when none
 * of its sources can reach this VIP (other address family). */
function condition(r: PolicyRule, vip: string): string | null {
  const terms: string[] = [];
  if (!r.source.any) {
    const same = r.source.addresses.filter((a) => cidrFamily(a) === cidrFamily(vip));
    if (same.length === 0) return null;
    terms.push(`{ src ${same.join(' ')} }`);
  }
  if (!r.sourcePorts.any) terms.push(`{ src_port ${r.sourcePorts.ports.map((p) => formatPortRange(p, ':')).join(' ')} }`);
  return terms.join(' ');
}

function render(policy: Policy, options: RenderOptions = {}): string {
  const why = unsupported(policy, HAPROXY_CAPABILITIES);
  if (why) throw new RenderError(TARGET, policy.firewall, why);
  const services = collect(policy, options.pools ?? []);
  const out: string[] = [
    `# Portolan: firewall ${policy.firewall}, ${services.length} TCP virtual services; check with \`haproxy -c -f FILE\`.`,
    '# Only the listed VIP ports are bound; nothing else is forwarded.',
    'global',
    '    maxconn 20000',
    '',
    'defaults',
    '    mode tcp',
    '    timeout connect 5s',
    '    # SIP and web sessions stay idle for long: Lync wants a TCP idle timeout of at least 1800 s.',
    '    timeout client 30m',
    '    timeout server 30m',
  ];
  for (const s of services) {
    const port = formatPortRange(s.range);
    const name = `${ident(s.pool.name)}${s.pool.vip.length > 1 ? `_vip${s.vipIndex + 1}` : ''}_${s.range.from === s.range.to ? port : `${s.range.from}_${s.range.to}`}`;
    const conds = s.rules.map((r) => condition(r, s.vip)).filter((c): c is string => c !== null);
    out.push('', `frontend fe_${name}`);
    for (const r of s.rules) out.push(`    # ${plainComment(r.comment, 4000)}`);
    out.push(`    bind ${hostPort(s.vip, port)}`);
    // Any rule without a source restriction admits everyone; otherwise admit only what a rule allows.
    if (!conds.includes('')) out.push(...[...new Set(conds)].map((c) => `    tcp-request connection accept if ${c}`), '    tcp-request connection reject');
    out.push(`    default_backend be_${name}`, '', `backend be_${name}`, '    balance leastconn');
    const members = s.pool.servers.filter((m) => cidrFamily(m.address) === cidrFamily(s.vip));
    for (const m of [...members].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      // For a range the server keeps the client's destination port; the health check uses the first.
      const target = s.range.from === s.range.to ? hostPort(canonicalAddress(m.address), port) : canonicalAddress(m.address).includes(':') ? `[${canonicalAddress(m.address)}]` : canonicalAddress(m.address);
      out.push(`    server ${ident(m.name)} ${target} check${s.range.from === s.range.to ? '' : ` port ${s.range.from}`}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const haproxyRenderer: Renderer = {
  target: TARGET,
  extension: '.cfg',
  description: 'HAProxy TCP-mode frontends/backends for the hardware load balanced pool ports (load-balancer firewall only)',
  capabilities: HAPROXY_CAPABILITIES,
  canServe: (policy) => {
    if (policy.kind !== 'load-balancer') {
      return `haproxy is a load balancer, not a packet filter; it serves only the load-balancer firewall (${policy.firewall} is a ${policy.kind} firewall)`;
    }
    return unsupported(policy, HAPROXY_CAPABILITIES) ?? true;
  },
  render,
};
