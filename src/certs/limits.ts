// Certificate subjects held to the limit of the tool that makes the request: openssl req
// refuses a subject common name of more than 64 characters (RFC 5280's ub-common-name).
import type { Finding } from '../topology/lint.ts';
import type { Topology } from '../topology/model.ts';
import { nameOrigin } from '../topology/name-origin.ts';
import { certificates } from './plan.ts';

const RFC5280 = { document: 'RFC 5280, Internet X.509 Public Key Infrastructure Certificate and CRL Profile', section: 'Appendix A.1: ub-common-name INTEGER ::= 64' };

export const MAX_COMMON_NAME = 64;

export function certificateNameFindings(t: Topology): Finding[] {
  return certificates(t).filter((c) => c.subject.length > MAX_COMMON_NAME).map((c) => ({
    rule: 'certificate-subject-too-long', severity: 'error' as const, location: nameOrigin(t, c.subject), citation: RFC5280,
    message: `certificate ${c.name}: subject CN ${c.subject} is ${c.subject.length} characters, over the ${MAX_COMMON_NAME} a common name can hold (openssl req rejects it); use a shorter FQDN for the subject (longer names can still be SANs)`,
  }));
}
