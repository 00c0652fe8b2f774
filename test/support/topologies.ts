// Hand-built Topology objects for the DNS and certificate tests, with the documents' reference
// addresses, so these tests do not depend on the YAML loader.
import { existsSync, readdirSync } from 'node:fs';
import type { Feature } from '../../src/catalog/types.ts';
import { loadTopology } from '../../src/topology/load.ts';
import type { EdgeNode, EdgePool, Host, ServerPool, Topology } from '../../src/topology/model.ts';

export function topology(over: Partial<Topology> = {}): Topology {
  return {
    file: 'test.yaml',
    version: 'lync2013',
    sipDomains: ['contoso.com'],
    features: new Set<Feature>(['remote-user-access', 'sip-federation']),
    tightenAny: false,
    edgePools: [],
    frontEndPools: [],
    directorPools: [],
    mediationPools: [],
    pstnGateways: [],
    survivableBranches: [],
    e911Gateways: [],
    clientNetworks: [],
    ipPhoneNetworks: [],
    origins: new Map(),
    ...over,
  };
}

export function node(name: string, a: Partial<EdgeNode> & Pick<EdgeNode, 'access' | 'internal'>): EdgeNode {
  return { name, webConferencing: [], av: [], ...a };
}

export function edgePool(name: string, over: Partial<EdgePool> = {}): EdgePool {
  return {
    name,
    loadBalancing: 'none',
    nodes: [],
    ports: { access: 443, webConferencing: 443, av: 443 },
    snat: { access: false, webConferencing: false, av: false },
    avNat: false,
    nat: false,
    internalNat: false,
    ...over,
  };
}

export function host(name: string, addresses: string[], fqdn?: string): Host {
  return fqdn ? { name, fqdn, addresses } : { name, addresses };
}

export function frontEndPool(name: string, over: Partial<ServerPool> = {}): ServerPool {
  return { name, kind: 'frontEnd', servers: [], loadBalancing: 'hardware', ...over };
}

/** 002 reference architecture 1 (Lync Server 2010, single consolidated edge, reverse proxy). */
export function lync2010Reference(): Topology {
  return topology({
    file: 'lync2010-single-consolidated-edge.yaml',
    version: 'lync2010',
    edgePools: [
      edgePool('edge', {
        internalFqdn: 'lsedge.contoso.net',
        nextHop: 'pool01',
        nodes: [node('edge01', { fqdn: 'lsedge.contoso.net', access: ['10.45.16.10'], webConferencing: ['10.45.16.20'], av: ['10.45.16.30'], internal: ['172.25.33.10'] })],
      }),
    ],
    frontEndPools: [
      frontEndPool('pool01', {
        fqdn: 'pool01.contoso.net',
        externalWebFqdn: 'webext.contoso.com',
        vip: ['192.168.10.190'],
        servers: [host('fe01', ['192.168.10.90'], 'fe01.contoso.net'), host('fe02', ['192.168.10.91'], 'fe02.contoso.net')],
      }),
    ],
    reverseProxy: { name: 'rp', external: ['10.45.16.40'], internal: ['172.25.33.40'], publishes: 'pool01' },
  });
}

/** 000: Lync Server 2013, scaled consolidated edge, DNS load balancing with public addresses, two SIP domains, XMPP. */
export function lync2013DnsLb(): Topology {
  return topology({
    file: 'lync2013-scaled-edge-dns-lb.yaml',
    sipDomains: ['contoso.com', 'fabrikam.com'],
    features: new Set<Feature>(['remote-user-access', 'sip-federation', 'xmpp-federation']),
    edgePools: [
      edgePool('edgepool', {
        loadBalancing: 'dns',
        internalFqdn: 'edgepool.contoso.net',
        nextHop: 'pool01',
        nodes: [
          node('edge01', { access: ['203.0.113.10'], webConferencing: ['203.0.113.20'], av: ['203.0.113.30'], internal: ['172.25.33.10'] }),
          node('edge02', { access: ['203.0.113.11', '2001:db8::11'], webConferencing: ['203.0.113.21'], av: ['203.0.113.31'], internal: ['172.25.33.11'] }),
        ],
      }),
    ],
    frontEndPools: [
      frontEndPool('pool01', {
        loadBalancing: 'dns',
        fqdn: 'pool01.contoso.com',
        vip: ['192.168.10.190'],
        servers: [host('fe01', ['192.168.10.90'], 'fe01.contoso.com'), host('fe02', ['192.168.10.91'], 'fe02.contoso.com')],
      }),
    ],
    reverseProxy: { name: 'rp', external: ['203.0.113.40'], internal: ['172.25.33.40'] },
  });
}

