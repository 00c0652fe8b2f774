// A Topology Builder document as Portolan topology data: pools from clusters and the services
// installed on them, edge addresses from the interfaces the edge's ports name, the next hop from
// the edge's DependsOn. Every value remembers the element it came from (`origins`), so that
// errors, findings and the imported YAML's comments point into the XML.
import { InputError } from '../errors.ts';
import { hostFamily } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import { PRODUCTS, type ProductVersion } from '../catalog/products.ts';
import type { XmlNode } from '../xml/document.ts';
import type { IgnoredContent } from '../topology/model.ts';
import { elementLabel, type TbCluster, type TbDocument, type TbInterface, type TbMachine, type TbService } from './document.ts';

/** Where one value of the imported data came from. */
export interface XmlOrigin { element: string; line: number; col: number }

export interface Imported {
  /** Topology Builder file (.tbxml) or published topology (Get-CsTopology -AsXml). */
  form: 'tbxml' | 'published';
  /** Topology data in the YAML's shape (validated later by the one topology loader). */
  data: Record<string, unknown>;
  /** `edgePools.0.nodes.1.external.access` → the element it came from. */
  origins: Map<string, XmlOrigin>;
  ignored: IgnoredContent[];
  /** Hosts left named by FQDN (0.0.0.0 or no address in the file), with where each was. */
  unresolved: { fqdn: string; path: string }[];
  /** The DNS server that resolved them (--resolve), for the imported YAML's comments. */
  resolvedBy?: string;
  /** Paths whose value the file does not state but the import infers (a pool's load balancing:
   * the file does not say hardware): an overlay may replace them. */
  inferred: Set<string>;
}

/**
 * Topology Builder's ServiceVersion per product. 5 (Lync Server 2010), 6 (2013), 7 (Skype for
 * Business Server 2015) and 8 (2019) are what those products write (public .tbxml files show 7
 * and 8); 9 for Subscription Edition follows the sequence, no public file confirms it (docs/import.md).
 */
export const SERVICE_VERSIONS: Record<string, ProductVersion> = { 5: 'lync2010', 6: 'lync2013', 7: 'sfb2015', 8: 'sfb2019', 9: 'sfbse' };

/** Roles Portolan models; every other service is listed by `check` as ignored. */
const MODELLED = new Set(['Registrar', 'UserServices', 'WebServices', 'ConfServices', 'EdgeServer', 'MediationServer', 'PstnGateway', 'ManagementServices', 'CentralMgmt']);

const UNSPECIFIED = new Set(['0.0.0.0', '::', '']);

