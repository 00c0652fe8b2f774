// Design lint: rules the documents state about how an edge deployment must be built.
// Each finding points at the topology (file:line:col) and cites the document that states the rule.
import { BlockList } from 'node:net';
import { DOC, PAGE } from '../catalog/documents.ts';
import { citedDocument } from '../catalog/sources.ts';
import { PRODUCTS } from '../catalog/products.ts';
import { hostFamily } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import type { Origin, Topology } from './model.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  location: Origin;
  citation: { document: string; section: string };
}

/** Where a finding's rule is stated: Microsoft's article title and the section. */
export function findingSource(f: Pick<Finding, 'citation'>): string {
  return `${citedDocument(f.citation.document).title}: ${f.citation.section}`;
}

const HLB_SECTION = 'Hardware load balancer requirements (following "Firewall Summary for Scaled Consolidated Edge, Hardware Load Balanced: Internal Interface Node 1 and Node 2")';
const CITE = {
  avSnat: { document: DOC.d001, section: `${HLB_SECTION}: "SNAT cannot be configured on the A/V Edge service"` },
  nPlusOne: { document: DOC.d001, section: `${HLB_SECTION}: "your public IP address requirements are N+1 … 2 Edge servers … 9 public IP addresses"` },
  gateway: { document: DOC.d001, section: `${HLB_SECTION}: "The HLB Access Edge service VIP will act as the default gateway for each Edge server interface"` },
  routed: { document: DOC.d001, section: `${HLB_SECTION}: "Internal edge to internal servers and clients must be routed"` },
  distinct: { document: DOC.d002, section: 'External Ports Settings Required for Single Consolidated Edge Topology (Access 10.45.16.10, Web Conferencing 10.45.16.20, A/V 10.45.16.30, each on 443)' },
  nextHop: { document: DOC.d002, section: 'Internal Ports Settings Required for Single Consolidated Edge Topology: "Destination will be the next hop server(s)"' },
  rpTarget: { document: DOC.d002, section: 'Firewall Details for Reverse Proxy Server: Internal Interface: "redirected to a pool on port 4443"' },
  xmpp: { document: DOC.d000, section: 'Introduction: "The most noticeable addition is the port 5269 over TCP entry for … XMPP" (new in Lync Server 2013)' },
  ipv6: { document: DOC.d000, section: 'Introduction: "In addition to IPv4, the Edge Server now supports IPv6. For clarity, only IPv4 is used in the scenarios."' },
  avNat: { document: DOC.d001, section: `${HLB_SECTION}: "the A/V Edge service must respond with the real server address"` },
  xmpp2019: { document: PAGE.sfbXmpp, section: 'Migrating XMPP federation: "The XMPP functionality is no longer available and is deprecated in Skype for Business Server 2019."' },
  natHlbSfb: { document: PAGE.sfbEdge, section: 'Topology planning: "NAT can only be used for scaled consolidated Edge Servers if you use DNS load balancing. If you use hardware load balancing (HLB), you need to use publicly routable IP addresses without NAT."' },
  natSymmetric: { document: PAGE.sfbEdge, section: 'Topology planning: "Symmetric NAT is the only supported NAT you can use with Skype for Business Server Edge Server." … "Configure your NAT to not change incoming source addresses."' },
  natPublicSfb: { document: PAGE.sfbEdge, section: 'DNS records for Single consolidated Edge Server scenarios (each A record: "public: 131.107.155.10 private: 10.45.16.10")' },
  natPublic2013: { document: PAGE.l13SingleNat, section: 'Firewall Summary for Single Consolidated Edge with Private IP Addresses using NAT: External Interface' },
  avBetweenPools: { document: PAGE.sfbEdge, section: 'External port firewall summary table, A/V/STUN.MSTURN UDP 3478 outbound: "Used for media traffic between Edge Servers. … Needed if multiple Edge pools are deployed within your organization."' },
  alternatePorts: { document: PAGE.sfbEdge, section: 'DNS records for Single consolidated Edge Server scenarios: "You could use one IP address on the external network adapter. We don\'t recommend this … there are some firewalls that may block the alternate ports."' },
  imported: { document: 'docs/import.md', section: 'What is not read' },
  addresses: { document: DOC.d002, section: 'Internal Ports Settings Required for Single Consolidated Edge Topology: "Destination will be the next hop server(s). In the case of the reference architecture, it is the IP addresses of the two pool Front End Servers."' },
  nPlusOneSfb: { document: PAGE.sfbEdge, section: 'IP Address requirements for scaled consolidated Edge (IP Address per role): "2 | 6 | 3 (1 per VIP) + 6"' },
};

