// Does an accept rule of a policy let a probe task through? The same question the firewall
// answers, asked of the policy IR: used to keep forbidden flows truly forbidden, and to predict
// exactly which required flows a removed rule served (the mutation test).
import type { Policy, PolicyRule } from '../policy/types.ts';
import { parseCidr } from '../net/address.ts';
import type { ProbeTask } from './tasks.ts';

type Packet = Pick<ProbeTask, 'seenSource' | 'seenDestination' | 'port' | 'transport'> & { sport?: [number, number] };

function addrIn(m: PolicyRule['source'], a: string): boolean {
  if (m.any) return true;
  const x = parseCidr(a);
  return m.addresses.some((c) => { const n = parseCidr(c); return n.family === x.family && x.lo >= n.lo && x.hi <= n.hi; });
}

function portIn(m: PolicyRule['sourcePorts'], lo: number, hi: number): boolean {
  if (m.any) return true;
  return m.ports.some((r) => lo >= r.from && hi <= r.to);
}

export function ruleMatches(r: PolicyRule, p: Packet): boolean {
  if (r.action !== 'accept') return false;
  if (r.transport !== 'any' && r.transport !== p.transport) return false;
  if (!addrIn(r.source, p.seenSource) || !addrIn(r.destination, p.seenDestination)) return false;
  if (!portIn(r.destinationPorts, p.port, p.port)) return false;
  // a task with a source port range may use any port of it: the rule must cover the whole range
  const [slo, shi] = p.sport ?? [1024, 65535];
  return r.sourcePorts.any || portIn(r.sourcePorts, slo, shi);
}

export function policyAllows(policy: Policy | undefined, p: Packet, skip = -1): boolean {
  return !!policy && policy.rules.some((r, i) => i !== skip && ruleMatches(r, p));
}
