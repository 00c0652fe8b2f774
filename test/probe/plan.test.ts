// Vantage selection on the shipped examples, the probe each application gets, and the safety
// property: a plan never contacts anything but the topology's flow addresses and explicit overrides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTopology } from '../../src/topology/load.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { allowedContacts, buildPlan, parseVantage, samplePorts, selectFlows, sideOf, type PlanOptions, type Vantage } from '../../src/probe/plan.ts';

const REF = 'examples/lync2010-single-consolidated-edge.yaml';
const EXAMPLES = ['lync2010-single-consolidated-edge', 'lync2013-scaled-edge-dns-lb', 'lync2013-scaled-edge-hlb', 'lync2013-federation-xmpp-pic', 'lync2010-internal-servers']
  .map((n) => `examples/${n}.yaml`);
const load = (f: string) => { const t = loadTopology(f); return { t, flows: compileFlows(t) }; };

test('internet: the inbound rows of the external firewall from Any, nothing else', () => {
  const { t, flows } = load(REF);
  const sel = selectFlows(t, flows, { kind: 'internet' });
  assert.ok(sel.length > 0);
  for (const f of sel) assert.deepEqual([f.firewall, f.direction, f.source], ['external', 'in', 'Any']);
  assert.deepEqual([...new Set(sel.flatMap((f) => f.destination as string[]))].sort(), ['10.45.16.10', '10.45.16.20', '10.45.16.30', '10.45.16.40']);
});

test('perimeter: flows from an edge or reverse proxy address, on both firewalls', () => {
  const { t, flows } = load(REF);
  const sel = selectFlows(t, flows, { kind: 'perimeter' });
  assert.deepEqual([...new Set(sel.map((f) => f.firewall))].sort(), ['external', 'internal']);
  for (const f of sel) assert.ok(f.source !== 'Any' && f.source.some((s) => s.startsWith('10.45.16.') || s.startsWith('172.25.33.')), f.requirement);
  assert.ok(sel.some((f) => f.requirement === '2010.reverse-proxy-internal.https-4443.in'));
  assert.ok(sel.some((f) => f.requirement === '2010.edge-external.access.sip-mtls-5061.out'));
});

test('corporate: outbound flows of the internal firewall, from corporate sources or Any', () => {
  const { t, flows } = load(REF);
  const sel = selectFlows(t, flows, { kind: 'corporate' });
  assert.equal(sel.length, 6);
  for (const f of sel) assert.deepEqual([f.firewall, f.direction], ['internal', 'out']);
});

test('an address: flows whose source holds it, or Any on its side of the perimeter', () => {
  const { t, flows } = load(REF);
  assert.equal(sideOf(t, '192.168.10.90'), 'corporate');
  assert.equal(sideOf(t, '10.45.16.10'), 'perimeter');
  assert.equal(sideOf(t, '198.51.100.7'), 'internet');
  const outside = selectFlows(t, flows, { kind: 'address', address: '198.51.100.7' });
  assert.ok(outside.every((f) => f.source === 'Any' && (f.firewall === 'external' || f.firewall === 'host-edge')));
  assert.ok(outside.some((f) => f.firewall === 'external'));
  const fe = selectFlows(t, flows, { kind: 'address', address: '192.168.10.90' });
  assert.ok(fe.some((f) => f.requirement === '2010.edge-internal.access.sip-mtls-5061.out'));
  assert.ok(!fe.some((f) => f.firewall === 'external'));
  // the plan drops flows to the vantage address itself
  const plan = buildPlan(t, flows, { vantage: { kind: 'address', address: '192.168.10.90' } });
  assert.ok(!plan.probes.some((p) => p.destination === '192.168.10.90'));
});

test('parseVantage accepts the three names and IP addresses only', () => {
  assert.deepEqual(parseVantage('internet'), { kind: 'internet' });
  assert.deepEqual(parseVantage('2001:db8::1'), { kind: 'address', address: '2001:db8::1' });
  assert.equal(parseVantage('edge.contoso.com'), undefined);
});

