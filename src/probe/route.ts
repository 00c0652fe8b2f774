// Is there a route to a host? A UDP socket's connect() asks the kernel's routing table and sends
// nothing: ENETUNREACH / EHOSTUNREACH mean no packet could leave. Used where a library would
// otherwise name that something else (c-ares calls it "connection refused").
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';

/** undefined when a route exists, else the error (ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL …). */
export function routeError(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((done) => {
    const sock = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    const end = (e: NodeJS.ErrnoException | undefined) => {
      try { sock.close(); } catch { /* closed */ }
      done(e);
    };
    sock.once('error', (e) => end(e as NodeJS.ErrnoException));
    sock.connect(port, host, (e?: Error) => end(e as NodeJS.ErrnoException | undefined));
  });
}
