// UDP echo: send a datagram, wait for it to come back. Only an answer proves the path (UDP
// silence proves nothing on its own); the lab puts an echo listener on the far side.
import dgram from 'node:dgram';
import type { Verdict } from './verdict.ts';

export async function probeUdpEcho(o: { host: string; port: number; timeoutMs: number }): Promise<Verdict> {
  const started = performance.now();
  return new Promise((done) => {
    const s = dgram.createSocket(o.host.includes(':') ? 'udp6' : 'udp4');
    const finish = (v: Omit<Verdict, 'elapsedMs'>) => { clearTimeout(timer); try { s.close(); } catch { /* closed */ } done({ ...v, elapsedMs: Math.round(performance.now() - started) }); };
    const timer = setTimeout(() => finish({ kind: 'no-answer', pathOpen: 'unknown', ok: false, summary: `no UDP answer from ${o.host}:${o.port}`, evidence: {} }), o.timeoutMs);
    s.on('message', () => finish({ kind: 'answered', pathOpen: true, ok: true, summary: `UDP echo from ${o.host}:${o.port}`, evidence: {} }));
    s.on('error', (e) => finish({ kind: 'error', pathOpen: 'unknown', ok: false, summary: e.message, evidence: {} }));
    s.bind(() => s.send(Buffer.from('portolan-lab'), o.port, o.host));
  });
}
