// panos: a zone-based rulebase, rendered by src/render/panos.ts and read back by src/parse/panos.ts.
import { parsePanos } from '../parse/panos.ts';
import { panosRenderer } from '../render/panos.ts';
import type { Platform } from './types.ts';

export const panos: Platform = {
  name: 'panos',
  title: 'Palo Alto Networks PAN-OS (security rules between zones; audit reads set commands and XML)',
  docs: 'docs/targets/panos.md',
  renderers: [panosRenderer],
  readers: [{ form: 'PAN-OS (set commands or XML)', parse: parsePanos }],
  audit: {
    attachments: ['zones'],
    sees: 'the rules from the outside zone to the inside zone (--outside, --inside; default the names render writes) the inbound flows, the reverse the outbound ones',
  },
  options: ['outside', 'inside'],
};
