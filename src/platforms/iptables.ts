// iptables / ip6tables: iptables-restore documents rendered (one per family); iptables-save and
// ip6tables-save read back.
import { parseIptables } from '../parse/iptables.ts';
import { ip6tablesRenderer, iptablesRenderer } from '../render/iptables.ts';
import type { Platform } from './types.ts';

export const iptables: Platform = {
  name: 'iptables',
  title: 'Linux iptables / ip6tables (iptables-restore; audit reads iptables-save and ip6tables-save)',
  docs: 'docs/targets/iptables.md',
  renderers: [iptablesRenderer, ip6tablesRenderer],
  readers: [{ form: 'iptables-save / ip6tables-save', parse: parseIptables }],
  audit: {
    attachments: ['chain'],
    sees: 'the built-in chains by their hook (INPUT inbound, OUTPUT outbound, FORWARD both directions) in the raw, mangle, filter and security tables, run in that order: a packet passes what every one lets through; user chains through -j and -g; ip6tables-save IPv6, iptables-save IPv4',
  },
  options: ['outside', 'inside'],
};
