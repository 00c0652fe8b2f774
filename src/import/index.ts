// Topology Builder / published topology XML → topology data with the XML position of every value.
import { readXml } from './read.ts';
import { readDocument } from './document.ts';
import { toTopology, type Imported } from './to-topology.ts';

export type { Imported, XmlOrigin } from './to-topology.ts';
export { looksLikeXml } from './read.ts';

export function importXml(bytes: Uint8Array, file: string): Imported {
  return toTopology(readDocument(readXml(bytes, file), file), file);
}