export function toTopology(doc: TbDocument, file: string): Imported {
  const origins = new Map<string, XmlOrigin>();
  const unresolved: Imported['unresolved'] = [];
  const inferred = new Set<string>();
  const from = (path: string, n: XmlNode) => origins.set(path, { element: elementLabel(n), line: n.line, col: n.col });
  const at = (n: XmlNode, msg: string): never => { throw new InputError(msg, { file, line: n.line, col: n.col }); };
  const byId = new Map(doc.clusters.map((c) => [c.id, c]));
  // A store installed on a SQL instance lives on the instance's cluster.
  const hostOf = (installedOn: string) => doc.sqlInstances.get(installedOn) ?? installedOn;
  const servicesOn = (c: TbCluster) => doc.services.filter((s) => s.installedOn === c.id);
  const serviceById = new Map(doc.services.map((s) => [s.id, s]));

  // SIP domains: the default first.
  if (doc.domains.length === 0) at(doc.domainsNode ?? doc.root, 'the file names no SIP domain (InternalDomains/InternalDomain Name="…")');
  const domains = [...doc.domains].sort((a, b) => Number(b.name === doc.defaultDomain) - Number(a.name === doc.defaultDomain));
  for (const d of domains) if (!isHostName(d.name)) at(d.node, `SIP domain '${d.name}' is not a domain name`);
  const data: Record<string, unknown> = {};

  // Product version: the edge's, else the first Registrar's.
  const versioned = doc.services.find((s) => s.role === 'EdgeServer') ?? doc.services.find((s) => s.role === 'Registrar');
  if (!versioned) at(doc.root, 'the file has no Registrar (Front End or Director) and no EdgeServer service: nothing to import');
  const version = SERVICE_VERSIONS[versioned!.serviceVersion ?? ''];
  if (!version) {
    at(versioned!.node, `service ${versioned!.role} has ServiceVersion ${versioned!.serviceVersion === undefined ? '(none)' : `"${versioned!.serviceVersion}"`} (RoleVersion "${versioned!.roleVersion ?? ''}"): not a product Portolan knows (${Object.entries(SERVICE_VERSIONS).map(([k, v]) => `${k} ${PRODUCTS[v].label}`).join(', ')})`);
  }
  data.version = version;
  from('version', versioned!.node);
  data.sipDomains = domains.map((d) => d.name);
  from('sipDomains', doc.domainsNode ?? doc.root);
  domains.forEach((d, i) => from(`sipDomains.${i}`, d.node));

  // Short names: the first label of the FQDN, the whole FQDN where two would collide.
  const firstLabel = (fqdn: string) => (hostFamily(fqdn) ? fqdn : fqdn.split('.')[0]!);
  const names = (fqdns: string[]) => {
    const count = new Map<string, number>();
    for (const f of fqdns) count.set(firstLabel(f), (count.get(firstLabel(f)) ?? 0) + 1);
    return (f: string) => ((count.get(firstLabel(f)) ?? 0) > 1 ? f : firstLabel(f));
  };
  const poolName = names(doc.clusters.map((c) => c.fqdn));

  /** A machine's address on one side: the IP, or its FQDN (unresolved) for 0.0.0.0 or none. */
  const address = (m: TbMachine, side: string, number: string, path: string, owner: XmlNode): string => {
    const nic = m.interfaces.find((i) => i.side === side && i.number === number);
    if (nic?.ip !== undefined && !UNSPECIFIED.has(nic.ip)) {
      if (!hostFamily(nic.ip)) at(nic.node, `IPAddress "${nic.ip}" of ${m.fqdn} is not an IPv4 or IPv6 address`);
      from(path, nic.node);
      return nic.ip;
    }
    if (!nic && side !== 'Primary') at(owner, `${m.fqdn} has no ${side} interface ${number} (NetInterface InterfaceSide="${side}" InterfaceNumber="${number}")`);
    if (!isHostName(m.fqdn)) at(m.node, `machine '${m.fqdn}' has no address and no FQDN to resolve`);
    from(path, nic?.node ?? m.node);
    unresolved.push({ fqdn: m.fqdn, path });
    return m.fqdn;
  };

  const roles = (c: TbCluster) => new Set(servicesOn(c).map((s) => s.role));
  const registrarOf = (c: TbCluster) => servicesOn(c).find((s) => s.role === 'Registrar');

  // Front End and Director pools, Mediation pools: servers from the machines' Primary interfaces.
  const serverPool = (c: TbCluster, key: string, extra: (p: Record<string, unknown>, path: string) => void) => {
    const pool: Record<string, unknown> = { name: poolName(c.fqdn), fqdn: c.fqdn };
    const path = key;
    from(path, c.node); from(`${path}.name`, c.node); from(`${path}.fqdn`, c.node);
    if (c.machines.length === 0) at(c.node, `pool ${c.fqdn} has no machines`);
    const serverName = names(c.machines.map((m) => m.fqdn));
    pool.loadBalancing = c.machines.length > 1 ? 'dns' : 'none';
    from(`${path}.loadBalancing`, c.node);
    inferred.add(`${path}.loadBalancing`);
    extra(pool, path);
    pool.servers = c.machines.map((m, i) => {
      from(`${path}.servers.${i}`, m.node); from(`${path}.servers.${i}.name`, m.node); from(`${path}.servers.${i}.fqdn`, m.node);
      return { name: serverName(m.fqdn), ...(isHostName(m.fqdn) ? { fqdn: m.fqdn } : {}), address: address(m, 'Primary', '1', `${path}.servers.${i}.address`, m.node) };
    });
    return pool;
  };
  const webHost = (c: TbCluster) => servicesOn(c).find((s) => s.role === 'WebServices' && s.externalHost)?.externalHost;

  const edges = doc.clusters.filter((c) => roles(c).has('EdgeServer'));
  const xmpp = edges.some((c) => servicesOn(c).some((s) => s.ports.some((p) => p.owner === 'urn:component:XmppFederationProxy')));
  if (xmpp) {
    data.features = { xmppFederation: true };
    const proxy = edges.flatMap(servicesOn).flatMap((s) => s.ports).find((p) => p.owner === 'urn:component:XmppFederationProxy')!;
    from('features', proxy.node); from('features.xmppFederation', proxy.node);
  }

  const frontEnds = doc.clusters.filter((c) => { const r = registrarOf(c); return (r && !r.isDirector) || (!r && roles(c).has('UserServices')); });
  const directors = doc.clusters.filter((c) => registrarOf(c)?.isDirector);
  const mediations = doc.clusters.filter((c) => roles(c).has('MediationServer') && !registrarOf(c));
  const poolOfCluster = new Map<string, string>();
  if (frontEnds.length) {
    data.frontEndPools = frontEnds.map((c, i) => serverPool(c, `frontEndPools.${i}`, (p, path) => {
      poolOfCluster.set(c.id, p.name as string);
      const on = servicesOn(c);
      const cms = on.find((s) => s.role === 'CentralMgmt');
      if (cms) { p.centralManagementStore = true; from(`${path}.centralManagementStore`, cms.node); }
      const gw = registrarOf(c)?.ports.find((x) => x.owner === 'urn:component:XmppFederation');
      if (xmpp && gw) { p.xmppGateway = true; from(`${path}.xmppGateway`, gw.node); }
      const med = on.find((s) => s.role === 'MediationServer');
      if (med) { p.collocatedMediation = true; from(`${path}.collocatedMediation`, med.node); }
      const web = webHost(c);
      if (web && web.fqdn.toLowerCase() !== c.fqdn.toLowerCase() && isHostName(web.fqdn)) { p.externalWebFqdn = web.fqdn; from(`${path}.externalWebFqdn`, web.node); }
    }));
  }
  if (directors.length) {
    data.directorPools = directors.map((c, i) => serverPool(c, `directorPools.${i}`, (p, path) => {
      poolOfCluster.set(c.id, p.name as string);
      const web = webHost(c);
      if (web && web.fqdn.toLowerCase() !== c.fqdn.toLowerCase() && isHostName(web.fqdn)) { p.externalWebFqdn = web.fqdn; from(`${path}.externalWebFqdn`, web.node); }
    }));
  }
  if (mediations.length) data.mediationPools = mediations.map((c, i) => serverPool(c, `mediationPools.${i}`, () => {}));

  // PSTN gateways: the cluster's FQDN (or IP address) names the gateway.
  const gateways = doc.clusters.filter((c) => roles(c).has('PstnGateway'));
  if (gateways.length) {
    const gwName = names(gateways.map((c) => c.fqdn));
    data.pstnGateways = gateways.map((c, i) => {
      const path = `pstnGateways.${i}`;
      from(path, c.node); from(`${path}.name`, c.node);
      const m = c.machines[0] ?? { fqdn: c.fqdn, interfaces: [], node: c.node };
      let addr: string;
      if (hostFamily(c.fqdn)) { addr = c.fqdn; from(`${path}.address`, c.node); } else addr = address(m, 'Primary', '1', `${path}.address`, c.node);
      if (isHostName(c.fqdn)) from(`${path}.fqdn`, c.node);
      return { name: gwName(c.fqdn), ...(isHostName(c.fqdn) ? { fqdn: c.fqdn } : {}), address: addr };
    });
  }

  // Edge pools.
  if (edges.length) {
    data.edgePools = edges.map((c, i) => edgePool(c, `edgePools.${i}`, servicesOn(c).find((s) => s.role === 'EdgeServer')!));
  }

  function edgePool(c: TbCluster, path: string, edge: TbService): Record<string, unknown> {
    from(path, c.node); from(`${path}.name`, c.node);
    const pool: Record<string, unknown> = { name: poolName(c.fqdn) };
    pool.loadBalancing = c.machines.length > 1 ? 'dns' : 'none';
    from(`${path}.loadBalancing`, c.node);
    inferred.add(`${path}.loadBalancing`);
    // The next hop: the Registrar (Front End or Director pool) the edge depends on.
    const hop = edge.dependsOn.map((d) => ({ d, s: serviceById.get(d.id)! })).find(({ s }) => s.role === 'Registrar');
    if (hop) {
      const target = poolOfCluster.get(hop.s.installedOn);
      if (!target) at(hop.d.node, `the edge's next hop is a Registrar on ${byId.get(hop.s.installedOn)?.fqdn ?? hop.s.installedOn}, which is no Front End or Director pool`);
      pool.nextHop = target;
      from(`${path}.nextHop`, hop.d.node);
    }
    // Which external interface and port each edge service uses: its own ports say.
    const service = (owner: string, usage: string[], protocol?: string) => {
      const p = edge.ports.find((x) => x.owner === owner && x.side === 'External' && usage.includes(x.usage) && (!protocol || x.protocol === protocol));
      if (!p) at(edge.node, `the EdgeServer service has no External port of ${owner} (${usage.join(' or ')})`);
      return p!;
    };
    const svc = {
      access: service('urn:component:AccessEdge', ['SipClient', 'SipServer']),
      webConferencing: service('urn:component:DataEdge', ['PsomClient']),
      av: service('urn:component:MediaRelayEdge', ['TURNServer'], 'Tcp'),
    };
    const fqdns: Record<string, string> = {};
    for (const k of ['access', 'webConferencing', 'av'] as const) {
      const f = svc[k].configuredFqdn;
      if (f) { if (!isHostName(f)) at(svc[k].node, `ConfiguredFqdn "${f}" is not a host name`); fqdns[k] = f; from(`${path}.fqdns.${k}`, svc[k].node); }
    }
    fqdns.internal = c.fqdn; from(`${path}.fqdns.internal`, c.node);
    from(`${path}.fqdns`, c.node);
    pool.fqdns = fqdns;
    const ports = { access: svc.access.port, webConferencing: svc.webConferencing.port, av: svc.av.port };
    if (Object.values(ports).some((p) => p !== 443)) {
      pool.ports = ports;
      from(`${path}.ports`, edge.node);
      for (const k of ['access', 'webConferencing', 'av'] as const) from(`${path}.ports.${k}`, svc[k].node);
    }
    // NAT: ConfiguredIPAddress on an external interface is the public address it is translated to.
    const nicOf = (m: TbMachine, k: keyof typeof svc): TbInterface | undefined => m.interfaces.find((x) => x.side === 'External' && x.number === svc[k].number);
    const translated = (k: keyof typeof svc) => c.machines.some((m) => nicOf(m, k)?.configuredIp);
    const nat = translated('access') && translated('webConferencing') && translated('av');
    const avNat = !nat && translated('av');
    if (!nat && !avNat && (translated('access') || translated('webConferencing'))) {
      const m = c.machines.find((x) => nicOf(x, 'access')?.configuredIp || nicOf(x, 'webConferencing')?.configuredIp)!;
      at((nicOf(m, 'access')?.configuredIp ? nicOf(m, 'access') : nicOf(m, 'webConferencing'))!.node, `ConfiguredIPAddress (NAT) on the Access or Web Conferencing interface of ${m.fqdn} but not on the A/V Edge's: Portolan models NAT of every edge service or of the A/V Edge alone`);
    }
    if (nat) { pool.nat = true; from(`${path}.nat`, nicOf(c.machines.find((m) => nicOf(m, 'av')?.configuredIp)!, 'av')!.node); }
    if (avNat) { pool.avNat = true; from(`${path}.avNat`, nicOf(c.machines.find((m) => nicOf(m, 'av')?.configuredIp)!, 'av')!.node); }
    const nodeName = names(c.machines.map((m) => m.fqdn));
    if (c.machines.length === 0) at(c.node, `edge pool ${c.fqdn} has no machines`);
    pool.nodes = c.machines.map((m, ni) => {
      const np = `${path}.nodes.${ni}`;
      from(np, m.node); from(`${np}.name`, m.node); from(`${np}.fqdn`, m.node); from(`${np}.external`, m.node);
      const external: Record<string, unknown> = {};
      for (const k of ['access', 'webConferencing', 'av'] as const) external[k] = address(m, 'External', svc[k].number, `${np}.external.${k}`, svc[k].node);
      const publicOf = (k: keyof typeof svc, p: string) => {
        const nic = nicOf(m, k)!;
        if (!nic.configuredIp || !hostFamily(nic.configuredIp)) at(nic.node, `ConfiguredIPAddress "${nic.configuredIp ?? ''}" of ${m.fqdn} is not an IPv4 or IPv6 address`);
        from(p, nic.node);
        return nic.configuredIp!;
      };
      if (nat) {
        external.public = Object.fromEntries((['access', 'webConferencing', 'av'] as const).map((k) => [k, publicOf(k, `${np}.external.public.${k}`)]));
        from(`${np}.external.public`, nicOf(m, 'av')!.node);
      }
      if (avNat) external.avPublic = publicOf('av', `${np}.external.avPublic`);
      const internalPort = edge.ports.find((p) => p.side === 'Internal');
      return { name: nodeName(m.fqdn), ...(isHostName(m.fqdn) ? { fqdn: m.fqdn } : {}), external, internal: address(m, 'Internal', internalPort?.number ?? '1', `${np}.internal`, internalPort?.node ?? edge.node) };
    });
    return pool;
  }

  // What Portolan does not model, listed by check.
  const ignored: IgnoredContent[] = [];
  const origin = (n: XmlNode) => ({ file, line: n.line, col: n.col });
  for (const n of doc.other) ignored.push({ what: `<${elementLabel(n)}>`, origin: origin(n) });
  for (const s of doc.services) {
    if (MODELLED.has(s.role)) continue;
    const on = byId.get(hostOf(s.installedOn));
    ignored.push({ what: `${s.role} service${on ? ` on ${on.fqdn}` : ''}${doc.sqlInstances.has(s.installedOn) ? ' (SQL Server instance)' : ''}`, origin: origin(s.node) });
  }
  for (const c of doc.clusters) if (!doc.services.some((s) => hostOf(s.installedOn) === c.id)) ignored.push({ what: `cluster ${c.fqdn} (no service on it)`, origin: origin(c.node) });
  ignored.sort((a, b) => a.origin.line - b.origin.line || a.origin.col - b.origin.col);
  return { form: doc.form, data, origins, ignored, unresolved, inferred };
}
