// Cisco ASA: access-lists and access-group bindings rendered; show running-config read back.
import { parseCiscoAsa } from '../parse/cisco-asa.ts';
import { ciscoAsaRenderer } from '../render/cisco-asa.ts';
import type { Platform } from './types.ts';

export const ciscoAsa: Platform = {
  name: 'cisco-asa',
  title: 'Cisco ASA (access-list + access-group; audit reads show running-config)',
  docs: 'docs/targets/cisco-asa.md',
  renderers: [ciscoAsaRenderer],
  readers: [{ form: 'show running-config', parse: parseCiscoAsa }],
  audit: {
    attachments: ['interface', 'global'],
    sees: 'each access-group by its direction and interface: in on the less trusted interface (--outside) inbound flows, in on another interface outbound ones; global ACLs are not bound',
    hitCounts: 'show access-list',
  },
  options: ['outside', 'inside', 'hit-counts'],
};