/** 001: Lync Server 2013, scaled consolidated edge, hardware load balanced (VIPs), names given. */
export function lync2013Hlb(): Topology {
  return topology({
    file: 'lync2013-scaled-edge-hlb.yaml',
    edgePools: [
      edgePool('edgepool', {
        loadBalancing: 'hardware',
        accessFqdn: 'access.contoso.com',
        webConferencingFqdn: 'webconf.contoso.com',
        avFqdn: 'av.contoso.com',
        internalFqdn: 'edgepool.contoso.net',
        nextHop: 'pool01',
        vips: { access: ['203.0.113.100'], webConferencing: ['203.0.113.101'], av: ['203.0.113.102'], internal: ['172.25.33.100'] },
        nodes: [
          node('edge01', { fqdn: 'edge01.contoso.net', access: ['203.0.113.10'], webConferencing: ['203.0.113.20'], av: ['203.0.113.30'], internal: ['172.25.33.10'] }),
          node('edge02', { fqdn: 'edge02.contoso.net', access: ['203.0.113.11'], webConferencing: ['203.0.113.21'], av: ['203.0.113.31'], internal: ['172.25.33.11'] }),
        ],
      }),
    ],
    frontEndPools: [
      frontEndPool('pool01', {
        fqdn: 'pool01.contoso.net',
        vip: ['192.168.10.190'],
        servers: [host('fe01', ['192.168.10.90'], 'fe01.contoso.net'), host('fe02', ['192.168.10.91'], 'fe02.contoso.net')],
      }),
    ],
    reverseProxy: { name: 'rp', external: ['203.0.113.40'], internal: ['172.25.33.40'], publishes: 'pool01' },
  });
}

export const ALL_TOPOLOGIES: [string, () => Topology][] = [
  ['lync2010-reference', lync2010Reference],
  ['lync2013-dns-lb', lync2013DnsLb],
  ['lync2013-hlb', lync2013Hlb],
];

/** The shipped examples/*.yaml, loaded through the real loader (run from the repository root). */
export function exampleTopologies(): [string, () => Topology][] {
  if (!existsSync('examples')) return [];
  return readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()
    .map((f): [string, () => Topology] => [`examples/${f}`, () => loadTopology(`examples/${f}`)]);
}

/** Hand-built fixtures and every shipped example. */
export function everyTopology(): [string, () => Topology][] {
  return [...ALL_TOPOLOGIES, ...exampleTopologies()];
}

/** The 2013 DNS load balancing topology as a topology file, for end-to-end command tests through the loader. */
export const LYNC2013_DNS_LB_YAML = `version: lync2013
sipDomains: [contoso.com, fabrikam.com]
features: { remoteUserAccess: true, sipFederation: true, xmppFederation: true }
edgePools:
  - name: edgepool
    loadBalancing: dns
    nextHop: pool01
    fqdns: { internal: edgepool.contoso.net }
    nodes:
      - name: edge01
        external: { access: 203.0.113.10, webConferencing: 203.0.113.20, av: 203.0.113.30 }
        internal: 172.25.33.10
      - name: edge02
        external: { access: 203.0.113.11, webConferencing: 203.0.113.21, av: 203.0.113.31 }
        internal: 172.25.33.11
frontEndPools:
  - name: pool01
    fqdn: pool01.contoso.com
    loadBalancing: dns
    vip: 192.168.10.190
    servers:
      - { name: fe01, fqdn: fe01.contoso.com, address: 192.168.10.90 }
      - { name: fe02, fqdn: fe02.contoso.com, address: 192.168.10.91 }
reverseProxy: { name: rp, external: 203.0.113.40, internal: 172.25.33.40, publishes: pool01 }
`;
