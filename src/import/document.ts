// A Topology Builder file (.tbxml: TopologyBuilder/NewTopology/PartialTopology, the "writable
// topology" with UniqueId references) or a published topology (`Get-CsTopology -AsXml`: Topology,
// with SiteId/Number and SiteId/RoleName/Instance references) read into one shape: clusters
// with their machines and interfaces, services with their ports and dependencies. Every piece
// keeps its element, so errors and the imported YAML's comments name the element and its line.
import { InputError } from '../errors.ts';
import { childrenNamed, type XmlNode } from '../xml/document.ts';

export const NS = {
  topologyBuilder: 'urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008',
  writable: 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008',
  topology: 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008',
} as const;

export interface TbInterface { side: string; number: string; ip?: string; configuredIp?: string; node: XmlNode }
export interface TbMachine { fqdn: string; interfaces: TbInterface[]; node: XmlNode }
export interface TbCluster { id: string; fqdn: string; singleMachine: boolean; machines: TbMachine[]; node: XmlNode }
export interface TbPort { owner: string; usage: string; side: string; number: string; port: number; protocol: string; configuredFqdn?: string; node: XmlNode }
export interface TbService {
  id: string;
  role: string;
  roleVersion?: string;
  serviceVersion?: string;
  /** The cluster (or SQL instance) id it is installed on. */
  installedOn: string;
  dependsOn: { id: string; node: XmlNode }[];
  ports: TbPort[];
  isDirector: boolean;
  /** WebServices: the external web services FQDN (`ExternalSettings Host`). */
  externalHost?: { fqdn: string; node: XmlNode };
  node: XmlNode;
}
export interface TbDocument {
  form: 'tbxml' | 'published';
  root: XmlNode;
  domains: { name: string; node: XmlNode }[];
  defaultDomain?: string;
  domainsNode?: XmlNode;
  clusters: TbCluster[];
  services: TbService[];
  /** Elements read past without modelling them (SimpleUrlConfiguration, SQL instances, …). */
  other: XmlNode[];
  /** A .tbxml SQL instance's UniqueId → the cluster holding it (stores are installed on instances). */
  sqlInstances: Map<string, string>;
}

/** The element name without a namespace prefix. */
const local = (n: XmlNode) => n.name.slice(n.name.indexOf(':') + 1);
const kids = (n: XmlNode, name: string) => n.children.filter((c) => local(c) === name);
const kid = (n: XmlNode, name: string) => n.children.find((c) => local(c) === name);

export function describeElement(n: XmlNode): string {
  return `<${local(n)}>`;
}

