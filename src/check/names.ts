// Names the outputs carry, held to the limits of the tools that read them: a DNS zone
// (named-checkzone: names of at most 253 characters, labels of at most 63) and a certificate
// request (openssl req: a subject common name of at most 64 characters). The topology schema
// bounds each name it is given; these are the names the outputs derive from them (a SIP domain
// under `_sipfederationtls._tcp.`), judged where they are made.
import { certificates } from '../certs/plan.ts';
import { dnsRecords } from '../dns/records.ts';
import type { Finding } from '../topology/lint.ts';
import type { Origin, Topology } from '../topology/model.ts';

const RFC1035 = { document: 'RFC 1035, Domain names - implementation and specification', section: '2.3.4 Size limits: "labels 63 octets or less", "names 255 octets or less" (253 characters written out)' };
const RFC5280 = { document: 'RFC 5280, Internet X.509 Public Key Infrastructure Certificate and CRL Profile', section: 'Appendix A.1: ub-common-name INTEGER ::= 64' };

export const MAX_DNS_NAME = 253;
export const MAX_DNS_LABEL = 63;
export const MAX_COMMON_NAME = 64;

/** Where a name comes from: the SIP domain it ends in (the longest), else the file's start. */
function originOf(t: Topology, name: string): Origin {
  let best = -1;
  t.sipDomains.forEach((d, i) => {
    const dl = d.toLowerCase();
    if ((name === dl || name.endsWith(`.${dl}`)) && (best < 0 || dl.length > t.sipDomains[best]!.length)) best = i;
  });
  return (best >= 0 ? t.origins.get(`sipDomains.${best}`) : undefined) ?? { file: t.file, line: 1, col: 1 };
}

export function nameLimitFindings(t: Topology): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (key: string, f: Finding) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const r of dnsRecords(t)) {
    for (const name of r.type === 'SRV' ? [r.name, r.target] : [r.name]) {
      const long = name.length > MAX_DNS_NAME;
      const label = name.split('.').find((l) => l.length > MAX_DNS_LABEL);
      if (!long && !label) continue;
      add(`dns|${name}`, {
        rule: 'dns-name-too-long', severity: 'error', location: originOf(t, name), citation: RFC1035,
        message: long
          ? `the DNS name ${name.slice(0, 40)}… is ${name.length} characters: over the ${MAX_DNS_NAME} a zone can hold (named-checkzone rejects it); shorten the SIP domain or name`
          : `the DNS name ${name} has a label of ${label!.length} characters: over the ${MAX_DNS_LABEL} a label can hold (named-checkzone rejects it)`,
      });
    }
  }
  for (const c of certificates(t)) {
    if (c.subject.length <= MAX_COMMON_NAME) continue;
    add(`cn|${c.name}`, {
      rule: 'certificate-subject-too-long', severity: 'error', location: originOf(t, c.subject), citation: RFC5280,
      message: `certificate ${c.name}: subject CN ${c.subject} is ${c.subject.length} characters, over the ${MAX_COMMON_NAME} a common name can hold (openssl req rejects it); use a shorter FQDN for the subject (longer names can still be SANs)`,
    });
  }
  return out;
}
