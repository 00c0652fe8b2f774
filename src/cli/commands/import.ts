// portolan import: a Topology Builder .tbxml or published topology XML as a topology YAML.
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../io.ts';
import { importedYaml } from '../../import/yaml.ts';
import { importedSource } from '../../import/source.ts';
import { parseTopology, validateTopology } from '../../topology/load.ts';
import { importTopologyFile } from '../topology-input.ts';
import { inputName } from '../../input.ts';

const HELP = `usage: portolan import FILE [-o topology.yaml] [--resolve [--resolver A]]

Reads a Topology Builder file (.tbxml: "Download Topology from Existing Deployment", then
save) or the published topology (Get-CsTopology -AsXml) and writes the Portolan topology it
describes: SIP domains, product version (the services' ServiceVersion), Front End and
Director pools, Mediation pools, PSTN gateways, edge pools with their nodes, addresses,
ports, NAT (ConfiguredIPAddress), XMPP proxy and next hop (DependsOn). Every value carries a
comment naming the XML element and line it came from. What the file does not model
(Persistent Chat, SQL stores, Office Web Apps, …) 'portolan check' lists as ignored.

Every command that takes a TOPOLOGY also reads the XML directly; this command is for keeping
(and reviewing) the YAML. Hosts at 0.0.0.0 ("use all configured addresses") stay named by
their FQDN unless --resolve looks them up.

options:
  -o, --output F  write the YAML to F (default: standard output); nothing is written on error
  --resolve       look up the hosts the file leaves at 0.0.0.0 in DNS (A and AAAA)
  --resolver A    the DNS server for --resolve: ADDRESS or ADDRESS:PORT ([v6]:PORT)

Exit status: 0 written, 2 bad input (file:line:col of the XML element).
`;

export const importCommand: Command = {
  name: 'import',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      output: { type: 'string', short: 'o' }, resolve: { type: 'boolean' }, resolver: { type: 'string' },
    }, { min: 1, max: 1, names: 'FILE (a .tbxml or Get-CsTopology -AsXml file)' });
    const file = positionals[0]!;
    const { imported, form } = await importTopologyFile(file, values);
    // Validate with the XML's positions first, then prove the YAML loads back as written.
    validateTopology(importedSource(imported, inputName(file)));
    const yaml = importedYaml(imported, inputName(file), form);
    parseTopology(yaml, values.output ?? '<output>');
    if (values.output) writeFileAtomic(values.output, yaml);
    else io.stdout(yaml);
    return 0;
  },
};
