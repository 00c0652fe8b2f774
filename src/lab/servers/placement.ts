// Which real server listens where: from the probe tasks, per namespace, the destination
// address and port decide the server kind (the flow's application chose the probe). Ports no
// real server stands in for, media range ends and forbidden UDP targets get the agent's echo
// listeners, so a probe that gets through is answered rather than met by silence.
import { join } from 'node:path';
import type { Topology } from '../../topology/model.ts';
import { dnsRecords } from '../../dns/records.ts';
import { formatDnsmasq } from '../../dns/format-dnsmasq.ts';
import type { LabPlan } from '../addressing.ts';
import { NS, contains } from '../addressing.ts';
import type { LabPki, LabCert } from '../certs.ts';
import { serverHosts, type ProbeTask } from '../tasks.ts';
import { coturnServer } from './coturn.ts';
import { dnsmasqServer } from './dnsmasq.ts';
import { kamailioServer } from './kamailio.ts';
import { nginxServer } from './nginx.ts';
import type { ServerSpec } from './process.ts';
import { prosodyServer } from './prosody.ts';

export interface Placement {
  servers: ServerSpec[];
  echo: Map<string, { tcp: [string, number][]; udp: [string, number][] }>;
  dnsName: string;
}

export function placeServers(t: Topology, plan: LabPlan, tasks: ProbeTask[], pki: LabPki, runDir: string): Placement {
  type L = { host: string; port: number };
  const per = new Map<string, { sip: (L & { tls: boolean })[]; turn: Set<string>; xmpp: Set<string>; comp: Set<string>; web: (L & { tls: boolean })[]; dns: Set<string>; tcp: L[]; udp: L[] }>();
  const at = (ns: string) => {
    if (!per.has(ns)) per.set(ns, { sip: [], turn: new Set(), xmpp: new Set(), comp: new Set(), web: [], dns: new Set(), tcp: [], udp: [] });
    return per.get(ns)!;
  };
  const taken = new Set<string>();
  const claim = (ns: string, host: string, port: number, proto: string) => {
    const k = `${ns} ${host} ${port} ${proto}`;
    if (taken.has(k)) return false;
    taken.add(k);
    return true;
  };
  for (const task of tasks) {
    for (const { ns, address: host } of serverHosts(plan, task.host)) {
      const s = at(ns);
      const port = task.port;
      if (task.expect === 'blocked') {
        // only UDP needs a listener to tell "passed" from "dropped"; TCP gets an RST otherwise
        if (task.transport === 'UDP' && claim(ns, host, port, 'udp')) s.udp.push({ host, port });
        continue;
      }
      const spec = task.spec;
      switch (spec.kind) {
        case 'sip':
          if (claim(ns, host, port, 'tcp')) s.sip.push({ host, port, tls: spec.transport !== 'TCP' });
          break;
        case 'turn-relay':
          if (claim(ns, host, 3478, 'udp') && claim(ns, host, 443, 'tcp')) s.turn.add(host);
          break;
        case 'xmpp-s2s': case 'xmpp-component':
          if (claim(ns, host, port, 'tcp')) (port === 5269 ? s.xmpp : s.comp).add(host);
          break;
        case 'http': case 'tls':
          if (claim(ns, host, port, 'tcp')) s.web.push({ host, port, tls: spec.kind === 'tls' || spec.scheme === 'https' });
          break;
        case 'dns':
          s.dns.add(host); claim(ns, host, 53, 'udp'); claim(ns, host, 53, 'tcp');
          break;
        case 'udp-echo':
          if (claim(ns, host, port, 'udp')) s.udp.push({ host, port });
          break;
        default:
          if (task.port === 53 && task.transport === 'TCP') { s.dns.add(host); claim(ns, host, 53, 'tcp'); break; }
          if (claim(ns, host, port, 'tcp')) s.tcp.push({ host, port });
      }
    }
  }
  const domain = t.sipDomains[0] ?? 'contoso.com';
  const certFor = (host: string): LabCert => {
    const owner = plan.owner.get(host) ?? '';
    if (owner === NS.rp) return pki.certs.get('reverse-proxy') ?? pki.certs.get('lab')!;
    if (owner.startsWith('pl-e-') || owner === NS.lb) return (contains(plan.perimeterInternalNet, host) ? pki.certs.get('edge-internal') : pki.certs.get('edge-external')) ?? pki.certs.get('lab')!;
    return pki.certs.get('lab')!;
  };
  const records = dnsRecords(t);
  const view = (v: 'external' | 'internal') => formatDnsmasq(t, records, v);
  const dnsName = labDnsName(t, records);
  const servers: ServerSpec[] = [];
  const echo: Placement['echo'] = new Map();
  for (const [ns, s] of per) {
    const dir = (k: string) => join(runDir, ns, k);
    if (s.sip.length) servers.push(kamailioServer(ns, dir('kamailio'), s.sip, certFor(s.sip[0]!.host)));
    if (s.turn.size) servers.push(coturnServer(ns, dir('coturn'), [...s.turn], domain, certFor([...s.turn][0]!)));
    if (s.xmpp.size || s.comp.size) servers.push(prosodyServer(ns, dir('prosody'), [...s.xmpp], [...s.comp], domain, certFor([...s.xmpp, ...s.comp][0]!)));
    if (s.web.length) servers.push(nginxServer(ns, dir('nginx'), s.web.map((w) => ({ ...w, cert: certFor(w.host) }))));
    if (s.dns.size) servers.push(dnsmasqServer(ns, dir('dnsmasq'), [...s.dns], view(ns === NS.corp ? 'internal' : 'external')));
    if (s.tcp.length || s.udp.length) echo.set(ns, { tcp: s.tcp.map((l) => [l.host, l.port]), udp: s.udp.map((l) => [l.host, l.port]) });
  }
  return { servers, echo, dnsName };
}

/** The name the lab's DNS probes ask for: the first external non-SRV record of the topology. */
export function labDnsName(t: Topology, records = dnsRecords(t)): string {
  return records.find((r) => r.view === 'external' && r.type !== 'SRV')?.name ?? `sip.${t.sipDomains[0] ?? 'contoso.com'}`;
}
