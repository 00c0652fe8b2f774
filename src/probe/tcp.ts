// TCP connect probe: tells apart "open", "refused" (an RST came back), "filtered" (silence until
// the timeout — a firewall dropped the SYN) and "unreachable" (ICMP / no route). The other
// TCP-based probes (TLS, SIP, HTTP) use connectTcp so they report TCP failures the same way.
import { connect, isIP, type Socket } from 'node:net';
import type { Verdict } from './verdict.ts';

export interface TcpProbeOptions {
  /** An IP address: names are resolved by the DNS probe, not by the system resolver. */
  host: string;
  port: number;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 3000;

export type Connected = { ok: true; socket: Socket; connectMs: number };
export type NotConnected = { ok: false; verdict: Verdict };

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** Open a TCP connection or explain, as a verdict, why not. The caller owns the socket. */
export function connectTcp(opts: TcpProbeOptions): Promise<Connected | NotConnected> {
  const started = performance.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = `${opts.host}:${opts.port}`;
  const base = { host: opts.host, port: opts.port, timeoutMs };
  const elapsed = () => Math.round(performance.now() - started);

  if (!isIP(opts.host) || !Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    return Promise.resolve({
      ok: false,
      verdict: {
        kind: 'error', pathOpen: 'unknown', ok: false,
        summary: `bad target ${where}: host must be an IP address and port 1-65535`,
        evidence: base, elapsedMs: 0,
      },
    });
  }

  return new Promise((resolve) => {
    const socket = connect({ host: opts.host, port: opts.port });
    const fail = (v: Omit<Verdict, 'elapsedMs'>) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: false, verdict: { ...v, elapsedMs: elapsed() } });
    };
    // Our own timer: the kernel's SYN retries last minutes, far longer than a probe should wait.
    const timer = setTimeout(() => {
      fail({
        kind: 'filtered', pathOpen: false, ok: false,
        summary: `no answer from ${where} within ${timeoutMs} ms (dropped by a firewall?)`,
        evidence: base,
      });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      const connectMs = elapsed();
      socket.removeAllListeners('error');
      resolve({ ok: true, socket, connectMs });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const evidence = { ...base, code: e.code, connectMs: elapsed() };
      if (e.code === 'ECONNREFUSED') {
        // An RST: usually the host with nothing listening, but a firewall's "reject with tcp
        // reset" looks the same, so this does not prove the path.
        fail({ kind: 'refused', pathOpen: 'unknown', ok: false, summary: `${where} refused the connection (RST)`, evidence });
      } else if (e.code && UNREACHABLE.has(e.code)) {
        fail({ kind: 'unreachable', pathOpen: false, ok: false, summary: `${where} unreachable (${e.code})`, evidence });
      } else if (e.code === 'ETIMEDOUT') {
        fail({ kind: 'filtered', pathOpen: false, ok: false, summary: `${where} timed out (${e.code})`, evidence });
      } else {
        fail({ kind: 'error', pathOpen: 'unknown', ok: false, summary: `${where}: ${e.code ?? e.message}`, evidence: { ...evidence, message: e.message } });
      }
    });
  });
}

/** Probe one TCP port: 'open' when the three-way handshake completes. */
export async function probeTcp(opts: TcpProbeOptions): Promise<Verdict> {
  const r = await connectTcp(opts);
  if (!r.ok) return r.verdict;
  const evidence = {
    host: opts.host, port: opts.port, connectMs: r.connectMs,
    localAddress: r.socket.localAddress, localPort: r.socket.localPort,
  };
  r.socket.destroy();
  return {
    kind: 'open', pathOpen: true, ok: true,
    summary: `${opts.host}:${opts.port} open (connect ${r.connectMs} ms)`,
    evidence, elapsedMs: r.connectMs,
  };
}
