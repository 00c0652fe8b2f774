// `portolan probe TOPOLOGY --from VANTAGE …`: live protocol checks of every flow that starts at the
// vantage point. Parsing and wiring only: selection and mapping are src/probe/plan.ts, running is
// src/probe/runner.ts, output is src/probe/report.ts.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { UsageError } from '../../errors.ts';
import type { Command } from '../command.ts';
import { jsonDocument } from '../json.ts';
import type { Io } from '../io.ts';
import { oneOf, parse } from '../args.ts';
import { loadTopologyInput, TOPOLOGY_HELP, type TopologyInputOptions } from '../topology-input.ts';
import { compileFlows } from '../../flows/compile.ts';
import { buildPlan, parseVantage, type PlanOptions } from '../../probe/plan.ts';
import { exitStatus, runPlan, type ProbeContext, type RunOptions } from '../../probe/runner.ts';
import { formatReport, probeJson, REPORT_FORMATS, type ReportFormat } from '../../probe/report.ts';

export const PROBE_DEFAULTS = { timeoutMs: 3000, concurrency: 32, ratePerSecond: 100 } as const;

const HELP = `usage: portolan probe TOPOLOGY --from internet|perimeter|corporate|ADDRESS [options]

Live protocol checks of every flow that starts at the vantage point, each with the probe its
application needs (SIP OPTIONS, TLS handshake, STUN/MS-TURN, TURN, HTTP(S), DNS, XMPP, TCP).
Probes go only to addresses of the topology's flows and to explicit --target/--resolver addresses.

vantage points (--from):
  internet     flows from Any through the external firewall, inbound
  perimeter    flows from an Edge or reverse proxy address, through either firewall
  corporate    flows through the internal firewall, outbound, from corporate sources or Any
  ADDRESS      flows whose source contains ADDRESS, or is Any on the side ADDRESS belongs to

options:
  --target ADDR          destination for flows whose destination is Any (or a network);
                         repeatable. Without it those flows are reported as not probed
  --format F             table (default), json, junit
  --timeout MS           per-probe timeout (default ${PROBE_DEFAULTS.timeoutMs})
  --concurrency N        probes in flight at once (default ${PROBE_DEFAULTS.concurrency})
  --rate N               probes started per second, 0 = unlimited (default ${PROBE_DEFAULTS.ratePerSecond})
  --resolver IP[:PORT]   resolver for DNS flows (checks the topology's records)
  --ca FILE              CA certificate(s) the server certificates must chain to
  --client-cert FILE     client certificate for MTLS ports (with --client-key)
  --client-key FILE
  --turn-user U          TURN credentials: prove 50000-59999 by a relay allocation
  --turn-pass P          (without them: TCP connects to 3 sampled ports; UDP not probed)
  --xmpp-secret S        component secret for the XMPP gateway handshake on 23456

Progress goes to stderr when stderr is a terminal. Exit status: 0 every required flow passed
(or was not probed), 1 a required flow failed, 2 bad input or usage. See docs/probe.md.

${TOPOLOGY_HELP}
  (probe: --resolver is also the DNS server the DNS probes query)
`;

export interface ProbeArgs {
  file: string;
  input: TopologyInputOptions;
  plan: PlanOptions;
  context: ProbeContext;
  run: Omit<RunOptions, 'onProgress'>;
  format: ReportFormat;
}

function positiveInt(value: string | undefined, option: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${option} must be an integer ≥ ${min}; got '${value}'`);
  return Number(value);
}

function hostPort(text: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  const [host, port] = m ? [m[1]!, Number(m[2])] : [text, 53];
  if (!isIP(host) || port < 1 || port > 65535) throw new UsageError(`--resolver must be IP or IP:PORT (IPv6 as [IP]:PORT); got '${text}'`);
  return { host, port };
}

function readable(file: string | undefined, option: string): string | undefined {
  if (file !== undefined && !existsSync(file)) throw new UsageError(`${option}: no such file '${file}'`);
  return file;
}

export function parseProbeArgs(args: string[]): ProbeArgs {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    target: { type: 'string', multiple: true },
    format: { type: 'string' },
    timeout: { type: 'string' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
    resolver: { type: 'string' },
    ca: { type: 'string' },
    'client-cert': { type: 'string' },
    'client-key': { type: 'string' },
    'turn-user': { type: 'string' },
    'turn-pass': { type: 'string' },
    'xmpp-secret': { type: 'string' },
    overlay: { type: 'string' },
    resolve: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'TOPOLOGY' });
  if (values.from === undefined) throw new UsageError('--from is required (internet, perimeter, corporate or an IP address)');
  const vantage = parseVantage(values.from);
  if (!vantage) throw new UsageError(`--from must be internet, perimeter, corporate or an IP address; got '${values.from}'`);
  const targets = values.target ?? [];
  for (const t of targets) if (!isIP(t)) throw new UsageError(`--target must be an IP address; got '${t}'`);
  if ((values['client-cert'] === undefined) !== (values['client-key'] === undefined)) throw new UsageError('--client-cert and --client-key go together');
  if ((values['turn-user'] === undefined) !== (values['turn-pass'] === undefined)) throw new UsageError('--turn-user and --turn-pass go together');
  const certPath = readable(values['client-cert'], '--client-cert');
  const keyPath = readable(values['client-key'], '--client-key');
  const clientCert = certPath && keyPath ? { certPath, keyPath } : undefined;
  const turn = values['turn-user'] !== undefined ? { username: values['turn-user'], password: values['turn-pass']! } : undefined;
  const resolver = values.resolver !== undefined ? hostPort(values.resolver) : undefined;
  return {
    file: positionals[0]!,
    // --resolver is the probe's DNS server; --resolve (an imported XML's 0.0.0.0 hosts) asks it too.
    input: { overlay: values.overlay, resolve: values.resolve, resolver: values.resolve ? values.resolver : undefined },
    format: oneOf(values.format, REPORT_FORMATS, '--format', 'table'),
    plan: { vantage, targets, resolver, clientCert: !!clientCert, turnCredentials: !!turn, xmppSecret: values['xmpp-secret'] !== undefined },
    context: {
      timeoutMs: positiveInt(values.timeout, '--timeout', PROBE_DEFAULTS.timeoutMs, 1),
      caFile: readable(values.ca, '--ca'), clientCert, turn, xmppSecret: values['xmpp-secret'],
    },
    run: {
      concurrency: positiveInt(values.concurrency, '--concurrency', PROBE_DEFAULTS.concurrency, 1),
      ratePerSecond: positiveInt(values.rate, '--rate', PROBE_DEFAULTS.ratePerSecond, 0),
    },
  };
}

export const probeCommand: Command = {
  name: 'probe',
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const a = parseProbeArgs(args);
    const topology = await loadTopologyInput(a.file, a.input);
    const plan = buildPlan(topology, compileFlows(topology), a.plan);
    const onProgress = io.isTTY
      ? ({ done, total, result }: { done: number; total: number; result: { probe: { requirement: string; destination: string }; outcome: string } }) =>
          io.stderr(`\r[${done}/${total}] ${result.outcome.padEnd(10)} ${result.probe.requirement} ${result.probe.destination}\x1b[K${done === total ? '\n' : ''}`)
      : undefined;
    const results = await runPlan(plan.probes, a.context, { ...a.run, onProgress });
    io.stdout(a.format === 'json' ? jsonDocument('probe', probeJson(results, plan.vantage)) : formatReport(a.format, results, plan.vantage, io.columns));
    return exitStatus(results);
  },
};

export default probeCommand;
