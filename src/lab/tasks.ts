// Required flows → probe tasks the lab can run: one task per (source address, destination
// address, port) of every flow crossing the external or internal firewall, started in the
// namespace that owns the source address and bound to that address, so the firewall sees the
// flow's own source. Port ranges are proven at both ends. Each task carries the probe module's
// ProbeSpec, chosen from the flow's application where the lab runs a real server (otherwise a
// TCP connect / UDP echo), and runs through the probe runner in the task's namespace.
import type { Flow } from '../flows/types.ts';
import type { ProbeSpec } from '../probe/plan.ts';
import type { LabPlan } from './addressing.ts';
import { NS } from './addressing.ts';
import { seenSource, vipSourceNat, type VipSnat } from './loadbalancer.ts';
import { citationText as citationRow } from '../catalog/citation-text.ts';

export interface ProbeTask {
  id: string;
  ns: string;
  bind: string;
  /** Local port range to take the source port from (a random one each run). */
  sport?: [number, number];
  /** The local port actually bound, when the flow's fixed source port is held by the host's own
   *  server (coturn on 3478): the namespace's NAT rewrites it to the flow's port (sportNat). */
  bindPort?: number;
  host: string;
  port: number;
  transport: 'TCP' | 'UDP';
  /** What to send, in the probe module's vocabulary; run from `bind` (and the source port). */
  spec: ProbeSpec;
  expect: 'pass' | 'blocked';
  firewall: 'external' | 'internal';
  /** Addresses as the firewall sees them (after the load balancer's NAT). */
  seenSource: string;
  seenDestination: string;
  requirement: string;
  citation: string;
  what: string;
}

/** Where the real server for a destination stands: VIPs and NAT'd public addresses are served
 *  by their DNAT targets. */
export function serverHosts(plan: LabPlan, address: string): { ns: string; address: string }[] {
  const vip = plan.vips.find((v) => v.address === address);
  const nat = plan.nat.find((m) => m.public === address);
  const addrs = vip ? vip.targets : nat ? [nat.private] : [address];
  return addrs.flatMap((a) => (plan.owner.has(a) ? [{ ns: plan.owner.get(a)!, address: a }] : []));
}

/** Names the lab's servers answer for: the DNS name dnsmasq holds, the XMPP domain prosody serves. */
export interface LabNames {
  dnsName: string;
  xmppDomain: string;
}

/** The probe for one destination port of a flow, by its application, against the lab's servers. */
export function labSpec(f: Pick<Flow, 'application' | 'transport' | 'firewall'>, host: string, port: number, names: LabNames): ProbeSpec {
  const app = f.application;
  if (f.transport === 'UDP') {
    if (app === 'STUN/MSTURN') return { kind: 'turn-relay', host, port, transport: 'udp' };
    if (app === 'DNS') return { kind: 'dns', host, port, view: f.firewall === 'internal' ? 'internal' : 'external', queries: [{ type: 'A', name: names.dnsName }] };
    return { kind: 'udp-echo', host, port };
  }
  if (app === 'SIP (TLS)') return { kind: 'sip', host, port, transport: 'TLS' };
  if (app === 'SIP (MTLS)') return { kind: 'sip', host, port, transport: 'MTLS' };
  if (app.startsWith('SIP')) return { kind: 'sip', host, port, transport: port === 5060 ? 'TCP' : 'TLS' };
  if (app === 'STUN/MSTURN') return { kind: 'turn-relay', host, port, transport: 'tcp' };
  if (app === 'HTTP' || app === 'HTTPS') return { kind: 'http', host, port, scheme: app === 'HTTP' ? 'http' : 'https', expectedStatus: [200, 404] };
  // 23456 is the XMPP gateway's component port (XEP-0114 handshake); 5269 server-to-server.
  if (app.startsWith('XMPP')) return port === 23456 ? { kind: 'xmpp-component', host, port, component: `xmppgw.${names.xmppDomain}` } : { kind: 'xmpp-s2s', host, port, domain: names.xmppDomain, starttls: false };
  if (app.startsWith('PSOM') || app === 'MTLS') return { kind: 'tls', host, port, clientCert: true };
  return { kind: 'tcp', host, port };
}

const portsOf = (p: Flow['destinationPort']): number[] => (p === 'Any' ? [ANY_PORT] : p.from === p.to ? [p.from] : [p.from, p.to]);
/** The port a flow to "Any" port is proven on (an echo listener on the far side). */
export const ANY_PORT = 40000;

