// Acceptance: the examples for Skype for Business Server and the Lync 2013 pages produce a flow
// for every row their page lists for that scenario (and none the page does not), at the
// addresses the page's own example gives (its DNS tables are where the pages print addresses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { holds } from '../../src/flows/applies.ts';
import { citationVersions, keyOf } from '../../src/catalog/define.ts';
import { table } from '../../src/catalog/tables.ts';
import { PAGE } from '../../src/catalog/data/sources-pages.ts';
import type { Flow } from '../../src/flows/types.ts';
import { pageTable } from '../support/page-tables.ts';

const example = (name: string) => join(import.meta.dirname, '..', '..', 'examples', `${name}.yaml`);

/** The addresses a page's DNS example prints for one record: `public`/`private`, or plain. */
function dnsAddresses(document: string, heading: string, fqdn: string): { public: string[]; private: string[] } {
  const row = pageTable(document, heading).rows.find((r) => r.cells.some((c) => c === fqdn));
  assert.ok(row, `${fqdn} in ${heading}`);
  const cell = row.cells.find((c) => /\d+\.\d+\.\d+\.\d+/.test(c))!;
  const ips = (s: string) => s.match(/\d+\.\d+\.\d+\.\d+/g) ?? [];
  const pub = /public:(.*?)(private:|$)/.exec(cell), priv = /private:(.*)$/.exec(cell);
  return pub ? { public: ips(pub[1]), private: ips(priv![1]) } : { public: ips(cell), private: ips(cell) };
}

interface Case {
  example: string;
  /** Tables whose rows must all have flows, except the listed rows (with the reason). */
  tables: Record<string, { except?: number[]; why?: string }>;
  /** The page's DNS example the example's edge addresses come from. */
  dns: { document: string; heading: string; internal: string };
}

const SFB_SINGLE_DNS = { document: PAGE.sfbEdge, heading: 'DNS records for Single consolidated Edge Server scenarios', internal: 'sfvedge.contoso.net' };
const SFB_SCALED_DNS = { document: PAGE.sfbEdge, heading: 'DNS records for Scaled DNS and hardware Edge Server scenarios', internal: 'sfvedge.contoso.net' };
const NOT_2019 = 'XMPP is not supported in Skype for Business Server 2019 (nor Subscription Edition)';
const OWA = 'Office Web Apps Servers are not part of a topology yet';
const NOT_MODELLED = 'remote call control, collocated Mediation, E9-1-1, Office Web Apps, Directors, Mediation and Persistent Chat servers are not in this example';

const CASES: Case[] = [
  {
    example: 'sfb2019-single-edge-nat',
    tables: { 'sfb-edge-external': { except: [1], why: NOT_2019 }, 'sfb-edge-internal': { except: [1], why: NOT_2019 } },
    dns: SFB_SINGLE_DNS,
  },
  {
    example: 'sfb2015-scaled-edge-dns-lb-xmpp',
    tables: { 'sfb-edge-external': {}, 'sfb-edge-internal': {} },
    dns: SFB_SCALED_DNS,
  },
  {
    example: 'sfbse-scaled-edge-hlb',
    tables: {
      'sfb-hlb-external': {}, 'sfb-hlb-internal': { except: [1], why: NOT_2019 },
      'sfb-hlb-external-vip': { except: [1, 2], why: NOT_2019 }, 'sfb-hlb-internal-vip': {},
    },
    dns: SFB_SCALED_DNS,
  },
  {
    example: 'lync2013-single-edge-public',
    tables: {
      'l13-single-public-external': {}, 'l13-single-public-internal': {}, 'l13-single-public-federation': {},
      'l13-single-public-pic': {}, 'l13-single-public-xmpp': {},
      'l13-rp-external': {}, 'l13-rp-internal': { except: [3], why: OWA },
      'l13-server': { except: [2, 22, 23, 24, 25, 26, 32, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52], why: NOT_MODELLED },
    },
    dns: { document: PAGE.l13DnsSingleNat, heading: 'DNS Records Required for Single Consolidated Edge with Private IP Addresses Using NAT (Example)', internal: 'lsedge.contoso.net' },
  },
];

const citing = (flows: Flow[], key: string, row: number) => flows.filter((f) => f.citations.some((c) => keyOf(c) === key && c.row === row));

