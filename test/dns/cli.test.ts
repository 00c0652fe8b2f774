// `portolan dns`: argument parsing (exit 2 on bad usage), every format, and the example files once
// the YAML loader and examples exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, InputErrors, UsageError, isUserError } from '../../src/errors.ts';
import { dnsCommand, parseDnsArgs, renderDns } from '../../src/cli/commands/dns.ts';
import { LYNC2013_DNS_LB_YAML, lync2013DnsLb } from '../support/topologies.ts';
import type { Io } from '../../src/cli/io.ts';

test('parseDnsArgs: defaults and bad input', () => {
  assert.deepEqual(parseDnsArgs(['t.yaml']), { file: 't.yaml', format: 'table', view: undefined });
  assert.deepEqual(parseDnsArgs(['t.yaml', '--format', 'bind', '--view', 'internal']), { file: 't.yaml', format: 'bind', view: 'internal' });
  for (const bad of [[], ['a', 'b'], ['t.yaml', '--format', 'xml'], ['t.yaml', '--view', 'dmz'], ['t.yaml', '--bogus']]) {
    assert.throws(() => parseDnsArgs(bad), (e: unknown) => e instanceof UsageError && isUserError(e) && e.exitCode === 2, bad.join(' '));
  }
});

test('renderDns: every format, filtered by view; dnsmasq defaults to the external view', () => {
  const t = lync2013DnsLb();
  assert.match(renderDns(t, { format: 'table' }).text, /^VIEW\s+TYPE\s+NAME/);
  assert.match(renderDns(t, { format: 'csv' }).text, /^view,type,name,data,derived,note,sources\n/);
  const json = JSON.parse(renderDns(t, { format: 'json', view: 'internal' }).text);
  assert.ok(json.records.length > 0 && json.records.every((r: { view: string }) => r.view === 'internal'));
  assert.match(renderDns(t, { format: 'bind' }).text, /^\$ORIGIN contoso\.com\./);
  const dm = renderDns(t, { format: 'dnsmasq' }).text;
  assert.match(dm, /DNS view external/);
  assert.match(dm, /^srv-host=_sip\._tls\.contoso\.com,sip\.contoso\.com,443,0,0$/m);
  assert.doesNotMatch(dm, /_sipinternaltls/);
  assert.match(renderDns(t, { format: 'dnsmasq', view: 'internal' }).text, /_sipinternaltls/);
});

test('output is byte-identical across runs', () => {
  for (const format of ['table', 'bind', 'dnsmasq', 'csv', 'json'] as const) {
    assert.equal(renderDns(lync2013DnsLb(), { format }).text, renderDns(lync2013DnsLb(), { format }).text, format);
  }
});

const examples = existsSync('examples') ? readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort() : [];

test('examples: `portolan dns` prints every format and reports no lint errors', async () => {
  assert.ok(examples.length > 0, 'examples/*.yaml');
  for (const ex of examples) {
    for (const format of ['table', 'bind', 'dnsmasq', 'csv', 'json']) {
      let out = '';
      let err = '';
      const code = await dnsCommand.run([`examples/${ex}`, '--format', format], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
      assert.equal(code, 0, `${ex} ${format}: ${err}`);
      assert.ok(out.length > 0);
    }
  }
});

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (s: string) => { io.out += s; }, stderr: (s: string) => { io.err += s; } };
  return io;
}

test('end to end through the topology loader: same records as the hand-built topology; bad files exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-dns-cli-'));
  try {
    const file = join(dir, 't.yaml');
    writeFileSync(file, LYNC2013_DNS_LB_YAML);
    const io = capture();
    assert.equal(await dnsCommand.run([file, '--format', 'csv'], io), 0, io.err);
    // Same external A/SRV records (the file has no IPv6 address; the loader may fill names in itself,
    // so the `derived` flag is not compared).
    const ext = (text: string) => text.split('\n').filter((l) => /^external,(A|SRV),/.test(l)).map((l) => l.split(',').slice(0, 4).join(','));
    assert.deepEqual(ext(io.out), ext(renderDns(lync2013DnsLb(), { format: 'csv' }).text));
    await assert.rejects(dnsCommand.run([join(dir, 'missing.yaml')], capture()), (e: unknown) => e instanceof InputError || e instanceof InputErrors);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
