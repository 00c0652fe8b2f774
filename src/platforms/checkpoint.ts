// checkpoint: a zone-based rulebase, rendered by src/render/checkpoint.ts and read back by src/parse/checkpoint.ts.
import { parseCheckpoint } from '../parse/checkpoint.ts';
import { checkpointRenderer } from '../render/checkpoint.ts';
import type { Platform } from './types.ts';

export const checkpoint: Platform = {
  name: 'checkpoint',
  title: 'Check Point (access rulebase; audit reads show access-rulebase JSON and mgmt_cli scripts)',
  docs: 'docs/targets/checkpoint.md',
  renderers: [checkpointRenderer],
  readers: [{ form: 'Check Point show access-rulebase JSON or mgmt_cli script', parse: parseCheckpoint }],
  audit: {
    attachments: ['zones'],
    sees: 'the rules from the outside zone to the inside zone (--outside, --inside; default the names render writes) the inbound flows, the reverse the outbound ones',
  },
  options: ['outside', 'inside'],
};
