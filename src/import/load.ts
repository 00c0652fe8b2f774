// A TOPOLOGY argument of either kind, told apart by content: topology YAML, or Topology Builder /
// published topology XML imported on the fly. The CLI adds --overlay and --resolve on top
// (src/cli/topology-input.ts); the lab, which reloads its file in a child process, uses this.
import { inputName, readInputBytes } from '../input.ts';
import { readTopologyYaml, validateTopology, type TopologySource } from '../topology/load.ts';
import type { YamlPath } from '../topology/locate.ts';
import type { Topology } from '../topology/model.ts';
import { importXml, looksLikeXml } from './index.ts';
import { importedSource, originOf } from './source.ts';
import type { Imported } from './to-topology.ts';

export interface LoadedSource {
  src: TopologySource;
  /** Where a path's value came from, in words (`<NetInterface> line 37`, `line 12`): for overlay conflicts. */
  where: (path: YamlPath) => string;
  /** Set for XML: the import, with its unresolved hosts and ignored content. */
  imported?: Imported;
  /** Paths an overlay may replace (values the import inferred). */
  replaceable?: (path: YamlPath) => boolean;
}

export function importedLoadedSource(imported: Imported, name: string): LoadedSource {
  return {
    src: importedSource(imported, name), imported,
    replaceable: (path) => imported.inferred.has(path.join('.')),
    where: (path) => { const x = originOf(imported.origins, path); return x ? `<${x.element}> line ${x.line}` : 'line 1'; },
  };
}

export function loadedSource(bytes: Buffer, name: string): LoadedSource {
  if (looksLikeXml(bytes)) return importedLoadedSource(importXml(bytes, name), name);
  const src = readTopologyYaml(bytes.toString('utf8'), name);
  return { src, where: (path) => `line ${src.locate(path).line}` };
}

export function validateLoaded(l: LoadedSource): Topology {
  return validateTopology(l.src, l.imported ? { ignored: l.imported.ignored } : {});
}

/** A topology YAML or XML file ('-': standard input). */
export function loadAnyTopology(file: string): Topology {
  return validateLoaded(loadedSource(readInputBytes(file, 'topology file'), inputName(file)));
}
