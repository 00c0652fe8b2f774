// Ports: ranges of 0-65535 as the documents and configurations write them (`443`,
// `50000-59999`, `1024:65535`, service names), merged and complemented.

export const PORT_MAX = 65535;

/** An inclusive run of ports. */
export interface PortRange {
  from: number;
  to: number;
}

/** `443`, or `50000-59999` (the documents' form; iptables and HAProxy write `50000:59999`). */
export function formatPortRange(p: PortRange, separator = '-'): string {
  return p.from === p.to ? String(p.from) : `${p.from}${separator}${p.to}`;
}

export function mergePorts(ports: PortRange[]): PortRange[] {
  const s = [...ports].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

export function complementPorts(ports: PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let next = 0;
  for (const p of mergePorts(ports)) {
    if (p.from > next) out.push({ from: next, to: p.from - 1 });
    next = p.to + 1;
  }
  if (next <= PORT_MAX) out.push({ from: next, to: PORT_MAX });
  return out;
}

/** `443`, `50000-59999` or `1024:65535` → range; undefined when not numeric or out of 0–65535. */
export function parsePortRange(s: string, sep: RegExp = /[-:]/): PortRange | undefined {
  const parts = s.split(sep);
  if (parts.length > 2 || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  const from = Number(parts[0]), to = Number(parts[1] ?? parts[0]);
  if (from > PORT_MAX || to > PORT_MAX || from > to) return undefined;
  return { from, to };
}

/** The service names configurations print instead of numbers (nft -S, ASA keywords, /etc/services). */
export const SERVICE_PORTS: Record<string, number> = {
  ftp: 21, 'ftp-data': 20, ssh: 22, telnet: 23, smtp: 25, domain: 53, dns: 53, bootps: 67, bootpc: 68,
  tftp: 69, http: 80, www: 80, kerberos: 88, pop3: 110, sunrpc: 111, ntp: 123, 'netbios-ns': 137,
  'netbios-dgm': 138, 'netbios-ssn': 139, imap: 143, imap4: 143, snmp: 161, snmptrap: 162, ldap: 389,
  https: 443, 'microsoft-ds': 445, smb: 445, isakmp: 500, syslog: 514, rtsp: 554, ldaps: 636,
  imaps: 993, pop3s: 995, sqlnet: 1521, h323: 1720, 'ms-sql-s': 1433, radius: 1812, 'radius-acct': 1813,
  pptp: 1723, sip: 5060, sips: 5061, 'xmpp-client': 5222, 'xmpp-server': 5269, rdp: 3389,
  'ms-wbt-server': 3389, stun: 3478, 'http-alt': 8080, 'kerberos-adm': 749, lpd: 515, cifs: 3020,
  'ctiqbe': 2748, citrix: 1494, echo: 7, discard: 9, daytime: 13, chargen: 19, whois: 43,
  gopher: 70, finger: 79, hostname: 101, nntp: 119, irc: 194, 'login': 513, exec: 512, cmd: 514,
  rsh: 514, nfs: 2049, 'aol': 5190, 'pcanywhere-data': 5631, 'pcanywhere-status': 5632,
  'ms-sql-m': 1434, 'mysql': 3306, 'postgresql': 5432,
};

export function portNumber(s: string | number): number | undefined {
  if (typeof s === 'number') return Number.isInteger(s) && s >= 0 && s <= PORT_MAX ? s : undefined;
  if (/^\d+$/.test(s)) return portNumber(Number(s));
  return SERVICE_PORTS[s.toLowerCase()];
}
