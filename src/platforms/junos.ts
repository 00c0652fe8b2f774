// junos: a zone-based rulebase, rendered by src/render/junos.ts and read back by src/parse/junos.ts.
import { parseJunos } from '../parse/junos.ts';
import { junosRenderer } from '../render/junos.ts';
import type { Platform } from './types.ts';

export const junos: Platform = {
  name: 'junos',
  title: 'Juniper Junos SRX (security policies between zones; audit reads display set and curly braces)',
  docs: 'docs/targets/junos.md',
  renderers: [junosRenderer],
  readers: [{ form: 'Junos (display set or curly braces)', parse: parseJunos }],
  audit: {
    attachments: ['zones'],
    sees: 'the rules from the outside zone to the inside zone (--outside, --inside; default the names render writes) the inbound flows, the reverse the outbound ones',
  },
  options: ['outside', 'inside'],
};
