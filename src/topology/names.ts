// The DNS names a deployment publishes, taken from the topology where given and otherwise derived
// from the SIP domain by the conventions Microsoft's examples use (sip., webcon., av., xmpp.,
// lyncdiscover., meet., dialin.). DNS records and certificate plans both read names from here, so a
// certificate always names exactly what DNS publishes.
import { InputError } from '../errors.ts';
import type { EdgePool, Host, ServerPool, Topology } from './model.ts';

/** A name and whether Portolan derived it (the topology did not say). */
export interface Name {
  fqdn: string;
  derived: boolean;
}

export function lower(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** The default SIP domain: the first one listed. */
export function defaultDomain(t: Topology): string {
  const d = t.sipDomains[0];
  if (!d) throw new InputError(`${t.file}: no SIP domain: DNS names cannot be derived`);
  return lower(d);
}

export function sipDomains(t: Topology): string[] {
  return [...new Set(t.sipDomains.map(lower))];
}

/** A topology name as a DNS label (names are free text in the YAML). */
function label(name: string): string {
  return lower(name).replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'host';
}

/** A given FQDN, or `<name>.<default domain>` (a name with dots is taken as an FQDN already). */
function fqdnOf(t: Topology, given: string | undefined, name: string): Name {
  if (given) return { fqdn: lower(given), derived: false };
  if (name.includes('.')) return { fqdn: lower(name), derived: false };
  return { fqdn: `${label(name)}.${defaultDomain(t)}`, derived: true };
}

export function hostFqdn(t: Topology, h: Host): Name {
  return fqdnOf(t, h.fqdn, h.name);
}

export function poolFqdn(t: Topology, p: ServerPool): Name {
  return fqdnOf(t, p.fqdn, p.name);
}

export interface EdgeNames {
  access: Name;
  webConferencing: Name;
  av: Name;
  xmpp: Name;
  internal: Name;
  nodes: Name[];
}

/**
 * External service names of an edge pool. The first pool gets the conventional names; further
 * pools get `<prefix>-<pool>.<domain>` so derived names never collide.
 */
export function edgeNames(t: Topology, pool: EdgePool): EdgeNames {
  const d = defaultDomain(t);
  const first = t.edgePools.indexOf(pool) <= 0;
  const conv = (prefix: string): string => (first ? `${prefix}.${d}` : `${prefix}-${label(pool.name)}.${d}`);
  const pick = (given: string | undefined, prefix: string): Name =>
    given ? { fqdn: lower(given), derived: false } : { fqdn: conv(prefix), derived: true };
  return {
    access: pick(pool.accessFqdn, 'sip'),
    webConferencing: pick(pool.webConferencingFqdn, 'webcon'),
    av: pick(pool.avFqdn, 'av'),
    xmpp: { fqdn: conv('xmpp'), derived: true },
    internal: fqdnOf(t, pool.internalFqdn, pool.name),
    nodes: pool.nodes.map((n) => fqdnOf(t, n.fqdn, n.name)),
  };
}

/** True when `name` is `domain` or below it. */
export function inDomain(name: string, domain: string): boolean {
  const n = lower(name);
  const d = lower(domain);
  return n === d || n.endsWith(`.${d}`);
}

/**
 * The Access Edge name an SRV record of `domain` points to: the Access Edge FQDN when it lies in
 * that domain, else `sip.<domain>` (Lync clients accept only SRV targets in the record's own domain).
 */
export function accessTargetFor(t: Topology, pool: EdgePool, domain: string): Name {
  const access = edgeNames(t, pool).access;
  return inDomain(access.fqdn, domain) ? access : { fqdn: `sip.${domain}`, derived: true };
}

/** The XMPP name for `domain` (notes/protocols.md: `xmpp.<domain>`). */
export function xmppTargetFor(t: Topology, pool: EdgePool, domain: string): Name {
  const x = edgeNames(t, pool).xmpp;
  return inDomain(x.fqdn, domain) ? x : { fqdn: `xmpp.${domain}`, derived: true };
}

/** Every pool that may hold web services or registrars, Directors first (they front the pools). */
function serverPools(t: Topology): ServerPool[] {
  return [...t.directorPools, ...t.frontEndPools];
}

/** The pool the reverse proxy publishes: named by `reverseProxy.publishes`, else the first Front End pool. */
export function publishedPool(t: Topology): ServerPool | undefined {
  const want = t.reverseProxy?.publishes;
  if (want) return serverPools(t).find((p) => p.name === want);
  return t.frontEndPools[0] ?? t.directorPools[0];
}

/** A server pool's external web services FQDN: given, or `webext.<domain>` for the published pool. */
export function externalWebFqdn(t: Topology, p: ServerPool): Name | undefined {
  if (p.externalWebFqdn) return { fqdn: lower(p.externalWebFqdn), derived: false };
  if (p === publishedPool(t)) return { fqdn: `webext.${defaultDomain(t)}`, derived: true };
  return undefined;
}

/** The simple URLs (meet per SIP domain, one dial-in, lyncdiscover per SIP domain). */
export interface SimpleUrlNames {
  lyncdiscover: Name[];
  lyncdiscoverinternal: Name[];
  meet: Name[];
  dialin: Name;
}

export function simpleUrlNames(t: Topology): SimpleUrlNames {
  const ds = sipDomains(t);
  return {
    lyncdiscover: ds.map((d) => ({ fqdn: `lyncdiscover.${d}`, derived: true })),
    lyncdiscoverinternal: ds.map((d) => ({ fqdn: `lyncdiscoverinternal.${d}`, derived: true })),
    meet: ds.map((d) => ({ fqdn: `meet.${d}`, derived: true })),
    dialin: { fqdn: `dialin.${defaultDomain(t)}`, derived: true },
  };
}

/** The pool clients sign in to internally: a Director pool when there is one, else the first Front End pool. */
export function registrarPool(t: Topology): ServerPool | undefined {
  return t.directorPools[0] ?? t.frontEndPools[0];
}

/** Find a Front End or Director pool by name. */
export function serverPoolNamed(t: Topology, name: string | undefined): ServerPool | undefined {
  return name ? serverPools(t).find((p) => p.name === name) : undefined;
}

/** An address as written, without a prefix length (hosts are sometimes written as /32). */
export function hostAddress(a: string): string {
  return a.replace(/\/\d+$/, '');
}