test('each application gets the probe it needs (reference example, from the internet)', () => {
  const { t, flows } = load(REF);
  const plan = buildPlan(t, flows, { vantage: { kind: 'internet' } });
  const by = (app: string, transport = 'TCP') => plan.probes.filter((p) => p.flow.application === app && p.flow.transport === transport);
  const sipTls = by('SIP (TLS)')[0]!.spec!;
  assert.deepEqual(sipTls, { kind: 'sip', host: '10.45.16.10', port: 443, transport: 'TLS', servername: 'sip.contoso.com', expectedNames: ['sip.contoso.com', 'webcon.contoso.com'] });
  assert.equal((by('SIP (MTLS)')[0]!.spec as { transport: string }).transport, 'TLS'); // no client certificate given
  assert.equal(by('PSOM (TLS)')[0]!.spec!.kind, 'tls');
  assert.deepEqual(by('STUN/MSTURN', 'UDP')[0]!.spec, { kind: 'stun-udp', host: '10.45.16.30', port: 3478 });
  assert.equal(by('STUN/MSTURN')[0]!.spec!.kind, 'stun-tcp');
  assert.deepEqual(by('RTP')[0]!.spec, { kind: 'tcp-sample', host: '10.45.16.30', ports: [50000, 54999, 59999] });
  assert.match(by('RTP', 'UDP')[0]!.skipped!, /not probed/);
  assert.deepEqual(by('HTTPS')[0]!.spec, { kind: 'http', host: '10.45.16.40', port: 443, scheme: 'https', hostHeader: 'webext.contoso.com', expectedNames: plan.probes.find((p) => p.flow.application === 'HTTPS')!.spec!.kind === 'http' ? (by('HTTPS')[0]!.spec as { expectedNames: string[] }).expectedNames : [] });
  assert.ok((by('HTTPS')[0]!.spec as { expectedNames: string[] }).expectedNames.includes('webext.contoso.com'));
  const http = by('HTTP')[0]!;
  assert.equal(http.required, false, '"(Optional)" row');
  assert.equal(http.spec!.kind, 'http');
  for (const p of plan.probes) {
    assert.equal(p.requirement, p.flow.requirement);
    assert.ok(p.citations.length > 0);
  }
});

test('with credentials: MTLS SIP with the client certificate, the A/V range through a TURN relay', () => {
  const { t, flows } = load(REF);
  const plan = buildPlan(t, flows, { vantage: { kind: 'internet' }, clientCert: true, turnCredentials: true });
  const mtls = plan.probes.find((p) => p.flow.application === 'SIP (MTLS)')!.spec!;
  assert.equal((mtls as { transport: string }).transport, 'MTLS');
  const rtp = plan.probes.filter((p) => p.flow.application === 'RTP').map((p) => p.spec);
  assert.deepEqual(rtp, [
    { kind: 'turn-relay', host: '10.45.16.30', port: 443, transport: 'tls', relayRange: [50000, 59999], servername: 'av.contoso.com' },
    { kind: 'turn-relay', host: '10.45.16.30', port: 3478, transport: 'udp', relayRange: [50000, 59999], servername: 'av.contoso.com' },
  ]);
});

test('the 2013 XMPP example: s2s stream on 5269, the gateway by handshake only with a secret', () => {
  const { t, flows } = load('examples/lync2013-federation-xmpp-pic.yaml');
  const inet = buildPlan(t, flows, { vantage: { kind: 'internet' } });
  assert.ok(inet.probes.some((p) => p.spec?.kind === 'xmpp-s2s' && p.spec.port === 5269));
  const plain = buildPlan(t, flows, { vantage: { kind: 'corporate' } }).probes.find((p) => p.flow.application === 'XMPP (MTLS)')!;
  assert.equal(plain.spec!.kind, 'tcp');
  const secret = buildPlan(t, flows, { vantage: { kind: 'corporate' }, xmppSecret: true }).probes.find((p) => p.flow.application === 'XMPP (MTLS)')!;
  assert.equal(secret.spec!.kind, 'xmpp-component');
  const dnslb = load('examples/lync2013-scaled-edge-dns-lb.yaml');
  const mtls = buildPlan(dnslb.t, dnslb.flows, { vantage: { kind: 'corporate' } }).probes.filter((p) => p.flow.application === 'MTLS');
  assert.deepEqual(mtls.map((p) => `${p.spec!.kind} ${p.destination}:${(p.spec as { port: number }).port}`).sort(),
    ['tls 172.25.33.10:50001', 'tls 172.25.33.10:50002', 'tls 172.25.33.10:50003', 'tls 172.25.33.11:50001', 'tls 172.25.33.11:50002', 'tls 172.25.33.11:50003']);
});

