// The hardware load balancer of 001 in a namespace of its own: nftables DNAT from each VIP to
// the edge nodes, source NAT towards the nodes for Access and Web Conferencing only (never
// A/V: the A/V Edge must see the client's real address), and source NAT to a VIP for the flows
// the documents list with a VIP as their source. The edge nodes route through it, so return
// traffic of un-SNAT'd connections comes back through it too.
import type { Flow } from '../flows/types.ts';
import type { LabPlan } from './addressing.ts';
import { contains } from './addressing.ts';

export function loadBalancerRuleset(plan: LabPlan, flows: readonly Flow[]): string {
  const pre: string[] = [];
  const post: string[] = [];
  const set = (xs: string[]) => (xs.length === 1 ? xs[0]! : `{ ${xs.join(', ')} }`);
  for (const v of plan.vips) {
    if (v.targets.length === 0) continue;
    const map = v.targets.map((t, i) => `${i} : ${t}`).join(', ');
    pre.push(`\t\tip daddr ${v.address} meta l4proto { tcp, udp } counter dnat to numgen inc mod ${v.targets.length} map { ${map} }`);
    if (v.snat) post.push(`\t\tct status dnat ct original ip daddr ${v.address} counter snat to ${plan.lbExternal}`);
  }
  for (const r of vipSourceNat(plan, flows)) {
    const port = r.dport ? ` ${r.proto} dport ${r.dport[0] === r.dport[1] ? r.dport[0] : `${r.dport[0]}-${r.dport[1]}`}` : '';
    const dst = r.dst.length ? ` ip daddr ${set(r.dst)}` : '';
    const notPerimeter = r.notDst ? ` ip daddr != ${r.notDst}` : '';
    const line = `\t\tct state new ip saddr ${set(r.from)}${dst}${notPerimeter} meta l4proto ${r.proto}${port} counter snat to ${r.to}`;
    if (!post.includes(line)) post.push(line);
  }
  return [
    'table ip portolan_lb',
    'delete table ip portolan_lb',
    'table ip portolan_lb {',
    '\tchain pre {',
    '\t\ttype nat hook prerouting priority dstnat; policy accept;',
    ...pre,
    '\t}',
    '\tchain post {',
    '\t\ttype nat hook postrouting priority srcnat; policy accept;',
    ...post,
    '\t}',
    '}',
    '',
  ].join('\n');
}

export interface VipSnat {
  from: string[];
  to: string;
  proto: 'tcp' | 'udp';
  dport?: [number, number];
  dst: string[];
  notDst?: string;
}

/** Flows whose documented source is a VIP: the nodes' new connections leave as that VIP. */
export function vipSourceNat(plan: LabPlan, flows: readonly Flow[]): VipSnat[] {
  const out: VipSnat[] = [];
  for (const f of flows) {
    if ((f.firewall !== 'external' && f.firewall !== 'internal') || f.source === 'Any') continue;
    for (const v of plan.vips.filter((x) => (f.source as string[]).includes(x.address))) {
      out.push({
        from: v.targets,
        to: v.address,
        proto: f.transport === 'TCP' ? 'tcp' : 'udp',
        dport: f.destinationPort === 'Any' ? undefined : [f.destinationPort.from, f.destinationPort.to],
        dst: f.destination === 'Any' ? (f.firewall === 'internal' ? plan.corporateNets : []) : f.destination,
        notDst: f.firewall === 'external' ? plan.perimeterExternalNet : undefined,
      });
    }
  }
  return out;
}

/** The source address a firewall sees for a node's new connection (after the load balancer). */
export function seenSource(snat: readonly VipSnat[], src: string, dst: string, transport: 'TCP' | 'UDP', dport: number): string {
  for (const r of snat) {
    if (!r.from.includes(src) || r.proto !== transport.toLowerCase()) continue;
    if (r.dport && (dport < r.dport[0] || dport > r.dport[1])) continue;
    if (r.dst.length && !r.dst.some((d) => contains(d.includes('/') ? d : `${d}/32`, dst))) continue;
    if (r.notDst && contains(r.notDst, dst)) continue;
    return r.to;
  }
  return src;
}
