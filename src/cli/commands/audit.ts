// portolan audit: an existing firewall configuration against the required flows.
import { compileFlows, FIREWALL_ORDER } from '../../flows/compile.ts';
import { requireResolved } from '../../flows/unresolved.ts';
import type { FirewallName } from '../../flows/types.ts';
import { auditPlatforms, findPlatform, PLATFORMS, platformAliases, readConfig } from '../../platforms/index.ts';
import { runAudit } from '../../audit/run.ts';
import { auditJsonChunks, auditSarif, auditText } from '../../report/audit.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS } from '../topology-input.ts';
import { UsageError } from '../../errors.ts';
import { inputName, oneStdin, readInput } from '../../input.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { jsonEnvelope } from '../json.ts';

const NAMES = auditPlatforms();
const HIT_COUNTS = PLATFORMS.filter((p) => p.audit?.hitCounts);

const HELP = `usage: portolan audit TOPOLOGY --config FILE --platform P [--firewall F]
                      [--policy NAME]... [--outside IF] [--inside Z] [--family ipv4|ipv6]
                      [--format table|json|sarif]

Compares the configuration a firewall has today with the flows the documents require of it:
for every required flow, allowed / partly allowed (with a dropped example packet and the rule
that drops it) / blocked; what the configuration allows beyond the required flows, ranked by
risk, with the rule responsible; rules shadowed or made redundant by the union of earlier
rules; rules whose hit counters are zero. Findings point at lines of the configuration and at
rows of Microsoft's tables. IPv4 and IPv6.

platforms: ${NAMES.join(', ')}
          former names still read, with a note: ${platformAliases().map((a) => `${a.alias} (now ${a.platform})`).join(', ')}
firewalls: ${FIREWALL_ORDER.join(', ')} (default external)

options:
  --config FILE   the configuration ('-' for standard input): nft list ruleset, nft -j list
                  ruleset, iptables-save, show running-config, describe-security-groups
                  JSON, NSG JSON, Terraform, PAN-OS set or XML, Junos display set or curly
                  braces, FortiOS, Check Point show access-rulebase JSON or mgmt_cli,
                  pfSense / OPNsense config.xml
  --platform P    how to read it (the form is recognized by content: aws and azure read
                  Terraform, as render writes it, and their JSON alike)
  --firewall F    whose required flows to check (names as in 'portolan flows')
  --policy NAME   only these parsed filters (chain / ACL / group names as the report shows)
  --outside IF    ASA: the interface toward the less trusted side (default outside for the
                  external firewall, dmz for the internal one). panos, junos, fortigate,
                  pfsense: the zone or interface toward the less trusted side (defaults as
                  render writes them, see docs/targets; the report says when it assumed them)
  --inside Z      panos, junos, fortigate, pfsense: the zone or interface toward the more
                  trusted side
  --hit-counts F  ASA: \`show access-list\` output; rules with hitcnt=0 are reported unused
  --family F      iptables: ipv4 or ipv6, for a file whose content does not say (no address
                  and no IPv4- or IPv6-only match); never taken from a comment
  --format F      table (default), json or sarif (SARIF 2.1.0 with the requirement id and
                  the configuration line of every finding)

Exit status 1 when a required flow is not fully allowed, a high-risk over-permission exists,
or no filter of the configuration sees some required flows.

${TOPOLOGY_HELP}
`;

export const auditCommand: Command = {
  name: 'audit',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...TOPOLOGY_OPTIONS,
      config: { type: 'string' }, platform: { type: 'string' }, firewall: { type: 'string' },
      policy: { type: 'string', multiple: true }, outside: { type: 'string' }, inside: { type: 'string' }, format: { type: 'string' },
      'hit-counts': { type: 'string' }, family: { type: 'string' },
    }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    if (!values.config) throw new UsageError('--config FILE is required');
    if (!values.platform) throw new UsageError(`--platform is required; platforms: ${NAMES.join(', ')}`);
    const found = findPlatform(values.platform);
    // Not a platform audit reads: oneOf throws the usage error, with a did-you-mean.
    if (!found?.platform.audit) oneOf(values.platform, NAMES, '--platform', NAMES[0]);
    const { platform, note } = found!;
    const firewall = oneOf(values.firewall, FIREWALL_ORDER, '--firewall', 'external') as FirewallName;
    const format = oneOf(values.format, ['table', 'json', 'sarif'] as const, '--format', 'table');
    oneStdin({ TOPOLOGY: positionals[0], '--config': values.config, '--hit-counts': values['hit-counts'] });
    const topology = await loadTopologyInput(positionals[0], values);
    const text = readInput(values.config, 'configuration');
    if (values['hit-counts'] && !platform.audit!.hitCounts) throw new UsageError(`--hit-counts is for ${HIT_COUNTS.map((p) => `--platform ${p.name} (${p.audit!.hitCounts} output)`).join(', ')}`);
    if (note) io.stderr(`note: ${note}\n`);
    const hits = values['hit-counts'] ? { hitCounts: { text: readInput(values['hit-counts'], 'hit counts'), file: inputName(values['hit-counts']) } } : {};
    const zones = { ...(values.outside ? { outside: values.outside } : {}), ...(values.inside ? { inside: values.inside } : {}) };
    const config = inputName(values.config);
    // --family: for readers of one family per file (iptables-save), when the file does not say.
    if (values.family !== undefined && platform.name !== 'iptables') throw new UsageError('--family is for --platform iptables (nftables tables, ASA, AWS and Azure say their family)');
    const family = values.family === undefined ? {} : { family: oneOf(values.family, ['ipv4', 'ipv6'] as const, '--family', 'ipv4') };
    const parsed = readConfig(platform, text, config, { ...hits, ...family, zones, firewall });
    const flows = compileFlows(topology);
    requireResolved(flows.filter((f) => f.firewall === firewall), `auditing firewall ${firewall}`);
    const report = runAudit({
      topology, flows, parsed, config, platform: values.platform, firewall,
      outsideInterface: values.outside ?? (firewall === 'internal' ? 'dmz' : 'outside'),
      ...(values.policy ? { only: values.policy } : {}),
      ...(platform.audit!.implicitRule ? { implicitRule: platform.audit!.implicitRule } : {}),
    });
    if (report.sections.length === 0) {
      const names = parsed.policies.map((p) => p.firewall);
      throw new UsageError(`no filter of ${config} could be bound to a direction${names.length ? `; filters: ${names.join('; ')} (choose with --policy)` : ''}`);
    }
    if (format === 'json') for (const chunk of auditJsonChunks(report, jsonEnvelope('audit'))) io.stdout(chunk);
    else io.stdout(format === 'sarif' ? auditSarif(report) : auditText(report, io.columns));
    return report.ok ? 0 : 1;
  },
};
