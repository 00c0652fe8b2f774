// Runs the CLI from the sources as a child process: through a pseudo-terminal of a given width
// (util-linux `script`), or with text on its standard input.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const ENTRY = join(ROOT, 'src', 'cli', 'run.ts');
export const PORTOLAN = [process.execPath, '--import', 'tsx', ENTRY];

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Standard output of `portolan ARGS` on a terminal `columns` wide (CR LF → LF; stderr dropped). */
export function onTerminal(columns: number, args: string[]): { status: number | null; out: string } {
  const command = `stty cols ${columns} rows 50; ${[...PORTOLAN, ...args].map(sh).join(' ')} 2>/dev/null`;
  const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TERM: 'dumb' } });
  return { status: r.status, out: r.stdout.replace(/\r\n/g, '\n') };
}

/** `portolan ARGS` with `input` on its standard input (not a terminal). */
export function withStdin(input: string, args: string[]) {
  return spawnSync(PORTOLAN[0]!, [...PORTOLAN.slice(1), ...args], { cwd: ROOT, input, encoding: 'utf8' });
}
