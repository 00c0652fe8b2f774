// Reads a topology file: YAML syntax, then the JSON Schema, then references and addresses.
// Every problem is reported as file:line:col and raises InputErrors (exit status 2).
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ErrorObject } from 'ajv';
import { InputError, InputErrors } from '../errors.ts';
import { inputName, readInput } from '../input.ts';
import { validate as generatedValidate } from './validate.generated.ts';
import { locate, type YamlPath } from './locate.ts';
import { suggest } from '../text/suggest.ts';
import { cidrFamily, hostFamily } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import { buildTopology, type RawTopology } from './build.ts';
import { nestingError, structureError, toData } from './structure.ts';
import type { Topology } from './model.ts';

// schema.ts compiled ahead of time by `npm run schema` (ajv standalone: no schema compile per run).
const validate = generatedValidate as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Loads a topology file; '-' reads standard input. */
export function loadTopology(file: string): Topology {
  return parseTopology(readInput(file, 'topology file'), inputName(file));
}

/** Where a path of the topology data is in its file (`key: true`: the key rather than the value);
 * `file` when the value came from another file than the topology's (an overlay). */
export type Locate = (path: YamlPath, opts?: { key?: boolean }) => { line: number; col: number; file?: string };

/** Topology data read from a file, not yet validated, with the position of every path. */
export interface TopologySource {
  data: Record<string, unknown>;
  file: string;
  locate: Locate;
}

export function parseTopology(text: string, file: string): Topology {
  return validateTopology(readTopologyYaml(text, file));
}

