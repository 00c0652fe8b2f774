// Lint for the later versions: XMPP is an error in 2019 and Subscription Edition (citing
// "Migrating XMPP federation"), fine in 2015; NAT with hardware load balancing is an error citing
// the Skype for Business edge page; NAT needs each service's public address; Lync 2013 reverse
// proxies have their own table now; Skype for Business ones are told they follow Lync 2013's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopology } from '../../src/topology/load.ts';
import { lintTopology } from '../../src/topology/lint.ts';
import { compileFlows } from '../../src/flows/compile.ts';

function yaml(version: string, opts: { xmpp?: boolean; lb?: string; nat?: boolean; publicAddrs?: boolean; rp?: boolean } = {}): string {
  return [
    `version: ${version}`,
    'sipDomains: [contoso.com]',
    `features: { remoteUserAccess: true, xmppFederation: ${opts.xmpp ?? false} }`,
    'edgePools:',
    '  - name: e',
    `    loadBalancing: ${opts.lb ?? 'none'}`,
    `    nat: ${opts.nat ?? false}`,
    '    nextHop: p',
    ...(opts.lb === 'hardware' ? ['    vips: { access: 131.107.155.100, webConferencing: 131.107.155.101, av: 131.107.155.102, internal: 172.25.33.100 }'] : []),
    '    nodes:',
    '      - name: n1',
    '        external:',
    '          access: 10.45.16.10',
    '          webConferencing: 10.45.16.20',
    '          av: 10.45.16.30',
    ...(opts.publicAddrs ? ['          public: { access: 131.107.155.10, webConferencing: 131.107.155.20, av: 131.107.155.30 }'] : []),
    '        internal: 172.25.33.10',
    'frontEndPools:',
    '  - name: p',
    '    vip: 192.168.10.190',
    '    loadBalancing: dns',
    '    servers: [{ name: fe, address: 192.168.10.90 }]',
    ...(opts.rp ? ['reverseProxy: { external: 10.45.16.40, internal: 172.25.33.40, publishes: p }'] : []),
    '',
  ].join('\n');
}

const lint = (text: string) => lintTopology(parseTopology(text, 't.yaml'));

test('XMPP federation: an error in 2019 and Subscription Edition citing Migrating XMPP federation; fine in 2015 and Lync 2013', () => {
  for (const v of ['sfb2019', 'sfbse']) {
    const f = lint(yaml(v, { xmpp: true })).find((x) => x.rule === 'feature-not-in-version');
    assert.ok(f && f.severity === 'error', v);
    assert.equal(f.citation.document, 'sfb-migrating-xmpp-federation');
    assert.match(f.citation.section, /no longer available and is deprecated in Skype for Business Server 2019/);
    assert.equal(f.location.line, 3);
  }
  for (const v of ['sfb2015', 'lync2013']) assert.ok(!lint(yaml(v, { xmpp: true })).some((x) => x.rule === 'feature-not-in-version'), v);
});

test('XMPP flows: produced for 2015, never for 2019 even if asked', () => {
  const has = (v: string) => compileFlows(parseTopology(yaml(v, { xmpp: true }), 't.yaml')).some((f) => f.application.startsWith('XMPP'));
  assert.equal(has('sfb2015'), true);
  assert.equal(has('sfb2019'), false);
  assert.equal(has('sfbse'), false);
});

test('NAT with hardware load balancing is an error citing the Skype for Business edge page', () => {
  const f = lint(yaml('sfb2019', { lb: 'hardware', nat: true, publicAddrs: true })).find((x) => x.rule === 'nat-with-hlb');
  assert.ok(f && f.severity === 'error');
  assert.equal(f.citation.document, 'sfb-edge-environmental-requirements');
  assert.match(f.citation.section, /publicly routable IP addresses without NAT/);
});

test('NAT needs each service public address; with them the edge lints clean (notes only)', () => {
  assert.ok(lint(yaml('sfb2019', { nat: true })).some((x) => x.rule === 'nat-without-public-address' && x.severity === 'error'));
  const ok = lint(yaml('sfb2019', { nat: true, publicAddrs: true }));
  assert.deepEqual(ok.filter((x) => x.severity !== 'info').map((x) => x.rule), []);
  assert.ok(ok.some((x) => x.rule === 'nat-symmetric'));
});

test('reverse proxy: Lync 2013 has its table (no warning, flows); Skype for Business follows it (info)', () => {
  const l13 = parseTopology(yaml('lync2013', { rp: true }), 't.yaml');
  assert.ok(!lintTopology(l13).some((x) => x.rule === 'no-table-for-scenario'));
  const rpFlows = compileFlows(l13).filter((f) => f.role === 'Reverse Proxy');
  assert.ok(rpFlows.length >= 3, 'reverse proxy flows for Lync 2013');
  assert.ok(rpFlows.every((f) => f.citations.some((c) => c.document === 'lync2013-port-summary-reverse-proxy')));
  const sfb = lint(yaml('sfb2019', { rp: true })).find((x) => x.rule === 'table-from-earlier-version');
  assert.ok(sfb && sfb.severity === 'info');
});

test('a NAT edge of Lync 2013 gets the NAT pages rows, a public one the public page', () => {
  const nat = compileFlows(parseTopology(yaml('lync2013', { nat: true, publicAddrs: true }), 't.yaml'));
  const docs = (fs: typeof nat) => new Set(fs.flatMap((f) => f.citations.map((c) => c.document)));
  assert.ok(docs(nat).has('lync2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat'));
  assert.ok(!docs(nat).has('lync2013-port-summary-single-consolidated-edge-with-public-ip-addresses'));
  assert.ok(!docs(nat).has('000_c23ff52519b5b8f4.txt'));
  const pub = compileFlows(parseTopology(yaml('lync2013'), 't.yaml'));
  assert.ok(docs(pub).has('lync2013-port-summary-single-consolidated-edge-with-public-ip-addresses'));
  assert.ok(!docs(pub).has('lync2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat'));
});

test('NAT with several edge pools: the public A/V address must be reachable between pools (warning citing the 3478 row)', () => {
  const text = yaml('sfb2019', { nat: true, publicAddrs: true }).replace('features: { remoteUserAccess: true,', 'features: { remoteUserAccess: true, multipleEdgePools: true,');
  const f = lint(text).find((x) => x.rule === 'nat-av-between-pools');
  assert.ok(f && f.severity === 'warning');
  assert.match(f.citation.section, /Used for media traffic between Edge Servers/);
  assert.ok(!lint(yaml('sfb2019', { nat: true, publicAddrs: true })).some((x) => x.rule === 'nat-av-between-pools'));
});