for (const c of CASES) {
  const topology = loadTopology(example(c.example));
  const flows = compileFlows(topology);

  test(`${c.example}: every row its page lists for this scenario has a flow, and the excluded rows none`, () => {
    for (const [key, { except = [], why }] of Object.entries(c.tables)) {
      for (let row = 1; row <= table(key).rows; row++) {
        const fs = citing(flows, key, row);
        if (except.includes(row)) assert.equal(fs.length, 0, `${key} row ${row} should not apply: ${why}`);
        else assert.ok(fs.length > 0, `no flow for ${key} row ${row}`);
      }
    }
  });

  test(`${c.example}: no flow cites a row that does not apply to it`, () => {
    for (const f of flows) for (const x of f.citations) {
      assert.ok(citationVersions(x).includes(topology.version), `${f.requirement} cites ${keyOf(x)} row ${x.row}, not for ${topology.version}`);
      assert.ok(holds(x.when, topology.features), `${f.requirement} cites ${keyOf(x)} row ${x.row} whose condition does not hold`);
    }
  });

  test(`${c.example}: the edge addresses are the page's example addresses`, () => {
    const pool = topology.edgePools[0];
    const { document, heading } = c.dns;
    const services = [['sip.contoso.com', 'access'], ['webcon.contoso.com', 'webConferencing'], ['av.contoso.com', 'av']] as const;
    for (const [fqdn, svc] of services) {
      const printed = dnsAddresses(document, heading, fqdn);
      if (pool.nat) {
        assert.deepEqual(pool.nodes.flatMap((n) => n[svc]), printed.private, `${svc} private`);
        assert.deepEqual(pool.nodes.flatMap((n) => n.public![svc]), printed.public, `${svc} public`);
      } else {
        assert.deepEqual(pool.nodes.flatMap((n) => n[svc]), printed.public, `${svc} public`);
      }
    }
    assert.deepEqual(pool.nodes.flatMap((n) => n.internal), dnsAddresses(document, heading, c.dns.internal).public, 'internal interface');
  });
}

/** One flow per edge node for each row: the documents' per-node tables, row for row. */
function edgeFlowsOfRow(flows: Flow[], key: string, row: number): Flow[] {
  return citing(flows, key, row).filter((f) => f.firewall === 'external' || f.firewall === 'internal');
}

test('sfb2019-single-edge-nat: the external firewall flows are the External port firewall summary rows, one each, at the private addresses', () => {
  const topology = loadTopology(example('sfb2019-single-edge-nat'));
  const flows = compileFlows(topology);
  const external = flows.filter((f) => f.firewall === 'external');
  const key = 'sfb-edge-external';
  const rows = pageTable(table(key).document, table(key).heading).rows;
  assert.equal(external.length, rows.length - 1); // every row but XMPP
  for (let row = 2; row <= rows.length; row++) {
    const [f, ...more] = edgeFlowsOfRow(external, key, row);
    assert.ok(f && more.length === 0, `row ${row}: one flow`);
    const [, transport, port, source, destination] = rows[row - 1].cells;
    assert.equal(f.transport, transport);
    const printedPort = f.destinationPort === 'Any' ? f.sourcePort : f.destinationPort;
    assert.equal(printedPort === 'Any' ? 'Any' : printedPort.from === printedPort.to ? String(printedPort.from) : `${printedPort.from}-${printedPort.to}`, port);
    // "Private IP using NAT: Edge Server … service": the address the NAT'ing firewall's filter sees.
    for (const [cell, side] of [[source, f.source], [destination, f.destination]] as const) {
      if (cell === 'Any') assert.equal(side, 'Any', `row ${row}`);
      else assert.ok(side !== 'Any' && side.every((a) => a.startsWith('10.45.16.')), `row ${row}: ${cell} → ${side}`);
    }
  }
});

test('sfb2015 scaled edge: one flow per node for each edge row (per-node tables), XMPP included in 2015', () => {
  const flows = compileFlows(loadTopology(example('sfb2015-scaled-edge-dns-lb-xmpp')));
  for (const row of [1, 2, 5, 8, 12]) assert.equal(edgeFlowsOfRow(flows, 'sfb-edge-external', row).length, 2, `row ${row}`);
  assert.ok(flows.some((f) => f.application === 'XMPP' && f.destinationPort !== 'Any' && f.destinationPort.from === 5269));
});

test('a Lync 2013 topology gets internal server, reverse proxy and edge flows from the 2013 pages', () => {
  const flows = compileFlows(loadTopology(example('lync2013-single-edge-public')));
  const docs = new Set(flows.flatMap((f) => f.citations.map((c) => c.document)));
  for (const d of [PAGE.l13SinglePublic, PAGE.l13ReverseProxy, PAGE.l13Internal]) assert.ok(docs.has(d), d);
  assert.ok(flows.some((f) => f.firewall === 'host-frontend' && f.destinationPort !== 'Any' && f.destinationPort.from === 4443), 'Front End 4443 (new in 2013)');
});
