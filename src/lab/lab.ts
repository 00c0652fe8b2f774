// One running lab: namespaces, firewalls, load balancer, servers and agents, built from a
// topology. Must run inside the lab's own unshare tree (see supervisor.ts).
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { certificates } from '../certs/plan.ts';
import { compileFlows } from '../flows/compile.ts';
import { requireResolved } from '../flows/unresolved.ts';
import type { Flow } from '../flows/types.ts';
import type { Verdict } from '../probe/verdict.ts';
import { loadAnyTopology } from '../import/load.ts';
import type { Topology } from '../topology/model.ts';
import { planLab, type LabPlan } from './addressing.ts';
import type { LabProbeContext } from './agent.ts';
import { makePki, type LabPki } from './certs.ts';
import { inNs, must, spawnInNs } from './exec.ts';
import { forbiddenTasks } from './forbidden.ts';
import { loadBalancerRuleset } from './loadbalancer.ts';
import { buildNamespaces } from './namespaces.ts';
import { labRulesets, loadRuleset, setZone, type LabRuleset, type PerimeterFirewall } from './rules.ts';
import { TURN_PASSWORD, TURN_USER } from './servers/coturn.ts';
import { labDnsName, placeServers } from './servers/placement.ts';
import { LAB_COMPONENT_SECRET } from './servers/prosody.ts';
import { startServer, stopServer, waitReady, type Running } from './servers/process.ts';
import { requiredTasks, shiftFixedSourcePorts, sportNatRuleset, type ProbeTask } from './tasks.ts';
import { natCheck, verifyTasks, type VerifyReport } from './verify.ts';
import { nodeCommand } from './node-command.ts';
import { loadNatSeen, readNatSeen, type NatSeen } from './nat.ts';


class Agent {
  private next = 1;
  private waiting = new Map<number, (x: any) => void>();
  readonly ready: Promise<void>;
  constructor(readonly ns: string, readonly child: ChildProcess) {
    let ok!: () => void;
    this.ready = new Promise((r) => (ok = r));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { id: number };
      if (msg.id === 0) return ok();
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
    });
    let err = '';
    child.stderr!.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-4000); });
    child.on('exit', () => { for (const w of this.waiting.values()) w({ error: `agent in ${ns} exited: ${err}` }); });
  }
  request(req: object): Promise<any> {
    const id = this.next++;
    return new Promise((done) => { this.waiting.set(id, done); this.child.stdin!.write(JSON.stringify({ ...req, id }) + '\n'); });
  }
}

export interface LabInfo {
  topology: string;
  rulesets: LabRuleset[];
  tasks: ProbeTask[];
  loadBalancer?: string;
}

export class Lab {
  private constructor(
    readonly topology: Topology, readonly plan: LabPlan, readonly flows: Flow[], readonly rulesets: LabRuleset[],
    readonly tasks: ProbeTask[], private readonly servers: Running[], private readonly agents: Map<string, Agent>,
    private readonly probeContext: Omit<LabProbeContext, 'timeoutMs'>, readonly lbRuleset: string | undefined, readonly upMs: number,
  ) {}

