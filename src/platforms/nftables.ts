// nftables: `nft -f` scripts rendered; `nft list ruleset` and `nft -j list ruleset` read back.
import { parseNftablesJson } from '../parse/nftables-json.ts';
import { parseNftablesText } from '../parse/nftables-text.ts';
import { nftablesRenderer } from '../render/nftables.ts';
import { looksLikeJson, type Platform } from './types.ts';

export const nftables: Platform = {
  name: 'nftables',
  title: 'Linux nftables (nft -f script; audit reads nft list ruleset and nft -j list ruleset)',
  docs: 'docs/targets/nftables.md',
  renderers: [nftablesRenderer],
  readers: [
    { form: 'nft -j list ruleset', recognizes: looksLikeJson, parse: parseNftablesJson },
    { form: 'nft list ruleset', parse: parseNftablesText },
  ],
  audit: {
    attachments: ['chain'],
    sees: 'each base chain by its hook and priority, whatever its name: forward both directions, input inbound, output outbound; several base chains on one path run in turn, a packet passes what every one lets through; regular chains are reached through jump/goto; the table family (ip, ip6, inet) gives the address family',
  },
  options: ['outside', 'inside'],
};
