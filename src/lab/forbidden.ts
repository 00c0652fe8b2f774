// Flows that must be blocked, generated from the plan and the required tasks: internet to the
// corporate network and to edge internal addresses, internet to edge external ports no row asks
// for, perimeter ↔ corporate on ports no row asks for, and the ports just below and above every
// allowed port or range; and, behind NAT, internet straight to a private address. A candidate the policy itself allows (another row asks for it) is
// dropped, so every forbidden task is one the rules must stop.
import type { Flow } from '../flows/types.ts';
import type { Policy } from '../policy/types.ts';
import type { LabPlan } from './addressing.ts';
import { NS } from './addressing.ts';
import { seenSource, vipSourceNat } from './loadbalancer.ts';
import { parseHost } from '../net/address.ts';
import { acceptsAll } from '../analysis/coverage.ts';
import type { Box } from '../analysis/box.ts';
import type { ProbeTask } from './tasks.ts';

/** Ports Lync uses somewhere, plus administration ports: a firewall must not leak any of them. */
export const CANDIDATE_PORTS = [22, 53, 80, 135, 443, 445, 1433, 3389, 4443, 5060, 5061, 5062, 5063, 5269, 8057, 8080, 23456, 50001];

/** Source ports of forbidden probes: below Linux's ephemeral range and outside every documented
 *  source range (media 50000–59999), so an allowed media rule cannot make them pass. */
export const FORBIDDEN_SPORTS: [number, number] = [30000, 32767];

