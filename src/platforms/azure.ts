// Azure network security groups: Terraform rendered and read back; NSG JSON (az network nsg
// show / list, REST, ARM templates) read too, recognized by its content.
import { parseAzure } from '../parse/azure.ts';
import { parseAzureTerraform } from '../parse/azure-terraform.ts';
import { NSG_DEFAULT_RULES } from '../parse/nsg.ts';
import { azureRenderer } from '../render/azure.ts';
import { isTerraformJson, parseAzureTerraformJson } from '../parse/terraform-json.ts';
import { looksLikeJson, type Platform } from './types.ts';

const NSG_DEFAULTS = new Set(NSG_DEFAULT_RULES.map((r) => r.name));

export const azure: Platform = {
  name: 'azure',
  title: 'Azure network security groups (Terraform; audit reads Terraform and NSG JSON)',
  docs: 'docs/targets/azure.md',
  renderers: [azureRenderer],
  readers: [
    { form: 'terraform show -json (state or plan)', recognizes: isTerraformJson, parse: parseAzureTerraformJson },
    { form: 'NSG JSON (az network nsg show / list, REST, ARM template)', recognizes: looksLikeJson, parse: parseAzure },
    { form: 'Terraform', parse: parseAzureTerraform },
  ],
  audit: {
    attachments: ['subnet'],
    sees: 'each NSG by direction: Inbound rules the inbound flows, Outbound the outbound ones, in priority order, with Azure\'s default rules behind them',
    implicitRule: (rule) => NSG_DEFAULTS.has(rule.comment),
  },
  options: [],
  aliases: { 'azure-terraform': '--platform azure-terraform is now --platform azure (it reads Terraform and NSG JSON alike)' },
};
