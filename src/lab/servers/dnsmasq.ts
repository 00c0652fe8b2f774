// dnsmasq serving the DNS records of `portolan dns` (one view per instance): the external view
// on the internet side, where the edge's DNS queries (53 out) go.
import { join } from 'node:path';
import type { ServerSpec } from './process.ts';

export function dnsmasqServer(ns: string, dir: string, addrs: string[], records: string): ServerSpec {
  const cfg = join(dir, 'dnsmasq.conf');
  const lines = ['no-resolv', 'no-hosts', 'bind-interfaces', 'port=53', ...addrs.map((a) => `listen-address=${a}`), `pid-file=${join(dir, 'dnsmasq.pid')}`, records];
  return {
    kind: 'dnsmasq', ns,
    argv: ['dnsmasq', '--keep-in-foreground', '--log-facility=-', '-C', cfg, '--user=root'],
    files: { [cfg]: lines.join('\n') + '\n' },
    ready: addrs.flatMap((a) => [{ proto: 'udp' as const, host: a, port: 53 }, { proto: 'tcp' as const, host: a, port: 53 }]),
  };
}
