// DNS names the zones carry, held to the limits of the tools that read them (named-checkzone:
// names of at most 253 characters, labels of at most 63). The topology schema bounds each name it
// is given; these are the names the records derive from them (a SIP domain under
// `_sipfederationtls._tcp.`), judged where they are made.
import type { Finding } from '../topology/lint.ts';
import type { Topology } from '../topology/model.ts';
import { nameOrigin } from '../topology/name-origin.ts';
import { dnsRecords } from './records.ts';

const RFC1035 = { document: 'RFC 1035, Domain names - implementation and specification', section: '2.3.4 Size limits: "labels 63 octets or less", "names 255 octets or less" (253 characters written out)' };

export const MAX_DNS_NAME = 253;
export const MAX_DNS_LABEL = 63;

export function dnsNameFindings(t: Topology): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of dnsRecords(t)) {
    for (const name of r.type === 'SRV' ? [r.name, r.target] : [r.name]) {
      const long = name.length > MAX_DNS_NAME;
      const label = name.split('.').find((l) => l.length > MAX_DNS_LABEL);
      if ((!long && !label) || seen.has(name)) continue;
      seen.add(name);
      out.push({
        rule: 'dns-name-too-long', severity: 'error', location: nameOrigin(t, name), citation: RFC1035,
        message: long
          ? `the DNS name ${name.slice(0, 40)}… is ${name.length} characters: over the ${MAX_DNS_NAME} a zone can hold (named-checkzone rejects it); shorten the SIP domain or name`
          : `the DNS name ${name} has a label of ${label!.length} characters: over the ${MAX_DNS_LABEL} a label can hold (named-checkzone rejects it)`,
      });
    }
  }
  return out;
}
