// portolan audit: an existing firewall configuration against the required flows.
import { readFileSync } from 'node:fs';
import { compileFlows, FIREWALL_ORDER } from '../../flows/compile.ts';
import type { FirewallName } from '../../flows/types.ts';
import { PARSERS } from '../../parse/index.ts';
import { runAudit } from '../../audit/run.ts';
import { auditJson, auditSarif, auditText } from '../../report/audit.ts';
import { loadTopology } from '../../topology/load.ts';
import { InputError, UsageError } from '../../errors.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';

const PLATFORMS = Object.keys(PARSERS) as (keyof typeof PARSERS)[];

const HELP = `usage: portolan audit TOPOLOGY --config FILE --platform P [--firewall F]
                      [--policy NAME]... [--outside IF] [--inside Z] [--format table|json|sarif]

Compares the configuration a firewall has today with the flows the documents require of it:
for every required flow, allowed / partly allowed (with a dropped example packet and the rule
that drops it) / blocked; what the configuration allows beyond the required flows, ranked by
risk, with the rule responsible; rules shadowed or made redundant by the union of earlier
rules; rules whose hit counters are zero. Findings point at lines of the configuration and at
rows of Microsoft's tables. IPv4 and IPv6.

platforms: ${PLATFORMS.join(', ')}
firewalls: ${FIREWALL_ORDER.join(', ')} (default external)

options:
  --config FILE   the configuration (nft list ruleset, nft -j list ruleset, iptables-save,
                  show running-config, describe-security-groups JSON, NSG JSON, Terraform,
                  PAN-OS set or XML, Junos display set or curly braces, FortiOS, Check Point
                  show access-rulebase JSON or mgmt_cli, pfSense / OPNsense config.xml)
  --platform P    how to read it
  --firewall F    whose required flows to check (names as in 'portolan flows')
  --policy NAME   only these parsed filters (chain / ACL / group names as the report shows)
  --outside IF    ASA: the interface toward the less trusted side (default outside for the
                  external firewall, dmz for the internal one). panos, junos, fortigate,
                  pfsense: the zone or interface toward the less trusted side (defaults as
                  render writes them, see docs/targets; the report says when it assumed them)
  --inside Z      panos, junos, fortigate, pfsense: the zone or interface toward the more
                  trusted side
  --hit-counts F  ASA: \`show access-list\` output; rules with hitcnt=0 are reported unused
  --format F      table (default), json or sarif (SARIF 2.1.0 with the requirement id and
                  the configuration line of every finding)

Exit status 1 when a required flow is not fully allowed, a high-risk over-permission exists,
or no filter of the configuration sees some required flows.
`;

function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file, line: 1, col: 1 });
  }
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'existing firewall configuration vs the required flows',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      config: { type: 'string' }, platform: { type: 'string' }, firewall: { type: 'string' },
      policy: { type: 'string', multiple: true }, outside: { type: 'string' }, inside: { type: 'string' }, format: { type: 'string' },
      'hit-counts': { type: 'string' },
    }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    if (!values.config) throw new UsageError('--config FILE is required');
    if (!values.platform) throw new UsageError(`--platform is required; platforms: ${PLATFORMS.join(', ')}`);
    const platform = oneOf(values.platform, PLATFORMS, '--platform', PLATFORMS[0]);
    const firewall = oneOf(values.firewall, FIREWALL_ORDER, '--firewall', 'external') as FirewallName;
    const format = oneOf(values.format, ['table', 'json', 'sarif'] as const, '--format', 'table');
    const topology = loadTopology(positionals[0]);
    const text = readInput(values.config, 'configuration');
    if (values['hit-counts'] && platform !== 'cisco-asa') throw new UsageError('--hit-counts is for --platform cisco-asa (show access-list output)');
    const hits = values['hit-counts'] ? { hitCounts: { text: readInput(values['hit-counts'], 'hit counts'), file: values['hit-counts'] } } : {};
    const zones = { ...(values.outside ? { outside: values.outside } : {}), ...(values.inside ? { inside: values.inside } : {}) };
    const parsed = PARSERS[platform](text, values.config, { ...hits, zones, firewall });
    const report = runAudit({
      topology, flows: compileFlows(topology), parsed, config: values.config, platform, firewall,
      outsideInterface: values.outside ?? (firewall === 'internal' ? 'dmz' : 'outside'),
      ...(values.policy ? { only: values.policy } : {}),
    });
    if (report.sections.length === 0) {
      const names = parsed.policies.map((p) => p.firewall);
      throw new UsageError(`no filter of ${values.config} could be bound to a direction${names.length ? `; filters: ${names.join('; ')} (choose with --policy)` : ''}`);
    }
    io.stdout(format === 'json' ? auditJson(report) : format === 'sarif' ? auditSarif(report) : auditText(report));
    return report.ok ? 0 : 1;
  },
};
