// Loads a topology for the dns and certs commands through src/topology/load.ts (`loadTopology`).
// Imported at run time so these commands build before the loader lands; once it exists this can
// become a static import.
import { InputError } from '../../errors.ts';
import type { Topology } from '../../topology/model.ts';

export async function loadTopologyFile(path: string): Promise<Topology> {
  const url = new URL('../../topology/load.ts', import.meta.url).href;
  let mod: { loadTopology?: (p: string) => Topology | Promise<Topology> };
  try {
    mod = await import(url);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('load.ts')) {
      throw new InputError(`${path}: the topology loader (src/topology/load.ts) is not available in this build`);
    }
    throw e;
  }
  if (typeof mod.loadTopology !== 'function') throw new InputError('src/topology/load.ts exports no loadTopology');
  return await mod.loadTopology(path);
}
