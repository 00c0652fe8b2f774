// Who may talk to the planner. A local web server is reachable by every page the browser opens:
// DNS rebinding (a foreign name resolving to 127.0.0.1) shows up as a foreign Host header, a
// cross-site post as a foreign Origin. Both are refused; writes need JSON, which no plain HTML
// form can send without a CORS preflight this server never grants.

export interface Refusal { status: number; reason: string }

/** The Host header values this server answers to: its own address and port, and localhost. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  if (host === '0.0.0.0' || host === '::') names.delete(host);
  const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  return new Set([...names].map((h) => `${bracket(h)}:${port}`.toLowerCase()));
}

export function checkRequest(req: { method: string; headers: Record<string, string | string[] | undefined> }, hosts: Set<string>): Refusal | undefined {
  const host = req.headers.host;
  if (typeof host !== 'string' || !hosts.has(host.toLowerCase())) {
    return { status: 421, reason: `refused: Host '${typeof host === 'string' ? host : ''}' is not this planner's address` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const o = typeof origin === 'string' ? origin.toLowerCase() : '';
    if (!o.startsWith('http://') || !hosts.has(o.slice('http://'.length))) return { status: 403, reason: `refused: Origin '${o}' is not this planner` };
  }
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return { status: 403, reason: `refused: a ${site} request` };
  if (req.method === 'POST') {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, reason: 'refused: requests that change or compute things must be application/json' };
  }
  return undefined;
}

/** Same-origin only: scripts, styles and connections from this server alone (inline styles for CodeMirror and the SVG). */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
