// A lab certificate authority (openssl CLI) and one certificate per entry of the certificate
// plan (`portolan certs`), with the plan's subject and SANs, plus a server certificate for the
// lab's stand-ins on the internet and corporate side and a client certificate for MTLS probes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificatePlan } from '../certs/plan.ts';
import { must } from './exec.ts';

export interface LabCert { name: string; certPath: string; keyPath: string }
export interface LabPki { caFile: string; certs: Map<string, LabCert>; client: LabCert }

async function issue(dir: string, ca: { cert: string; key: string }, name: string, cn: string, sans: string[], eku: string): Promise<LabCert> {
  const key = join(dir, `${name}.key`), csr = join(dir, `${name}.csr`), cert = join(dir, `${name}.crt`), ext = join(dir, `${name}.ext`);
  const alt = [...new Set([cn, ...sans])].map((s) => `DNS:${s}`).join(',');
  await writeFile(ext, `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=${eku}\nsubjectAltName=${alt}\n`);
  await must(['openssl', 'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`]);
  await must(['openssl', 'x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '30', '-out', cert, '-extfile', ext]);
  return { name, certPath: cert, keyPath: key };
}

export async function makePki(dir: string, plan: CertificatePlan[]): Promise<LabPki> {
  await mkdir(dir, { recursive: true });
  const ca = { cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') };
  await must(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', ca.key, '-out', ca.cert, '-days', '30', '-subj', '/CN=Portolan lab CA']);
  const certs = new Map<string, LabCert>();
  // openssl's serial file is shared: issue one after another
  for (const c of plan) certs.set(c.interface, await issue(dir, ca, c.name, c.subject, c.sans, c.extendedKeyUsage.join(',')));
  certs.set('lab', await issue(dir, ca, 'lab-server', 'lab.portolan.test', [], 'serverAuth,clientAuth'));
  const client = await issue(dir, ca, 'lab-client', 'probe.portolan.test', [], 'clientAuth');
  return { caFile: ca.cert, certs, client };
}
