// nginx standing in for the reverse proxy (80/443), the pool's web services (4443, 8080), the
// CRL distribution point (80), Central Management store replication (4443 on the edge
// internal address) and the other TLS listeners (PSOM 443/8057, CLS 50001-50003).
import { join } from 'node:path';
import type { LabCert } from '../certs.ts';
import type { ServerSpec } from './process.ts';

export function nginxServer(ns: string, dir: string, listens: { host: string; port: number; tls: boolean; cert: LabCert }[], crl?: string): ServerSpec {
  const cfg = join(dir, 'nginx.conf');
  const t = (n: string) => join(dir, n);
  const servers = listens.map((l) => [
    '\tserver {',
    `\t\tlisten ${l.host}:${l.port}${l.tls ? ' ssl' : ''};`,
    ...(l.tls ? [`\t\tssl_certificate ${l.cert.certPath};`, `\t\tssl_certificate_key ${l.cert.keyPath};`] : []),
    `\t\troot ${t('www')};`,
    '\t\tlocation / { return 200 "portolan lab\\n"; }',
    ...(crl ? ['\t\tlocation = /lab.crl { types { application/pkix-crl crl; } try_files /lab.crl =404; }'] : []),
    '\t}',
  ].join('\n'));
  const lines = [
    `pid ${t('nginx.pid')};`,
    `error_log stderr warn;`,
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    '\taccess_log off;',
    `\tclient_body_temp_path ${t('tmp-body')};`, `\tproxy_temp_path ${t('tmp-proxy')};`, `\tfastcgi_temp_path ${t('tmp-fastcgi')};`,
    `\tuwsgi_temp_path ${t('tmp-uwsgi')};`, `\tscgi_temp_path ${t('tmp-scgi')};`,
    ...servers,
    '}',
    '',
  ];
  const files: Record<string, string> = { [cfg]: lines.join('\n'), [join(t('www'), 'index.html')]: 'portolan lab\n' };
  if (crl) files[join(t('www'), 'lab.crl')] = crl;
  return {
    kind: 'nginx', ns,
    argv: ['nginx', '-e', 'stderr', '-p', dir, '-c', cfg, '-g', 'daemon off;'],
    files,
    ready: listens.map((l) => ({ proto: 'tcp' as const, host: l.host, port: l.port })),
  };
}
