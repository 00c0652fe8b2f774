// portolan diagram: the deployment drawn (SVG, or PNG through Chromium), optionally painted with
// an audit of a firewall's configuration.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { auditConfigText, AUDIT_PLATFORMS } from '../../audit/of-text.ts';
import { svgToPng } from '../../browser/chromium.ts';
import { drawDiagram } from '../../diagram/index.ts';
import { paintFromAudit } from '../../diagram/paint.ts';
import { compileFlows, FIREWALL_ORDER } from '../../flows/compile.ts';
import type { FirewallName } from '../../flows/types.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS } from '../topology-input.ts';
import { InputError, UsageError } from '../../errors.ts';
import { oneOf, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../io.ts';

const HELP = `usage: portolan diagram TOPOLOGY [-o FILE.svg|FILE.png]
                        [--config FILE --platform P [--firewall F]]

The deployment drawn: the zones (Internet, perimeter network, internal network), the external
and internal firewalls between them, edge nodes with their Access / Web Conferencing / A/V
addresses, load balancer VIPs, the reverse proxy, Front End / Director / Mediation pools with
their servers, PSTN gateways and client networks; one arrow per group of flows between the same
two ends, labelled with its destination ports per transport (blue: in, green: out, purple:
both), through the perimeter firewall it crosses. Laid out by ELK (elkjs); the SVG is the same
bytes for the same input. Without -o the SVG goes to standard output; -o FILE.png rasterises it
with the system's Chromium (PORTOLAN_CHROMIUM overrides where it is).

With --config the configuration is audited as 'portolan audit' does (--platform P, --firewall F,
default external) and painted on: required flows it blocks in red, a firewall that allows more
than required marked.
platforms: ${AUDIT_PLATFORMS.join(', ')}

${TOPOLOGY_HELP}
`;

export const diagramCommand: Command = {
  name: 'diagram',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...TOPOLOGY_OPTIONS,
      output: { type: 'string', short: 'o' }, config: { type: 'string' }, platform: { type: 'string' }, firewall: { type: 'string' },
    }, { min: 1, max: 1, names: 'TOPOLOGY file' });
    const kind = values.output === undefined ? 'svg' : extname(values.output).toLowerCase().slice(1);
    if (kind !== 'svg' && kind !== 'png') throw new UsageError('-o needs a .svg or .png file name');
    if ((values.platform || values.firewall) && !values.config) throw new UsageError('--platform and --firewall go with --config FILE');
    const topology = await loadTopologyInput(positionals[0], values);
    const flows = compileFlows(topology);
    let paint;
    if (values.config) {
      if (!values.platform) throw new UsageError(`--config needs --platform; platforms: ${AUDIT_PLATFORMS.join(', ')}`);
      const platform = oneOf(values.platform, AUDIT_PLATFORMS, '--platform', AUDIT_PLATFORMS[0]);
      const firewall = oneOf(values.firewall, FIREWALL_ORDER, '--firewall', 'external') as FirewallName;
      let text: string;
      try { text = readFileSync(values.config, 'utf8'); } catch (e) {
        throw new InputError(`cannot read configuration: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: values.config, line: 1, col: 1 });
      }
      paint = paintFromAudit([auditConfigText({ topology, flows, text, file: values.config, platform, firewall })]);
    }
    const svg = await drawDiagram(topology, flows, paint ? { paint } : {});
    if (!values.output) io.stdout(svg);
    else if (kind === 'svg') writeFileAtomic(values.output, svg);
    else await svgToPng(svg, values.output);
    return 0;
  },
};
