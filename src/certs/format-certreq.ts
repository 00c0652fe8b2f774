// A Windows certreq INF (`certreq -new FILE.inf FILE.req`) for one certificate: machine key,
// SChannel provider, exportable where the key is shared by several nodes, SANs as the 2.5.29.17 extension.
import type { CertificatePlan, ExtendedKeyUsage, KeyUsage } from './plan.ts';

const EKU_OID: Record<ExtendedKeyUsage, string> = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' };
// CERT_DIGITAL_SIGNATURE_KEY_USAGE 0x80, CERT_KEY_ENCIPHERMENT_KEY_USAGE 0x20.
const KU_BIT: Record<KeyUsage, number> = { digitalSignature: 0x80, keyEncipherment: 0x20 };

export function formatCertreq(c: CertificatePlan): string {
  const ku = c.keyUsage.reduce((a, k) => a | KU_BIT[k], 0);
  const lines = [
    `; Portolan: certificate request "${c.name}" (${c.interface})`,
    `; certreq -new ${c.name}.inf ${c.name}.req`,
    `; Assigned to: ${c.assignedTo.join('; ')}`,
    `; Install on: ${c.installOn.join(', ')}${c.exportableKey ? ' (export with the private key, import on each)' : ''}`,
    '',
    '[Version]',
    'Signature="$Windows NT$"',
    '',
    '[NewRequest]',
    `Subject = "CN=${c.subject}"`,
    'KeySpec = 1',
    `KeyLength = ${c.keyBits}`,
    `Exportable = ${c.exportableKey ? 'TRUE' : 'FALSE'}`,
    'MachineKeySet = TRUE',
    'SMIME = FALSE',
    'PrivateKeyArchive = FALSE',
    'UserProtected = FALSE',
    'UseExistingKeySet = FALSE',
    'ProviderName = "Microsoft RSA SChannel Cryptographic Provider"',
    'ProviderType = 12',
    'RequestType = PKCS10',
    'HashAlgorithm = sha256',
    `KeyUsage = 0x${ku.toString(16)}`,
    '',
    '[EnhancedKeyUsageExtension]',
    ...c.extendedKeyUsage.map((e) => `OID = ${EKU_OID[e]} ; ${e}`),
  ];
  if (c.sans.length > 0) {
    lines.push('', '[Extensions]', '; subjectAltName');
    lines.push('2.5.29.17 = "{text}"', ...c.sans.map((s) => `_continue_ = "dns=${s}&"`));
  }
  return lines.join('\r\n') + '\r\n';
}