type Zone = 'perimeter' | 'corporate';
interface Use { address: string; role: string; path: string; zone: Zone }

/** Every address of the deployment with the role using it and the zone it belongs in. */
function uses(t: Topology): Use[] {
  const out: Use[] = [];
  const add = (addresses: string[] | undefined, role: string, path: string, zone: Zone) => {
    (addresses ?? []).forEach((address, i) => out.push({ address, role, path: addresses!.length > 1 ? `${path}.${i}` : path, zone }));
  };
  t.edgePools.forEach((p, pi) => {
    p.nodes.forEach((n, ni) => {
      const base = `edgePools.${pi}.nodes.${ni}`;
      add(n.access, `edge ${n.name} external`, `${base}.external.access`, 'perimeter');
      add(n.webConferencing, `edge ${n.name} external`, `${base}.external.webConferencing`, 'perimeter');
      add(n.av, `edge ${n.name} external`, `${base}.external.av`, 'perimeter');
      add(n.internal, `edge ${n.name} internal`, `${base}.internal`, 'perimeter');
    });
    if (p.vips) {
      add(p.vips.access, `edge pool ${p.name} external VIPs`, `edgePools.${pi}.vips.access`, 'perimeter');
      add(p.vips.webConferencing, `edge pool ${p.name} external VIPs`, `edgePools.${pi}.vips.webConferencing`, 'perimeter');
      add(p.vips.av, `edge pool ${p.name} external VIPs`, `edgePools.${pi}.vips.av`, 'perimeter');
      add(p.vips.internal, `edge pool ${p.name} internal VIP`, `edgePools.${pi}.vips.internal`, 'perimeter');
    }
  });
  for (const [key, pools] of [['frontEndPools', t.frontEndPools], ['directorPools', t.directorPools], ['mediationPools', t.mediationPools]] as const) {
    pools.forEach((p, pi) => {
      add(p.vip, `pool ${p.name} VIP`, `${key}.${pi}.vip`, 'corporate');
      p.servers.forEach((s, si) => add(s.addresses, `server ${s.name}`, `${key}.${pi}.servers.${si}.address`, 'corporate'));
    });
  }
  for (const [key, hosts] of [['pstnGateways', t.pstnGateways], ['survivableBranches', t.survivableBranches], ['e911Gateways', t.e911Gateways]] as const) {
    hosts.forEach((h, i) => add(h.addresses, `${key} ${h.name}`, `${key}.${i}.address`, 'corporate'));
  }
  if (t.reverseProxy) {
    add(t.reverseProxy.external, 'reverse proxy', 'reverseProxy.external', 'perimeter');
    add(t.reverseProxy.internal, 'reverse proxy', 'reverseProxy.internal', 'perimeter');
  }
  return out;
}

function blockList(networks: string[]): BlockList {
  const b = new BlockList();
  for (const n of networks) {
    const [ip, prefix] = n.split('/');
    const type = hostFamily(ip) === 'ipv6' ? 'ipv6' : 'ipv4';
    if (prefix === undefined) b.addAddress(ip, type);
    else b.addSubnet(ip, Number(prefix), type);
  }
  return b;
}