  static async build(file: string, runDir: string, log: (s: string) => void = () => {}): Promise<Lab> {
    const started = Date.now();
    const topology = loadAnyTopology(file);
    const plan = planLab(topology);
    const flows = compileFlows(topology);
    requireResolved(flows, 'the lab');
    const rulesets = labRulesets(flows, plan);
    const { tasks: required } = requiredTasks(plan, flows, { dnsName: labDnsName(topology), xmppDomain: topology.sipDomains[0] ?? 'contoso.com' });
    const pol = Object.fromEntries(rulesets.map((r) => [r.firewall, r.policy]));
    const tasks = [...required, ...forbiddenTasks(plan, flows, pol, required)];
    const [pki] = await Promise.all([makePki(join(runDir, 'pki'), certificates(topology)), buildNamespaces(plan)]);
    log(`namespaces: ${plan.namespaces.map((n) => n.name).join(' ')}`);
    await Promise.all([
      ...rulesets.map((r) => loadRuleset(r.firewall, r.text)),
      setZone(1),
    ]);
    const lbRuleset = plan.lbNs ? loadBalancerRuleset(plan, flows) : undefined;
    for (const [ns, rules] of shiftFixedSourcePorts(tasks)) await must(inNs(ns, ['nft', '-f', '-']), { input: sportNatRuleset(rules) });
    if (plan.lbNs) await must(inNs(plan.lbNs, ['nft', '-f', '-']), { input: lbRuleset });
    if (plan.nat.length) await loadNatSeen(plan, plan.fwextInside);
    log(`rules loaded: ${rulesets.map((r) => `${r.firewall} ${r.policy.rules.length} accept rules`).join(', ')}${plan.lbNs ? ', load balancer NAT' : ''}`);
    const placement = placeServers(topology, plan, tasks, pki as LabPki, join(runDir, 'servers'));
    for (const s of placement.servers) for (const [p, content] of Object.entries(s.files)) { await mkdir(dirname(p), { recursive: true }); await writeFile(p, content); }
    const servers = placement.servers.map(startServer);
    const agentNs = new Set([...tasks.map((t) => t.ns), ...placement.echo.keys()]);
    const agents = new Map([...agentNs].map((ns) => [ns, new Agent(ns, spawnInNs(ns, nodeCommand('agent')))]));
    try {
      await Promise.all([...servers.map((s) => waitReady(s)), ...[...agents.values()].map((a) => a.ready)]);
      for (const [ns, e] of placement.echo) {
        const r = await agents.get(ns)!.request({ op: 'listen', tcp: e.tcp, udp: e.udp });
        if (r.errors?.length) log(`echo listeners in ${ns}: ${r.errors.join('; ')}`);
      }
    } catch (e) {
      servers.forEach(stopServer);
      for (const a of agents.values()) a.child.kill('SIGKILL');
      throw e;
    }
    log(`servers: ${placement.servers.map((s) => `${s.kind}@${s.ns}`).join(' ')}`);
    const probeContext = { caFile: pki.caFile, clientCert: { certPath: pki.client.certPath, keyPath: pki.client.keyPath }, turn: { username: TURN_USER, password: TURN_PASSWORD }, xmppSecret: LAB_COMPONENT_SECRET };
    return new Lab(topology, plan, flows, rulesets, tasks, servers, agents, probeContext, lbRuleset, Date.now() - started);
  }

  info(): LabInfo {
    return { topology: this.topology.file, rulesets: this.rulesets, tasks: this.tasks, loadBalancer: this.lbRuleset };
  }

  async verify(opts: { ids?: string[]; timeoutMs?: number } = {}): Promise<VerifyReport> {
    const want = opts.ids ? new Set(opts.ids) : undefined;
    const tasks = want ? this.tasks.filter((t) => want.has(t.id)) : this.tasks;
    const context: LabProbeContext = { ...this.probeContext, timeoutMs: opts.timeoutMs ?? 2000 };
    const before = this.plan.nat.length ? await readNatSeen(this.plan) : undefined;
    const report = await verifyTasks(tasks, async (ns, ts): Promise<Verdict[]> => {
      const r = await this.agents.get(ns)!.request({ op: 'probe', tasks: ts, context });
      if (r.error) throw new Error(r.error);
      return r.results;
    });
    if (!before) return report;
    const after = await readNatSeen(this.plan);
    const sum = (x: NatSeen, k: 'client' | 'firewall') => [...x.byNs.values()].reduce((n, v) => n + v[k], 0);
    const publics = new Set(this.plan.nat.map((m) => m.public));
    const inbound = report.results.filter((r) => r.task.expect === 'pass' && r.passed && publics.has(r.task.host)).length;
    return { ...report, nat: natCheck(inbound, sum(after, 'client') - sum(before, 'client'), sum(after, 'firewall') - sum(before, 'firewall')) };
  }

  async loadRuleset(fw: PerimeterFirewall, text: string): Promise<void> { await loadRuleset(fw, text); }
  async setZone(zone: number): Promise<void> { await setZone(zone); }

  close(): void {
    this.servers.forEach(stopServer);
    for (const a of this.agents.values()) a.child.kill('SIGKILL');
  }
}
