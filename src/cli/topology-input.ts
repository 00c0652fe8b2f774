// The one way a command reads its TOPOLOGY argument: a topology YAML, or a Topology Builder
// .tbxml / published topology XML (recognized by content), imported on the fly; then an optional
// --overlay YAML merged on; --resolve looks up the hosts the XML leaves at 0.0.0.0.
import { Resolver } from 'node:dns/promises';
import { UsageError, InputError } from '../errors.ts';
import { inputName, readInputBytes } from '../input.ts';
import { hostFamily } from '../net/address.ts';
import { importXml, looksLikeXml, type Imported } from '../import/index.ts';
import { importedLoadedSource, loadedSource, validateLoaded, type LoadedSource } from '../import/load.ts';
import { mergeOverlay } from '../import/overlay.ts';
import { resolveImported, type Lookup } from '../import/resolve.ts';
import { readTopologyYaml } from '../topology/load.ts';
import type { Topology } from '../topology/model.ts';

/** The options every command that reads a TOPOLOGY takes (spread into its parse options). */
export const TOPOLOGY_OPTIONS = {
  overlay: { type: 'string' },
  resolve: { type: 'boolean' },
  resolver: { type: 'string' },
} as const;

/** Their --help lines, the same in every command. */
export const TOPOLOGY_HELP = `topology input (docs/import.md):
  TOPOLOGY       a topology YAML, or a Topology Builder .tbxml / Get-CsTopology -AsXml
                 file (recognized by its content), imported on the fly
  --overlay F    YAML merged onto TOPOLOGY: clients, zones, features, partners, reverse
                 proxy, VIPs; a value both give differently is an error (file:line:col)
  --resolve      look up the hosts the XML leaves at 0.0.0.0 in DNS (A and AAAA)
  --resolver A   the DNS server for --resolve: ADDRESS or ADDRESS:PORT ([v6]:PORT)
                 (default: the system's resolvers)`;

export interface TopologyInputOptions { overlay?: string | undefined; resolve?: boolean | undefined; resolver?: string | undefined }

/** `{ input }` with the topology input options among parsed values, or `{}` when none was given. */
export function withTopologyInput(values: TopologyInputOptions): { input?: TopologyInputOptions } {
  const o: TopologyInputOptions = {
    ...(values.overlay !== undefined ? { overlay: values.overlay } : {}),
    ...(values.resolve ? { resolve: true } : {}),
    ...(values.resolver !== undefined ? { resolver: values.resolver } : {}),
  };
  return Object.keys(o).length ? { input: o } : {};
}

/** A DNS server argument: 127.0.0.1, 127.0.0.1:5353, ::1 or [::1]:5353. */
export function resolverServer(text: string): string {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text) ?? [text, text, undefined];
  const host = m[1]!;
  const port = m[2];
  if (!hostFamily(host) || (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535))) {
    throw new UsageError(`--resolver takes ADDRESS or ADDRESS:PORT (e.g. 127.0.0.1:5353 or [::1]:53); got '${text}'`);
  }
  return text;
}

/** A lookup over node's DNS client (real queries to the server given, or the system's). */
export function dnsLookup(server: string | undefined): Lookup {
  const r = new Resolver({ timeout: 2000, tries: 2 });
  if (server) r.setServers([server]);
  const ask = async (fqdn: string, rr: 'A' | 'AAAA') => {
    try {
      return rr === 'A' ? await r.resolve4(fqdn) : await r.resolve6(fqdn);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENODATA' || code === 'ENOTFOUND') return [];
      throw new InputError(`--resolve: the DNS query for ${fqdn} (${rr}) to ${server ?? 'the system resolver'} failed: ${code ?? (e as Error).message}`);
    }
  };
  return async (fqdn) => [...await ask(fqdn, 'A'), ...await ask(fqdn, 'AAAA')];
}

/** The imported form of an XML TOPOLOGY (for `portolan import`), resolved when asked. */
export async function importTopologyFile(file: string, o: TopologyInputOptions): Promise<{ imported: Imported; form: string }> {
  return importTopologyBytes(readInputBytes(file, 'topology file'), inputName(file), o);
}

async function importTopologyBytes(bytes: Buffer, name: string, o: TopologyInputOptions): Promise<{ imported: Imported; form: string }> {
  if (!looksLikeXml(bytes)) throw new InputError('not an XML file: portolan import reads a Topology Builder .tbxml or Get-CsTopology -AsXml file', { file: name, line: 1, col: 1 });
  let imported = importXml(bytes, name);
  if (o.resolve) {
    const server = o.resolver === undefined ? undefined : resolverServer(o.resolver);
    imported = await resolveImported(imported, dnsLookup(server), name, server ?? 'the system resolver');
  } else if (o.resolver !== undefined) throw new UsageError('--resolver goes with --resolve');
  return { imported, form: imported.form === 'tbxml' ? 'Topology Builder file' : 'published topology, Get-CsTopology -AsXml' };
}

export async function loadTopologyInput(file: string, o: TopologyInputOptions = {}): Promise<Topology> {
  const bytes = readInputBytes(file, 'topology file');
  const name = inputName(file);
  let loaded: LoadedSource;
  if (looksLikeXml(bytes)) loaded = importedLoadedSource((await importTopologyBytes(bytes, name, o)).imported, name);
  else {
    if (o.resolve || o.resolver !== undefined) throw new UsageError('--resolve and --resolver are for Topology Builder XML (a YAML topology gives its addresses)');
    loaded = loadedSource(bytes, name);
  }
  if (o.overlay !== undefined) {
    if (o.overlay === '-' && file === '-') throw new UsageError("only one input can be '-' (standard input); got TOPOLOGY and --overlay");
    const overlay = readTopologyYaml(readInputBytes(o.overlay, 'overlay').toString('utf8'), inputName(o.overlay), 'overlay');
    loaded = { ...loaded, src: mergeOverlay(loaded.src, loaded.where, overlay, loaded.replaceable) };
  }
  return validateLoaded(loaded);
}
