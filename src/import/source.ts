// Imported data as the one topology loader takes it: each path located at the XML element it
// came from (a path the import did not set is located at its nearest ancestor that it did).
import type { TopologySource } from '../topology/load.ts';
import type { YamlPath } from '../topology/locate.ts';
import type { Imported, XmlOrigin } from './to-topology.ts';

/** The origin of a path, or of its nearest ancestor with one. */
export function originOf(origins: ReadonlyMap<string, XmlOrigin>, path: YamlPath): XmlOrigin | undefined {
  for (let n = path.length; n >= 0; n--) {
    const o = origins.get(path.slice(0, n).join('.'));
    if (o) return o;
  }
  return undefined;
}

export function importedSource(imp: Imported, file: string): TopologySource {
  return {
    data: imp.data, file,
    locate: (path) => { const o = originOf(imp.origins, path); return o ? { line: o.line, col: o.col } : { line: 1, col: 1 }; },
  };
}
