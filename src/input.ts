// Reads an input file named on the command line; '-' is standard input, shown as <stdin> in
// file:line:col messages.
import { readFileSync } from 'node:fs';
import { InputError, UsageError } from './errors.ts';

export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

/** The name error messages give to an input: the path, or <stdin> for '-'. */
export function inputName(file: string): string {
  return file === STDIN ? STDIN_NAME : file;
}

/** Standard input can feed one input of a run: refuse a second '-'. */
export function oneStdin(inputs: Record<string, string | undefined>): void {
  const dashes = Object.entries(inputs).filter(([, v]) => v === STDIN).map(([k]) => k);
  if (dashes.length > 1) throw new UsageError(`only one input can be '-' (standard input); got ${dashes.join(' and ')}`);
}

export function readInput(file: string, what: string): string {
  return readInputBytes(file, what).toString('utf8');
}

/** The raw bytes (an XML topology may be UTF-16). */
export function readInputBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file === STDIN ? 0 : file);
  } catch (e) {
    throw new InputError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: inputName(file), line: 1, col: 1 });
  }
}
