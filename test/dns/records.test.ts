// dnsRecords: the records each reference topology needs, per view, per load balancing mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dnsRecords, recordData, type DnsRecord, type DnsView } from '../../src/dns/records.ts';
import { ALL_TOPOLOGIES, lync2010Reference, lync2013DnsLb, lync2013Hlb } from '../support/topologies.ts';

function data(rs: DnsRecord[], view: DnsView, name: string, type?: DnsRecord['type']): string[] {
  return rs.filter((r) => r.view === view && r.name === name && (!type || r.type === type)).map(recordData).sort();
}

test('Lync 2010 reference: external SRV records point at the Access Edge on 443 and 5061', () => {
  const rs = dnsRecords(lync2010Reference());
  assert.deepEqual(data(rs, 'external', '_sip._tls.contoso.com'), ['0 0 443 sip.contoso.com']);
  assert.deepEqual(data(rs, 'external', '_sipfederationtls._tcp.contoso.com'), ['0 0 5061 sip.contoso.com']);
  assert.deepEqual(data(rs, 'external', 'sip.contoso.com'), ['10.45.16.10']);
  assert.deepEqual(data(rs, 'external', 'webcon.contoso.com'), ['10.45.16.20']);
  assert.deepEqual(data(rs, 'external', 'av.contoso.com'), ['10.45.16.30']);
  for (const n of ['lyncdiscover', 'meet', 'dialin', 'webext']) assert.deepEqual(data(rs, 'external', `${n}.contoso.com`), ['10.45.16.40'], n);
  assert.deepEqual(data(rs, 'internal', 'lsedge.contoso.net'), ['172.25.33.10']);
  assert.deepEqual(data(rs, 'internal', 'pool01.contoso.net'), ['192.168.10.190']);
  assert.deepEqual(data(rs, 'internal', 'lyncdiscoverinternal.contoso.com'), ['192.168.10.190']);
  // No XMPP in Lync Server 2010, even if the feature were set.
  assert.equal(rs.filter((r) => r.name.startsWith('_xmpp')).length, 0);
});

test('Lync 2010 ignores xmpp-federation (XMPP federation is new in Lync Server 2013)', () => {
  const t = lync2010Reference();
  t.features.add('xmpp-federation');
  assert.equal(dnsRecords(t).filter((r) => r.name.startsWith('_xmpp') || r.name.startsWith('xmpp.')).length, 0);
});

test('DNS load balancing: one A record per node for each pool name, A and AAAA', () => {
  const rs = dnsRecords(lync2013DnsLb());
  assert.deepEqual(data(rs, 'external', 'sip.contoso.com', 'A'), ['203.0.113.10', '203.0.113.11']);
  assert.deepEqual(data(rs, 'external', 'sip.contoso.com', 'AAAA'), ['2001:db8::11']);
  assert.deepEqual(data(rs, 'external', 'webcon.contoso.com'), ['203.0.113.20', '203.0.113.21']);
  assert.deepEqual(data(rs, 'external', 'av.contoso.com'), ['203.0.113.30', '203.0.113.31']);
  assert.deepEqual(data(rs, 'internal', 'edgepool.contoso.net'), ['172.25.33.10', '172.25.33.11']);
  // One record per node, named after the node (derived from the SIP domain here).
  assert.deepEqual(data(rs, 'internal', 'edge01.contoso.com'), ['172.25.33.10']);
  assert.deepEqual(data(rs, 'internal', 'edge02.contoso.com'), ['172.25.33.11']);
  // DNS-load-balanced Front End pool: one record per server.
  assert.deepEqual(data(rs, 'internal', 'pool01.contoso.com'), ['192.168.10.90', '192.168.10.91']);
});

