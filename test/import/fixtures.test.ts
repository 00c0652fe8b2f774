// Topology Builder files through every TOPOLOGY command's loader: for each fixture, `flows` equals
// a table written by hand from the XML (the addresses of its NetInterface elements, the ports of
// its edge's Port elements), and the imported topology gives byte for byte the `flows` and
// `render` output (every target) of the equivalent hand-written YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { loadTopologyInput } from '../../src/cli/topology-input.ts';
import { rendererTargets } from '../../src/platforms/index.ts';
import { renderAll } from '../../src/platforms/render-all.ts';
import { parseTopology } from '../../src/topology/load.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = 'test/fixtures/import';

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

/** direction,role,source,source_port,destination,destination_port,transport of `flows --firewall F`. */
async function table(file: string, overlay: string, firewall: string): Promise<string> {
  const r = await run('flows', file, '--overlay', overlay, '--firewall', firewall, '--format', 'csv');
  assert.equal(r.code, 0, r.err);
  return r.out.trim().split('\n').slice(1).map((l) => l.split(',').slice(1, 8).join(',')).join('\n');
}

const rows = (s: string) => s.trim().split('\n').map((l) => l.trim()).join('\n');

test('single consolidated edge, three addresses (InterfaceNumber 1, 2, 3 of the External side): the external flows', async () => {
  // <NetInterface InterfaceSide="External" InterfaceNumber="1|2|3" IPAddress="10.45.16.10|20|30">;
  // AccessEdge SipClient 443 on 1, DataEdge PsomClient 443 on 2, MediaRelayEdge TURNServer 443/3478 on 3.
  assert.equal(await table(`${DIR}/lync2010-reference-architecture-1.tbxml`, `${DIR}/lync2010-reference-architecture-1.overlay.yaml`, 'external'), rows(`
    out,Access,10.45.16.10,Any,Any,80,TCP
    out,Access,10.45.16.10,Any,Any,53,UDP
    in,Access,Any,Any,10.45.16.10,443,TCP
    in,Access,Any,Any,10.45.16.10,5061,TCP
    out,Access,10.45.16.10,Any,Any,5061,TCP
    in,Web Conferencing,Any,Any,10.45.16.20,443,TCP
    out,A/V,10.45.16.30,50000-59999,Any,Any,TCP
    out,A/V,10.45.16.30,50000-59999,Any,Any,UDP
    in,A/V,Any,Any,10.45.16.30,50000-59999,TCP
    in,A/V,Any,Any,10.45.16.30,50000-59999,UDP
    out,A/V,10.45.16.30,3478,Any,3478,UDP
    in,A/V,Any,Any,10.45.16.30,3478,UDP
    in,A/V,Any,Any,10.45.16.30,443,TCP
    in,Reverse Proxy,Any,Any,10.45.16.40,80,TCP
    in,Reverse Proxy,Any,Any,10.45.16.40,443,TCP`));
});

test('scaled edge pool, one external address per node, distinct ports (Access 5061, Web Conferencing 444, A/V 443), XMPP on', async () => {
  // edge01 131.107.155.10, edge02 131.107.155.11 (External InterfaceNumber 1); the edge's Port
  // elements: AccessEdge SipClient 5061, DataEdge PsomClient 444, MediaRelayEdge TURNServer Tcp 443
  // and Udp 3478, XmppFederationProxy XmppServer 5269.
  assert.equal(await table(`${DIR}/sfb2015-scaled-edge-single-address.tbxml`, `${DIR}/sfb2015-scaled-edge-single-address.overlay.yaml`, 'external'), rows(`
    in,XMPP,Any,Any,131.107.155.10,5269,TCP
    in,XMPP,Any,Any,131.107.155.11,5269,TCP
    out,Access,131.107.155.10,Any,Any,80,TCP
    out,Access,131.107.155.11,Any,Any,80,TCP
    out,Access,131.107.155.10,Any,Any,53,TCP
    out,Access,131.107.155.11,Any,Any,53,TCP
    out,Access,131.107.155.10,Any,Any,53,UDP
    out,Access,131.107.155.11,Any,Any,53,UDP
    in,Access,Any,Any,131.107.155.10,5061,TCP
    in,Access,Any,Any,131.107.155.11,5061,TCP
    in,Access,Any,Any,131.107.155.10,5061,TCP
    in,Access,Any,Any,131.107.155.11,5061,TCP
    out,Access,131.107.155.10,Any,Any,5061,TCP
    out,Access,131.107.155.11,Any,Any,5061,TCP
    in,Web Conferencing,Any,Any,131.107.155.10,444,TCP
    in,Web Conferencing,Any,Any,131.107.155.11,444,TCP
    out,A/V,131.107.155.10,50000-59999,Any,Any,TCP
    out,A/V,131.107.155.11,50000-59999,Any,Any,TCP
    out,A/V,131.107.155.10,50000-59999,Any,Any,UDP
    out,A/V,131.107.155.11,50000-59999,Any,Any,UDP
    in,A/V,Any,Any,131.107.155.10,3478,UDP
    in,A/V,Any,Any,131.107.155.11,3478,UDP
    in,A/V,Any,Any,131.107.155.10,443,TCP
    in,A/V,Any,Any,131.107.155.11,443,TCP
    out,A/V,131.107.155.10,Any,Any,443,TCP
    out,A/V,131.107.155.11,Any,Any,443,TCP`));
});

