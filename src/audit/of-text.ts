// An audit from a configuration's text, as the diagram and the planner run it: read with the
// platform's reader for that form, then the same runAudit the audit command uses.
import { compileFlows } from '../flows/compile.ts';
import type { Flow, FirewallName } from '../flows/types.ts';
import { auditPlatforms, findPlatform, readConfig } from '../platforms/index.ts';
import type { Topology } from '../topology/model.ts';
import { UsageError } from '../errors.ts';
import { runAudit, type AuditReport } from './run.ts';

export type AuditPlatform = string;
export const AUDIT_PLATFORMS: readonly string[] = auditPlatforms();

export function auditConfigText(args: {
  topology: Topology; flows?: Flow[]; text: string; file: string; platform: AuditPlatform; firewall: FirewallName; outside?: string;
}): AuditReport {
  const found = findPlatform(args.platform);
  if (!found?.platform.audit) throw new UsageError(`unknown platform '${args.platform}'; platforms: ${AUDIT_PLATFORMS.join(', ')}`);
  const { platform } = found;
  const parsed = readConfig(platform, args.text, args.file, { firewall: args.firewall });
  const report = runAudit({
    topology: args.topology, flows: args.flows ?? compileFlows(args.topology), parsed, config: args.file, platform: args.platform,
    firewall: args.firewall, outsideInterface: args.outside ?? (args.firewall === 'internal' ? 'dmz' : 'outside'),
    ...(platform.audit!.implicitRule ? { implicitRule: platform.audit!.implicitRule } : {}),
  });
  if (report.sections.length === 0) {
    const names = parsed.policies.map((p) => p.firewall);
    throw new UsageError(`no filter of ${args.file} could be bound to a direction${names.length ? `; filters: ${names.join('; ')}` : ''}`);
  }
  return report;
}
