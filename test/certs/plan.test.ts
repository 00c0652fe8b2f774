// certificates(): subject, SANs, usages and assignment per interface, consistent with the DNS names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificates } from '../../src/certs/plan.ts';
import { dnsRecords } from '../../src/dns/records.ts';
import { everyTopology, edgePool, lync2010Reference, lync2013DnsLb, lync2013Hlb, node } from '../support/topologies.ts';

const byName = (t: ReturnType<typeof lync2013DnsLb>) => new Map(certificates(t).map((c) => [c.name, c]));

test('external edge: subject sip.<domain>, SANs for Access, Web Conferencing and each SIP domain, plus XMPP names', () => {
  const ext = byName(lync2013DnsLb()).get('edge-external')!;
  assert.equal(ext.subject, 'sip.contoso.com');
  assert.deepEqual(ext.sans, ['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com', 'xmpp.contoso.com', 'xmpp.fabrikam.com']);
  assert.deepEqual(ext.assignedTo.map((a) => a.split(' (')[0]), ['Access Edge service', 'Web Conferencing Edge service', 'A/V Authentication service']);
  assert.deepEqual(ext.installOn, ['edge01', 'edge02']);
  assert.equal(ext.exportableKey, true);
  assert.equal(ext.issuer, 'public CA');
  // Federation is mutual TLS: the edge also authenticates as a client.
  assert.deepEqual(ext.extendedKeyUsage, ['serverAuth', 'clientAuth']);
  // The A/V Edge has no certificate on its media ports.
  assert.ok(!ext.sans.includes('av.contoso.com'));
});

test('external edge without XMPP or federation: no xmpp names, serverAuth only', () => {
  const t = lync2010Reference();
  t.features = new Set(['remote-user-access']);
  const ext = byName(t).get('edge-external')!;
  assert.deepEqual(ext.sans, ['sip.contoso.com', 'webcon.contoso.com']);
  assert.deepEqual(ext.extendedKeyUsage, ['serverAuth']);
});

test('given FQDNs are used as given (hardware load balanced 2013 example)', () => {
  const ext = byName(lync2013Hlb()).get('edge-external')!;
  assert.equal(ext.subject, 'access.contoso.com');
  assert.deepEqual(ext.sans, ['access.contoso.com', 'webconf.contoso.com']);
});

test('internal edge: subject is the internal pool FQDN, no SANs', () => {
  const int = byName(lync2013Hlb()).get('edge-internal')!;
  assert.equal(int.subject, 'edgepool.contoso.net');
  assert.deepEqual(int.sans, []);
  assert.deepEqual(int.installOn, ['edge01', 'edge02']);
});

test('reverse proxy: the published web names', () => {
  const rp = byName(lync2013DnsLb()).get('reverse-proxy')!;
  assert.equal(rp.subject, 'webext.contoso.com');
  assert.deepEqual(rp.sans, ['webext.contoso.com', 'meet.contoso.com', 'meet.fabrikam.com', 'dialin.contoso.com', 'lyncdiscover.contoso.com', 'lyncdiscover.fabrikam.com']);
});

test('every SAN of an external certificate is a name published in external DNS', () => {
  for (const [name, make] of everyTopology()) {
    const t = make();
    const external = new Set(dnsRecords(t).filter((r) => r.view === 'external').map((r) => r.name));
    for (const c of certificates(t).filter((x) => x.interface !== 'edge-internal')) {
      for (const s of c.sans) assert.ok(external.has(s), `${name} ${c.name}: ${s}`);
    }
    const internal = new Set(dnsRecords(t).filter((r) => r.view === 'internal').map((r) => r.name));
    for (const c of certificates(t).filter((x) => x.interface === 'edge-internal')) assert.ok(internal.has(c.subject), `${name}: ${c.subject}`);
  }
});

test('several edge pools: one certificate pair per pool, names suffixed by pool', () => {
  const t = lync2013Hlb();
  t.edgePools.push(edgePool('dr', { nodes: [node('dr01', { access: ['198.51.100.10'], internal: ['172.26.0.10'] })] }));
  const names = certificates(t).map((c) => c.name);
  assert.deepEqual(names, ['edge-external-edgepool', 'edge-internal-edgepool', 'edge-external-dr', 'edge-internal-dr', 'reverse-proxy']);
  const dr = certificates(t)[2]!;
  assert.equal(dr.subject, 'sip-dr.contoso.com');
});
