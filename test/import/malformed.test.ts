// The importer's malformed-input corpus: each case a Topology Builder file broken one way, with
// the message and the file:line:col it must give; exit status 2 and nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { MAX_IMPORT_BYTES } from '../../src/import/read.ts';

const BASE = readFileSync('test/fixtures/import/sfb2019-edge-nat.tbxml', 'utf8');
const PUBLISHED = readFileSync('test/fixtures/import/lync2013-director-mediation-pstn.xml', 'utf8');
const DIR = mkdtempSync(join(tmpdir(), 'portolan-malformed-'));

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

/** line:col of the first occurrence of `needle` (at `offset` characters into it). */
function at(text: string, needle: string, offset = 0): string {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `needle ${needle} not in the case`);
  const before = text.slice(0, i + offset);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

const swap = (text: string, from: string, to: string) => { assert.ok(text.includes(from), from); return text.replace(from, to); };
const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;

interface Case { name: string; text: string | Buffer; message: RegExp; where: string }

const CASES: Case[] = (() => {
  const c: Case[] = [];
  const add = (name: string, text: string | Buffer, message: RegExp, where: string) => c.push({ name, text, message, where });
  let t = swap(BASE, '</Machines>\n              <SqlInstances />\n            </Cluster>\n            <Cluster IsSingleMachineOnly="true"', '</Machines>\n              <SqlInstances />\n            <Cluster IsSingleMachineOnly="true"');
  add('malformed XML: an element never closed', t, /invalid XML: end tag <\/Clusters> does not match <Cluster> at line 18, column 13/, at(t, '</Clusters>'));
  t = swap(BASE, '<InternalDomain Name="contoso.com"', '<InternalDomain Name="contoso.com');
  add('malformed XML: an unterminated attribute value', t, /invalid XML: (unterminated value of attribute Name|expected whitespace)/, '');
  t = swap(BASE, 'Fqdn="pool01.contoso.com"', 'Fqdn="pool01 &contoso;"');
  add('malformed XML: an unknown entity', t, /invalid XML: unknown entity &contoso;/, at(t, '"pool01 &contoso;"'));
  t = '<?xml version="1.0"?>\n<Deployment xmlns="urn:example">\n</Deployment>\n';
  add('wrong root element', t, /<Deployment> is not a Topology Builder file \(root <TopologyBuilder>\) or a published topology/, '2:1');
  t = swap(BASE, 'xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"', 'xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2007"');
  add('right root, wrong namespace', t, /<TopologyBuilder> must be in namespace urn:schema:Microsoft\.Rtc\.Management\.Deploy\.TopologyBuilder\.2008/, at(t, '<TopologyBuilder '));
  t = swap(BASE, '<NewTopology>', '<OldTopology>').replace('</NewTopology>', '</OldTopology>');
  add('no NewTopology/PartialTopology', t, /a Topology Builder file holds NewTopology\/PartialTopology: not found/, at(t, '<TopologyBuilder '));
  t = swap(BASE, 'UniqueId="33333333-cccc-4000-8000-000000000001" ', '');
  add('a cluster without its UniqueId', t, /<Cluster> has no UniqueId/, at(t, '<Cluster IsSingleMachineOnly="false"'));
  t = swap(BASE, 'RoleName="EdgeServer" ', '');
  add('a service without its RoleName', t, /<Service> has no RoleName/, at(t, '<Service UniqueId="44444444-dddd-4000-8000-000000000003"'));
  t = swap(BASE, 'InstalledOn="33333333-cccc-4000-8000-000000000002"', 'InstalledOn="33333333-cccc-4000-8000-0000000000ff"');
  add('a dangling InstalledOn', t, /service EdgeServer is installed on 33333333-cccc-4000-8000-0000000000ff, which is no cluster of this file/, at(t, '<Service UniqueId="44444444-dddd-4000-8000-000000000003"'));
  t = swap(BASE, '<Dependency ServiceUniqueId="44444444-dddd-4000-8000-000000000001"', '<Dependency ServiceUniqueId="44444444-dddd-4000-8000-0000000000ee"');
  add('a dangling dependency (the next hop)', t, /service EdgeServer depends on service 44444444-dddd-4000-8000-0000000000ee, which is not in this file/, at(t, '<Dependency ServiceUniqueId="44444444-dddd-4000-8000-0000000000ee"'));
  t = swap(BASE, 'IPAddress="10.45.16.20"', 'IPAddress="10.45.16.260"');
  add('a bad IPAddress', t, /IPAddress "10\.45\.16\.260" of sfvedge\.contoso\.net is not an IPv4 or IPv6 address/, at(t, '<NetInterface InterfaceSide="External" InterfaceNumber="2"'));
  t = swap(BASE, 'ConfiguredIPAddress="131.107.155.30"', 'ConfiguredIPAddress="public"');
  add('a bad ConfiguredIPAddress', t, /ConfiguredIPAddress "public" of sfvedge\.contoso\.net is not an IPv4 or IPv6 address/, at(t, '<NetInterface InterfaceSide="External" InterfaceNumber="3"'));
  t = BASE.replaceAll('ServiceVersion="8"', 'ServiceVersion="4"');
  add('an unknown role version', t, /service EdgeServer has ServiceVersion "4" \(RoleVersion "2"\): not a product Portolan knows \(5 Lync Server 2010, 6 Lync Server 2013, 7 Skype for Business Server 2015, 8 Skype for Business Server 2019/, at(t, '<Service UniqueId="44444444-dddd-4000-8000-000000000003"'));
  t = swap(BASE, 'Port="70000"'.length ? 'Port="443" Protocol="Tls" UrlPath="/" AuthorizesRequests="false" ConfiguredFqdn="webcon' : '', 'Port="70000" Protocol="Tls" UrlPath="/" AuthorizesRequests="false" ConfiguredFqdn="webcon');
  add('a port out of range', t, /<Port> Port="70000" is not a port number/, at(t, '<Port Owner="urn:component:DataEdge" Usage="PsomClient"'));
  t = swap(BASE, '<InternalDomain Name="contoso.com" Authoritative="false" AllowSubDomains="false" />', '');
  add('no SIP domain', t, /the file names no SIP domain/, at(t, '<InternalDomains '));
  t = swap(BASE, 'UniqueId="33333333-cccc-4000-8000-000000000002"', 'UniqueId="33333333-cccc-4000-8000-000000000001"');
  add('a cluster id given twice', t, /cluster id 33333333-cccc-4000-8000-000000000001 is given twice \(first at line 18\)/, at(t, '<Cluster IsSingleMachineOnly="true"'));
  t = swap(BASE, '<Port Owner="urn:component:DataEdge" Usage="PsomClient"', '<Port Owner="urn:component:DataEdge" Usage="PsomServer"');
  add('an edge without its Web Conferencing port', t, /the EdgeServer service has no External port of urn:component:DataEdge \(PsomClient\)/, at(t, '<Service UniqueId="44444444-dddd-4000-8000-000000000003"'));
  t = swap(swap(BASE, ' ConfiguredIPAddress="131.107.155.30"', ''), ' ConfiguredIPAddress="131.107.155.20"', '');
  add('NAT on the Access interface alone', t, /ConfiguredIPAddress \(NAT\) on the Access or Web Conferencing interface of sfvedge\.contoso\.net but not on the A\/V Edge's/, at(t, '<NetInterface InterfaceSide="External" InterfaceNumber="1"'));
  const dep = PUBLISHED.lastIndexOf('RoleName="Registrar" Instance="2"');
  t = `${PUBLISHED.slice(0, dep)}RoleName="Registrar" Instance="7"${PUBLISHED.slice(dep + 33)}`;
  add('published topology: a dangling ServiceId', t, /service EdgeServer depends on service 1:Registrar:7, which is not in this file/, at(t, '<Dependency Usage="Default">\n          <ServiceId SiteId="1" RoleName="Registrar" Instance="7"'));
  t = swap(PUBLISHED, '<ClusterId SiteId="1" Number="2" />\n', '');
  add('published topology: a cluster without ClusterId', t, /<Cluster> has no <ClusterId>/, at(t, '<Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="dir01'));
  t = `<?xml version="1.0"?>\n${deep(1200)}\n`;
  add('deep nesting', t, /invalid XML: elements nested deeper than 1000 levels/, `2:${3 * 1000 + 1}`);
  add('a huge file', Buffer.concat([Buffer.from('<TopologyBuilder>'), Buffer.alloc(MAX_IMPORT_BYTES, 0x20)]), /the file is \d+ bytes: larger than any topology/, '1:1');
  t = swap(BASE, '<Name xmlns', '<Name>Redmond\u00e9</Name><X xmlns');
  add('not UTF-8 (a Latin-1 byte)', Buffer.from(t.replace('\u00e9', '\u0000'), 'utf8').map((b) => (b === 0 ? 0xe9 : b)) as Buffer, /the file is not UTF-8 text \(byte \d+\): save it as UTF-8 or UTF-16/, at(t, 'Redmond\u00e9', 7));
  t = swap(BASE, 'encoding="utf-8"', 'encoding="iso-8859-1"');
  add('a declared encoding the bytes are not', t, /the XML declaration says encoding "iso-8859-1" but the file is UTF-8/, '1:31');
  t = `${BASE}<TopologyBuilder />\n`;
  add('a second root element', t, /invalid XML: a second root element <TopologyBuilder>/, `${BASE.split('\n').length}:1`);
  return c;
})();

test(`the corpus has at least 15 cases (${CASES.length})`, () => assert.ok(CASES.length >= 15));

for (const [i, k] of CASES.entries()) {
  test(`malformed input: ${k.name}`, async () => {
    const file = join(DIR, `case-${i}.tbxml`);
    writeFileSync(file, k.text);
    const out = join(DIR, `case-${i}.yaml`);
    for (const args of [['import', file, '-o', out], ['flows', file], ['check', file]]) {
      const r = await run(...args);
      assert.equal(r.code, 2, `${args[0]}: ${r.err}`);
      assert.equal(r.out, '', args[0]);
      assert.match(r.err, k.message, args[0]);
      if (k.where) assert.ok(r.err.includes(`${file}:${k.where}: `), `${args[0]}: expected ${file}:${k.where}, got ${r.err}`);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
    assert.equal(existsSync(out), false, 'nothing written');
  });
}

test('encodings: UTF-8 with BOM and UTF-16LE with BOM (Windows PowerShell\'s `>`) import as UTF-8 does', async () => {
  const plain = await run('import', 'test/fixtures/import/sfb2019-edge-nat.tbxml');
  const body = (s: string) => s.split('\n').filter((l) => !l.startsWith('#')).join('\n');
  const bom = join(DIR, 'bom.tbxml');
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BASE)]));
  const utf16 = join(DIR, 'utf16.xml');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE.replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le')]));
  for (const f of [bom, utf16]) {
    const r = await run('import', f);
    assert.equal(r.code, 0, r.err);
    assert.equal(body(r.out), body(plain.out), f);
  }
});

test('import refuses a file that is not XML; commands still read YAML', async () => {
  const r = await run('import', 'examples/lync2010-single-consolidated-edge.yaml');
  assert.equal(r.code, 2);
  assert.match(r.err, /examples\/lync2010-single-consolidated-edge\.yaml:1:1: not an XML file/);
});
