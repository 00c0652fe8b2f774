// coturn standing in for the A/V Edge (STUN/TURN on UDP 3478 and TCP 443, relays in
// 50000–59999) and for a partner's edge on the internet side.
import { join } from 'node:path';
import type { LabCert } from '../certs.ts';
import type { ServerSpec } from './process.ts';

export const TURN_USER = 'lab';
export const TURN_PASSWORD = 'labpass';

export function coturnServer(ns: string, dir: string, addrs: string[], realm: string, cert: LabCert): ServerSpec {
  const cfg = join(dir, 'turnserver.conf');
  const lines = [
    ...addrs.map((a) => `listening-ip=${a}`),
    `relay-ip=${addrs[0]}`,
    'listening-port=3478', 'tls-listening-port=443', 'min-port=50000', 'max-port=59999',
    `realm=${realm}`, 'lt-cred-mech', `user=${TURN_USER}:${TURN_PASSWORD}`, 'fingerprint',
    `cert=${cert.certPath}`, `pkey=${cert.keyPath}`,
    'no-dtls', 'no-cli', 'no-rfc5780', 'no-multicast-peers', 'allow-loopback-peers',
    `pidfile=${join(dir, 'turnserver.pid')}`, `userdb=${join(dir, 'turndb')}`, 'log-file=stdout', 'simple-log',
    '',
  ];
  return {
    kind: 'coturn', ns,
    argv: ['turnserver', '-c', cfg],
    files: { [cfg]: lines.join('\n') },
    ready: addrs.flatMap((a) => [{ proto: 'udp' as const, host: a, port: 3478 }, { proto: 'tcp' as const, host: a, port: 443 }]),
  };
}
