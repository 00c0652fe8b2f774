// The diagram: zones, firewalls, nodes grouped by pool, one group per pair of ends labelled with
// the documents' ports, and the same bytes for the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditConfigText } from '../../src/audit/of-text.ts';
import { allNodes, diagramGraph } from '../../src/diagram/graph.ts';
import { drawDiagram } from '../../src/diagram/index.ts';
import { paintFromAudit } from '../../src/diagram/paint.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { loadTopology } from '../../src/topology/load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const load = (name: string) => { const t = loadTopology(join(ROOT, 'examples', name)); return { t, flows: compileFlows(t) }; };
const ports = (g: ReturnType<typeof diagramGraph>, s: string, d: string) => g.groups.find((x) => x.source === s && x.destination === d)?.ports.map((p) => p.trim()).join(' / ');

for (const example of EXAMPLES) {
  test(`diagram of ${example}: the same bytes twice, every flow in exactly one group, nothing referenced`, async () => {
    const { t, flows } = load(example);
    const a = await drawDiagram(t, flows);
    const b = await drawDiagram(t, compileFlows(loadTopology(join(ROOT, 'examples', example))));
    assert.equal(a, b);
    const g = diagramGraph(t, flows);
    assert.equal(g.groups.reduce((n, x) => n + x.flows.length, 0), flows.length);
    assert.equal(new Set(g.groups.map((x) => `${x.source} ${x.destination}`)).size, g.groups.length);
    assert.equal((a.match(/<g class="flow /g) ?? []).length, g.groups.length);
    assert.equal((a.match(/<g class="node /g) ?? []).length, allNodes(g.nodes).filter((n) => n.kind !== 'zone' && n.kind !== 'firewall').length);
    assert.doesNotMatch(a, /<script|url\(|href=|<image|<foreignObject/i);
    assert.match(a, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="pd" viewBox="0 0 \d+ \d+" width="\d+" height="\d+"/);
  });
}

test('diagram of the 002 reference: the Internet, two firewalls, the edge services and the ports 002 lists', () => {
  const { t, flows } = load('lync2010-single-consolidated-edge.yaml');
  const g = diagramGraph(t, flows);
  assert.deepEqual(g.nodes.map((n) => n.id), ['zone-internet', 'fw-external', 'zone-perimeter', 'fw-internal', 'zone-internal']);
  const edge = allNodes(g.nodes).find((n) => n.id === 'edge-edge01')!;
  assert.deepEqual(edge.children.map((c) => c.label.join(' | ')), [
    'Access Edge | external 10.45.16.10', 'Web Conferencing Edge | external 10.45.16.20', 'A/V Edge | external 10.45.16.30', 'Edge internal interface | internal 172.25.33.10',
  ]);
  // 002's external table: Access Edge 443 and 5061 in, Web Conferencing 443, A/V 443, 3478 and the 50,000-59,999 range.
  assert.equal(ports(g, 'any-internet', 'edge-edge01-access'), 'TCP 443, 5061');
  assert.equal(ports(g, 'any-internet', 'edge-edge01-webconf'), 'TCP 443');
  assert.equal(ports(g, 'any-internet', 'edge-edge01-av'), 'TCP 443, 50000-59999 / UDP 3478, 50000-59999');
  // 002: "Port 8080 … from the reverse proxy internal interface to the pool VIP", "Port 4443 … to the pool VIP",
  // "Port 4443 … from the pool front end(s) to the Edge internal interface".
  assert.equal(ports(g, 'rp-internal', 'pool-pool01-vip'), 'TCP 4443, 8080');
  assert.match(ports(g, 'pool-pool01', 'edge-edge01-internal')!, /TCP 4443/);
  assert.equal(g.groups.find((x) => x.destination === 'edge-edge01-access')!.via, 'external');
  assert.equal(g.groups.find((x) => x.source === 'rp-internal')!.via, 'internal');
});

test('diagram of the 001 hardware-load-balanced edge: the VIPs and both nodes, in one edge pool', () => {
  const { t, flows } = load('lync2013-scaled-edge-hlb.yaml');
  const g = diagramGraph(t, flows);
  const pool = allNodes(g.nodes).find((n) => n.id === 'edgepool-edgepool')!;
  assert.deepEqual(pool.children.map((c) => c.kind), ['vip', 'vip', 'vip', 'edge-node', 'edge-node', 'vip']);
  const text = allNodes([pool]).flatMap((n) => n.label).join('\n');
  // The 9 public addresses of 001: three VIPs and three per node.
  for (const a of ['203.0.113.100', '203.0.113.101', '203.0.113.102', '203.0.113.10', '203.0.113.20', '203.0.113.30', '203.0.113.11', '203.0.113.21', '203.0.113.31']) assert.ok(text.includes(a), a);
});

test('diagram of the 004 internal servers: no perimeter, the pools with their servers and VIPs, the gateway to Mediation', () => {
  const { t, flows } = load('lync2010-internal-servers.yaml');
  const g = diagramGraph(t, flows);
  assert.deepEqual(g.nodes.map((n) => n.id), ['zone-internal']);
  const fe = allNodes(g.nodes).find((n) => n.id === 'pool-pool01')!;
  assert.deepEqual(fe.children.map((c) => c.label[0]), ['fe01', 'fe02', 'pool VIP']);
  // 004: the Mediation Server listens for the PSTN gateway on 5067 (TLS) and 5068 (TCP).
  assert.equal(ports(g, 'gw-gw01', 'pool-med01-med01'), 'TCP 5067, 5068');
});

test('diagram painted with an audit: the blocked flow group red, the over-permissive firewall marked', async () => {
  const { t, flows } = load('lync2010-single-consolidated-edge.yaml');
  const file = join(ROOT, 'test/fixtures/audit/nftables-external.nft');
  const report = auditConfigText({ topology: t, flows, text: readFileSync(file, 'utf8'), file, platform: 'nftables', firewall: 'external' });
  const paint = paintFromAudit([report]);
  // Finding (a) of the fixture: DNS from the Access Edge blocked.
  assert.ok([...paint.blocked].some((f) => f.requirement === '2010.edge-external.access.dns-udp-53.out'));
  const svg = await drawDiagram(t, flows, { paint });
  assert.match(svg, /<g class="flow dir-out blocked" data-id="flow-\d+" data-source="edge-edge01-access" data-destination="any-internet"/);
  assert.match(svg, /<g class="firewall overpermit" data-id="fw-external"><title>external firewall: \d+ over-permissive/);
  assert.doesNotMatch(svg, /data-id="fw-internal"[^>]*overpermit|class="firewall overpermit" data-id="fw-internal"/);
  const plain = await drawDiagram(t, flows);
  assert.doesNotMatch(plain, /class="flow [^"]*blocked"|class="firewall overpermit"/);
});