export function forbiddenTasks(plan: LabPlan, flows: readonly Flow[], policies: { external?: Policy; internal?: Policy }, required: ProbeTask[]): ProbeTask[] {
  const out: ProbeTask[] = [];
  const seen = new Set<string>();
  const snat = vipSourceNat(plan, flows);
  const add = (fw: 'external' | 'internal', ns: string, bind: string, host: string, port: number, transport: 'TCP' | 'UDP', why: string, policy = policies[fw], spec?: ProbeTask['spec']) => {
    if (port < 1 || port > 65535) return;
    const key = `${ns} ${bind} ${host} ${port} ${transport}`;
    if (seen.has(key)) return;
    const t: ProbeTask = {
      id: `F${out.length}`, ns, bind, sport: FORBIDDEN_SPORTS, host, port, transport, spec: spec ?? { kind: transport === 'UDP' ? 'udp-echo' : 'tcp', host, port }, expect: 'blocked', firewall: fw,
      seenSource: ns.startsWith('pl-e-') ? seenSource(snat, bind, host, transport, port) : bind,
      seenDestination: host, requirement: `forbidden: ${why}`, citation: 'generated (docs/lab.md, forbidden flows)',
      what: `${bind} → ${host}:${port}/${transport}`,
    };
    // another row asks for it through either firewall: not forbidden
    if (policyAllows(policy, t)) return;
    seen.add(key);
    out.push(t);
  };
  const corp = [...new Set([...plan.owner].filter(([, ns]) => ns === NS.corp).map(([a]) => a))];
  const edgeInternal = [...plan.owner].filter(([a, ns]) => (ns.startsWith('pl-e-') || ns === NS.rp || ns === NS.lb) && (plan.perimeterInternalNet ? inNet(plan.perimeterInternalNet, a) : false)).map(([a]) => a);
  const edgeExternal = [...plan.owner].filter(([a, ns]) => (ns.startsWith('pl-e-') || ns === NS.rp || ns === NS.lb) && inNet(plan.perimeterExternalNet, a)).map(([a]) => a);
  const internalPorts = [...new Set(required.filter((t) => t.firewall === 'internal').map((t) => t.port))];
  const client = plan.internetClient;

  for (const a of corp) for (const p of [...internalPorts, 22, 443, 3389]) add('external', NS.internet, client, a, p, 'TCP', 'internet to the corporate network');
  for (const a of edgeInternal) for (const p of [...internalPorts, 22]) add('external', NS.internet, client, a, p, 'TCP', 'internet to an edge internal address');
  for (const a of edgeExternal) {
    for (const p of CANDIDATE_PORTS) add('external', NS.internet, client, a, p, 'TCP', 'internet to an edge port no row asks for');
    for (const p of [53, 3478, 5060]) add('external', NS.internet, client, a, p, 'UDP', 'internet to an edge port no row asks for');
  }
  // Internet straight to a NAT private address on a port its public address serves: the rules
  // for it match only translated packets (PolicyRule.translated), so an untranslated one is dropped.
  const untranslated = policies.external && { ...policies.external, rules: policies.external.rules.filter((r) => !r.translated) };
  for (const m of plan.nat) {
    for (const t of required.filter((x) => x.firewall === 'external' && x.ns === NS.internet && x.host === m.public && !x.sport)) {
      // The required probe itself, aimed at the private address: the server there answers it (a STUN server ignores an echo).
      add('external', NS.internet, client, m.private, t.port, t.transport, 'internet to a NAT private address directly (only its public address is published)', untranslated, { ...t.spec, host: m.private });
    }
  }
  const edgeNodes = [...new Set([...plan.owner].filter(([, ns]) => ns.startsWith('pl-e-')).map(([, ns]) => ns))];
  const nodeInternal = (ns: string) => [...plan.owner].find(([a, n]) => n === ns && inNet(plan.perimeterInternalNet, a))?.[0];
  const fe = corp.filter((a) => a !== plan.corporateAny);
  for (const ns of edgeNodes) {
    const src = nodeInternal(ns);
    if (!src) continue;
    for (const a of fe) for (const p of CANDIDATE_PORTS) add('internal', ns, src, a, p, 'TCP', 'perimeter to corporate on a port no row asks for');
  }
  const feSrc = fe[0];
  if (feSrc) for (const a of edgeInternal) for (const p of CANDIDATE_PORTS) add('internal', NS.corp, feSrc, a, p, 'TCP', 'corporate to perimeter on a port no row asks for');

  // boundaries: one below and one above every allowed port or range, same path
  const groups = new Map<string, ProbeTask[]>();
  for (const t of required) {
    const k = `${t.ns} ${t.bind} ${t.host} ${t.transport} ${t.requirement}`;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  for (const ts of groups.values()) {
    const lo = Math.min(...ts.map((t) => t.port)), hi = Math.max(...ts.map((t) => t.port));
    const t = ts[0]!;
    if (t.sport) continue; // fixed-source-port flows (media): their own boundaries are the range ends
    for (const p of [lo - 1, hi + 1]) add(t.firewall, t.ns, t.bind, t.host, p, t.transport, `port next to ${t.requirement}`);
  }
  return out;
}

/** What the firewall sees of a task: addresses after the load balancer's NAT, the source port range it may use. */
type TaskPacket = Pick<ProbeTask, 'seenSource' | 'seenDestination' | 'port' | 'transport' | 'sport'>;

/** Every packet a task may send, as one box of the packet space (any unprivileged source port when it fixes none). */
export function taskBox(t: TaskPacket): Box {
  const src = parseHost(t.seenSource), dst = parseHost(t.seenDestination);
  const [from, to] = t.sport ?? [1024, 65535];
  return {
    family: src.family, protocol: t.transport,
    src: { lo: src.value, hi: src.value }, srcPorts: { from, to },
    dst: { lo: dst.value, hi: dst.value }, dstPorts: { from: t.port, to: t.port },
  };
}

/**
 * Whether the policy lets every packet of the task through, by the analysis' first-match
 * evaluator (family and rule order included); `skip` leaves out the rule at that position (what
 * removing it from the loaded ruleset would do).
 */
export function policyAllows(policy: Policy | undefined, t: TaskPacket, skip = -1): boolean {
  if (!policy) return false;
  const p = skip < 0 ? policy : { ...policy, rules: policy.rules.filter((_, i) => i !== skip) };
  return acceptsAll(p, [taskBox(t)]);
}

function inNet(cidr: string, a: string): boolean {
  const [net, len] = cidr.split('/');
  const n = (x: string) => x.split('.').reduce((s, o) => s * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(len));
  return Math.floor(n(a) / size) === Math.floor(n(net!) / size);
}
