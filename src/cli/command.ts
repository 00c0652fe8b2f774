// One CLI command: its help text and its run function. Commands only parse arguments and wire.
// Its one-line summary lives in registry.ts, so listing commands loads none of them.
import type { Io } from './io.ts';

export interface Command {
  name: string;
  /** Full --help text; docs/<name>.md shows the same. */
  help: string;
  run(args: string[], io: Io): Promise<number>;
}