export function citationText(f: Flow): string {
  return f.citations.map(citationRow).join('; ');
}

/** Source of a flow: [namespace, bound address, address the firewall sees]. */
function sources(plan: LabPlan, f: Flow): [string, string, string][] {
  if (f.source === 'Any') {
    if (f.firewall === 'external') return f.direction === 'in' ? [[NS.internet, plan.internetClient, plan.internetClient]] : [];
    return f.direction === 'out' ? [[NS.corp, plan.corporateAny, plan.corporateAny]] : [];
  }
  return f.source.flatMap((a): [string, string, string][] => {
    const vip = plan.vips.find((v) => v.address === a);
    if (vip) return vip.targets.slice(0, 1).map((t) => [plan.owner.get(t)!, t, a]);
    return plan.owner.has(a) ? [[plan.owner.get(a)!, a, a]] : [];
  });
}

function destinations(plan: LabPlan, f: Flow): string[] {
  if (f.destination !== 'Any') return f.destination.filter((a) => plan.owner.has(a));
  if (f.firewall === 'external') return f.direction === 'out' ? [plan.internetAny] : [];
  return f.direction === 'in' ? [plan.corporateAny] : [];
}

export function requiredTasks(plan: LabPlan, flows: readonly Flow[], names: LabNames): { tasks: ProbeTask[]; unprovable: Flow[] } {
  const tasks: ProbeTask[] = [];
  const unprovable: Flow[] = [];
  const snat: VipSnat[] = vipSourceNat(plan, flows);
  for (const f of flows) {
    if (f.firewall !== 'external' && f.firewall !== 'internal') continue;
    if (f.family === 'ipv6') continue;
    const srcs = sources(plan, f), dsts = destinations(plan, f);
    if (!srcs.length || !dsts.length) { unprovable.push(f); continue; }
    for (const [ns, bind, seen] of srcs) {
      for (const seenHost of dsts) {
        // From the internet a NAT'd edge is reached at its public address; the firewall's filter
        // sees the private one (DNAT happens before filtering).
        const nat = f.firewall === 'external' && f.direction === 'in' ? plan.nat.find((m) => m.private === seenHost) : undefined;
        const host = nat ? nat.public : seenHost;
        for (const port of portsOf(f.destinationPort)) {
          const sport: [number, number] | undefined = f.sourcePort === 'Any' ? undefined : [f.sourcePort.from, f.sourcePort.to];
          tasks.push({
            id: `R${tasks.length}`, ns, bind, sport, host, port, transport: f.transport,
            spec: labSpec(f, host, port, names), expect: 'pass', firewall: f.firewall,
            seenSource: seen === bind ? seenSource(snat, bind, seenHost, f.transport, port) : seen,
            seenDestination: seenHost,
            requirement: f.requirement, citation: citationText(f),
            what: `${f.sourceName} ${seen}${sport ? `:${sport[0] === sport[1] ? sport[0] : `${sport[0]}-${sport[1]}`}` : ''} → ${f.destinationName} ${host}${nat ? ` (NAT to ${seenHost})` : ''}:${port}/${f.transport} ${f.application}`,
          });
        }
      }
    }
  }
  return { tasks, unprovable };
}

/** Fixed UDP source ports (3478 → 3478) are held by the edge's own STUN server: bind another
 *  port and let a source NAT rule in the vantage namespace put the flow's port on the wire. */
export function shiftFixedSourcePorts(tasks: ProbeTask[]): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.transport !== 'UDP' || !t.sport || t.sport[0] !== t.sport[1]) continue;
    t.bindPort = 20000 + t.sport[0];
    const r = `ip saddr ${t.bind} udp sport ${t.bindPort} counter snat to ${t.bind}:${t.sport[0]}`;
    rules.set(t.ns, [...new Set([...(rules.get(t.ns) ?? []), r])]);
  }
  return rules;
}

export function sportNatRuleset(rules: string[]): string {
  return ['table ip portolan_lab_sport', 'delete table ip portolan_lab_sport', 'table ip portolan_lab_sport {', '\tchain post {', '\t\ttype nat hook postrouting priority srcnat; policy accept;', ...rules.map((r) => `\t\t${r}`), '\t}', '}', ''].join('\n');
}
