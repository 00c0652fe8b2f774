// What the planner asks of the server, as plain functions from request bodies to JSON-able
// answers: the same pipeline the CLI runs (topology loader, flows, lint, DNS, certificates,
// renderers, audit, diagram), so the browser shows what the commands print.
import { auditConfigText, AUDIT_PLATFORMS } from '../audit/of-text.ts';
import { formatCertTable } from '../certs/format-table.ts';
import { certificates } from '../certs/plan.ts';
import { renderAll } from '../platforms/render-all.ts';
import { drawDiagram } from '../diagram/index.ts';
import { paintFromAudit } from '../diagram/paint.ts';
import { formatDnsTable } from '../dns/format-table.ts';
import { lintDns } from '../dns/lint.ts';
import { dnsRecords } from '../dns/records.ts';
import { InputError, InputErrors, isUserError } from '../errors.ts';
import { compileFlows, FIREWALL_ORDER } from '../flows/compile.ts';
import { citationText, flowRecord } from '../flows/format.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import { buildPolicies } from '../policy/build.ts';
import { rendererTargets } from '../platforms/index.ts';
import { lintTopology } from '../topology/lint.ts';
import { parseTopology } from '../topology/load.ts';
import type { Topology } from '../topology/model.ts';

export interface ProblemJson { line: number; col: number; message: string }

/** A user error as the CLI would print it, with its position when it has one. */
export function problems(e: unknown): ProblemJson[] {
  if (e instanceof InputErrors) return e.errors.flatMap(problems);
  if (e instanceof InputError) return [{ line: e.location?.line ?? 1, col: e.location?.col ?? 1, message: e.render() }];
  if (isUserError(e)) return [{ line: 1, col: 1, message: e.render() }];
  throw e;
}

function load(text: string, file: string): { topology: Topology; flows: Flow[] } {
  const topology = parseTopology(text, file);
  return { topology, flows: compileFlows(topology) };
}

export function flowRow(f: Flow) {
  const r = flowRecord(f);
  return {
    firewall: f.firewall, direction: f.direction, role: f.role, source: r.source, sourcePort: r.source_port, destination: r.destination,
    destinationPort: r.destination_port, transport: f.transport, application: f.application, requirement: f.requirement, notes: f.notes,
    from: f.sourceName, to: f.destinationName,
    citations: f.citations.map((c) => ({ text: citationText(c), document: c.document, ...('url' in c && typeof c.url === 'string' ? { url: c.url } : {}) })),
  };
}

export async function analyse(text: string, file: string) {
  let loaded;
  try { loaded = load(text, file); } catch (e) { return { ok: false as const, errors: problems(e) }; }
  const { topology, flows } = loaded;
  const records = dnsRecords(topology);
  return {
    ok: true as const,
    errors: [],
    name: topology.name ?? null,
    firewalls: FIREWALL_ORDER.filter((fw) => flows.some((f) => f.firewall === fw)),
    flows: flows.map(flowRow),
    findings: lintTopology(topology).map((f) => ({ severity: f.severity, rule: f.rule, message: f.message, line: f.location.line, col: f.location.col, citation: `${f.citation.document}: ${f.citation.section}` })),
    dns: formatDnsTable(records),
    dnsFindings: lintDns(records).map((f) => ({ severity: f.severity, rule: f.rule, message: f.message })),
    certificates: formatCertTable(certificates(topology)),
    diagram: await drawDiagram(topology, flows),
  };
}

export function render(text: string, file: string, target: string, firewall: string, outside?: string, inside?: string) {
  try {
    const { topology, flows } = load(text, file);
    const interfaces = { ...(outside ? { outside } : {}), ...(inside ? { inside } : {}) };
    const { files, skipped } = renderAll(topology, target, Object.keys(interfaces).length ? { interfaces } : {}, buildPolicies(flows));
    const mine = files.filter((f) => !firewall || f.firewall === firewall);
    return { ok: true as const, files: mine.map((f) => ({ name: f.file, firewall: f.firewall, content: f.content })), skipped };
  } catch (e) {
    return { ok: false as const, errors: problems(e) };
  }
}

export async function audit(text: string, file: string, config: string, platform: string, firewall: string) {
  try {
    const { topology, flows } = load(text, file);
    if (!AUDIT_PLATFORMS.includes(platform)) return { ok: false as const, errors: [{ line: 1, col: 1, message: `unknown platform '${platform}'; platforms: ${AUDIT_PLATFORMS.join(', ')}` }] };
    if (!(FIREWALL_ORDER as string[]).includes(firewall)) return { ok: false as const, errors: [{ line: 1, col: 1, message: `unknown firewall '${firewall}'` }] };
    const report = auditConfigText({ topology, flows, text: config, file: 'pasted configuration', platform, firewall: firewall as FirewallName });
    const verdicts = report.sections.flatMap((s) => s.result.flows.map((v) => ({ policy: s.policy, verdict: v.verdict, ...flowRow(v.flow) })));
    const over = report.sections.flatMap((s) => s.result.overPermissive.map((o) => ({ policy: s.policy, risk: o.risk, reasons: o.reasons, rule: o.rule === 'default policy' ? o.rule : o.rule.origin ? `line ${o.rule.origin.line}` : `rule ${o.rule.id}` })));
    return {
      ok: true as const, clean: report.ok, verdicts, overPermissive: over, unaudited: report.unaudited.map(flowRow),
      diagram: await drawDiagram(topology, flows, { paint: paintFromAudit([report]) }),
    };
  } catch (e) {
    return { ok: false as const, errors: problems(e) };
  }
}

export const CHOICES = { targets: rendererTargets(), platforms: AUDIT_PLATFORMS, firewalls: FIREWALL_ORDER };
