// The certificate plans as a JSON body (the plan objects as they are; key order fixed by construction).
import type { CertificatePlan } from './plan.ts';

export function formatCertJson(certs: CertificatePlan[]): { certificates: CertificatePlan[] } {
  return { certificates: certs };
}
