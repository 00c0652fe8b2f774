// DNS probe: ask one chosen resolver (not the system's) for an SRV, A or AAAA record and compare
// the answer with what the topology needs. Lync clients find the edge through these records, so
// "the record is absent" and "the record points elsewhere" are different faults with different
// owners (the DNS team vs the firewall team), and both differ from "the resolver is unreachable".
import { routeError } from './route.ts';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Verdict } from './verdict.ts';
import { DEFAULT_TIMEOUT_MS } from './tcp.ts';

export interface SrvExpectation {
  target: string;
  port: number;
  priority?: number;
  weight?: number;
}

export type DnsProbeOptions = {
  /** The resolver's IP address. */
  host: string;
  /** The resolver's port (default 53). */
  port?: number;
  timeoutMs?: number;
  /** The name to look up, e.g. `_sip._tls.contoso.com`. */
  name: string;
  /** Extra records beyond the expected ones make a mismatch unless allowed (DNS load balancing). */
  allowExtra?: boolean;
} & (
  | { type: 'SRV'; expected?: SrvExpectation[] }
  | { type: 'A' | 'AAAA'; expected?: string[] }
);

const canonName = (n: string) => n.toLowerCase().replace(/\.$/, '');
// The URL parser writes IPv6 addresses in their canonical short form.
const canonAddr = (a: string) => (isIP(a) === 6 ? new URL(`http://[${a}]/`).hostname.slice(1, -1) : a);

/** The records as comparable strings: "target:port" for SRV (priority/weight only when expected). */
function keys(type: string, records: unknown[], withPw: boolean): string[] {
  if (type !== 'SRV') return (records as string[]).map(canonAddr);
  return (records as SrvExpectation[]).map((r) =>
    `${canonName(r.target ?? (r as unknown as { name: string }).name)}:${r.port}` + (withPw ? ` ${r.priority}/${r.weight}` : ''),
  );
}

export async function probeDns(opts: DnsProbeOptions): Promise<Verdict> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const server = isIP(opts.host) === 6 ? `[${opts.host}]:${opts.port ?? 53}` : `${opts.host}:${opts.port ?? 53}`;
  const evidence: Record<string, unknown> = { resolver: server, name: opts.name, type: opts.type };
  if (!isIP(opts.host)) {
    return { kind: 'error', pathOpen: 'unknown', ok: false, summary: `resolver must be an IP address, got ${opts.host}`, evidence, elapsedMs: 0 };
  }
  // c-ares reports "no route" as ECONNREFUSED: ask the routing table first, so that a resolver
  // nothing can reach is unreachable, not refused.
  const noRoute = await routeError(opts.host, opts.port ?? 53);
  if (noRoute) {
    return { kind: 'unreachable', pathOpen: false, ok: false, summary: `${opts.type} ${opts.name} @${server}: resolver unreachable (${noRoute.code})`, evidence: { ...evidence, code: noRoute.code }, elapsedMs: elapsed() };
  }
  // One try, so the timeout we are given is the time we spend.
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server]);

  let records: unknown[];
  try {
    records =
      opts.type === 'SRV' ? await resolver.resolveSrv(opts.name)
      : opts.type === 'A' ? await resolver.resolve4(opts.name)
      : await resolver.resolve6(opts.name);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const ev = { ...evidence, code };
    const q = `${opts.type} ${opts.name} @${server}`;
    switch (code) {
      case 'ENOTFOUND': // NXDOMAIN: the name does not exist
      case 'ENODATA': // the name exists, but has no record of this type
        return { kind: 'missing-record', pathOpen: true, ok: false, summary: `${q}: no such record (${code})`, evidence: ev, elapsedMs: elapsed() };
      case 'ETIMEOUT':
        return { kind: 'filtered', pathOpen: false, ok: false, summary: `${q}: no answer within ${timeoutMs} ms`, evidence: ev, elapsedMs: elapsed() };
      case 'ECONNREFUSED': // ICMP port unreachable: the host is there, no DNS server on it
        return { kind: 'refused', pathOpen: 'unknown', ok: false, summary: `${q}: refused (nothing listening)`, evidence: ev, elapsedMs: elapsed() };
      case 'ESERVFAIL':
      case 'EREFUSED':
      case 'ENOTIMP':
      case 'EFORMERR':
      case 'EBADRESP':
        return { kind: 'protocol-error', pathOpen: true, ok: false, summary: `${q}: server answered ${code}`, evidence: ev, elapsedMs: elapsed() };
      default:
        return { kind: 'error', pathOpen: 'unknown', ok: false, summary: `${q}: ${code ?? (e as Error).message}`, evidence: { ...ev, message: (e as Error).message }, elapsedMs: elapsed() };
    }
  }

  evidence.records = records;
  if (opts.type === 'SRV') {
    // A Lync client only follows an SRV target in the SRV record's own domain.
    const domain = canonName(opts.name).split('.').slice(2).join('.');
    evidence.targetsOutsideDomain = (records as { name: string }[])
      .map((r) => canonName(r.name))
      .filter((t) => domain && t !== domain && !t.endsWith(`.${domain}`));
  }
  if (!opts.expected) {
    return { kind: 'answered', pathOpen: true, ok: true, summary: `${opts.type} ${opts.name}: ${records.length} record(s)`, evidence, elapsedMs: elapsed() };
  }
  const withPw = opts.type === 'SRV' && (opts.expected as SrvExpectation[]).some((x) => x.priority !== undefined || x.weight !== undefined);
  const want = keys(opts.type, opts.expected.map((x) => (typeof x === 'string' ? x : { ...x, priority: x.priority ?? 0, weight: x.weight ?? 0 })), withPw);
  const got = keys(opts.type, records, withPw);
  const missing = want.filter((k) => !got.includes(k));
  const unexpected = got.filter((k) => !want.includes(k));
  Object.assign(evidence, { expected: want, got, missing, unexpected });
  if (missing.length || (unexpected.length && !opts.allowExtra)) {
    return {
      kind: 'mismatch', pathOpen: true, ok: false,
      summary: `${opts.type} ${opts.name}: expected ${want.join(', ')}, got ${got.join(', ') || 'nothing'}`,
      evidence, elapsedMs: elapsed(),
    };
  }
  return { kind: 'answered', pathOpen: true, ok: true, summary: `${opts.type} ${opts.name}: ${got.join(', ')}`, evidence, elapsedMs: elapsed() };
}
