// Argument parsing shared by the commands: node's parseArgs, with mistakes as UsageError (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.ts';
import { suggest } from '../text/suggest.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(args: string[], options: O, positionals: { min: number; max: number; names: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '(--?[^']+)'/.exec(msg);
    if (unknown) {
      const s = suggest(unknown[1], Object.keys(options).map((k) => `--${k}`));
      throw new UsageError(`unknown option ${unknown[1]}${s ? ` (did you mean ${s}?)` : ''}`);
    }
    throw new UsageError(msg.split('\n')[0]);
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError(`missing ${positionals.names}`);
  if (n > positionals.max) throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max]}'`);
  return parsed;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const s = suggest(value, allowed);
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}${s ? ` (did you mean '${s}'?)` : ''}; got '${value}'`);
}
