// lintDns: the strict SRV domain rule (positive and negative) and the other consistency checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDns, srvDomain } from '../../src/dns/lint.ts';
import { dnsRecords, type DnsRecord } from '../../src/dns/records.ts';
import { ALL_TOPOLOGIES, everyTopology } from '../support/topologies.ts';

const srv = (name: string, target: string): DnsRecord => ({ view: 'external', name, type: 'SRV', priority: 0, weight: 0, port: 443, target, note: 'n', sources: [], derived: false });
const a = (name: string, address: string, view: DnsRecord['view'] = 'external'): DnsRecord => ({ view, name, type: 'A', address, note: 'n', sources: [], derived: false });
const rules = (rs: DnsRecord[], severity = 'error') => lintDns(rs).filter((f) => f.severity === severity).map((f) => f.rule);

test('srvDomain strips the service and protocol labels', () => {
  assert.equal(srvDomain('_sip._tls.contoso.com'), 'contoso.com');
  assert.equal(srvDomain('_sipinternaltls._tcp.sub.contoso.com'), 'sub.contoso.com');
});

test('SRV target in the record\'s own domain passes', () => {
  assert.deepEqual(rules([srv('_sip._tls.contoso.com', 'sip.contoso.com'), a('sip.contoso.com', '203.0.113.10')]), []);
});

test('SRV target in another domain is an error (Lync strict domain rule)', () => {
  const fs = lintDns([srv('_sip._tls.fabrikam.com', 'sip.contoso.com'), a('sip.contoso.com', '203.0.113.10')]);
  const f = fs.find((x) => x.rule === 'srv-target-domain');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /sip\.fabrikam\.com/);
  // A look-alike suffix is not the same domain.
  assert.deepEqual(rules([srv('_sip._tls.contoso.com', 'sip.notcontoso.com'), a('sip.notcontoso.com', '203.0.113.10')]), ['srv-target-domain']);
});

test('SRV target without an address in the same view is an error', () => {
  assert.deepEqual(rules([srv('_sip._tls.contoso.com', 'sip.contoso.com'), a('sip.contoso.com', '172.25.33.10', 'internal')]), ['srv-target-address']);
});

test('underscores in host names and private addresses outside are reported', () => {
  assert.deepEqual(rules([a('edge_01.contoso.com', '203.0.113.10')]), ['host-name-characters']);
  assert.deepEqual(rules([a('sip.contoso.com', '10.45.16.10')], 'warning'), ['external-private-address']);
  assert.deepEqual(rules([a('sip.contoso.com', '10.45.16.10', 'internal')], 'warning'), []);
});

test('the records Portolan derives for every reference topology and example have no lint errors', () => {
  for (const [name, make] of everyTopology()) assert.deepEqual(rules(dnsRecords(make())), [], name);
});

test('a given Access Edge FQDN in one domain still yields in-domain SRV targets for the other domains', () => {
  const [, make] = ALL_TOPOLOGIES[1]!;
  const t = make();
  t.edgePools[0]!.accessFqdn = 'access.contoso.com';
  const rs = dnsRecords(t);
  assert.deepEqual(rules(rs), []);
  assert.ok(rs.some((r) => r.type === 'SRV' && r.name === '_sip._tls.fabrikam.com' && r.target === 'sip.fabrikam.com'));
});