test('destination Any needs --target; DNS goes to --resolver with the topology records', () => {
  const { t, flows } = load(REF);
  const bare = buildPlan(t, flows, { vantage: { kind: 'perimeter' } });
  const anyDest = bare.probes.filter((p) => p.flow.destination === 'Any');
  assert.ok(anyDest.length > 0);
  for (const p of anyDest) {
    assert.equal(p.spec, undefined);
    assert.equal(p.skipped, 'not probed (destination Any: give --target)');
  }
  const aimed = buildPlan(t, flows, { vantage: { kind: 'perimeter' }, targets: ['198.51.100.9'], resolver: { host: '198.51.100.53', port: 5353 } });
  const sip = aimed.probes.find((p) => p.requirement === '2010.edge-external.access.sip-mtls-5061.out')!;
  assert.equal(sip.spec!.host, '198.51.100.9');
  const dns = aimed.probes.find((p) => p.flow.application === 'DNS')!;
  assert.equal(dns.spec!.kind, 'dns');
  assert.equal(dns.spec!.host, '198.51.100.53');
  assert.equal((dns.spec as { port: number }).port, 5353);
  assert.ok((dns.spec as { queries: { name: string }[] }).queries.some((q) => q.name === '_sip._tls.contoso.com'));
  // A/V out with destination port Any cannot be probed even with a target
  assert.match(aimed.probes.find((p) => p.requirement === '2010.edge-external.av.rtp-tcp-50000-59999.out')!.skipped!, /port Any/);
});

test('never a scan: every range becomes at most three sampled ports or one TURN allocation', () => {
  assert.deepEqual(samplePorts(50000, 59999), [50000, 54999, 59999]);
  assert.deepEqual(samplePorts(50001, 50002), [50001, 50002]);
  for (const file of EXAMPLES) {
    const { t, flows } = load(file);
    for (const v of ['internet', 'perimeter', 'corporate'] as const) {
      for (const p of buildPlan(t, flows, { vantage: { kind: v }, targets: ['198.51.100.9'] }).probes) {
        if (p.spec?.kind === 'tcp-sample') assert.ok(p.spec.ports.length <= 3);
      }
    }
  }
});

test('property: probes contact only flow destinations of the topology and the explicit overrides', () => {
  const loaded = EXAMPLES.map(load);
  const octet = fc.integer({ min: 0, max: 255 });
  const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
  const arb = fc.record({
    example: fc.integer({ min: 0, max: loaded.length - 1 }),
    vantage: fc.oneof(fc.constantFrom<Vantage>({ kind: 'internet' }, { kind: 'perimeter' }, { kind: 'corporate' }), v4.map((a): Vantage => ({ kind: 'address', address: a }))),
    targets: fc.array(v4, { maxLength: 3 }),
    resolver: fc.option(v4.map((host) => ({ host, port: 53 })), { nil: undefined }),
    clientCert: fc.boolean(), turnCredentials: fc.boolean(), xmppSecret: fc.boolean(),
  });
  // also every address the topologies themselves mention, as vantage points
  fc.assert(fc.property(arb, (a) => {
    const { t, flows } = loaded[a.example]!;
    const o: PlanOptions = { vantage: a.vantage, targets: a.targets, resolver: a.resolver, clientCert: a.clientCert, turnCredentials: a.turnCredentials, xmppSecret: a.xmppSecret };
    const plan = buildPlan(t, flows, o);
    const flowAddrs = new Set(flows.flatMap((f) => (f.destination === 'Any' ? [] : f.destination)));
    const explicit = new Set([...a.targets, ...(a.resolver ? [a.resolver.host] : [])]);
    for (const p of plan.probes) {
      if (!p.spec) continue;
      assert.ok(flowAddrs.has(p.spec.host) || explicit.has(p.spec.host), `${p.spec.host} is neither a flow address nor an override`);
    }
    assert.deepEqual(new Set(plan.contacts), new Set(plan.probes.flatMap((p) => (p.spec ? [p.spec.host] : []))));
    for (const c of plan.contacts) assert.ok(allowedContacts(flows, o).has(c));
  }), { numRuns: 300 });
  for (const { t, flows } of loaded) {
    for (const addr of new Set(flows.flatMap((f) => (f.source === 'Any' ? [] : f.source)))) {
      const plan = buildPlan(t, flows, { vantage: { kind: 'address', address: addr.replace(/\/\d+$/, '') } });
      for (const c of plan.contacts) assert.ok(allowedContacts(flows, {}).has(c));
    }
  }
});
