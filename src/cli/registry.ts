// Every command, in the order `portolan --help` lists them.
import type { Command } from './command.ts';

export const COMMANDS: Command[] = [];
