// Every command, in the order `portolan --help` lists them.
import type { Command } from './command.ts';
import { catalogCommand } from './commands/catalog.ts';
import { checkCommand } from './commands/check.ts';
import { flowsCommand } from './commands/flows.ts';

export const COMMANDS: Command[] = [catalogCommand, checkCommand, flowsCommand];
