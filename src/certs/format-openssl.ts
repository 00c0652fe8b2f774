// An OpenSSL request configuration for one certificate:
//   openssl req -new -config FILE -batch -newkey rsa:2048 -nodes -keyout KEY -out CSR
// produces a CSR whose subject and SANs are the plan's.
import type { CertificatePlan } from './plan.ts';

export function formatOpenssl(c: CertificatePlan): string {
  const lines = [
    `# Portolan: certificate request "${c.name}" (${c.interface})`,
    `# openssl req -new -config ${c.name}.cnf -batch -newkey rsa:${c.keyBits} -nodes -keyout ${c.name}.key -out ${c.name}.csr`,
    `# Assigned to: ${c.assignedTo.join('; ')}`,
    `# Install on: ${c.installOn.join(', ')}${c.exportableKey ? ' (same certificate and key on each)' : ''}`,
    '',
    '[ req ]',
    `default_bits = ${c.keyBits}`,
    'default_md = sha256',
    'prompt = no',
    'utf8 = yes',
    'distinguished_name = dn',
    'req_extensions = ext',
    '',
    '[ dn ]',
    `CN = ${c.subject}`,
    '',
    '[ ext ]',
    'basicConstraints = CA:FALSE',
    `keyUsage = critical, ${c.keyUsage.join(', ')}`,
    `extendedKeyUsage = ${c.extendedKeyUsage.join(', ')}`,
  ];
  if (c.sans.length > 0) {
    lines.push('subjectAltName = @alt', '', '[ alt ]', ...c.sans.map((s, i) => `DNS.${i + 1} = ${s}`));
  }
  return lines.join('\n') + '\n';
}
