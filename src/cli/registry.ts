// Every command, in the order `portolan --help` lists them.
import type { Command } from './command.ts';
import { catalogCommand } from './commands/catalog.ts';
import { checkCommand } from './commands/check.ts';
import { flowsCommand } from './commands/flows.ts';
import { dnsCommand } from './commands/dns.ts';
import { certsCommand } from './commands/certs.ts';
import { renderCommand } from './commands/render.ts';
import { planCommand } from './commands/plan.ts';
import { diagramCommand } from './commands/diagram.ts';
import { serveCommand } from './commands/serve.ts';
import { probeCommand } from './commands/probe.ts';
import { auditCommand } from './commands/audit.ts';
import { labCommand } from './commands/lab.ts';

export const COMMANDS: Command[] = [catalogCommand, checkCommand, flowsCommand, renderCommand, planCommand, diagramCommand, dnsCommand, certsCommand, probeCommand, auditCommand, labCommand, serveCommand];
