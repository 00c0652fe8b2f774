// AWS security groups: Terraform rendered and read back; `aws ec2 describe-security-groups`
// JSON read too, recognized by its content.
import { parseAws } from '../parse/aws.ts';
import { parseAwsTerraform } from '../parse/aws-terraform.ts';
import { awsRenderer } from '../render/aws.ts';
import { isTerraformJson, parseAwsTerraformJson } from '../parse/terraform-json.ts';
import { looksLikeJson, type Platform } from './types.ts';

export const aws: Platform = {
  name: 'aws',
  title: 'AWS security groups (Terraform; audit reads Terraform and describe-security-groups JSON)',
  docs: 'docs/targets/aws.md',
  renderers: [awsRenderer],
  readers: [
    { form: 'terraform show -json (state or plan)', recognizes: isTerraformJson, parse: parseAwsTerraformJson },
    { form: 'aws ec2 describe-security-groups JSON', recognizes: looksLikeJson, parse: parseAws },
    { form: 'Terraform', parse: parseAwsTerraform },
  ],
  audit: {
    attachments: ['instance'],
    sees: 'security groups sit on instances: a flow needs the ingress of the group at its destination and the egress of the group at its source; groups of one direction are a union',
  },
  options: ['ignore-source-ports'],
  aliases: { 'aws-terraform': "--platform aws-terraform is now --platform aws (it reads Terraform and describe-security-groups JSON alike)" },
};
