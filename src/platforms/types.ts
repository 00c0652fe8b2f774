// One descriptor per platform: everything Portolan knows about a firewall product in one
// record — how to write it (renderers), how to read it back (one reader per input form), which
// command-line options it takes, and what its filters see when audited. The render and audit
// commands, the round-trip test, the docs index and the scaffold iterate these records.
import type { ConfigParser } from '../parse/types.ts';
import type { FilterBinding, PolicyRule } from '../policy/types.ts';
import type { Renderer } from '../render/types.ts';

/** One input form `audit --platform NAME` reads. */
export interface PlatformReader {
  /** The form in the user's words, e.g. `nft -j list ruleset`, `Terraform`. */
  form: string;
  /** Whether a text is in this form. The first reader that recognizes a text reads it; a reader
   *  without the test is the fallback (list it last). */
  recognizes?: (text: string) => boolean;
  parse: ConfigParser;
}

/** What the audit needs to know of a platform beyond what its readers attach to each filter. */
export interface AuditTraits {
  /** What the readers attach filters to (`policy.binding.attachment`), for docs and checks. */
  attachments: FilterBinding['attachment'][];
  /** What a filter sees, in words (docs). */
  sees: string;
  /** Rules the platform puts behind every filter and users cannot remove (Azure's NSG default
   *  rules): that the user's rules cover them is the intent, never a shadowing finding. */
  implicitRule?: (rule: PolicyRule) => boolean;
  /** `--hit-counts FILE`: the readers take this listing of rule hit counters. */
  hitCounts?: string;
}

/** A command-line option that only some platforms use. */
export type PlatformOption = 'outside' | 'inside' | 'profile' | 'ignore-source-ports' | 'hit-counts';

export interface Platform {
  /** The name `render --target` (for its main renderer) and `audit --platform` take. */
  name: string;
  /** One line for the docs index. */
  title: string;
  /** Its page: `docs/targets/NAME.md`. */
  docs: string;
  /** Render targets, main one first (iptables also writes ip6tables documents). */
  renderers: Renderer[];
  /** Input forms `audit --platform NAME` reads; empty when Portolan does not read it back. */
  readers: PlatformReader[];
  /** Present when there are readers. */
  audit?: AuditTraits;
  /** Options of `render` / `audit` this platform uses (others are ignored for it). */
  options: PlatformOption[];
  /** Former `--platform` names still accepted, each with the note printed on use. */
  aliases?: Record<string, string>;
}

/** Leading `{` or `[`: a JSON document (Terraform's native syntax never starts so). */
export const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text);
