// BIND zone files: one zone per view and domain, each beginning with its $ORIGIN and carrying SOA
// and NS records, so `named-checkzone ORIGIN FILE` accepts each zone exactly as printed.
import { recordData, type DnsRecord } from './records.ts';
import { zones, type Zone } from './zones.ts';
import type { Topology } from '../topology/model.ts';

export interface BindOptions {
  /** Name servers for the NS records. The default is a placeholder in `.invalid` to be replaced. */
  nameServers?: string[];
  /** SOA serial (fixed by default so output is deterministic; bump it when you publish a change). */
  serial?: number;
  ttl?: number;
}

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** Owner name relative to the origin (`@` for the apex). */
function owner(name: string, origin: string): string {
  return name === origin ? '@' : name.slice(0, -(origin.length + 1));
}

function rdata(r: DnsRecord): string {
  return r.type === 'SRV' ? `${r.priority} ${r.weight} ${r.port} ${absolute(r.target)}` : recordData(r);
}

export function formatBindZone(z: Zone, opts: BindOptions = {}): string {
  const ns = opts.nameServers ?? ['ns1.example.invalid'];
  const serial = opts.serial ?? 1;
  const rows = z.records.map((r) => [owner(r.name, z.origin), 'IN', r.type, rdata(r), `; ${r.note}`]);
  const width = (i: number) => Math.max(...rows.map((row) => row[i]!.length), 1);
  const [w0, w2, w3] = [width(0), width(2), width(3)];
  return [
    `$ORIGIN ${absolute(z.origin)}`,
    `; Portolan: view ${z.view}, zone ${z.origin}`,
    ...(opts.nameServers ? [] : ['; NS: replace the placeholder with your name servers']),
    `$TTL ${opts.ttl ?? 3600}`,
    `@ IN SOA ${absolute(ns[0]!)} hostmaster.${absolute(z.origin)} ( ${serial} 3600 900 1209600 300 )`,
    ...ns.map((n) => `@ IN NS ${absolute(n)}`),
    ...rows.map((r) => `${r[0]!.padEnd(w0)} ${r[1]} ${r[2]!.padEnd(w2)} ${r[3]!.padEnd(w3)} ${r[4]}`.trimEnd()),
    '',
  ].join('\n');
}

/** Every zone of every view, one after another (each starts at its `$ORIGIN` line). */
export function formatBind(t: Topology, records: DnsRecord[], opts: BindOptions = {}): string {
  return zones(t, records).map((z) => formatBindZone(z, opts)).join('\n');
}
