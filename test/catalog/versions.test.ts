// `catalog --version sfb2019` lists the Skype for Business requirements with citations to the
// Skype for Business pages (and the Lync 2013 reverse proxy page, which serves it); no XMPP;
// `--discrepancies` shows the 2013 / Skype for Business disagreements with verbatim quotes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import type { Requirement } from '../../src/catalog/types.ts';

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

test('catalog --version sfb2019: Skype for Business pages only, XMPP absent, edge and server rows present', async () => {
  const r = await run('catalog', '--version', 'sfb2019', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const rs = (JSON.parse(r.out) as { requirements: Requirement[] }).requirements;
  assert.ok(rs.length > 100);
  const docs = new Set(rs.flatMap((x) => x.citations.map((c) => c.document)));
  assert.deepEqual([...docs].sort(), ['lync2013-port-summary-reverse-proxy', 'sfb-edge-environmental-requirements', 'sfb-ports-and-protocols']);
  assert.ok(!rs.some((x) => x.role === 'XMPP' || x.application.startsWith('XMPP')), 'no XMPP in 2019');
  for (const id of ['2013.edge-external.access.dns-tcp-53.out', '2013.edge-internal.cls.mtls-50001', 'sfb.server-host.frontend.file-share-smb-445.in']) {
    assert.ok(rs.some((x) => x.id === id), id);
  }
  // No inbound media range in Skype for Business; the outbound relay rows have no condition.
  assert.ok(!rs.some((x) => x.id === '2013.edge-external.av.rtp-udp-50000-59999.in'));
  assert.deepEqual(rs.find((x) => x.id === '2013.edge-external.av.rtp-udp-50000-59999.out')!.when, []);
  const table = await run('catalog', '--version', 'sfb2019', '--port', '5061');
  assert.match(table.out, /sfb-edge-environmental-requirements:/);
});

test('catalog --version sfb2015 includes the XMPP rows, cited to the Skype for Business edge page', async () => {
  const rs = (JSON.parse((await run('catalog', '--version', 'sfb2015', '--role', 'xmpp', '--format', 'json')).out) as { requirements: Requirement[] }).requirements;
  assert.ok(rs.length >= 3);
  assert.ok(rs.every((x) => x.citations.every((c) => c.document === 'sfb-edge-environmental-requirements')));
});

test('catalog --discrepancies quotes the Lync 2013 and Skype for Business pages', async () => {
  const r = await run('catalog', '--discrepancies');
  assert.equal(r.code, 0);
  for (const id of ['stun-3478-outbound-purpose', 'cls-ports', 'dns-transport', 'media-relay-condition', 'xmpp-not-in-2019']) assert.match(r.out, new RegExp(`^${id}: `, 'm'));
  assert.match(r.out, /Edge Server environmental requirements in Skype for Business Server, "Port and firewall planning → External port firewall summary table", row 11: “3478 outbound is: • Used by Skype for Business Server/);
});
