// prosody standing in for the XMPP Proxy (server-to-server 5269) and the XMPP gateway
// component port 23456 on the edge internal interface, and for an XMPP partner.
import { join } from 'node:path';
import type { LabCert } from '../certs.ts';
import type { ServerSpec } from './process.ts';

/** The XMPP gateway component's shared secret in the lab (XEP-0114 handshake). */
export const LAB_COMPONENT_SECRET = 'labsecret';

export function prosodyServer(ns: string, dir: string, s2s: string[], component: string[], domain: string, cert: LabCert): ServerSpec {
  const cfg = join(dir, 'prosody.cfg.lua');
  const q = (xs: string[]) => `{ ${xs.map((x) => `"${x}"`).join(', ')} }`;
  const lines = [
    'run_as_root = true',
    `data_path = "${join(dir, 'data')}"`,
    `pidfile = "${join(dir, 'prosody.pid')}"`,
    'log = { { levels = { min = "warn" }, to = "console" } }',
    'modules_enabled = { "tls", "dialback", "disco", "saslauth" }',
    'c2s_ports = { }', 'http_ports = { }', 'https_ports = { }', 'c2s_direct_tls_ports = { }', 's2s_direct_tls_ports = { }',
    's2s_ports = { 5269 }',
    `s2s_interfaces = ${q(s2s.length ? s2s : ['127.0.0.1'])}`,
    'component_ports = { 23456 }',
    `component_interfaces = ${q(component.length ? component : ['127.0.0.1'])}`,
    's2s_require_encryption = false', 's2s_secure_auth = false',
    `ssl = { certificate = "${cert.certPath}", key = "${cert.keyPath}" }`,
    `VirtualHost "${domain}"`,
    `Component "xmppgw.${domain}"`,
    `\tcomponent_secret = "${LAB_COMPONENT_SECRET}"`,
    '',
  ];
  return {
    kind: 'prosody', ns,
    argv: ['prosody', '--config', cfg, '-F'],
    files: { [cfg]: lines.join('\n'), [join(dir, 'data', '.keep')]: '' },
    ready: [...s2s.map((h) => ({ proto: 'tcp' as const, host: h, port: 5269 })), ...component.map((h) => ({ proto: 'tcp' as const, host: h, port: 23456 }))],
  };
}
