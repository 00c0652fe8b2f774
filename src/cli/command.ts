// One CLI command: its help text and its run function. Commands only parse arguments and wire.
import type { Io } from './io.ts';

export interface Command {
  name: string;
  summary: string;
  /** Full --help text; docs/<name>.md shows the same. */
  help: string;
  run(args: string[], io: Io): Promise<number>;
}
