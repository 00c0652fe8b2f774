// The topology file's JSON Schema: the single source for validation, editor completion
// (docs/topology.schema.json is generated from it) and the docs.
import { EDGE_LOAD_BALANCING, PRODUCT_VERSIONS } from '../catalog/products.ts';

const address = {
  description: "An IPv4 or IPv6 address, or a list of them (e.g. one of each family). A host's own address (a server's, an edge node's, a gateway's) may instead be the host's FQDN while its address is unknown (an imported Topology Builder file's 0.0.0.0): flows list it by name, check warns, render refuses a firewall that needs it.",
  type: ['string', 'array'],
  items: { type: 'string' },
  minItems: 1,
} as const;

const network = {
  description: 'Networks as CIDR (or single addresses).',
  type: 'array',
  items: { type: 'string' },
} as const;

const name = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'A short name: letters, digits, dot, dash, underscore.' } as const;
// Host names: letters, digits and hyphens only (Microsoft's rule for Lync names, and what
// named-checkzone's check-names accepts for an A record's owner): no label starts with `_`.
const fqdn = { type: 'string', pattern: '^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$', description: 'A fully qualified host name (letters, digits and hyphens; no label starts with "_" or "-").' } as const;

const host = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'address'],
  properties: { name, fqdn, address },
} as const;

const pool = (extra: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'servers'],
  properties: {
    name,
    fqdn,
    loadBalancing: {
      enum: ['none', 'dns', 'hardware'],
      description: 'dns: DNS load balancing (the VIP then carries only the web services ports); hardware: hardware load balancing only; none: a single server.',
    },
    vip: { ...address, description: 'Pool virtual IP on the hardware load balancer.' },
    servers: { type: 'array', minItems: 1, items: host },
    ...extra,
  },
});

