// The certificates a topology needs, per interface: subject, subject alternative names, key usage,
// extended key usage, and what each is assigned to. Names come from src/topology/names.ts, so every
// certificate names exactly what DNS publishes.
import { edgeCertRows } from './page-rows.ts';
import type { EdgePool, Topology } from '../topology/model.ts';
import { accessTargetFor, edgeNames, externalWebFqdn, publishedPool, simpleUrlNames, sipDomains, xmppTargetFor } from '../topology/names.ts';
import { PRODUCTS } from '../catalog/products.ts';
import { MS_CERT_INFRA_2013, MS_EDGE_CERTS_2013, NOTES_DNS, NOTES_TLS, type Source } from '../catalog/sources.ts';

export type CertInterface = 'edge-external' | 'edge-internal' | 'reverse-proxy';
export type KeyUsage = 'digitalSignature' | 'keyEncipherment';
export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

export interface CertificatePlan {
  /** Stable name for `--certificate NAME`: edge-external, edge-internal, reverse-proxy (plus -<pool> with several edge pools). */
  name: string;
  interface: CertInterface;
  /** Subject common name. */
  subject: string;
  /** dNSName subject alternative names, in order; empty when none are needed. */
  sans: string[];
  keyUsage: KeyUsage[];
  extendedKeyUsage: ExtendedKeyUsage[];
  /** Services the certificate is assigned to, in Microsoft's words. */
  assignedTo: string[];
  /** Hosts that install the same certificate and private key. */
  installOn: string[];
  /** The private key must be exportable (one certificate and key shared by every node of a pool). */
  exportableKey: boolean;
  /** Who should issue it. */
  issuer: 'public CA' | 'internal or public CA';
  keyBits: number;
  note: string;
  sources: Source[];
}

const KEY_USAGE: KeyUsage[] = ['digitalSignature', 'keyEncipherment'];

function summary(t: Topology): Source {
  return PRODUCTS[t.version].certificateSummary;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Federation and public IM connectivity on 5061 are mutual TLS: the edge also presents its certificate as a client. */
function needsClientAuth(t: Topology): boolean {
  return [...t.features].some((f) => f === 'sip-federation' || f === 'public-im-connectivity' || f.startsWith('federation-') || f === 'xmpp-federation');
}

function edgeExternal(t: Topology, pool: EdgePool, suffix: string): CertificatePlan {
  const n = edgeNames(t, pool);
  const xmpp = PRODUCTS[t.version].xmpp && t.features.has('xmpp-federation');
  const first = t.edgePools.indexOf(pool) === 0;
  // Subject: the Access Edge FQDN, repeated as the first SAN (clients match SANs, not the CN).
  // The A/V Edge name is not on it: the A/V Edge has no certificate on its media ports.
  const sans = uniq([
    n.access.fqdn,
    n.webConferencing.fqdn,
    ...(first ? sipDomains(t).map((d) => accessTargetFor(t, pool, d).fqdn) : []),
    ...(first && xmpp ? sipDomains(t).map((d) => xmppTargetFor(t, pool, d).fqdn) : []),
  ]);
  return {
    name: `edge-external${suffix}`,
    interface: 'edge-external',
    subject: n.access.fqdn,
    sans,
    keyUsage: KEY_USAGE,
    extendedKeyUsage: needsClientAuth(t) ? ['serverAuth', 'clientAuth'] : ['serverAuth'],
    assignedTo: ['Access Edge service (SIP Access Edge External)', 'Web Conferencing Edge service (Web Conferencing Edge External)', 'A/V Authentication service (A/V Edge External)'],
    installOn: pool.nodes.map((x) => x.name),
    exportableKey: true,
    issuer: 'public CA',
    keyBits: 2048,
    note: `one certificate and private key for every node of ${pool.name}: request it once, export it with its key, import it on each node; a sip.<domain> SAN per SIP domain${xmpp ? ' and the XMPP names' : ''}; clientAuth because federation is mutual TLS`,
    sources: [...edgeCertRows(t, pool, 'external', xmpp), summary(t), MS_EDGE_CERTS_2013, MS_CERT_INFRA_2013, NOTES_TLS],
  };
}

function edgeInternal(t: Topology, pool: EdgePool, suffix: string): CertificatePlan {
  const n = edgeNames(t, pool);
  return {
    name: `edge-internal${suffix}`,
    interface: 'edge-internal',
    subject: n.internal.fqdn,
    sans: [],
    keyUsage: KEY_USAGE,
    extendedKeyUsage: ['serverAuth'],
    assignedTo: ['Edge internal interface'],
    installOn: pool.nodes.map((x) => x.name),
    exportableKey: true,
    issuer: 'internal or public CA',
    keyBits: 2048,
    note: `subject name only (the edge pool internal FQDN); shared by every node of ${pool.name}`,
    sources: [...edgeCertRows(t, pool, 'internal', false), summary(t), MS_EDGE_CERTS_2013, NOTES_TLS],
  };
}

function reverseProxy(t: Topology): CertificatePlan | undefined {
  const rp = t.reverseProxy;
  const pool = publishedPool(t);
  if (!rp || !pool) return undefined;
  const web = externalWebFqdn(t, pool)!;
  const urls = simpleUrlNames(t);
  return {
    name: 'reverse-proxy',
    interface: 'reverse-proxy',
    subject: web.fqdn,
    sans: uniq([web.fqdn, ...urls.meet.map((x) => x.fqdn), urls.dialin.fqdn, ...urls.lyncdiscover.map((x) => x.fqdn)]),
    keyUsage: KEY_USAGE,
    extendedKeyUsage: ['serverAuth'],
    assignedTo: [`Reverse proxy ${rp.name} publishing listener (external web services of ${pool.name}, simple URLs, autodiscover)`],
    installOn: [rp.name],
    exportableKey: false,
    issuer: 'public CA',
    keyBits: 2048,
    note: 'the names the reverse proxy publishes: external web services FQDN, meet and dial-in simple URLs, lyncdiscover per SIP domain',
    sources: [summary(t), NOTES_DNS, NOTES_TLS],
  };
}

/** Every certificate the topology needs, in a fixed order: per edge pool external then internal, then the reverse proxy. */
export function certificates(t: Topology): CertificatePlan[] {
  const many = t.edgePools.length > 1;
  const out: CertificatePlan[] = [];
  for (const p of t.edgePools) {
    const suffix = many ? `-${p.name}` : '';
    out.push(edgeExternal(t, p, suffix), edgeInternal(t, p, suffix));
  }
  const rp = reverseProxy(t);
  if (rp) out.push(rp);
  return out;
}
