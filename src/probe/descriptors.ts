// How many probes can be in flight before the process runs out of file descriptors: a TLS or
// HTTP probe holds a socket, a TURN probe two, a DNS query one or two. Under `ulimit -n 256`,
// `--concurrency 1000` would fail most flows with EMFILE; paced to this, they all run.
import { readdirSync, readFileSync } from 'node:fs';

/** Descriptors a probe may hold at once (TURN: control and relay; a DNS query over UDP and TCP). */
export const DESCRIPTORS_PER_PROBE = 2;
/** Kept free for the process itself (stdio, the event loop, files it reads). */
const RESERVE = 24;

/** The soft limit of open files and how many are open now; undefined where /proc does not say. */
export function descriptorUse(): { limit: number; open: number } | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (!m || m[1] === 'unlimited') return undefined;
    return { limit: Number(m[1]), open: readdirSync('/proc/self/fd').length };
  } catch {
    return undefined;
  }
}

/** The concurrency asked for, lowered to what the descriptor limit allows (at least 1). */
export function paceToDescriptors(requested: number, use = descriptorUse()): number {
  if (!use) return requested;
  const room = Math.floor((use.limit - use.open - RESERVE) / DESCRIPTORS_PER_PROBE);
  return Math.max(1, Math.min(requested, room));
}
