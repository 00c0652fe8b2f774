// The certificate plans as JSON (the plan objects as they are; key order fixed by construction).
import type { CertificatePlan } from './plan.ts';

export function formatCertJson(certs: CertificatePlan[]): string {
  return JSON.stringify(certs, null, 2) + '\n';
}