/** The document's form, from its root element and namespace; anything else is refused. */
export function readDocument(root: XmlNode, file: string): TbDocument {
  const at = (n: XmlNode, msg: string): never => { throw new InputError(msg, { file, line: n.line, col: n.col }); };
  const ns = root.attrs.xmlns ?? Object.entries(root.attrs).find(([k]) => k === `xmlns:${root.name.split(':')[0]}`)?.[1];
  let partial: XmlNode;
  let form: TbDocument['form'];
  if (local(root) === 'TopologyBuilder') {
    if (ns !== NS.topologyBuilder) at(root, `<TopologyBuilder> must be in namespace ${NS.topologyBuilder} (a Topology Builder .tbxml file); it is ${ns ? `'${ns}'` : 'in no namespace'}`);
    const fresh = kid(root, 'NewTopology');
    const p = fresh && kid(fresh, 'PartialTopology');
    if (!p) at(fresh ?? root, 'a Topology Builder file holds NewTopology/PartialTopology: not found');
    partial = p!;
    form = 'tbxml';
  } else if (local(root) === 'Topology') {
    if (ns !== NS.topology) at(root, `<Topology> must be in namespace ${NS.topology} (the published topology, Get-CsTopology -AsXml); it is ${ns ? `'${ns}'` : 'in no namespace'}`);
    partial = root;
    form = 'published';
  } else {
    return at(root, `<${root.name}> is not a Topology Builder file (root <TopologyBuilder>) or a published topology (root <Topology>, from Get-CsTopology -AsXml)`);
  }

  const need = (n: XmlNode, attr: string, what = describeElement(n)): string => {
    const v = n.attrs[attr];
    if (v === undefined || v.trim() === '') at(n, `${what} has no ${attr}`);
    return v!.trim();
  };

  const domainsNode = kid(partial, 'InternalDomains');
  const domains = domainsNode ? kids(domainsNode, 'InternalDomain').map((d) => ({ name: need(d, 'Name'), node: d })) : [];

  // Clusters: under CentralSites/CentralSite/Clusters (tbxml) or Clusters (published).
  const clusterNodes = form === 'tbxml'
    ? kids(partial, 'CentralSites').flatMap((cs) => kids(cs, 'CentralSite')).flatMap((site) => kids(site, 'Clusters').flatMap((c) => kids(c, 'Cluster')))
    : kids(partial, 'Clusters').flatMap((c) => kids(c, 'Cluster'));
  const clusterId = (c: XmlNode): string => {
    if (form === 'tbxml') return need(c, 'UniqueId').toLowerCase();
    const id = kid(c, 'ClusterId');
    if (!id) return at(c, '<Cluster> has no <ClusterId>');
    return `${need(id, 'SiteId')}:${need(id, 'Number')}`;
  };
  const clusters: TbCluster[] = clusterNodes.map((c) => {
    const fqdn = need(c, 'Fqdn');
    const machineNodes = form === 'tbxml' ? kids(c, 'Machines').flatMap((m) => kids(m, 'Machine')) : kids(c, 'Machine');
    return {
      id: clusterId(c), fqdn, singleMachine: c.attrs.IsSingleMachineOnly === 'true', node: c,
      // A machine without Fqdn is the cluster's only machine (Standard Edition, a single server).
      machines: machineNodes.map((m) => ({
        fqdn: (m.attrs.Fqdn ?? '').trim() || fqdn, node: m,
        interfaces: kids(m, 'NetInterface').map((i) => ({
          side: need(i, 'InterfaceSide'), number: i.attrs.InterfaceNumber ?? '1', node: i,
          ...(i.attrs.IPAddress !== undefined ? { ip: i.attrs.IPAddress.trim() } : {}),
          ...(i.attrs.ConfiguredIPAddress !== undefined ? { configuredIp: i.attrs.ConfiguredIPAddress.trim() } : {}),
        })),
      })),
    };
  });
  const seen = new Map<string, XmlNode>();
  for (const c of clusters) {
    const prev = seen.get(c.id);
    if (prev) at(c.node, `cluster id ${c.id} is given twice (first at line ${prev.line})`);
    seen.set(c.id, c.node);
  }
  // SQL instances are places services are installed on, too (stores): known ids, not modelled.
  const sqlIds = new Map<string, string>();
  if (form === 'tbxml') {
    clusterNodes.forEach((c, i) => {
      for (const s of kids(c, 'SqlInstances').flatMap((x) => kids(x, 'SqlInstance'))) if (s.attrs.UniqueId) sqlIds.set(s.attrs.UniqueId.toLowerCase(), clusters[i]!.id);
    });
  }

  const serviceNodes = kids(partial, 'Services').flatMap((s) => kids(s, 'Service'));
  const publishedServiceId = (n: XmlNode | undefined, owner: XmlNode): string => {
    if (!n) return at(owner, `${describeElement(owner)} has no <ServiceId>`);
    return `${need(n, 'SiteId')}:${need(n, 'RoleName')}:${n.attrs.Instance ?? '1'}`;
  };
  const services: TbService[] = serviceNodes.map((s) => {
    const sid = form === 'published' ? kid(s, 'ServiceId') : undefined;
    const role = form === 'tbxml' ? need(s, 'RoleName') : (sid ? need(sid, 'RoleName') : at(s, '<Service> has no <ServiceId>'));
    const id = form === 'tbxml' ? need(s, 'UniqueId').toLowerCase() : publishedServiceId(sid, s);
    let installedOn: string;
    if (form === 'tbxml') installedOn = need(s, 'InstalledOn').toLowerCase();
    else {
      const on = kid(s, 'InstalledOn');
      const cid = on && (kid(on, 'ClusterId') ?? (kid(on, 'SqlInstanceId') && kid(kid(on, 'SqlInstanceId')!, 'ClusterId')));
      if (!cid) return at(on ?? s, `<Service> ${role} has no InstalledOn/ClusterId`);
      installedOn = `${need(cid, 'SiteId')}:${need(cid, 'Number')}`;
    }
    const deps = kids(s, 'DependsOn').flatMap((d) => kids(d, 'Dependency')).map((d) => ({
      id: form === 'tbxml' ? need(d, 'ServiceUniqueId').toLowerCase() : publishedServiceId(kid(d, 'ServiceId'), d), node: d,
    }));
    const ports = kids(s, 'Ports').flatMap((p) => kids(p, 'Port')).map((p) => {
      const n = Number(need(p, 'Port'));
      if (!Number.isInteger(n) || n < 1 || n > 65535) at(p, `<Port> Port="${p.attrs.Port}" is not a port number (1-65535)`);
      return {
        owner: need(p, 'Owner'), usage: p.attrs.Usage ?? '', side: need(p, 'InterfaceSide'), number: p.attrs.InterfaceNumber ?? '1',
        port: n, protocol: p.attrs.Protocol ?? '', node: p,
        ...(p.attrs.ConfiguredFqdn ? { configuredFqdn: p.attrs.ConfiguredFqdn.trim() } : {}),
      };
    });
    const registrar = kid(s, 'RegistrarService');
    const web = kid(s, 'WebService');
    const ext = web && kid(web, 'ExternalSettings');
    return {
      id, role, installedOn, dependsOn: deps, ports, node: s,
      isDirector: registrar?.attrs.IsDirector === 'true',
      ...(s.attrs.RoleVersion !== undefined ? { roleVersion: s.attrs.RoleVersion } : {}),
      ...(s.attrs.ServiceVersion !== undefined ? { serviceVersion: s.attrs.ServiceVersion } : {}),
      ...(ext?.attrs.Host ? { externalHost: { fqdn: ext.attrs.Host.trim(), node: ext } } : {}),
    };
  });
  const ids = new Map<string, XmlNode>();
  for (const s of services) {
    const prev = ids.get(s.id);
    if (prev) at(s.node, `service id ${s.id} is given twice (first at line ${prev.line})`);
    ids.set(s.id, s.node);
  }
  for (const s of services) {
    if (!seen.has(s.installedOn) && !sqlIds.has(s.installedOn)) at(s.node, `service ${s.role} is installed on ${s.installedOn}, which is no cluster of this file`);
    for (const d of s.dependsOn) if (!ids.has(d.id)) at(d.node, `service ${s.role} depends on service ${d.id}, which is not in this file`);
  }
  const modelled = new Set(['InternalDomains', 'CentralSites', 'Clusters', 'Services', 'Sites']);
  return {
    form, root, domains, clusters, services, sqlInstances: sqlIds,
    ...(domainsNode ? { domainsNode } : {}),
    ...(domainsNode?.attrs.DefaultDomain ? { defaultDomain: domainsNode.attrs.DefaultDomain.trim() } : {}),
    other: partial.children.filter((c) => !modelled.has(local(c))),
  };
}

/** An element's name as a reader sees it: `Service RoleName="PersistentChatServer"`. */
export function elementLabel(n: XmlNode): string {
  return local(n);
}
