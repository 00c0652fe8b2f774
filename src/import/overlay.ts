// --overlay FILE: YAML for what a Topology Builder file does not know (client and phone networks,
// zones, features and federation partners, a reverse proxy, hardware load balancer VIPs) merged
// onto the imported data. Pools, nodes, servers and gateways are matched by name; a value both
// give differently is a conflict, reported at the overlay's file:line:col with the XML's element
// and line. Two exceptions: the overlay may give the address of a host the file left as 0.0.0.0,
// and replace what the import inferred rather than read (a pool's load balancing).
import { InputError, InputErrors } from '../errors.ts';
import { isHostName } from '../net/host-name.ts';
import type { Locate, TopologySource } from '../topology/load.ts';
import type { YamlPath } from '../topology/locate.ts';

/** Lists whose entries are matched by `name`. */
const NAMED = new Set(['edgePools', 'frontEndPools', 'directorPools', 'mediationPools', 'nodes', 'servers', 'pstnGateways', 'survivableBranches', 'e911Gateways']);
/** Keys holding a host's own address (which the file may leave unresolved). */
const ADDRESS_KEYS = new Set(['address', 'access', 'webConferencing', 'av', 'internal']);

type Value = unknown;
const isObject = (v: Value): v is Record<string, Value> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: Value) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
const unresolved = (v: Value) => (typeof v === 'string' && isHostName(v)) || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && isHostName(x)));

/**
 * The base data with the overlay merged on. `where(path)` says where the base value came from
 * (`<NetInterface> line 37`), for conflict messages.
 */
export function mergeOverlay(base: TopologySource, where: (path: YamlPath) => string, overlay: TopologySource, replaceable: (path: YamlPath) => boolean = () => false): TopologySource {
  const data = structuredClone(base.data);
  const fromOverlay = new Map<string, YamlPath>();
  const errors: InputError[] = [];
  const conflict = (mPath: YamlPath, oPath: YamlPath, b: Value, o: Value) => {
    const { line, col } = overlay.locate(oPath);
    errors.push(new InputError(`${mPath.join('.')}: the overlay says ${show(o)}, ${base.file} says ${show(b)} (${where(mPath)}); remove one`, { file: overlay.file, line, col }));
  };
  const merge = (b: Value, o: Value, mPath: YamlPath, oPath: YamlPath): Value => {
    if (b === undefined) { fromOverlay.set(mPath.join('.'), oPath); return structuredClone(o); }
    const key = mPath[mPath.length - 1];
    if (isObject(o)) {
      if (!isObject(b)) { conflict(mPath, oPath, b, o); return b; }
      for (const [k, v] of Object.entries(o)) b[k] = merge(b[k], v, [...mPath, k], [...oPath, k]);
      return b;
    }
    if (Array.isArray(o) && typeof key === 'string' && NAMED.has(key) && Array.isArray(b)) {
      o.forEach((item, j) => {
        const name = isObject(item) ? item.name : undefined;
        const i = b.findIndex((x) => isObject(x) && name !== undefined && x.name === name);
        if (i >= 0) b[i] = merge(b[i], item, [...mPath, i], [...oPath, j]);
        else { fromOverlay.set([...mPath, b.length].join('.'), [...oPath, j]); b.push(structuredClone(item)); }
      });
      return b;
    }
    if (same(b, o)) return b;
    if ((typeof key === 'string' && ADDRESS_KEYS.has(key) && unresolved(b)) || replaceable(mPath)) { fromOverlay.set(mPath.join('.'), oPath); return structuredClone(o); }
    conflict(mPath, oPath, b, o);
    return b;
  };
  for (const [k, v] of Object.entries(overlay.data)) data[k] = merge(data[k], v, [k], [k]);
  if (errors.length) throw new InputErrors(errors);
  const locate: Locate = (path, opts) => {
    for (let n = path.length; n >= 0; n--) {
      const o = fromOverlay.get(path.slice(0, n).join('.'));
      if (o) return { ...overlay.locate([...o, ...path.slice(n)], opts), file: overlay.file };
    }
    return base.locate(path, opts);
  };
  return { data, file: base.file, locate };
}