test('edge behind NAT (ConfiguredIPAddress on each External interface), XMPP off: filter rows on the private addresses, NAT to the public ones', async () => {
  assert.equal(await table(`${DIR}/sfb2019-edge-nat.tbxml`, `${DIR}/sfb2019-edge-nat.overlay.yaml`, 'external'), rows(`
    out,Access,10.45.16.10,Any,Any,80,TCP
    out,Access,10.45.16.10,Any,Any,53,TCP
    out,Access,10.45.16.10,Any,Any,53,UDP
    in,Access,Any,Any,10.45.16.10,443,TCP
    in,Access,Any,Any,10.45.16.10,5061,TCP
    out,Access,10.45.16.10,Any,Any,5061,TCP
    in,Web Conferencing,Any,Any,10.45.16.20,443,TCP
    out,A/V,10.45.16.30,50000-59999,Any,Any,TCP
    out,A/V,10.45.16.30,50000-59999,Any,Any,UDP
    out,A/V,10.45.16.30,Any,Any,3478,UDP
    in,A/V,Any,Any,10.45.16.30,3478,UDP
    in,A/V,Any,Any,10.45.16.30,443,TCP
    out,A/V,10.45.16.30,Any,Any,443,TCP`));
  const t = await loadTopologyInput(`${DIR}/sfb2019-edge-nat.tbxml`);
  assert.equal(t.edgePools[0]!.nat, true);
  assert.deepEqual(t.edgePools[0]!.nodes[0]!.public, { access: ['131.107.155.10'], webConferencing: ['131.107.155.20'], av: ['131.107.155.30'] });
  const r = await run('render', `${DIR}/sfb2019-edge-nat.tbxml`, '--overlay', `${DIR}/sfb2019-edge-nat.overlay.yaml`, '--target', 'nftables', '--firewall', 'external');
  assert.equal(r.code, 0, r.err);
  for (const [priv, pub] of [['10.45.16.10', '131.107.155.10'], ['10.45.16.20', '131.107.155.20'], ['10.45.16.30', '131.107.155.30']]) {
    assert.match(r.out, new RegExp(`${pub.replace(/\./g, '\\.')}.*${priv.replace(/\./g, '\\.')}|${priv.replace(/\./g, '\\.')}.*${pub.replace(/\./g, '\\.')}`), `NAT ${priv} <-> ${pub}`);
  }
});

test('Director pool as next hop, Mediation pool and PSTN gateway; Front End servers at 0.0.0.0 stay named by FQDN', async () => {
  // The edge's DependsOn names Registrar instance 2, IsDirector="true" on dir01 (192.168.10.80);
  // the Front End servers' Primary interfaces are 0.0.0.0.
  assert.equal(await table(`${DIR}/lync2013-director-mediation-pstn.xml`, `${DIR}/lync2013-director-mediation-pstn.overlay.yaml`, 'internal'), rows(`
    out,Access,192.168.10.80,Any,172.25.33.10,5061,TCP
    in,Access,172.25.33.10,Any,192.168.10.80,5061,TCP
    out,Web Conferencing,fe01.contoso.local fe02.contoso.local,Any,172.25.33.10,8057,TCP
    out,A/V,fe01.contoso.local fe02.contoso.local,Any,172.25.33.10,5062,TCP
    out,A/V,Any,Any,172.25.33.10,3478,UDP
    out,A/V,Any,Any,172.25.33.10,443,TCP
    out,Access,Any,Any,172.25.33.10,4443,TCP
    out,Access,Any,Any,172.25.33.10,50001,TCP
    out,Access,Any,Any,172.25.33.10,50002,TCP
    out,Access,Any,Any,172.25.33.10,50003,TCP`));
  // Mediation med01 (192.168.10.70) from the PSTN gateway gw01 (192.168.20.10) and the Front End servers.
  assert.equal(await table(`${DIR}/lync2013-director-mediation-pstn.xml`, `${DIR}/lync2013-director-mediation-pstn.overlay.yaml`, 'host-mediation'), rows(`
    in,All Servers,Any,Any,192.168.10.70,1434,UDP
    in,All Servers,Any,Any,192.168.10.70,49152-57500,TCP
    in,All Servers,Any,Any,192.168.10.70,49152-57500,UDP
    in,Mediation,fe01.contoso.local fe02.contoso.local,Any,192.168.10.70,5070,TCP
    in,Mediation,192.168.20.10,Any,192.168.10.70,5067,TCP
    in,Mediation,192.168.20.10,Any,192.168.10.70,5068,TCP`));
  const json = JSON.parse((await run('flows', `${DIR}/lync2013-director-mediation-pstn.xml`, '--firewall', 'internal', '--format', 'json')).out);
  assert.ok(json.flows.some((f: { family: string }) => f.family === 'unresolved'));
});

