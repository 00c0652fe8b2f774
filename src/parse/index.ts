// Parsers of existing firewall configurations, by platform name (`audit --platform P`).
import { parseAws } from './aws.ts';
import { parseAwsTerraform } from './aws-terraform.ts';
import { parseAzure } from './azure.ts';
import { parseAzureTerraform } from './azure-terraform.ts';
import { parseCiscoAsa } from './cisco-asa.ts';
import { parseIptables } from './iptables.ts';
import { parseNftablesJson } from './nftables-json.ts';
import { parseNftablesText } from './nftables-text.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { parseFortigate } from './fortigate.ts';
import { parseJunos } from './junos.ts';
import { parsePfsense } from './pfsense.ts';
import { parsePanos } from './panos.ts';
import type { ConfigParser } from './types.ts';

export type { ConfigParser, ParseOptions, ParseResult, ParseWarning } from './types.ts';

/** nftables: `nft -j list ruleset` when the text is JSON, `nft list ruleset` otherwise. */
export const parseNftables: ConfigParser = (text, file, options) =>
  /^\s*\{/.test(text) ? parseNftablesJson(text, file, options) : parseNftablesText(text, file, options);

export const PARSERS: Readonly<Record<string, ConfigParser>> = {
  nftables: parseNftables,
  iptables: parseIptables,
  'cisco-asa': parseCiscoAsa,
  aws: parseAws,
  azure: parseAzure,
  'aws-terraform': parseAwsTerraform,
  'azure-terraform': parseAzureTerraform,
  panos: parsePanos,
  junos: parseJunos,
  fortigate: parseFortigate,
  pfsense: parsePfsense,
  opnsense: parsePfsense,
  checkpoint: parseCheckpoint,
};

export function parserFor(platform: string): ConfigParser | undefined {
  return Object.hasOwn(PARSERS, platform) ? PARSERS[platform] : undefined;
}

export { parseAws, parseAwsTerraform, parseAzure, parseAzureTerraform, parseCiscoAsa, parseIptables, parseNftablesJson, parseNftablesText };
