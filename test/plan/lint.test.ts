// Lint catches what the outputs' own tools would reject, with the location: zone-scoped
// addresses and `_` in host names (exit 2 at the value), DNS names past 253 characters
// (named-checkzone) and certificate subjects past 64 (openssl req) as located lint errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.ts';
import { dnsNameFindings } from '../../src/dns/limits.ts';
import { certificateNameFindings } from '../../src/certs/limits.ts';
import { formatBind } from '../../src/dns/format-bind.ts';
import { dnsRecords } from '../../src/dns/records.ts';
import { formatOpenssl } from '../../src/certs/format-openssl.ts';
import { certificates } from '../../src/certs/plan.ts';
import { parseTopology } from '../../src/topology/load.ts';
import { everyTopology } from '../support/topologies.ts';

const execRun = promisify(execFile);
const EXAMPLE = readFileSync('examples/lync2013-scaled-edge-dns-lb.yaml', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'portolan-names-'));

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

function variant(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('a zone-scoped address (fe80::1%eth0) is refused at its location by every command', async () => {
  const text = EXAMPLE.replace('192.168.10.90', 'fe80::1%eth0');
  const file = variant('zone.yaml', text);
  for (const args of [['check', file], ['flows', file], ['render', file, '--target', 'nftables', '--firewall', 'internal'], ['dns', file, '--format', 'bind']]) {
    const r = await run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, new RegExp(`zone\\.yaml:${lineOf(text, 'fe80::1%eth0')}:\\d+: 'fe80::1%eth0': a zone index \\(%eth0\\)`));
  }
});

test('a host name label starting with _ is refused at its location', async () => {
  const text = EXAMPLE.replace('fqdn: fe01.contoso.local', 'fqdn: _fe01.contoso.local');
  const r = await run('check', variant('underscore.yaml', text));
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(`underscore\\.yaml:${lineOf(text, '_fe01')}:\\d+: .*fqdn: must be a fully qualified host name`));
});

test('a 247-character SIP domain: lint names the DNS names past 253 at the domain; named-checkzone agrees', async () => {
  const domain = ['a', 'b', 'c', 'd'].map((c) => c.repeat(60)).join('.') + '.com';
  const text = EXAMPLE.replace('sipDomains: [contoso.com]', `sipDomains: [${domain}]`);
  const file = variant('long-domain.yaml', text);
  const r = await run('check', file);
  assert.equal(r.code, 1);
  assert.match(r.out, new RegExp(`long-domain\\.yaml:${lineOf(text, 'sipDomains')}:\\d+: error: the DNS name _sipfederationtls\\._tcp\\.a+… is 270 characters`));
  // The zone as `dns --format bind` writes it is indeed refused by named-checkzone.
  const t = parseTopology(text, file);
  const zone = formatBind(t, dnsRecords(t)).split(/^(?=\$ORIGIN )/m).find((z) => z.includes(`$ORIGIN ${domain}.`))!;
  writeFileSync(join(dir, 'long.zone'), zone);
  await assert.rejects(execRun('named-checkzone', ['-k', 'fail', '-n', 'fail', domain, join(dir, 'long.zone')]));
});

test('a certificate subject over 64 characters: lint says so at the name; openssl req agrees', async () => {
  const access = `${'x'.repeat(60)}.contoso.com`;
  const text = EXAMPLE.replace('    fqdns:\n', `    fqdns:\n      access: ${access}\n`);
  const file = variant('long-cn.yaml', text);
  const r = await run('check', file);
  assert.equal(r.code, 1);
  assert.match(r.out, /error: certificate edge-external: subject CN x+\.contoso\.com is 72 characters, over the 64/);
  const plan = certificates(parseTopology(text, file)).find((c) => c.subject === access)!;
  writeFileSync(join(dir, 'long.cnf'), formatOpenssl(plan));
  await assert.rejects(execRun('openssl', ['req', '-new', '-config', join(dir, 'long.cnf'), '-batch', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'r.csr')]));
});

test('no shipped or test topology trips the name limits', () => {
  for (const [name, make] of everyTopology()) assert.deepEqual([...dnsNameFindings(make()), ...certificateNameFindings(make())], [], name);
});
