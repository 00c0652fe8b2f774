// The edge records of the Skype for Business and Lync 2013 NAT examples cite the rows of the
// pages' DNS tables, and each cited row prints that very record: the name, and for A records the
// public address the page gives (the examples use the pages' own addresses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTopology } from '../../src/topology/load.ts';
import { dnsRecords, recordData } from '../../src/dns/records.ts';
import { PAGE_TABLES_NOT_ENCODED } from '../../src/catalog/data/page-tables.ts';
import { pageTable } from '../support/page-tables.ts';

const CASES: [string, number][] = [
  ['examples/sfb2019-single-edge-nat.yaml', 6],
  ['examples/sfb2015-scaled-edge-dns-lb-xmpp.yaml', 8],
];

const INTERNAL = 'Internal DNS mappings';

for (const [file, expected] of CASES) {
  test(`${file}: every edge record cites the page row that prints it`, () => {
    const records = dnsRecords(loadTopology(file));
    let cited = 0;
    for (const r of records) {
      for (const s of r.sources.filter((x) => x.file && x.row && x.section !== INTERNAL)) {
        assert.ok(PAGE_TABLES_NOT_ENCODED.some((t) => t.document === s.file && t.heading === s.section), `${s.section} is a DNS table of ${s.file}`);
        const row = pageTable(s.file!, s.section!).rows[s.row! - 1];
        assert.ok(row, `${s.section} row ${s.row}`);
        assert.ok(row.cells.some((c) => c === r.name || c.startsWith(`${r.name} `)), `${r.name} is not in ${s.section} row ${s.row}: ${row.text}`);
        if (r.type === 'A') {
          // The XMPP row names no address: "IP address of the Access Edge service …".
          const access = records.filter((x) => x.type === 'A' && x.name === 'sip.contoso.com').map(recordData);
          const ok = /\d+\.\d+\.\d+\.\d+/.test(row.text) ? row.text.includes(recordData(r)) : /IP address of the Access Edge service/.test(row.text) && access.includes(recordData(r));
          assert.ok(ok, `${recordData(r)} of ${r.name} not in row ${s.row}: ${row.text}`);
        }
        if (r.type === 'SRV') assert.ok(row.cells.some((c) => c === String(r.port) || c.endsWith(`/${r.port}`)), `port ${r.port} of ${r.name}`);
        cited++;
      }
    }
    assert.equal(new Set(records.filter((r) => r.sources.some((x) => x.row && x.section !== INTERNAL)).map((r) => `${r.type} ${r.name}`)).size, expected);
    assert.ok(cited >= expected);
  });
}

// The internal table names kinds of records ("Front End pool FQDN", "_sipinternaltls._tcp.<sipdomain>"),
// not the example's names: each internal record cites the row of its kind and type.
test('Skype for Business internal records cite the row of "Internal DNS mappings" that names their kind', () => {
  const t = loadTopology('examples/sfb2019-single-edge-nat.yaml');
  const kinds: [RegExp, RegExp][] = [
    [/^pool01\./, /^Front End pool FQDN/],
    [/^fe0\d\./, /^FQDN of each Front End Server/],
    [/^lyncdiscoverinternal\./, /^lyncdiscoverinternal\./],
    [/^_sipinternaltls\._tcp\./, /^_sipinternaltls\._tcp\..* Port 5061/],
  ];
  const internal = dnsRecords(t).filter((r) => r.view === 'internal' && !r.name.startsWith('sfvedge'));
  assert.ok(internal.length >= 8);
  for (const r of internal) {
    const s = r.sources.find((x) => x.section === INTERNAL);
    assert.ok(s && s.file === 'sfb-dns', `${r.name} cites the Skype for Business DNS page`);
    assert.ok(!r.sources.some((x) => /Lync Server/.test(x.document)), `${r.name} cites no Lync Server page`);
    const row = pageTable(s.file!, s.section!).rows[s.row! - 1];
    assert.ok(row.cells[0] === r.type || row.cells[0].split('/').includes(r.type), `${r.type} ${r.name}: row ${s.row} is ${row.cells[0]}`);
    const kind = kinds.find(([name]) => name.test(r.name));
    assert.ok(kind, r.name);
    assert.match(row.cells[1], kind[1], `${r.name}: row ${s.row}`);
  }
  // Lync Server 2013 keeps its own pages.
  const l13 = dnsRecords(loadTopology('examples/lync2013-scaled-edge-dns-lb.yaml')).filter((r) => r.view === 'internal');
  assert.ok(l13.every((r) => !r.sources.some((x) => x.section === INTERNAL)));
});

test('edge certificates cite the row of the page certificate table they are, and match it', async () => {
  const { certificates } = await import('../../src/certs/plan.ts');
  for (const file of ['examples/sfb2019-single-edge-nat.yaml', 'examples/sfbse-scaled-edge-hlb.yaml']) {
    const certs = certificates(loadTopology(file));
    for (const c of certs.filter((x) => x.interface !== 'reverse-proxy')) {
      const s = c.sources.find((x) => x.file && x.row);
      assert.ok(s, `${file} ${c.name} cites a row`);
      const row = pageTable(s.file!, s.section!).rows[s.row! - 1];
      assert.equal(row.cells[0], c.interface === 'edge-external' ? 'External Edge' : 'Internal Edge');
      if (c.interface === 'edge-external') {
        assert.equal(row.cells[1], c.subject);
        for (const san of c.sans) assert.ok(row.cells[2].split(' ').includes(san), `${san} in ${row.cells[2]}`);
      }
    }
  }
});