export function lintTopology(t: Topology): Finding[] {
  const findings: Finding[] = [];
  const at = (path: string): Origin => t.origins.get(path) ?? t.origins.get(path.replace(/\.\d+$/, '')) ?? { file: t.file, line: 1, col: 1 };
  const add = (rule: string, severity: Severity, message: string, path: string, citation: Finding['citation']) =>
    findings.push({ rule, severity, message, location: at(path), citation });
  const product = PRODUCTS[t.version];

  t.edgePools.forEach((p, pi) => {
    const base = `edgePools.${pi}`;
    const ports = p.ports;
    if (p.nextHop === undefined) add('missing-next-hop', 'error', `edge pool '${p.name}' has no nextHop: the internal SIP rows (5061) need the next hop Front End or Director pool`, base, CITE.nextHop);
    if (p.internalNat) add('internal-edge-nat', 'error', `edge pool '${p.name}': the internal interface must be routed, not NAT'd`, `${base}.internalNat`, CITE.routed);
    if (p.loadBalancing === 'hardware') {
      if (p.snat.av) add('av-snat-with-hlb', 'error', `edge pool '${p.name}': SNAT on the A/V Edge VIP breaks STUN/TURN; the A/V Edge must answer with the real server address`, `${base}.snat.av`, CITE.avSnat);
      if (p.avNat) add('av-nat-with-hlb', 'error', `edge pool '${p.name}': the A/V Edge cannot be NAT'd with hardware load balancing; use public addresses on each node`, `${base}.avNat`, CITE.avNat);
      const expected = p.nodes.length * 3 + 3;
      const actual = new Set([...p.nodes.flatMap((n) => [...n.access, ...n.webConferencing, ...n.av]), ...(p.vips ? [...p.vips.access, ...p.vips.webConferencing, ...p.vips.av] : [])]).size;
      add('hlb-public-address-count', actual === expected ? 'info' : 'warning',
        `edge pool '${p.name}': hardware load balancing needs N+1 public addresses per service: ${p.nodes.length} nodes × 3 + 3 VIPs = ${expected}; the topology gives ${actual}`,
        `${base}.vips`, product.skypeForBusinessPages ? CITE.nPlusOneSfb : CITE.nPlusOne);
      add('hlb-default-gateway', 'info', `edge pool '${p.name}': the load balancer's Access Edge VIP is each edge node's default gateway; internal networks need persistent static routes`, `${base}.vips.access`, CITE.gateway);
      const gap = product.noTable.hardwareLoadBalancedEdge;
      if (gap) add('no-table-for-scenario', 'warning', `edge pool '${p.name}': ${gap.says}`, `${base}.loadBalancing`, gap.citation);
    }
    if (p.avNat && p.loadBalancing !== 'hardware') {
      p.nodes.forEach((n, ni) => {
        if (!n.avPublic) add('av-nat-without-public-address', 'error', `edge node '${n.name}': avNat is on but external.avPublic is missing`, `${base}.nodes.${ni}.external`, CITE.avNat);
      });
    }
    if (p.nat) {
      if (p.loadBalancing === 'hardware') add('nat-with-hlb', 'error', `edge pool '${p.name}': NAT cannot be used with hardware load balancing; the edge services need publicly routable addresses without NAT`, `${base}.nat`, product.skypeForBusinessPages ? CITE.natHlbSfb : CITE.avNat);
      p.nodes.forEach((n, ni) => {
        if (!n.public) add('nat-without-public-address', 'error', `edge node '${n.name}': nat is on but external.public (the public address of each service) is missing`, `${base}.nodes.${ni}.external`, product.skypeForBusinessPages ? CITE.natPublicSfb : CITE.natPublic2013);
      });
      if (t.features.has('multiple-edge-pools')) add('nat-av-between-pools', 'warning', `edge pool '${p.name}': with several edge pools, edge servers send media to each other's A/V Edge addresses (3478/UDP): each pool's public A/V address must be reachable from the other pools' A/V Edge, through this NAT`, `${base}.nat`, CITE.avBetweenPools);
      add('nat-symmetric', 'info', `edge pool '${p.name}': the external firewall must do symmetric 1:1 NAT and keep the source address of inbound traffic (the A/V Edge needs it to find the media path); Portolan renders it that way`, `${base}.nat`, CITE.natSymmetric);
    }
    // One external address for all three services, told apart by port (Topology Builder allows it).
    p.nodes.forEach((n, ni) => {
      if (new Set([...n.access, ...n.webConferencing, ...n.av]).size < n.access.length + n.webConferencing.length + n.av.length) {
        add('single-address-alternate-ports', 'warning', `edge node '${n.name}': edge services share one external address on ports ${ports.access}/${ports.webConferencing}/${ports.av}; Microsoft does not recommend it, because some firewalls may block the alternate ports`, `${base}.nodes.${ni}.external`, CITE.alternatePorts);
      }
    });
    // Two edge services on one address and port (per node, and among the VIPs).
    const check = (services: [string, string[], number][], path: string, who: string) => {
      const seen = new Map<string, string>();
      for (const [svc, addrs, port] of services) for (const a of addrs) {
        const k = `${a}:${port}`;
        if (seen.has(k)) add('edge-service-collision', 'error', `${who}: ${seen.get(k)} and ${svc} share ${a} port ${port}; give each edge service its own address or a distinct port (ports: …)`, path, CITE.distinct);
        else seen.set(k, svc);
      }
    };
    p.nodes.forEach((n, ni) => check([['Access', n.access, ports.access], ['Web Conferencing', n.webConferencing, ports.webConferencing], ['A/V', n.av, ports.av]], `${base}.nodes.${ni}.external`, `edge node '${n.name}'`));
    if (p.vips) check([['Access', p.vips.access, ports.access], ['Web Conferencing', p.vips.webConferencing, ports.webConferencing], ['A/V', p.vips.av, ports.av]], `${base}.vips`, `edge pool '${p.name}' VIPs`);
  });

  if (!product.xmpp) {
    const [why, cite] = product.skypeForBusinessPages
      ? [`XMPP gateways and proxies are not supported in Skype for Business Server 2019 (this topology is ${product.label}); keep XMPP on a Skype for Business Server 2015 or Lync Server 2013 edge in coexistence`, CITE.xmpp2019]
      : [`XMPP federation is new in Lync Server 2013; this topology is ${t.version}`, CITE.xmpp];
    if (t.features.has('xmpp-federation')) add('feature-not-in-version', 'error', why, 'features.xmppFederation', cite);
    t.frontEndPools.forEach((p, i) => {
      if (p.xmppGateway) add('feature-not-in-version', 'error', `pool '${p.name}': ${why}`, `frontEndPools.${i}.xmppGateway`, cite);
    });
  }
  if (t.reverseProxy) {
    if (t.reverseProxy.publishes === undefined) add('missing-reverse-proxy-target', 'error', "the reverse proxy publishes no pool: set reverseProxy.publishes to the Front End or Director pool", 'reverseProxy', CITE.rpTarget);
    const gap = product.noTable.reverseProxy;
    if (gap) add('no-table-for-scenario', 'warning', gap.says, 'reverseProxy', gap.citation);
    const earlier = product.earlierTable?.reverseProxy;
    if (earlier) add('table-from-earlier-version', 'info', earlier.says, 'reverseProxy', earlier.citation);
  }

  const all = uses(t);
  const byAddress = new Map<string, Use[]>();
  for (const u of all) byAddress.set(u.address, [...(byAddress.get(u.address) ?? []), u]);
  for (const [address, us] of byAddress) {
    const roles = [...new Set(us.map((u) => u.role))];
    if (roles.length > 1) add('address-shared-by-roles', 'error', `${address} is used by ${roles.join(' and ')}; one address must serve one role`, us[1].path, CITE.distinct);
  }
  for (const zone of ['perimeter', 'corporate'] as const) {
    const nets = t.zones?.[zone];
    if (!nets || nets.length === 0) continue;
    const bl = blockList(nets);
    for (const u of all.filter((x) => x.zone === zone && !isHostName(x.address))) {
      const fam = hostFamily(u.address) === 'ipv6' ? 'ipv6' : 'ipv4';
      if (!bl.check(u.address, fam)) add('address-outside-zone', 'error', `${u.address} (${u.role}) is outside the ${zone} zone (${nets.join(', ')})`, u.path, CITE.distinct);
    }
  }
  // Hosts named by FQDN where the address belongs (an imported file's 0.0.0.0): listed, each once.
  const named = new Set<string>();
  for (const u of all) {
    if (!isHostName(u.address) || named.has(u.address)) continue;
    named.add(u.address);
    add('unresolved-address', 'warning', `${u.address} (${u.role}) has no address, only its name: flows list it by name; render, audit and the lab refuse a firewall that needs it (give the address, or import with --resolve)`, u.path, CITE.addresses);
  }
  for (const i of t.ignored ?? []) {
    findings.push({ rule: 'ignored-xml-content', severity: 'info', message: `not modelled, ignored: ${i.what}`, location: i.origin, citation: CITE.imported });
  }
  if (all.some((u) => hostFamily(u.address) === 'ipv6')) add('ipv6-beyond-documents', 'info', 'IPv6 addresses are given: the documents show IPv4 only; IPv6 flows mirror the IPv4 rows', 'version', CITE.ipv6);

  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => order[a.severity] - order[b.severity] || a.location.line - b.location.line || a.location.col - b.location.col || a.rule.localeCompare(b.rule));
}
