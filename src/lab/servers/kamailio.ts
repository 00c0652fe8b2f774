// kamailio standing in for the SIP listeners (Access Edge 443/5061, edge internal 5061/5062,
// Front End 5061, a federated partner's 5061): answers OPTIONS with 200 on TLS and TCP.
import { join } from 'node:path';
import type { LabCert } from '../certs.ts';
import type { ServerSpec } from './process.ts';

export function kamailioServer(ns: string, dir: string, listens: { host: string; port: number; tls: boolean }[], cert: LabCert): ServerSpec {
  const cfg = join(dir, 'kamailio.cfg'), tlsCfg = join(dir, 'tls.cfg');
  const config = [
    '#!KAMAILIO',
    'debug=1', 'log_stderror=yes', 'children=1', 'tcp_children=2', 'auto_aliases=no',
    'enable_tls=yes',
    ...listens.map((l) => `listen=${l.tls ? 'tls' : 'tcp'}:${l.host}:${l.port}`),
    'mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"',
    'loadmodule "tls.so"', 'loadmodule "sl.so"', 'loadmodule "pv.so"',
    `modparam("tls", "config", "${tlsCfg}")`,
    'request_route {',
    '\tif (method=="OPTIONS") { sl_send_reply("200", "OK"); exit; }',
    '\tsl_send_reply("404", "Not here");',
    '}',
    '',
  ].join('\n');
  const tls = ['[server:default]', 'method = TLSv1.2+', 'verify_certificate = no', 'require_certificate = no', `private_key = ${cert.keyPath}`, `certificate = ${cert.certPath}`, ''].join('\n');
  return {
    kind: 'kamailio', ns,
    argv: ['kamailio', '-DD', '-E', '-m', '32', '-M', '4', '-f', cfg, '-Y', dir, '-P', join(dir, 'kamailio.pid')],
    files: { [cfg]: config, [tlsCfg]: tls },
    ready: listens.map((l) => ({ proto: 'tcp' as const, host: l.host, port: l.port })),
  };
}
