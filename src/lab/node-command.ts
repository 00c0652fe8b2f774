// How the lab starts one of its own modules as a separate node process: the compiled .js next
// to this file (an installed package), or the .ts source through tsx (a checkout).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function nodeCommand(module: 'agent' | 'supervisor'): string[] {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith('.js');
  const file = resolve(dirname(here), `${module}.${compiled ? 'js' : 'ts'}`);
  return compiled ? [process.execPath, file] : [process.execPath, '--import', 'tsx', file];
}
