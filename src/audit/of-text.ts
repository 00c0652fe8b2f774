// An audit from a configuration's text, as the diagram and the planner run it: parse with the
// platform's reader, then the same runAudit the audit command uses.
import { compileFlows } from '../flows/compile.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import { PARSERS } from '../parse/index.ts';
import type { Topology } from '../topology/model.ts';
import { UsageError } from '../errors.ts';
import { runAudit, type AuditReport } from './run.ts';

export type AuditPlatform = keyof typeof PARSERS;
export const AUDIT_PLATFORMS = Object.keys(PARSERS) as AuditPlatform[];

export function auditConfigText(args: {
  topology: Topology; flows?: Flow[]; text: string; file: string; platform: AuditPlatform; firewall: FirewallName; outside?: string;
}): AuditReport {
  const parsed = PARSERS[args.platform](args.text, args.file, {});
  const report = runAudit({
    topology: args.topology, flows: args.flows ?? compileFlows(args.topology), parsed, config: args.file, platform: args.platform,
    firewall: args.firewall, outsideInterface: args.outside ?? (args.firewall === 'internal' ? 'dmz' : 'outside'),
  });
  if (report.sections.length === 0) {
    const names = parsed.policies.map((p) => p.firewall);
    throw new UsageError(`no filter of ${args.file} could be bound to a direction${names.length ? `; filters: ${names.join('; ')}` : ''}`);
  }
  return report;
}
