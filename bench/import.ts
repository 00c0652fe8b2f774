// npm run bench -- import: a large generated Topology Builder file (FE pools × servers, edge pools ×
// nodes, each edge with its ports, as Topology Builder writes them) imported as a topology: XML
// read, import, validation; and the same written out as commented YAML.
import { importXml } from '../src/import/index.ts';
import { importedLoadedSource, validateLoaded } from '../src/import/load.ts';
import { importedYaml } from '../src/import/yaml.ts';
import { time } from './measure.ts';

const NS = 'xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"';
const SR = 'xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"';
const id = (kind: number, n: number) => `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function generatedTbxml(fePools: number, servers: number, edgePools: number, nodes: number): string {
  const clusters: string[] = [];
  const services: string[] = [];
  for (let p = 0; p < fePools; p++) {
    const machines = Array.from({ length: servers }, (_, s) => `<Machine Fqdn="fe${p}-${s}.contoso.com"><NetInterface InterfaceSide="Primary" InterfaceNumber="1" IPAddress="10.${100 + (p >> 8)}.${p & 255}.${s + 1}" ${NS} /></Machine>`);
    clusters.push(`<Cluster IsSingleMachineOnly="false" UniqueId="${id(1, p)}" Fqdn="pool${p}.contoso.com"><Machines>${machines.join('\n')}</Machines><SqlInstances /></Cluster>`);
    services.push(`<Service UniqueId="${id(2, p)}" RoleName="Registrar" RoleVersion="2" InstalledOn="${id(1, p)}" ServiceVersion="7"><DependsOn /><Ports ${SR}><Port Owner="urn:component:Registrar" Usage="SipServer" InterfaceSide="Primary" InterfaceNumber="1" Port="5061" Protocol="Mtls" /></Ports><RegistrarService IsDirector="false" ${SR} /></Service>`);
  }
  for (let e = 0; e < edgePools; e++) {
    const machines = Array.from({ length: nodes }, (_, n) => `<Machine Fqdn="edge${e}-${n}.contoso.net"><NetInterface InterfaceSide="Internal" InterfaceNumber="1" IPAddress="172.${16 + (e >> 8)}.${e & 255}.${n + 1}" ${NS} /><NetInterface InterfaceSide="External" InterfaceNumber="1" IPAddress="100.${64 + (e >> 8)}.${e & 255}.${3 * n + 1}" ${NS} /><NetInterface InterfaceSide="External" InterfaceNumber="2" IPAddress="100.${64 + (e >> 8)}.${e & 255}.${3 * n + 2}" ${NS} /><NetInterface InterfaceSide="External" InterfaceNumber="3" IPAddress="100.${64 + (e >> 8)}.${e & 255}.${3 * n + 3}" ${NS} /></Machine>`);
    clusters.push(`<Cluster IsSingleMachineOnly="false" UniqueId="${id(3, e)}" Fqdn="edgepool${e}.contoso.net"><Machines>${machines.join('\n')}</Machines><SqlInstances /></Cluster>`);
    services.push(`<Service UniqueId="${id(4, e)}" RoleName="EdgeServer" RoleVersion="2" InstalledOn="${id(3, e)}" ServiceVersion="7"><DependsOn><Dependency ServiceUniqueId="${id(2, e % fePools)}" Usage="Default" /></DependsOn><Ports ${SR}>
<Port Owner="urn:component:AccessEdge" Usage="SipClient" InterfaceSide="External" InterfaceNumber="1" Port="443" Protocol="Tls" ConfiguredFqdn="sip${e}.contoso.com" />
<Port Owner="urn:component:DataEdge" Usage="PsomClient" InterfaceSide="External" InterfaceNumber="2" Port="443" Protocol="Tls" ConfiguredFqdn="webcon${e}.contoso.com" />
<Port Owner="urn:component:MediaRelayEdge" Usage="TURNServer" InterfaceSide="External" InterfaceNumber="3" Port="443" Protocol="Tcp" ConfiguredFqdn="av${e}.contoso.com" />
<Port Owner="urn:component:AccessEdge" Usage="SipServer" InterfaceSide="Internal" InterfaceNumber="1" Port="5061" Protocol="Mtls" /></Ports></Service>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><NewTopology><PartialTopology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008">
<InternalDomains DefaultDomain="contoso.com" ${NS}><InternalDomain Name="contoso.com" /></InternalDomains>
<CentralSites><CentralSite SiteId="1"><Clusters>
${clusters.join('\n')}
</Clusters></CentralSite></CentralSites>
<Services>
${services.join('\n')}
</Services></PartialTopology></NewTopology></TopologyBuilder>
`;
}

console.error('import benchmark');
const results = [[1, 2, 1, 1, 20], [50, 12, 20, 12, 5], [100, 12, 40, 12, 3]].map(([fe, servers, edges, nodes, runs]) => {
  const bytes = Buffer.from(generatedTbxml(fe!, servers!, edges!, nodes!));
  const load = time(() => validateLoaded(importedLoadedSource(importXml(bytes, 'generated.tbxml'), 'generated.tbxml')), runs!);
  const yaml = time(() => importedYaml(importXml(bytes, 'generated.tbxml'), 'generated.tbxml', 'Topology Builder file'), runs!);
  const r = {
    name: `fe${fe}x${servers}-edge${edges}x${nodes}`, fe_pools: fe, servers_per_pool: servers, edge_pools: edges, nodes_per_pool: nodes,
    bytes: bytes.length, median_ms: load.median_ms, cpu_ms: load.cpu_ms, yaml_median_ms: yaml.median_ms, yaml_bytes: yaml.result.length,
  };
  console.error(`  ${JSON.stringify(r)}`);
  return r;
});
console.log(JSON.stringify({ name: 'import', results }));