test('check lists the unresolved hosts and the ignored XML content, each with its line', async () => {
  const r = await run('check', `${DIR}/lync2013-director-mediation-pstn.xml`);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /lync2013-director-mediation-pstn\.xml:22:9: warning: fe01\.contoso\.local \(server fe01\) has no address, only its name.*\[unresolved-address;/);
  assert.match(r.out, /lync2013-director-mediation-pstn\.xml:26:9: warning: fe02\.contoso\.local/);
  const s = await run('check', `${DIR}/sfb2015-scaled-edge-single-address.tbxml`);
  for (const [line, what] of [[15, '<SimpleUrlConfiguration>'], [155, 'PersistentChatServer service on pchat01.contoso.net'], [164, 'WacService service on owa01.contoso.net'], [169, 'UserStore service on sql01.contoso.net (SQL Server instance)'], [173, 'PersistentChatStore service on sql01.contoso.net (SQL Server instance)'], [177, 'FileStore service on file01.contoso.net']] as const) {
    assert.match(s.out, new RegExp(`sfb2015-scaled-edge-single-address\\.tbxml:${line}:\\d+: info: not modelled, ignored: ${what.replace(/[().]/g, '\\$&')} \\[ignored-xml-content;`), what);
  }
});

test('render refuses a firewall that needs an unresolved host, naming each; the others render', async () => {
  const file = `${DIR}/lync2013-director-mediation-pstn.xml`;
  for (const fw of ['internal', 'host-frontend', 'host-mediation']) {
    const r = await run('render', file, '--overlay', `${DIR}/lync2013-director-mediation-pstn.overlay.yaml`, '--target', 'nftables', '--firewall', fw);
    assert.equal(r.code, 2, fw);
    assert.equal(r.out, '');
    assert.match(r.err, new RegExp(`firewall ${fw} needs the address of 2 hosts the topology names only by FQDN: fe01\\.contoso\\.local, fe02\\.contoso\\.local`));
  }
  const ext = await run('render', file, '--target', 'nftables', '--firewall', 'external');
  assert.equal(ext.code, 0, ext.err);
  const config = join(mkdtempSync(join(tmpdir(), 'portolan-import-')), 'external.nft');
  writeFileSync(config, ext.out);
  const audit = await run('audit', file, '--config', config, '--platform', 'nftables', '--firewall', 'internal');
  assert.equal(audit.code, 2);
  assert.match(audit.err, /auditing firewall internal needs the address of 2 hosts/);
});

const EQUIVALENT = [
  ['lync2010-reference-architecture-1.tbxml', 'lync2010-reference-architecture-1.overlay.yaml', '../../../examples/lync2010-single-consolidated-edge.yaml'],
  ['sfb2015-scaled-edge-single-address.tbxml', 'sfb2015-scaled-edge-single-address.overlay.yaml', 'sfb2015-scaled-edge-single-address.yaml'],
  ['sfb2019-edge-nat.tbxml', 'sfb2019-edge-nat.overlay.yaml', 'sfb2019-edge-nat.yaml'],
] as const;

for (const [xml, overlay, yaml] of EQUIVALENT) {
  test(`${xml} + overlay and the hand-written ${yaml.split('/').pop()}: byte-identical flows and render output (every target)`, async () => {
    for (const format of ['table', 'csv', 'json', 'markdown']) {
      const a = await run('flows', `${DIR}/${xml}`, '--overlay', `${DIR}/${overlay}`, '--format', format);
      const b = await run('flows', `${DIR}/${yaml}`, '--format', format);
      assert.equal(a.code, 0, a.err);
      assert.equal(a.out, b.out, format);
    }
    const imported = await loadTopologyInput(`${DIR}/${xml}`, { overlay: `${DIR}/${overlay}` });
    const written = parseTopology(readFileSync(`${DIR}/${yaml}`, 'utf8'), `${DIR}/${yaml}`);
    for (const target of rendererTargets()) {
      const a = renderAll(imported, target);
      const b = renderAll(written, target);
      assert.deepEqual(a.skipped, b.skipped, target);
      assert.deepEqual(a.files, b.files, target);
    }
  });
}

test('probe plans no probe of a host named only by FQDN, and says why (nothing is resolved behind the user\'s back)', async () => {
  const { buildPlan } = await import('../../src/probe/plan.ts');
  const { compileFlows } = await import('../../src/flows/compile.ts');
  const t = await loadTopologyInput(`${DIR}/lync2013-director-mediation-pstn.xml`, { overlay: `${DIR}/lync2013-director-mediation-pstn.overlay.yaml` });
  const plan = buildPlan(t, compileFlows(t), { vantage: { kind: 'corporate' } });
  const named = plan.probes.filter((p) => p.flow.family === 'unresolved');
  assert.ok(named.length > 0);
  for (const p of named) assert.match(p.skipped ?? '', /not probed \(fe01\.contoso\.local, fe02\.contoso\.local: no address in the topology/);
  assert.ok(!plan.contacts.some((c) => c.includes('contoso')));
});
