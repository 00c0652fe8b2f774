// The certreq INF: the fields Windows certreq reads, with the plan's subject, SANs and usages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCertreq } from '../../src/certs/format-certreq.ts';
import { certificates } from '../../src/certs/plan.ts';
import { lync2013DnsLb } from '../support/topologies.ts';

/** Minimal INF reader: sections of `key = value` lines, `;` comments, CRLF line ends. */
function parseInf(text: string): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  let section = '';
  for (const raw of text.split('\r\n')) {
    const line = raw.replace(/\s;.*$/, '').replace(/^;.*$/, '').trim();
    if (!line) continue;
    const s = /^\[(.+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      out.set(section, []);
      continue;
    }
    const eq = line.indexOf('=');
    out.get(section)!.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return out;
}

test('external edge INF: subject, exportable machine key, EKUs, SAN extension', () => {
  const plan = certificates(lync2013DnsLb())[0]!;
  const text = formatCertreq(plan);
  assert.ok(!/[^\r]\n/.test(text), 'CRLF line ends');
  const inf = parseInf(text);
  assert.equal(inf.get('Version')![0]![1], '"$Windows NT$"');
  const req = new Map(inf.get('NewRequest'));
  assert.equal(req.get('Subject'), '"CN=sip.contoso.com"');
  assert.equal(req.get('Exportable'), 'TRUE');
  assert.equal(req.get('MachineKeySet'), 'TRUE');
  assert.equal(req.get('KeyLength'), '2048');
  assert.equal(req.get('RequestType'), 'PKCS10');
  assert.equal(req.get('KeyUsage'), '0xa0');
  assert.deepEqual(inf.get('EnhancedKeyUsageExtension')!.map(([, v]) => v), ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  const ext = inf.get('Extensions')!;
  assert.deepEqual(ext[0], ['2.5.29.17', '"{text}"']);
  const sans = ext.slice(1).map(([k, v]) => (assert.equal(k, '_continue_'), /^"dns=(.+)&"$/.exec(v)![1]));
  assert.deepEqual(sans, plan.sans);
});

test('internal edge INF: no SAN extension', () => {
  const plan = certificates(lync2013DnsLb())[1]!;
  const inf = parseInf(formatCertreq(plan));
  assert.equal(new Map(inf.get('NewRequest')).get('Subject'), '"CN=edgepool.contoso.net"');
  assert.equal(inf.has('Extensions'), false);
});