export const TOPOLOGY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://portolan.invalid/topology.schema.json',
  title: 'Portolan topology',
  description: 'A Lync Server 2010/2013 or Skype for Business Server 2015/2019/Subscription Edition deployment: edge pools, internal pools, reverse proxy, clients and the features in use.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'sipDomains'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'A name for the deployment, used as the title of the plan and the diagram.' },
    version: {
      enum: [...PRODUCT_VERSIONS],
      description: 'Product version: Lync Server 2010 or 2013, Skype for Business Server 2015, 2019 or Subscription Edition.',
    },
    sipDomains: { type: 'array', minItems: 1, items: fqdn, description: 'SIP domains; the first is the primary.' },
    features: {
      type: 'object',
      additionalProperties: false,
      description: "Feature switches, in the documents' words. Rows that apply only with a feature appear only when it is on.",
      properties: {
        remoteUserAccess: { type: 'boolean', description: 'Remote (external) user access.' },
        sipFederation: { type: 'boolean', description: 'SIP federation with other organizations.' },
        federationPartners: {
          type: 'array', uniqueItems: true,
          items: { enum: ['ocs2007', 'ocs2007r2', 'lync2010', 'lync2013'] },
          description: 'Products federated partners run (Office Communications Server 2007 / 2007 R2, Lync Server 2010 / 2013).',
        },
        publicImConnectivity: { type: 'boolean', description: 'Public IM connectivity (Windows Live Messenger / Skype).' },
        xmppFederation: { type: 'boolean', description: 'XMPP federation (Lync Server 2013 and Skype for Business Server 2015; not 2019 or Subscription Edition).' },
        desktopSharingWithFederatedUsers: { type: 'boolean' },
        fileTransferWithFederatedUsers: { type: 'boolean' },
        multipleEdgePools: { type: 'boolean', description: 'More than one Edge pool in the organization.' },
        hostedExchange: { type: 'boolean', description: 'Connectivity with a hosted Exchange service (002: SIP/MTLS/5061 "Federation and connectivity with a hosted Exchange service").' },
        centralizedLogging: { type: 'boolean', description: 'No effect: the documents list the Centralized Logging Service ports 50001-50003 without a condition, so they always apply. Accepted so older topology files still load.' },
        reverseProxyHttpRedirect: { type: 'boolean', description: 'Optional HTTP 80 on the reverse proxy to redirect to HTTPS.' },
        remoteCallControl: { type: 'boolean', description: 'Static routes to remote call control servers (TCP 5060 on Front End and Director).' },
      },
    },
    tightenAny: {
      type: 'boolean',
      description: 'Tighten every "Any (can be defined as …)" source or destination to the named servers of this topology (default true; false keeps the documents\' literal Any).',
    },
    zones: {
      type: 'object', additionalProperties: false,
      description: 'Subnets of each zone; when given, every address must lie in the zone it is declared in.',
      properties: { internet: network, perimeter: network, corporate: network },
    },
    edgePools: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'nodes'],
        properties: {
          name,
          loadBalancing: { enum: [...EDGE_LOAD_BALANCING], description: 'none: a single edge; dns: DNS load balancing; hardware: hardware load balancer with VIPs.' },
          nextHop: { type: 'string', description: 'Name of the Front End pool or Director pool the edge talks to.' },
          fqdns: {
            type: 'object', additionalProperties: false,
            properties: { access: fqdn, webConferencing: fqdn, av: fqdn, internal: fqdn },
            description: 'Pool names; derived from the primary SIP domain when absent (sip., webcon., av.).',
          },
          ports: {
            type: 'object', additionalProperties: false,
            description: 'External service ports (443 by default); distinct ports when services share one address.',
            properties: {
              access: { type: 'integer', minimum: 1, maximum: 65535 },
              webConferencing: { type: 'integer', minimum: 1, maximum: 65535 },
              av: { type: 'integer', minimum: 1, maximum: 65535 },
            },
          },
          vips: {
            type: 'object', additionalProperties: false, required: ['access', 'webConferencing', 'av', 'internal'],
            description: 'Hardware load balancer virtual IPs.',
            properties: { access: address, webConferencing: address, av: address, internal: address },
          },
          snat: {
            type: 'object', additionalProperties: false,
            description: 'Source NAT on the hardware load balancer per service (allowed for Access and Web Conferencing, never for A/V).',
            properties: { access: { type: 'boolean' }, webConferencing: { type: 'boolean' }, av: { type: 'boolean' } },
          },
          avNat: { type: 'boolean', description: "The A/V Edge external address is NAT'd (give each node's avPublic)." },
          nat: {
            type: 'boolean',
            description: "The external addresses of every edge service are private, behind symmetric 1:1 NAT on the external firewall (give each node's external.public). Not with hardware load balancing.",
          },
          internalNat: { type: 'boolean', description: "The internal interface is NAT'd (the documents require routing)." },
          nodes: {
            type: 'array', minItems: 1,
            items: {
              type: 'object', additionalProperties: false, required: ['name', 'external', 'internal'],
              properties: {
                name, fqdn,
                external: {
                  type: 'object', additionalProperties: false, required: ['access', 'webConferencing', 'av'],
                  properties: {
                    access: address, webConferencing: address, av: address, avPublic: address,
                    public: {
                      type: 'object', additionalProperties: false, required: ['access', 'webConferencing', 'av'],
                      description: 'With nat: the public address the external firewall maps to each private service address (1:1).',
                      properties: { access: address, webConferencing: address, av: address },
                    },
                  },
                },
                internal: address,
              },
            },
          },
        },
      },
    },
    frontEndPools: {
      type: 'array',
      items: pool({
        centralManagementStore: { type: 'boolean', description: 'This pool holds the Central Management store.' },
        xmppGateway: { type: 'boolean', description: 'The XMPP Gateway runs on this pool (Lync Server 2013, Skype for Business Server 2015).' },
        collocatedMediation: { type: 'boolean', description: 'Mediation Server collocated on the Front End Servers.' },
        externalWebFqdn: fqdn,
      }),
    },
    directorPools: { type: 'array', items: pool({ externalWebFqdn: fqdn }) },
    mediationPools: { type: 'array', items: pool({}) },
    pstnGateways: { type: 'array', items: host },
    survivableBranches: { type: 'array', items: host, description: 'Survivable Branch Appliances / Servers using the edge.' },
    e911Gateways: { type: 'array', items: host, description: 'Enhanced 9-1-1 gateways.' },
    reverseProxy: {
      type: 'object', additionalProperties: false, required: ['external', 'internal'],
      properties: {
        name,
        external: address,
        internal: address,
        publishes: { type: 'string', description: 'Name of the Front End or Director pool whose web services it publishes.' },
      },
    },
    clients: {
      type: 'object', additionalProperties: false,
      properties: { networks: network, ipPhones: network },
    },
  },
} as const;
