// fortigate: a zone-based rulebase, rendered by src/render/fortigate.ts and read back by src/parse/fortigate.ts.
import { parseFortigate } from '../parse/fortigate.ts';
import { fortigateRenderer } from '../render/fortigate.ts';
import type { Platform } from './types.ts';

export const fortigate: Platform = {
  name: 'fortigate',
  title: 'Fortinet FortiGate (FortiOS 7.x policies between interfaces/zones)',
  docs: 'docs/targets/fortigate.md',
  renderers: [fortigateRenderer],
  readers: [{ form: 'FortiOS configuration (show full-configuration)', parse: parseFortigate }],
  audit: {
    attachments: ['zones'],
    sees: 'the rules from the outside zone to the inside zone (--outside, --inside; default the names render writes) the inbound flows, the reverse the outbound ones',
  },
  options: ['outside', 'inside'],
};
