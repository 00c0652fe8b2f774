// Verify: send each namespace's probe tasks to its agent, judge the verdicts, report.
// A required flow passes when the path is proven open (a real server or echo answered, or the
// TCP handshake completed); a forbidden flow passes when it is filtered or unreachable.
import type { Verdict } from '../probe/verdict.ts';
import type { ProbeTask } from './tasks.ts';

export interface TaskResult { task: ProbeTask; verdict: Verdict; passed: boolean }

export interface VerifyReport {
  required: number;
  requiredPassed: number;
  forbidden: number;
  forbiddenBlocked: number;
  failures: TaskResult[];
  results: TaskResult[];
  ms: number;
  /** With a NAT'd edge: packets that reached the edge's private addresses during this run from the
   *  internet client (source kept) and from the firewall's own address (source rewritten). */
  nat?: NatCheck;
}

export interface NatCheck {
  inboundTasks: number;
  clientPackets: number;
  firewallPackets: number;
  passed: boolean;
}

export function natCheck(inboundTasks: number, clientPackets: number, firewallPackets: number): NatCheck {
  return { inboundTasks, clientPackets, firewallPackets, passed: inboundTasks === 0 || (clientPackets > 0 && firewallPackets === 0) };
}

export function judge(t: ProbeTask, v: Verdict): boolean {
  if (t.expect === 'blocked') return v.kind === 'filtered' || v.kind === 'unreachable' || v.kind === 'no-answer';
  return v.pathOpen === true && v.kind !== 'refused';
}

export type ProbeRunner = (ns: string, tasks: ProbeTask[]) => Promise<Verdict[]>;

export async function verifyTasks(tasks: ProbeTask[], runProbes: ProbeRunner): Promise<VerifyReport> {
  const started = Date.now();
  const byNs = new Map<string, ProbeTask[]>();
  for (const t of tasks) byNs.set(t.ns, [...(byNs.get(t.ns) ?? []), t]);
  const results: TaskResult[] = [];
  await Promise.all([...byNs].map(async ([ns, ts]) => {
    const vs = await runProbes(ns, ts);
    ts.forEach((t, i) => results.push({ task: t, verdict: vs[i]!, passed: judge(t, vs[i]!) }));
  }));
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  results.sort((a, b) => order.get(a.task.id)! - order.get(b.task.id)!);
  const req = results.filter((r) => r.task.expect === 'pass');
  const forb = results.filter((r) => r.task.expect === 'blocked');
  return {
    required: req.length, requiredPassed: req.filter((r) => r.passed).length,
    forbidden: forb.length, forbiddenBlocked: forb.filter((r) => r.passed).length,
    failures: results.filter((r) => !r.passed), results, ms: Date.now() - started,
  };
}

export function formatReport(r: VerifyReport, verbose = false): string {
  const lines: string[] = [];
  if (verbose) for (const x of r.results) lines.push(`${x.passed ? 'ok  ' : 'FAIL'} ${x.task.expect === 'pass' ? 'required ' : 'forbidden'} [${x.task.firewall}] ${x.task.what}: ${x.verdict.kind} — ${x.verdict.summary}`);
  for (const f of r.failures) {
    lines.push(`FAIL ${f.task.expect === 'pass' ? 'required flow not working' : 'forbidden flow got through'} [${f.task.firewall} firewall] ${f.task.what}`);
    lines.push(`     requirement ${f.task.requirement}; ${f.verdict.kind}: ${f.verdict.summary}`);
    lines.push(`     cited by ${f.task.citation}`);
  }
  if (r.nat) {
    lines.push(`${r.nat.passed ? '' : 'FAIL '}NAT: ${r.nat.inboundTasks} inbound probe(s) to public addresses; the edge saw ${r.nat.clientPackets} packet(s) with the client's own source address and ${r.nat.firewallPackets} with the firewall's (source ${r.nat.passed ? 'kept' : 'not kept'})`);
  }
  lines.push(`required flows proven: ${r.requiredPassed}/${r.required}; forbidden flows blocked: ${r.forbiddenBlocked}/${r.forbidden}; ${r.ms} ms`);
  return lines.join('\n') + '\n';
}