/** YAML syntax and structure: the document as data, each path located. */
export function readTopologyYaml(text: string, file: string, what = 'topology'): TopologySource {
  const lc = new LineCounter();
  const deep = nestingError(text, file);
  if (deep) throw deep;
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    // The YAML library recurses per nesting level; past what the stack holds it throws.
    if (!(e instanceof RangeError)) throw e;
    throw new InputError('YAML: nested too deep to read (a topology needs fewer than ten levels)', { file, line: 1, col: 1 });
  }
  if (doc.errors.length > 0) {
    throw new InputErrors(doc.errors.map((e) => {
      const { line, col } = lc.linePos(e.pos[0]);
      // The library reports its own stack overflow as a syntax error: say what it means.
      if (/call stack/i.test(e.message)) return new InputError('YAML: nested too deep to read (a topology needs fewer than ten levels)', { file, line, col });
      return new InputError(`YAML syntax: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, { file, line, col });
    }));
  }
  const bad = structureError(doc, lc, file);
  if (bad) throw bad;
  const data = toData(doc, lc, file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`the ${what} must be a mapping (version, sipDomains, edgePools, …)`, { file, line: 1, col: 1 });
  }
  return { data: data as Record<string, unknown>, file, locate: (path, opts) => locate(doc, lc, path, opts) };
}

/** The schema, then addresses and references, then the model; every problem located. */
export function validateTopology(src: TopologySource, extra: Pick<Topology, 'ignored'> = {}): Topology {
  const { data, file } = src;
  if (!validate(data)) throw new InputErrors(schemaErrors(validate.errors ?? [], data, src));
  const raw = data as unknown as RawTopology;
  const at = (path: YamlPath, msg: string) => new InputError(msg, { file, ...src.locate(path) });
  const errors = [...addressErrors(raw, at), ...referenceErrors(raw, at)];
  if (errors.length > 0) throw new InputErrors(sortErrors(errors));
  return { ...buildTopology(raw, file, (path) => ({ file, ...src.locate(path) })), ...extra };
}

function pathOf(instancePath: string): YamlPath {
  return instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
}

function describe(e: ErrorObject, data: unknown): string {
  const where = e.instancePath ? `${pathOf(e.instancePath).join('.')}: ` : '';
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const s = suggest(key, known);
      return `${where}unknown key '${key}'${s ? ` (did you mean '${s}'?)` : ''}; known keys: ${known.join(', ')}`;
    }
    case 'required':
      return `${where || 'top level: '}missing required key '${(e.params as { missingProperty: string }).missingProperty}'`;
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const value = pathOf(e.instancePath).reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k as string], data);
      const s = typeof value === 'string' ? suggest(value, allowed) : undefined;
      return `${where}'${String(value)}' is not one of ${allowed.join(', ')}${s ? ` (did you mean '${s}'?)` : ''}`;
    }
    case 'type':
      return `${where}must be ${(e.params as { type: string | string[] }).type.toString().replace(',', ' or ')}`;
    case 'pattern':
      return `${where}${e.parentSchema && (e.parentSchema as { description?: string }).description ? `must be ${(e.parentSchema as { description: string }).description.replace(/^An? /, 'a ').replace(/\.$/, '')}` : `does not match ${(e.params as { pattern: string }).pattern}`}`;
    default:
      return `${where}${e.message ?? e.keyword}`;
  }
}

function schemaErrors(errors: ErrorObject[], data: unknown, src: TopologySource): InputError[] {
  const file = src.file;
  const seen = new Set<string>();
  const out: InputError[] = [];
  for (const e of errors) {
    const path = pathOf(e.instancePath);
    let pos;
    if (e.keyword === 'additionalProperties') {
      pos = src.locate([...path, (e.params as { additionalProperty: string }).additionalProperty], { key: true });
    } else {
      pos = src.locate(path);
    }
    const msg = describe(e, data);
    const key = `${pos.line}:${pos.col}:${msg}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(new InputError(msg, { file, ...pos }));
  }
  return sortErrors(out);
}

function sortErrors(errors: InputError[]): InputError[] {
  return [...errors].sort((a, b) => (a.location!.line - b.location!.line) || (a.location!.col - b.location!.col) || a.message.localeCompare(b.message));
}

type At = (path: YamlPath, msg: string) => InputError;

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Every address field, with its path: checks syntax and duplicates between hosts. */
function addressErrors(raw: RawTopology, at: At): InputError[] {
  const errors: InputError[] = [];
  const owners = new Map<string, string>();
  // `named`: a host's own address, which may stay its FQDN until resolved (net/host-name.ts).
  const check = (path: YamlPath, value: string | string[] | undefined, owner: string, opts: { prefix?: boolean; shared?: boolean; named?: boolean } = {}) => {
    const values = list(value);
    values.forEach((v, i) => {
      const p = Array.isArray(value) ? [...path, i] : path;
      if (typeof v === 'string' && v.includes('%')) {
        // node's isIP accepts `fe80::1%eth0`; no firewall rule, DNS zone or certificate does.
        errors.push(at(p, `'${v}': a zone index (%${v.split('%')[1]}) names an interface of one host; firewall rules, DNS records and certificates take the address alone`));
        return;
      }
      if (opts.named && typeof v === 'string' && isHostName(v)) return;
      if (typeof v !== 'string' || !(opts.prefix ? cidrFamily(v) : hostFamily(v))) {
        errors.push(at(p, `'${v}' is not a valid ${opts.prefix ? 'IPv4/IPv6 network (CIDR) or address' : opts.named ? 'IPv4 or IPv6 address (or, unresolved, the host\'s FQDN)' : 'IPv4 or IPv6 address'}`));
        return;
      }
      if (opts.prefix || opts.shared) return;
      const prev = owners.get(v);
      if (prev !== undefined && prev === owner) errors.push(at(p, `duplicate address ${v} (already given for ${prev})`));
      else if (prev === undefined) owners.set(v, owner);
    });
  };
  (raw.edgePools ?? []).forEach((pool, pi) => {
    pool.nodes.forEach((n, ni) => {
      for (const svc of ['access', 'webConferencing', 'av'] as const) {
        // Services of one node may share one address (with distinct ports): lint judges that.
        check(['edgePools', pi, 'nodes', ni, 'external', svc], n.external[svc], `edge node ${n.name} external`, { shared: true, named: true });
      }
      check(['edgePools', pi, 'nodes', ni, 'external', 'avPublic'], n.external.avPublic, `edge node ${n.name}`, { shared: true });
      for (const svc of ['access', 'webConferencing', 'av'] as const) {
        check(['edgePools', pi, 'nodes', ni, 'external', 'public', svc], n.external.public?.[svc], `edge node ${n.name} public`, { shared: true });
      }
      check(['edgePools', pi, 'nodes', ni, 'internal'], n.internal, 'edge internal interfaces', { named: true });
    });
    if (pool.vips) for (const k of ['access', 'webConferencing', 'av', 'internal'] as const) check(['edgePools', pi, 'vips', k], pool.vips[k], `edge pool ${pool.name} VIPs`, { shared: true });
  });
  for (const kind of ['frontEndPools', 'directorPools', 'mediationPools'] as const) {
    (raw[kind] ?? []).forEach((pool, pi) => {
      check([kind, pi, 'vip'], pool.vip, 'pool VIPs');
      pool.servers.forEach((s, si) => check([kind, pi, 'servers', si, 'address'], s.address, 'servers', { named: true }));
    });
  }
  for (const kind of ['pstnGateways', 'survivableBranches', 'e911Gateways'] as const) {
    (raw[kind] ?? []).forEach((h, i) => check([kind, i, 'address'], h.address, kind, { named: true }));
  }
  if (raw.reverseProxy) {
    check(['reverseProxy', 'external'], raw.reverseProxy.external, 'reverse proxy', { shared: true });
    check(['reverseProxy', 'internal'], raw.reverseProxy.internal, 'reverse proxy', { shared: true });
  }
  for (const k of ['networks', 'ipPhones'] as const) check(['clients', k], raw.clients?.[k], 'clients', { prefix: true });
  for (const k of ['internet', 'perimeter', 'corporate'] as const) check(['zones', k], raw.zones?.[k], 'zones', { prefix: true });
  return errors;
}

/** Names must be unique per kind; nextHop and publishes must name a pool. */
function referenceErrors(raw: RawTopology, at: At): InputError[] {
  const errors: InputError[] = [];
  const poolNames = new Map<string, string>();
  for (const kind of ['frontEndPools', 'directorPools', 'mediationPools'] as const) {
    (raw[kind] ?? []).forEach((p, i) => {
      if (poolNames.has(p.name)) errors.push(at([kind, i, 'name'], `duplicate pool name '${p.name}'`));
      poolNames.set(p.name, kind);
      const names = new Set<string>();
      p.servers.forEach((s, si) => {
        if (names.has(s.name)) errors.push(at([kind, i, 'servers', si, 'name'], `duplicate server name '${s.name}' in pool ${p.name}`));
        names.add(s.name);
      });
    });
  }
  const hopTargets = [...poolNames].filter(([, k]) => k !== 'mediationPools').map(([n]) => n);
  const edgeNames = new Set<string>();
  (raw.edgePools ?? []).forEach((pool, pi) => {
    if (edgeNames.has(pool.name)) errors.push(at(['edgePools', pi, 'name'], `duplicate edge pool name '${pool.name}'`));
    edgeNames.add(pool.name);
    const nodeNames = new Set<string>();
    pool.nodes.forEach((n, ni) => {
      if (nodeNames.has(n.name)) errors.push(at(['edgePools', pi, 'nodes', ni, 'name'], `duplicate node name '${n.name}' in edge pool ${pool.name}`));
      nodeNames.add(n.name);
    });
    if (pool.nextHop !== undefined && !hopTargets.includes(pool.nextHop)) {
      const s = suggest(pool.nextHop, hopTargets);
      errors.push(at(['edgePools', pi, 'nextHop'], `next hop '${pool.nextHop}' is not a Front End or Director pool of this topology${s ? ` (did you mean '${s}'?)` : hopTargets.length ? ` (pools: ${hopTargets.join(', ')})` : ''}`));
    }
    if (pool.loadBalancing === 'hardware' && !pool.vips) errors.push(at(['edgePools', pi], `edge pool '${pool.name}' uses hardware load balancing but gives no vips (access, webConferencing, av, internal)`));
    if (pool.loadBalancing !== 'hardware' && pool.vips) errors.push(at(['edgePools', pi, 'vips'], `vips are only for loadBalancing: hardware (edge pool '${pool.name}' is ${pool.loadBalancing ?? 'none'})`));
    if ((pool.loadBalancing ?? 'none') === 'none' && pool.nodes.length > 1) errors.push(at(['edgePools', pi, 'loadBalancing'], `edge pool '${pool.name}' has ${pool.nodes.length} nodes: set loadBalancing to dns or hardware`));
  });
  const rp = raw.reverseProxy;
  if (rp?.publishes !== undefined && !hopTargets.includes(rp.publishes)) {
    const s = suggest(rp.publishes, hopTargets);
    errors.push(at(['reverseProxy', 'publishes'], `reverse proxy publishes '${rp.publishes}', which is not a Front End or Director pool${s ? ` (did you mean '${s}'?)` : ''}`));
  }
  for (const kind of ['frontEndPools', 'directorPools', 'mediationPools'] as const) {
    (raw[kind] ?? []).forEach((p, i) => {
      if (p.loadBalancing === 'hardware' && !p.vip) errors.push(at([kind, i], `pool '${p.name}' uses hardware load balancing but has no vip`));
    });
  }
  return errors;
}
