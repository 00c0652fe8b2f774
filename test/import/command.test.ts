// portolan import: YAML whose every value names the XML element and line it came from, which the
// normal loader reads back to the same flows; and --overlay, merged with located conflicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const DIR = 'test/fixtures/import';
const TMP = mkdtempSync(join(tmpdir(), 'portolan-import-'));

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

for (const fixture of ['lync2010-reference-architecture-1.tbxml', 'sfb2015-scaled-edge-single-address.tbxml', 'sfb2019-edge-nat.tbxml', 'lync2013-director-mediation-pstn.xml']) {
  test(`import ${fixture}: every value names its element and line; the YAML loads back to the same flows`, async () => {
    const xml = readFileSync(`${DIR}/${fixture}`, 'utf8').split('\n');
    const out = join(TMP, `${fixture}.yaml`);
    const r = await run('import', `${DIR}/${fixture}`, '-o', out);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    const yaml = readFileSync(out, 'utf8');
    for (const line of yaml.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      // A value line (not a container's key) carries the comment; its element is on that line of the XML.
      if (/:\s*(#.*)?$/.test(line) && !/^\s*- /.test(line) && !/:\s+\S.*#/.test(line)) continue;
      const m = /  # <(\w+)> line (\d+)/.exec(line);
      assert.ok(m, `no origin comment: ${line}`);
      assert.match(xml[Number(m![2]) - 1]!, new RegExp(`<(\\w+:)?${m![1]}\\b`), `${line} → XML line ${m![2]}`);
    }
    for (const format of ['csv', 'json']) {
      const a = await run('flows', out, '--format', format);
      const b = await run('flows', `${DIR}/${fixture}`, '--format', format);
      assert.equal(a.code, 0, a.err);
      assert.equal(a.out, b.out, format);
    }
    assert.equal((await run('import', `${DIR}/${fixture}`)).out, yaml, 'standard output = -o file');
  });
}

test('overlay: a value the XML gives differently is an error at the overlay line, naming the element and line of the XML', async () => {
  const overlay = join(TMP, 'conflict.yaml');
  writeFileSync(overlay, 'features:\n  remoteUserAccess: true\nedgePools:\n  - name: sfvedge\n    nextHop: other\n    nodes:\n      - name: sfvedge\n        internal: 172.25.33.99\n');
  const r = await run('flows', `${DIR}/sfb2019-edge-nat.tbxml`, '--overlay', overlay);
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(`${overlay}:5:14: edgePools\\.0\\.nextHop: the overlay says 'other', test/fixtures/import/sfb2019-edge-nat\\.tbxml says 'pool01' \\(<Dependency> line 61\\); remove one`));
  assert.match(r.err, new RegExp(`${overlay}:8:19: edgePools\\.0\\.nodes\\.0\\.internal: the overlay says '172\\.25\\.33\\.99', test/fixtures/import/sfb2019-edge-nat\\.tbxml says '172\\.25\\.33\\.10' \\(<NetInterface> line 35\\)`));
});

test('overlay: gives the addresses of 0.0.0.0 hosts, may repeat a value the XML gives; its own mistakes are located in it; findings on XML values point into the XML', async () => {
  const overlay = join(TMP, 'hlb.yaml');
  writeFileSync(overlay, [
    'frontEndPools:',
    '  - name: pool01',
    '    servers:',
    '      - { name: fe01, address: 192.168.10.90 }',
    '      - { name: fe02, address: 192.168.10.91 }',
    'edgePools:',
    '  - name: edge',
    '    loadBalancing: none',
    '',
  ].join('\n'));
  const ok = await run('render', `${DIR}/lync2013-director-mediation-pstn.xml`, '--overlay', overlay, '--target', 'nftables', '--firewall', 'host-frontend');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /192\.168\.10\.90/);
  const typo = join(TMP, 'typo.yaml');
  writeFileSync(typo, 'features:\n  remoteUserAcess: true\n');
  const bad = await run('check', `${DIR}/lync2013-director-mediation-pstn.xml`, '--overlay', typo);
  assert.equal(bad.code, 2);
  assert.match(bad.err, new RegExp(`${typo}:2:3: features: unknown key 'remoteUserAcess' \\(did you mean 'remoteUserAccess'\\?\\)`));
  // A lint finding about a value the XML gave points into the XML.
  const nohop = join(TMP, 'plain.yaml');
  writeFileSync(nohop, 'clients:\n  networks: [192.168.30.0/24]\n');
  const c = await run('check', `${DIR}/sfb2015-scaled-edge-single-address.tbxml`, '--overlay', nohop);
  assert.match(c.out, /sfb2015-scaled-edge-single-address\.tbxml:42:17: warning: edge node 'edge01': edge services share one external address/);
});

test('import -o: nothing written when the file is bad; an existing file is left as it was', async () => {
  const out = join(TMP, 'kept.yaml');
  writeFileSync(out, 'keep me\n');
  const bad = join(TMP, 'bad.tbxml');
  writeFileSync(bad, '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><NewTopology>');
  const r = await run('import', bad, '-o', out);
  assert.equal(r.code, 2);
  assert.equal(readFileSync(out, 'utf8'), 'keep me\n');
  assert.equal(existsSync(join(TMP, 'never.yaml')), false);
});

test('overlay: hardware load balancing and VIPs replace the load balancing the import inferred', async () => {
  const overlay = join(TMP, 'hlb-edge.yaml');
  writeFileSync(overlay, [
    'features: { remoteUserAccess: true }',
    'edgePools:',
    '  - name: edgepool',
    '    loadBalancing: hardware',
    '    vips: { access: 131.107.155.20, webConferencing: 131.107.155.20, av: 131.107.155.20, internal: 172.25.33.20 }',
    '',
  ].join('\n'));
  const r = await run('flows', `${DIR}/sfb2015-scaled-edge-single-address.tbxml`, '--overlay', overlay, '--firewall', 'external', '--format', 'csv');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /131\.107\.155\.20/);
  const imported = (await run('import', `${DIR}/sfb2015-scaled-edge-single-address.tbxml`)).out;
  assert.match(imported, /\n {4}loadBalancing: dns {2}# <Cluster> line 40: inferred from the number of machines/);
});

test('ConfiguredIPAddress on the A/V Edge interface alone: avNat with each node\'s avPublic', async () => {
  const text = readFileSync(`${DIR}/sfb2019-edge-nat.tbxml`, 'utf8').replace(' ConfiguredIPAddress="131.107.155.10"', '').replace(' ConfiguredIPAddress="131.107.155.20"', '');
  const file = join(TMP, 'avnat.tbxml');
  writeFileSync(file, text);
  const r = await run('import', file);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\n {4}avNat: true {2}# <NetInterface> line 38\n/);
  assert.match(r.out, /\n {10}avPublic: 131\.107\.155\.30 {2}# <NetInterface> line 38\n/);
  assert.doesNotMatch(r.out, /\bnat: true|public:/);
});
