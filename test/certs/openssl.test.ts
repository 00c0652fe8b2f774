// The OpenSSL request configuration, run through `openssl req -new -config … -batch`, produces a
// CSR whose subject, SANs and usages equal the plan (read back with @peculiar/x509 and openssl).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ExtendedKeyUsage,
  KeyUsageFlags,
  Pkcs10CertificateRequest,
  type ExtendedKeyUsageExtension,
  type KeyUsagesExtension,
  type SubjectAlternativeNameExtension,
} from '@peculiar/x509';
// Extensions are looked up by OID: getExtension(Class) returns null for CSR extensions in this version.
import { formatOpenssl } from '../../src/certs/format-openssl.ts';
import { certificates } from '../../src/certs/plan.ts';
import { ALL_TOPOLOGIES, everyTopology } from '../support/topologies.ts';

const run = promisify(execFile);
const EKU: Record<string, string> = { serverAuth: ExtendedKeyUsage.serverAuth, clientAuth: ExtendedKeyUsage.clientAuth };

for (const [name, make] of everyTopology()) {
  test(`${name}: every certificate's OpenSSL config yields a CSR equal to the plan`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portolan-csr-'));
    try {
      for (const plan of certificates(make())) {
        const cnf = join(dir, `${plan.name}.cnf`);
        const csr = join(dir, `${plan.name}.csr`);
        await writeFile(cnf, formatOpenssl(plan));
        await run('openssl', ['req', '-new', '-config', cnf, '-batch', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, `${plan.name}.key`), '-out', csr]);
        const req = new Pkcs10CertificateRequest(await readFile(csr, 'utf8'));
        assert.equal(req.subject, `CN=${plan.subject}`, plan.name);
        assert.ok(await req.verify(), `${plan.name}: CSR signature`);
        const san = (req.getExtension('2.5.29.17') as SubjectAlternativeNameExtension | null);
        const sans = san ? san.names.items.map((n) => `${n.type}:${n.value}`) : [];
        assert.deepEqual(sans, plan.sans.map((s) => `dns:${s}`), plan.name);
        assert.deepEqual([...((req.getExtension('2.5.29.37') as ExtendedKeyUsageExtension | null)?.usages ?? [])], plan.extendedKeyUsage.map((e) => EKU[e]), plan.name);
        const ku = req.getExtension('2.5.29.15') as KeyUsagesExtension;
        assert.equal(ku.critical, true);
        assert.equal(ku.usages, KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment);
        // openssl's own reading agrees.
        const { stdout } = await run('openssl', ['req', '-noout', '-text', '-in', csr]);
        if (plan.sans.length) assert.ok(stdout.includes(plan.sans.map((s) => `DNS:${s}`).join(', ')), plan.name);
        else assert.doesNotMatch(stdout, /Subject Alternative Name/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
