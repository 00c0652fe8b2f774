// What each address of a topology is: the node, service or network it belongs to, and the pool
// it is a member of. The plan labels addresses with it and groups the rows of a pool's members.
import type { Topology } from './model.ts';

export interface AddressEntry {
  /** What the address is, in the documents' words: `edge01 Access Edge (external)`. */
  what: string;
  /** The pool and the service within it the address is one member of, for grouping rows. */
  pool?: { name: string; service: string; member: string };
  /** On the external side of the perimeter (edge external interfaces, their VIPs, the reverse proxy's external side). */
  external: boolean;
}

const POOL_WORD = { frontEnd: 'Front End', director: 'Director', mediation: 'Mediation' } as const;

export function addressBook(t: Topology): Map<string, AddressEntry> {
  const book = new Map<string, AddressEntry>();
  const put = (addrs: readonly string[] | undefined, e: AddressEntry) => { for (const a of addrs ?? []) if (!book.has(a)) book.set(a, e); };
  for (const p of t.edgePools) {
    const pool = (service: string, member: string) => (p.nodes.length > 1 ? { pool: { name: `Edge pool ${p.name}`, service, member } } : {});
    if (p.vips) {
      put(p.vips.access, { what: `Edge pool ${p.name} Access Edge VIP`, external: true });
      put(p.vips.webConferencing, { what: `Edge pool ${p.name} Web Conferencing Edge VIP`, external: true });
      put(p.vips.av, { what: `Edge pool ${p.name} A/V Edge VIP`, external: true });
      put(p.vips.internal, { what: `Edge pool ${p.name} internal VIP`, external: false });
    }
    for (const n of p.nodes) {
      put(n.access, { what: `${n.name} Access Edge (external)`, external: true, ...pool('Access Edge', n.name) });
      put(n.webConferencing, { what: `${n.name} Web Conferencing Edge (external)`, external: true, ...pool('Web Conferencing Edge', n.name) });
      put(n.avPublic, { what: `${n.name} A/V Edge public address (NAT)`, external: true });
      put(n.av, { what: `${n.name} A/V Edge (external)`, external: true, ...pool('A/V Edge', n.name) });
      put(n.internal, { what: `${n.name} Edge internal interface`, external: false, ...pool('Edge internal interface', n.name) });
    }
  }
  if (t.reverseProxy) {
    put(t.reverseProxy.external, { what: `reverse proxy ${t.reverseProxy.name} (external)`, external: true });
    put(t.reverseProxy.internal, { what: `reverse proxy ${t.reverseProxy.name} (internal)`, external: false });
  }
  for (const p of [...t.frontEndPools, ...t.directorPools, ...t.mediationPools]) {
    const name = `${POOL_WORD[p.kind]} pool ${p.name}`;
    put(p.vip, { what: `${name} VIP`, external: false });
    for (const s of p.servers) put(s.addresses, { what: `${POOL_WORD[p.kind]} server ${s.name}`, external: false, ...(p.servers.length > 1 ? { pool: { name, service: 'servers', member: s.name } } : {}) });
  }
  for (const h of t.pstnGateways) put(h.addresses, { what: `PSTN gateway ${h.name}`, external: false });
  for (const h of t.survivableBranches) put(h.addresses, { what: `Survivable Branch Appliance ${h.name}`, external: false });
  for (const h of t.e911Gateways) put(h.addresses, { what: `E9-1-1 gateway ${h.name}`, external: false });
  put(t.clientNetworks, { what: 'client network', external: false });
  put(t.ipPhoneNetworks, { what: 'IP phone network', external: false });
  return book;
}
