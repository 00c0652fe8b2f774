// The platforms, in the order `render --help` lists their targets. Add a platform by writing
// its descriptor (src/platforms/NAME.ts; `npm run new-platform NAME` scaffolds it) and listing
// it here: the render and audit commands, the round-trip test and the docs index follow.
import { InputError } from '../errors.ts';
import type { ParseOptions, ParseResult } from '../parse/types.ts';
import type { Renderer } from '../render/types.ts';
import { aws } from './aws.ts';
import { azure } from './azure.ts';
import { ciscoAsa } from './cisco-asa.ts';
import { haproxy } from './haproxy.ts';
import { iptables } from './iptables.ts';
import { nftables } from './nftables.ts';
import type { Platform, PlatformReader } from './types.ts';
import { windows } from './windows.ts';
import { checkpoint } from './checkpoint.ts';
import { fortigate } from './fortigate.ts';
import { junos } from './junos.ts';
import { panos } from './panos.ts';
import { opnsense, pfsense } from './pfsense.ts';

export type { AuditTraits, Platform, PlatformOption, PlatformReader } from './types.ts';

export const PLATFORMS: readonly Platform[] = [nftables, iptables, haproxy, windows, ciscoAsa, aws, azure, panos, junos, fortigate, checkpoint, pfsense, opnsense];

/** Every render target, with the platform it belongs to. */
export const RENDERERS: readonly Renderer[] = PLATFORMS.flatMap((p) => p.renderers);

export function findRenderer(target: string): Renderer | undefined {
  return RENDERERS.find((r) => r.target === target);
}

export function rendererTargets(): string[] {
  return RENDERERS.map((r) => r.target);
}

/** The platform a render target belongs to (`ip6tables` → iptables). */
export function platformOfTarget(target: string): Platform | undefined {
  return PLATFORMS.find((p) => p.renderers.some((r) => r.target === target));
}

/** Platforms `audit --platform` reads, by name. */
export function auditPlatforms(): string[] {
  return PLATFORMS.filter((p) => p.readers.length > 0).map((p) => p.name);
}

/** Former names still accepted by `--platform`, with the name each stands for. */
export function platformAliases(): { alias: string; platform: string }[] {
  return PLATFORMS.flatMap((p) => Object.keys(p.aliases ?? {}).map((alias) => ({ alias, platform: p.name })));
}

/** A `--platform` name (or a former one, with the note to print) → its platform. */
export function findPlatform(name: string): { platform: Platform; note?: string } | undefined {
  for (const p of PLATFORMS) {
    if (p.name === name) return { platform: p };
    if (p.aliases && Object.hasOwn(p.aliases, name)) return { platform: p, note: p.aliases[name] };
  }
  return undefined;
}

/** The reader of a platform for this text: the first that recognizes it, else the fallback. */
export function readerFor(platform: Platform, text: string): PlatformReader {
  const r = platform.readers.find((x) => x.recognizes?.(text)) ?? platform.readers.find((x) => !x.recognizes);
  if (!r) throw new InputError(`${platform.name} configurations cannot be read (forms: ${platform.readers.map((x) => x.form).join(', ') || 'none'})`);
  return r;
}

/** A configuration of a platform, read by the reader its content calls for. */
export function readConfig(platform: Platform, text: string, file: string, options?: ParseOptions): ParseResult {
  return readerFor(platform, text).parse(text, file, options);
}
