// pfsense: a zone-based rulebase, rendered by src/render/pfsense.ts and read back by src/parse/pfsense.ts.
import { parsePfsense } from '../parse/pfsense.ts';
import { pfsenseRenderer } from '../render/pfsense.ts';
import type { Platform } from './types.ts';

export const pfsense: Platform = {
  name: 'pfsense',
  title: 'pfSense (config.xml interface rules and aliases; --platform opnsense reads OPNsense config.xml)',
  docs: 'docs/targets/pfsense.md',
  renderers: [pfsenseRenderer],
  readers: [{ form: 'pfSense / OPNsense config.xml', parse: parsePfsense }],
  audit: {
    attachments: ['zones'],
    sees: 'the rules from the outside zone to the inside zone (--outside, --inside; default the names render writes) the inbound flows, the reverse the outbound ones',
  },
  options: ['outside', 'inside'],
};

/** OPNsense keeps pfSense's config.xml shape: read by the same reader, rendered as pfsense. */
export const opnsense: Platform = {
  name: 'opnsense',
  title: 'OPNsense (config.xml, read by the pfsense reader; render with --target pfsense)',
  docs: 'docs/targets/pfsense.md',
  renderers: [],
  readers: [{ form: 'OPNsense config.xml', parse: parsePfsense }],
  audit: pfsense.audit!,
  options: ['outside', 'inside'],
};
