// BIND output: every zone of every view and topology, exactly as printed, passes named-checkzone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatBind, formatBindZone } from '../../src/dns/format-bind.ts';
import { dnsRecords } from '../../src/dns/records.ts';
import { zones, zoneOf } from '../../src/dns/zones.ts';
import { ALL_TOPOLOGIES, everyTopology } from '../support/topologies.ts';

const run = promisify(execFile);

/** Splits the printed output back into zones at each `$ORIGIN` line. */
function splitZones(text: string): { origin: string; text: string }[] {
  return text.split(/^(?=\$ORIGIN )/m).filter((s) => s.trim()).map((s) => ({ origin: /^\$ORIGIN (\S+)\.$/m.exec(s)![1]!, text: s }));
}

test('zoneOf: SIP domain when the name is in one, else the parent domain', () => {
  assert.equal(zoneOf('_sip._tls.fabrikam.com', ['contoso.com', 'fabrikam.com']), 'fabrikam.com');
  assert.equal(zoneOf('edgepool.contoso.net', ['contoso.com']), 'contoso.net');
});

for (const [name, make] of everyTopology()) {
  test(`${name}: named-checkzone accepts every printed zone`, async () => {
    const t = make();
    const records = dnsRecords(t);
    const printed = formatBind(t, records);
    const parts = splitZones(printed);
    assert.equal(parts.length, zones(t, records).length);
    assert.ok(printed.startsWith('$ORIGIN '));
    const dir = await mkdtemp(join(tmpdir(), 'portolan-bind-'));
    try {
      for (const [i, z] of parts.entries()) {
        assert.match(z.text, /^@ IN SOA /m);
        assert.match(z.text, /^@ IN NS /m);
        const file = join(dir, `${i}.zone`);
        await writeFile(file, z.text);
        const { stdout } = await run('named-checkzone', ['-k', 'fail', '-n', 'fail', z.origin, file]);
        assert.match(stdout, /OK/, `${z.origin}: ${stdout}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('every record appears in exactly one zone, and output is deterministic', () => {
  for (const [name, make] of ALL_TOPOLOGIES) {
    const t = make();
    const records = dnsRecords(t);
    assert.equal(zones(t, records).reduce((n, z) => n + z.records.length, 0), records.length, name);
    assert.equal(formatBind(t, records), formatBind(make(), dnsRecords(make())), name);
  }
});

test('given name servers replace the placeholder', () => {
  const t = ALL_TOPOLOGIES[0]![1]();
  const z = zones(t, dnsRecords(t))[0]!;
  const text = formatBindZone(z, { nameServers: ['ns1.contoso.net', 'ns2.contoso.net'], serial: 2026010101 });
  assert.match(text, /^@ IN NS ns1\.contoso\.net\.$/m);
  assert.match(text, /^@ IN NS ns2\.contoso\.net\.$/m);
  assert.match(text, /\( 2026010101 /);
  assert.doesNotMatch(text, /invalid/);
});
