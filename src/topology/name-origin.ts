// Where a name an output derives (a DNS owner name, a certificate subject) comes from in the
// topology file: the SIP domain it ends in (the longest such), else the file's start.
import type { Origin, Topology } from './model.ts';

export function nameOrigin(t: Topology, name: string): Origin {
  let best = -1;
  t.sipDomains.forEach((d, i) => {
    const dl = d.toLowerCase();
    if ((name === dl || name.endsWith(`.${dl}`)) && (best < 0 || dl.length > t.sipDomains[best]!.length)) best = i;
  });
  return (best >= 0 ? t.origins.get(`sipDomains.${best}`) : undefined) ?? { file: t.file, line: 1, col: 1 };
}
