// The CLI's view of the outside world, so commands stay testable in-process.

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Terminal width tables fit into; undefined (full width) when stdout is not a terminal or with --wide. */
  columns?: number;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
};

export { writeFileAtomic } from '../files.ts';

/**
 * A reader that stops early (`portolan catalog | head -1`) closes the pipe: that ends the
 * command quietly, as it does for other Unix tools, instead of an unhandled EPIPE.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
