// Probes from a chosen source address (and port). The lab's vantage namespaces hold several
// addresses (an edge has one per service) and the firewall must see the flow's own source, but
// the probe modules take no local address. Inside `fromSource`, every socket a probe opens is
// bound to it: net.Socket#connect and dgram.Socket#bind read the binding from AsyncLocalStorage
// (patched once, on first use; sockets opened outside keep the kernel's choice).
import { AsyncLocalStorage } from 'node:async_hooks';
import dgram from 'node:dgram';
import net from 'node:net';

export interface SourceBinding {
  address: string;
  /** A fixed local port; absent: any. */
  port?: number;
}

const local = new AsyncLocalStorage<SourceBinding>();
let patched = false;

function patch(): void {
  if (patched) return;
  patched = true;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const l = local.getStore();
    // net.connect passes its normalized [options, cb] array (tagged with an internal symbol)
    const opts = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { path?: string; localAddress?: string; localPort?: number } | undefined;
    if (l && opts && typeof opts === 'object' && !opts.path) {
      opts.localAddress = l.address;
      if (l.port) opts.localPort = l.port;
    }
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  const bind = dgram.Socket.prototype.bind;
  dgram.Socket.prototype.bind = function (this: dgram.Socket, ...args: unknown[]) {
    const l = local.getStore();
    if (l) {
      const cb = args.find((a) => typeof a === 'function');
      return (bind as (...a: unknown[]) => dgram.Socket).call(this, { address: l.address, port: l.port ?? 0 }, cb);
    }
    return (bind as (...a: unknown[]) => dgram.Socket).apply(this, args);
  } as typeof dgram.Socket.prototype.bind;
}

/** Runs `probe` with every socket it opens bound to `source` (unbound when source is undefined). */
export function fromSource<T>(source: SourceBinding | undefined, probe: () => Promise<T>): Promise<T> {
  if (!source) return probe();
  patch();
  return local.run(source, probe);
}
