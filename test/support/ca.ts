// A throw-away lab certificate authority made with the `openssl` CLI, so tests use certificates
// produced by the same tool an administrator would use (not by the code under test).
// `openssl ca` (rather than `x509 -req`) is used because it can set explicit start/end dates
// (expired / not-yet-valid certificates) and issue CRLs with a nextUpdate in the past.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Ca {
  dir: string;
  certPath: string;
  keyPath: string;
  pem: string;
}

export interface IssueOptions {
  cn: string;
  /** DNS names and IP addresses (v4 or v6); each becomes a subjectAltName of the right type. */
  sans?: string[];
  /** Validity length in days (default 30). */
  days?: number;
  /** Validity ended yesterday (notBefore 30 days ago, notAfter 1 day ago). */
  expired?: boolean;
  /** Validity starts tomorrow. */
  notYetValid?: boolean;
  /** Explicit validity start/end; override days/expired/notYetValid. */
  notBefore?: Date;
  notAfter?: Date;
  /** Add clientAuth to extendedKeyUsage (MTLS client / federation certificates). */
  clientAuth?: boolean;
  /** File name stem (default derived from cn). */
  name?: string;
}

export interface Issued {
  certPath: string;
  keyPath: string;
  pem: string;
}

export interface CrlOptions {
  /** Days from now to nextUpdate; negative means the CRL is already stale. */
  nextUpdateDays: number;
  format?: 'der' | 'pem';
  /** Certificates (paths) to list as revoked. */
  revoke?: string[];
  name?: string;
}

// `openssl ca` keeps its database in files; serialise every call per CA directory.
const queues = new Map<string, Promise<unknown>>();
function serial<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(dir) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(dir, next.catch(() => undefined));
  return next;
}

async function openssl(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('openssl', args, { cwd, maxBuffer: 1 << 20 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr ?? err.message}`);
  }
}

/** openssl's ASN.1 time format: YYYYMMDDHHMMSSZ (generalized time works for every year). */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

function caConfig(dir: string): string {
  return `[ca]
default_ca = lab
[lab]
dir = ${dir}
database = ${dir}/index.txt
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
new_certs_dir = ${dir}/newcerts
certificate = ${dir}/ca.crt
private_key = ${dir}/ca.key
default_md = sha256
default_crl_days = 7
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`;
}

export async function makeCa(dir: string, opts: { cn?: string } = {}): Promise<Ca> {
  await mkdir(join(dir, 'newcerts'), { recursive: true });
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(join(dir, 'crlnumber'), '1000\n');
  await writeFile(join(dir, 'openssl.cnf'), caConfig(dir));
  const certPath = join(dir, 'ca.crt');
  const keyPath = join(dir, 'ca.key');
  await openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '3650', '-subj', `/CN=${opts.cn ?? 'Portolan Lab CA'}`,
      '-config', join(dir, 'openssl.cnf'), '-extensions', 'v3_ca'],
    dir,
  );
  return { dir, certPath, keyPath, pem: await readFile(certPath, 'utf8') };
}

export function issueCert(ca: Ca, opts: IssueOptions): Promise<Issued> {
  return serial(ca.dir, async () => {
    const stem = (opts.name ?? opts.cn).replace(/[^A-Za-z0-9.-]/g, '_');
    const keyPath = join(ca.dir, `${stem}.key`);
    const csrPath = join(ca.dir, `${stem}.csr`);
    const certPath = join(ca.dir, `${stem}.crt`);
    const extPath = join(ca.dir, `${stem}.ext`);
    const day = 86_400_000;
    const now = Date.now();
    let start = new Date(now - 60_000);
    let end = new Date(now + (opts.days ?? 30) * day);
    if (opts.expired) { start = new Date(now - 30 * day); end = new Date(now - day); }
    if (opts.notYetValid) { start = new Date(now + day); end = new Date(now + 30 * day); }
    if (opts.notBefore) start = opts.notBefore;
    if (opts.notAfter) end = opts.notAfter;

    const sans = (opts.sans ?? []).map((s) => (isIP(s) ? `IP:${s}` : `DNS:${s}`));
    const eku = opts.clientAuth ? 'serverAuth,clientAuth' : 'serverAuth';
    await writeFile(
      extPath,
      [
        '[ext]',
        'basicConstraints = CA:FALSE',
        'keyUsage = critical,digitalSignature,keyEncipherment',
        `extendedKeyUsage = ${eku}`,
        ...(sans.length ? [`subjectAltName = ${sans.join(',')}`] : []),
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid',
        '',
      ].join('\n'),
    );
    await openssl(
      ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', csrPath, '-subj', `/CN=${opts.cn}`, '-config', join(ca.dir, 'openssl.cnf')],
      ca.dir,
    );
    await openssl(
      ['ca', '-batch', '-notext', '-config', join(ca.dir, 'openssl.cnf'), '-in', csrPath, '-out', certPath,
        '-startdate', asn1Time(start), '-enddate', asn1Time(end), '-extfile', extPath, '-extensions', 'ext'],
      ca.dir,
    );
    return { certPath, keyPath, pem: await readFile(certPath, 'utf8') };
  });
}

export function makeCrl(ca: Ca, opts: CrlOptions): Promise<string> {
  return serial(ca.dir, async () => {
    const cfg = join(ca.dir, 'openssl.cnf');
    for (const cert of opts.revoke ?? []) await openssl(['ca', '-config', cfg, '-revoke', cert], ca.dir);
    const now = Date.now();
    const day = 86_400_000;
    // A stale CRL must also have been issued before it expired: lastUpdate precedes nextUpdate.
    const last = new Date(Math.min(now - 60_000, now + opts.nextUpdateDays * day - day));
    const next = new Date(now + opts.nextUpdateDays * day);
    const stem = opts.name ?? 'lab';
    const pemPath = join(ca.dir, `${stem}.crl.pem`);
    await openssl(
      ['ca', '-gencrl', '-config', cfg, '-out', pemPath,
        '-crl_lastupdate', asn1Time(last), '-crl_nextupdate', asn1Time(next)],
      ca.dir,
    );
    if ((opts.format ?? 'der') === 'pem') return pemPath;
    const derPath = join(ca.dir, `${stem}.crl`);
    await openssl(['crl', '-in', pemPath, '-outform', 'DER', '-out', derPath], ca.dir);
    return derPath;
  });
}
