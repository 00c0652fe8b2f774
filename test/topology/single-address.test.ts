// One external address for all three edge services, told apart by port as Topology Builder
// allows (Access 5061, Web Conferencing 444, A/V 443): flows, the _sip._tls SRV record and the
// lint follow the ports; Microsoft's warning about alternate ports is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopology } from '../../src/topology/load.ts';
import { lintTopology } from '../../src/topology/lint.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { dnsRecords } from '../../src/dns/records.ts';

const YAML = `version: sfb2019
sipDomains: [contoso.com]
features: { remoteUserAccess: true, sipFederation: true }
edgePools:
  - name: edge
    nextHop: pool01
    ports: { access: 5061, webConferencing: 444, av: 443 }
    nodes:
      - name: edge01
        external: { access: 131.107.155.10, webConferencing: 131.107.155.10, av: 131.107.155.10 }
        internal: 172.25.33.10
frontEndPools:
  - name: pool01
    servers: [{ name: fe01, address: 192.168.10.90 }]
`;

const t = parseTopology(YAML, 'single.yaml');
const inbound = compileFlows(t).filter((f) => f.firewall === 'external' && f.direction === 'in');
const port = (app: string) => inbound.filter((f) => f.application === app).map((f) => (f.destinationPort === 'Any' ? 'Any' : f.destinationPort.from));

test('inbound edge flows land on the service ports of the one address', () => {
  assert.deepEqual(port('SIP (TLS)'), [5061]);
  assert.deepEqual(port('PSOM (TLS)'), [444]);
  assert.deepEqual(port('STUN/MSTURN').sort((a, b) => Number(a) - Number(b)), [443, 3478]);
  assert.ok(inbound.every((f) => f.destination === 'Any' || f.destination.join() === '131.107.155.10'));
  assert.ok(!inbound.some((f) => f.application === 'PSOM (TLS)' && f.destinationPort !== 'Any' && f.destinationPort.from === 443), 'no PSOM on 443');
});

test("the _sip._tls SRV record gives the Access Edge's port", () => {
  const srv = dnsRecords(t).find((r) => r.type === 'SRV' && r.name === '_sip._tls.contoso.com');
  assert.ok(srv && srv.type === 'SRV');
  assert.equal(srv.port, 5061);
});

test('lint warns as the page does, and finds no collision', () => {
  const f = lintTopology(t);
  const w = f.find((x) => x.rule === 'single-address-alternate-ports');
  assert.ok(w);
  assert.equal(w.severity, 'warning');
  assert.match(w.citation.section, /firewalls that may block the alternate ports/);
  assert.ok(!f.some((x) => x.rule === 'edge-service-collision'));
  assert.equal(w.location.line, 10); // the node's external: mapping
});

test('the same address on one port for two services is an error', () => {
  const bad = parseTopology(YAML.replace('webConferencing: 444', 'webConferencing: 443'), 'bad.yaml');
  assert.ok(lintTopology(bad).some((x) => x.rule === 'edge-service-collision' && x.severity === 'error'));
});