test('every SIP domain gets its own SRV records, each targeting a name in its own domain', () => {
  const rs = dnsRecords(lync2013DnsLb());
  assert.deepEqual(data(rs, 'external', '_sip._tls.fabrikam.com'), ['0 0 443 sip.fabrikam.com']);
  assert.deepEqual(data(rs, 'external', '_sipfederationtls._tcp.fabrikam.com'), ['0 0 5061 sip.fabrikam.com']);
  assert.deepEqual(data(rs, 'external', 'sip.fabrikam.com', 'A'), ['203.0.113.10', '203.0.113.11']);
  assert.deepEqual(data(rs, 'internal', '_sipinternaltls._tcp.contoso.com'), ['0 0 5061 pool01.contoso.com']);
  assert.deepEqual(data(rs, 'internal', '_sipinternaltls._tcp.fabrikam.com'), ['0 0 5061 sip.fabrikam.com']);
  assert.deepEqual(data(rs, 'internal', 'sip.fabrikam.com'), ['192.168.10.90', '192.168.10.91']);
});

test('XMPP federation on Lync 2013: _xmpp-server._tcp SRV on 5269 to xmpp.<domain> on the Access Edge', () => {
  const rs = dnsRecords(lync2013DnsLb());
  assert.deepEqual(data(rs, 'external', '_xmpp-server._tcp.contoso.com'), ['0 0 5269 xmpp.contoso.com']);
  assert.deepEqual(data(rs, 'external', 'xmpp.contoso.com', 'A'), ['203.0.113.10', '203.0.113.11']);
  const off = lync2013DnsLb();
  off.features.delete('xmpp-federation');
  assert.equal(dnsRecords(off).filter((r) => r.name.includes('xmpp')).length, 0);
});

test('hardware load balancing: pool names resolve to the VIPs, nodes keep their own records', () => {
  const rs = dnsRecords(lync2013Hlb());
  assert.deepEqual(data(rs, 'external', '_sip._tls.contoso.com'), ['0 0 443 access.contoso.com']);
  assert.deepEqual(data(rs, 'external', 'access.contoso.com'), ['203.0.113.100']);
  assert.deepEqual(data(rs, 'external', 'webconf.contoso.com'), ['203.0.113.101']);
  assert.deepEqual(data(rs, 'external', 'av.contoso.com'), ['203.0.113.102']);
  assert.deepEqual(data(rs, 'internal', 'edgepool.contoso.net'), ['172.25.33.100']);
  assert.deepEqual(data(rs, 'internal', 'edge01.contoso.net'), ['172.25.33.10']);
  assert.deepEqual(data(rs, 'internal', 'edge02.contoso.net'), ['172.25.33.11']);
  // Node external addresses are never published with hardware load balancing.
  assert.equal(rs.some((r) => r.type === 'A' && r.address === '203.0.113.10'), false);
});

test('a NAT\'d A/V Edge is published under its public address', () => {
  const t = lync2010Reference();
  t.edgePools[0]!.nodes[0]!.avPublic = ['198.51.100.30'];
  assert.deepEqual(data(dnsRecords(t), 'external', 'av.contoso.com'), ['198.51.100.30']);
});

test('perimeter view: the next hop pool and its servers, for edge servers outside the domain', () => {
  const rs = dnsRecords(lync2013Hlb());
  assert.deepEqual(data(rs, 'perimeter', 'pool01.contoso.net'), ['192.168.10.190']);
  assert.deepEqual(data(rs, 'perimeter', 'fe01.contoso.net'), ['192.168.10.90']);
});

test('every record has a note and at least one source; output is sorted and free of duplicates', () => {
  for (const [name, make] of ALL_TOPOLOGIES) {
    const rs = dnsRecords(make());
    const keys = rs.map((r) => `${r.view} ${r.name} ${r.type} ${recordData(r)}`);
    assert.equal(new Set(keys).size, keys.length, name);
    assert.deepEqual(dnsRecords(make()), rs, `${name}: deterministic`);
    for (const r of rs) {
      assert.ok(r.note.length > 0, `${name}: ${r.name} has a note`);
      assert.ok(r.sources.length > 0, `${name}: ${r.name} has a source`);
    }
  }
});
