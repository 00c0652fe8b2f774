// --resolve: the hosts an imported file leaves at 0.0.0.0 (or gives no address) get the
// addresses DNS has for their FQDN. The lookup itself is I/O, passed in by the CLI.
import { InputError } from '../errors.ts';
import { hostFamily } from '../net/address.ts';
import type { Imported } from './to-topology.ts';

/** A DNS lookup: the A and AAAA addresses of a name (empty when it has none). */
export type Lookup = (fqdn: string) => Promise<string[]>;

/** The imported data with every unresolved host's addresses looked up; a name DNS does not know is a located error. */
export async function resolveImported(imp: Imported, lookup: Lookup, file: string, resolver: string): Promise<Imported> {
  const answers = new Map<string, string[]>();
  const names = [...new Set(imp.unresolved.map((u) => u.fqdn.toLowerCase()))].sort();
  // One query per name, in a fixed order: deterministic, and gentle on the server.
  for (const n of names) answers.set(n, (await lookup(n)).filter((a) => hostFamily(a)).sort((a, b) => (hostFamily(a)! < hostFamily(b)! ? -1 : hostFamily(a) === hostFamily(b) ? 0 : 1)));
  const data = structuredClone(imp.data);
  const origins = new Map(imp.origins);
  for (const u of imp.unresolved) {
    const addrs = answers.get(u.fqdn.toLowerCase())!;
    const o = imp.origins.get(u.path)!;
    if (addrs.length === 0) throw new InputError(`${u.fqdn} has no address in the file (0.0.0.0) and the resolver ${resolver} has no A or AAAA record for it`, { file, line: o.line, col: o.col });
    const keys = u.path.split('.');
    let at: Record<string, unknown> = data;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1]!] = addrs.length === 1 ? addrs[0] : addrs;
    addrs.forEach((_, i) => { if (addrs.length > 1) origins.set(`${u.path}.${i}`, o); });
  }
  return { ...imp, data, origins, unresolved: [], resolvedBy: resolver };
}
