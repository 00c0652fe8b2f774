// Turns the address plan into iproute2/sysctl commands and runs them as one bash script (one
// process instead of hundreds keeps `lab up` fast). Must run inside the lab's own unshare tree,
// where /run/netns is a private tmpfs: nothing here can reach the machine's own namespaces.
import type { LabPlan } from './addressing.ts';
import { must, sh } from './exec.ts';

export function namespaceScript(plan: LabPlan): string[] {
  const out: string[] = ['set -e'];
  const x = (ns: string, cmd: string) => out.push(`ip -n ${ns} ${cmd}`);
  for (const n of plan.namespaces) {
    out.push(`ip netns add ${n.name}`);
    x(n.name, 'link set lo up');
    const sysctl = (k: string, v: string) => out.push(`ip netns exec ${n.name} sysctl -qw ${k}=${v}`);
    // rp_filter drops the asymmetric paths a load balancer without SNAT creates (A/V, 001)
    sysctl('net.ipv4.conf.all.rp_filter', '0');
    sysctl('net.ipv4.conf.default.rp_filter', '0');
    if (n.forwarding) sysctl('net.ipv4.ip_forward', '1');
    // a load balancer forwarding back out of the interface it heard from must not teach the
    // nodes to bypass it with ICMP redirects
    for (const k of ['all', 'default']) { sysctl(`net.ipv4.conf.${k}.send_redirects`, '0'); sysctl(`net.ipv4.conf.${k}.accept_redirects`, '0'); }
    // no IPv6 autoconfiguration noise on lab links
    sysctl('net.ipv6.conf.all.disable_ipv6', '1');
    sysctl('net.ipv6.conf.default.disable_ipv6', '1');
  }
  for (const b of plan.bridges) {
    x(b.ns, 'link add br0 type bridge');
    x(b.ns, 'link set br0 up');
  }
  for (const l of plan.links) {
    out.push(`ip link add ${l.a.ifname} netns ${l.a.ns} type veth peer name ${l.b.ifname} netns ${l.b.ns}`);
    for (const e of [l.a, l.b]) {
      for (const a of e.addrs) x(e.ns, `addr add ${a} dev ${e.ifname}`);
      if (plan.bridges.some((b) => b.ns === e.ns)) x(e.ns, `link set ${e.ifname} master br0`);
      x(e.ns, `link set ${e.ifname} up`);
    }
  }
  for (const r of plan.routes) x(r.ns, `route add ${r.to}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`);
  return out;
}

export async function buildNamespaces(plan: LabPlan): Promise<void> {
  await must(['bash', '-c', namespaceScript(plan).join('\n')]);
}

/** `ip netns exec` needs /run/netns; inside the lab's mount namespace it is a private tmpfs. */
export async function privateNetnsDir(): Promise<void> {
  await must(['bash', '-c', `mkdir -p /run/netns && mount -t tmpfs -o size=1m portolan-lab /run/netns`]);
}

export const quoted = sh;
