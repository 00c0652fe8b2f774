// The certificate report as a text table, one row per certificate.
import { textTable } from '../text/table.ts';
import type { CertificatePlan } from './plan.ts';

export function formatCertTable(certs: CertificatePlan[]): string {
  return textTable(
    ['NAME', 'SUBJECT', 'SANS', 'EKU', 'ASSIGNED TO', 'INSTALL ON'],
    certs.map((c) => [
      c.name,
      c.subject,
      c.sans.join(' ') || '(none)',
      c.extendedKeyUsage.join(','),
      c.assignedTo.join('; '),
      c.installOn.join(' ') + (c.exportableKey && c.installOn.length > 1 ? ' (shared key)' : ''),
    ]),
  );
}
