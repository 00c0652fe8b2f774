// Every command, in the order `portolan --help` lists them. A command's module (and what it
// imports: parsers, renderers, x509, ajv) loads only when that command runs, so `--help`,
// `--version` and one command never pay for the others.
import type { Command } from './command.ts';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'catalog', summary: 'browse the documented requirements with citations', load: async () => (await import('./commands/catalog.ts')).catalogCommand },
  { name: 'check', summary: 'schema and design lint; every finding has a location and a citation', load: async () => (await import('./commands/check.ts')).checkCommand },
  { name: 'import', summary: 'a Topology Builder .tbxml or published topology XML as a topology YAML', load: async () => (await import('./commands/import.ts')).importCommand },
  { name: 'flows', summary: 'the concrete flows, per firewall', load: async () => (await import('./commands/flows.ts')).flowsCommand },
  { name: 'render', summary: 'firewall configuration for a platform', load: async () => (await import('./commands/render.ts')).renderCommand },
  { name: 'plan', summary: 'a change-request document with the diagram (Markdown or HTML)', load: async () => (await import('./commands/plan.ts')).planCommand },
  { name: 'diagram', summary: 'the deployment drawn (SVG or PNG), optionally with an audit painted on', load: async () => (await import('./commands/diagram.ts')).diagramCommand },
  { name: 'dns', summary: 'DNS records the topology needs, per view (table, BIND, dnsmasq, CSV, JSON)', load: async () => (await import('./commands/dns.ts')).dnsCommand },
  { name: 'certs', summary: 'certificates per interface (table, OpenSSL request config, certreq INF, JSON)', load: async () => (await import('./commands/certs.ts')).certsCommand },
  { name: 'probe', summary: 'live protocol checks of every flow that starts at a vantage point', load: async () => (await import('./commands/probe.ts')).probeCommand },
  { name: 'audit', summary: 'existing firewall configuration vs the required flows', load: async () => (await import('./commands/audit.ts')).auditCommand },
  { name: 'serve', summary: 'the local planner in a browser (loopback only by default)', load: async () => (await import('./commands/serve.ts')).serveCommand },
  { name: 'lab', summary: 'build the deployment in network namespaces and prove the rendered rules (root)', load: async () => (await import('./commands/lab.ts')).labCommand },
  { name: 'version', summary: "the program's version and the documents its catalog is built from", load: async () => (await import('./commands/version.ts')).versionCommand },
  { name: 'completion', summary: 'shell completion script (bash, zsh or fish)', load: async () => (await import('./commands/completion.ts')).completionCommand },
];

/** Every command loaded (docs, completion, tests). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((c) => c.load()));
}
