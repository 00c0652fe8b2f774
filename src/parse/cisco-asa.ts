// Cisco ASA `show running-config` → one policy per access-list bound by access-group.
// Objects and object-groups are resolved to addresses and ports; `show access-list` output
// (inline, or given as options.hitCounts) supplies hit counts per ACE.
import type { Direction } from '../catalog/types.ts';
import { InputError } from '../errors.ts';
import type { AddressFamily } from '../net/family.ts';
import type { AddressMatch, Policy, PortMatch } from '../policy/types.ts';
import type { PortRange } from '../net/port.ts';
import { ANY_ADDR, ANY_PORT } from '../policy/match.ts';
import { cidrFamily, withMask } from '../net/address.ts';
import { complementPorts, mergePorts, portNumber } from '../net/port.ts';
import { cidrsBetween } from '../net/address-list.ts';
import { type L4, type Match, PolicyBuilder, Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';

interface Tok { v: string; col: number }
/** One protocol/port combination a service object stands for. */
interface Service { transports: L4[] | 'any' | 'other'; sport: PortMatch; dport: PortMatch }

class Skip extends Error {}

function toks(line: string): Tok[] {
  const out: Tok[] = [];
  const re = /\S+/g;
  for (let m; (m = re.exec(line)); ) out.push({ v: m[0], col: m.index + 1 });
  return out;
}

const PROTO: Record<string, L4[] | 'any' | 'other'> = { ip: 'any', tcp: ['TCP'], udp: ['UDP'], 'tcp-udp': ['TCP', 'UDP'], '6': ['TCP'], '17': ['UDP'], '0': 'any' };

/** `(hitcnt=N)` per ACL name and ACE line number from `show access-list` text. */
export function asaHitCounts(text: string): Map<string, number> {
  const hits = new Map<string, number>();
  for (const l of text.split('\n')) {
    const m = /^access-list (\S+) line (\d+) .*\(hitcnt=(\d+)\)/.exec(l); // indented lines are expansions
    if (m) hits.set(`${m[1]} ${m[2]}`, Number(m[3]));
  }
  return hits;
}

export const parseCiscoAsa: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const lines = text.split('\n');
  const nets = new Map<string, string[] | string>(); // addresses, or why they cannot be resolved
  const portGroups = new Map<string, { transports: L4[]; ports: PortRange[] }>();
  const services = new Map<string, Service[]>();
  const protoGroups = new Map<string, L4[] | 'any' | 'other'>();
  const acls = new Map<string, { ln: number; t: Tok[]; seq: number; hits?: number }[]>();
  const bindings: { acl: string; dir: Direction | 'global'; iface: string; ln: number }[] = [];
  const err = (ln: number, t: Tok | undefined, msg: string) => new InputError(msg, { file, line: ln, col: t?.col ?? 1 });

  const portOp = (ln: number, t: Tok[], i: number): { m: PortMatch; next: number } | undefined => {
    const op = t[i]?.v;
    const num = (k: number) => {
      const p = portNumber(t[k]?.v ?? '');
      if (p === undefined) throw err(ln, t[k] ?? t[k - 1], `expected a port number or name, found '${t[k]?.v ?? 'end of line'}'`);
      return p;
    };
    if (op === 'eq') return { m: { any: false, ports: [{ from: num(i + 1), to: num(i + 1) }] }, next: i + 2 };
    if (op === 'neq') return { m: { any: false, ports: complementPorts([{ from: num(i + 1), to: num(i + 1) }]) }, next: i + 2 };
    if (op === 'lt') return { m: { any: false, ports: [{ from: 0, to: num(i + 1) - 1 }] }, next: i + 2 };
    if (op === 'gt') return { m: { any: false, ports: [{ from: num(i + 1) + 1, to: 65535 }] }, next: i + 2 };
    if (op === 'range') return { m: { any: false, ports: [{ from: num(i + 1), to: num(i + 2) }] }, next: i + 3 };
    return undefined;
  };
  const resolveNet = (ln: number, kind: string, name: Tok): string[] => {
    const v = nets.get(name.v);
    if (v === undefined) throw err(ln, name, `unknown ${kind} ${name.v}`);
    if (typeof v === 'string') throw new Skip(`${kind} ${name.v}: ${v}`);
    return v;
  };

  // Pass 1: objects, groups, access-lists and bindings (objects may be defined after use).
  let block: { kind: string; name: string; proto?: string; ln: number } | undefined;
  lines.forEach((raw, idx) => {
    const ln = idx + 1;
    if (/^\s/.test(raw) && block) {
      const t = toks(raw);
      if (!t.length) return;
      try { blockLine(block, t, ln); } catch (e) { if (e instanceof Skip) { nets.set(block.name, e.message); } else throw e; }
      return;
    }
    // Indented lines outside object blocks: interface sub-commands, `show access-list` expansions.
    if (/^\s/.test(raw)) return;
    block = undefined;
    const t = toks(raw);
    if (!t.length || t[0].v === '!' || t[0].v === ':') return;
    if ((t[0].v === 'object' || t[0].v === 'object-group') && t[1] && t[2]) {
      block = { kind: `${t[0].v} ${t[1].v}`, name: t[2].v, proto: t[3]?.v, ln };
      if (block.kind === 'object network' || block.kind === 'object-group network') nets.set(t[2].v, []);
      else if (block.kind === 'object-group service' && t[3]) portGroups.set(t[2].v, { transports: PROTO[t[3].v] as L4[], ports: [] });
      else if (block.kind === 'object service' || block.kind === 'object-group service') services.set(t[2].v, []);
      else if (block.kind === 'object-group protocol') protoGroups.set(t[2].v, []);
      return;
    }
    if (t[0].v === 'access-list' && t[1]) {
      let rest = t.slice(2);
      let seq: number | undefined;
      if (rest[0]?.v === 'line' && /^\d+$/.test(rest[1]?.v ?? '')) { seq = Number(rest[1].v); rest = rest.slice(2); }
      if (!rest.length || rest[0].v.endsWith(';') || t[1].v.endsWith(';')) return; // `show access-list` header
      let hits: number | undefined;
      const hc = rest.findIndex((x) => x.v.startsWith('(hitcnt='));
      if (hc >= 0) { hits = Number(/\d+/.exec(rest[hc].v)![0]); rest = rest.slice(0, hc); }
      const list = acls.get(t[1].v) ?? [];
      acls.set(t[1].v, list);
      list.push({ ln, t: rest, seq: seq ?? list.length + 1, hits });
      return;
    }
    if (t[0].v === 'access-group' && t[1]) {
      if (t[2]?.v === 'global') bindings.push({ acl: t[1].v, dir: 'global', iface: 'global', ln });
      else if ((t[2]?.v === 'in' || t[2]?.v === 'out') && t[3]?.v === 'interface' && t[4]) bindings.push({ acl: t[1].v, dir: t[2].v, iface: t[4].v, ln });
      else throw err(ln, t[2], 'expected access-group NAME in|out interface IF, or access-group NAME global');
    }
  });

  function blockLine(b: NonNullable<typeof block>, t: Tok[], ln: number): void {
    const k = t[0].v;
    if (k === 'description') return;
    if (b.kind === 'object network') {
      const list = nets.get(b.name) as string[];
      if (k === 'host') list.push(addr(ln, t[1]));
      else if (k === 'subnet') list.push(t[1]?.v.includes('/') ? addr(ln, t[1]) : masked(ln, t[1], t[2]));
      else if (k === 'range') {
        const r = cidrsBetween(t[1]?.v ?? '', t[2]?.v ?? '');
        if (!r) throw err(ln, t[1], 'invalid address range');
        list.push(...r);
      } else if (k === 'fqdn') throw new Skip(`fqdn ${t[t.length - 1].v} cannot be resolved`);
      else if (k !== 'nat') w.add(ln, `'${k}' in object network ${b.name} not understood`, t[0].col);
    } else if (b.kind === 'object-group network') {
      const list = nets.get(b.name) as string[];
      if (k === 'network-object') {
        if (t[1]?.v === 'host') list.push(addr(ln, t[2]));
        else if (t[1]?.v === 'object') list.push(...resolveLater(ln, t[2]));
        else list.push(t[1]?.v.includes('/') ? addr(ln, t[1]) : masked(ln, t[1], t[2]));
      } else if (k === 'group-object') list.push(...resolveLater(ln, t[1]));
      else w.add(ln, `'${k}' in object-group network ${b.name} not understood`, t[0].col);
    } else if (b.kind === 'object-group service' && b.proto) {
      const g = portGroups.get(b.name)!;
      if (k === 'port-object') {
        const p = portOp(ln, t, 1);
        if (!p || p.m.any) throw err(ln, t[1], 'expected port-object eq|range ...');
        g.ports.push(...p.m.ports);
      } else if (k === 'group-object') {
        const other = portGroups.get(t[1]?.v);
        if (!other) throw err(ln, t[1], `unknown port group ${t[1]?.v}`);
        g.ports.push(...other.ports);
      } else w.add(ln, `'${k}' in object-group service ${b.name} not understood`, t[0].col);
    } else if (b.kind === 'object service' || b.kind === 'object-group service') {
      const list = services.get(b.name)!;
      if (k === 'service' || k === 'service-object') {
        if (t[1]?.v === 'object') {
          const s = services.get(t[2]?.v);
          if (!s) throw err(ln, t[2], `unknown service object ${t[2]?.v}`);
          list.push(...s);
          return;
        }
        const tr = PROTO[t[1]?.v ?? ''] ?? 'other';
        let sport = ANY_PORT, dport = ANY_PORT;
        for (let i = 2; i < t.length; ) {
          const which = t[i].v;
          const p = which === 'source' || which === 'destination' ? portOp(ln, t, i + 1) : undefined;
          if (!p) {
            if (tr === 'other') break; // icmp types and the like
            throw err(ln, t[i], `unexpected '${which}' in service`);
          }
          if (which === 'source') sport = p.m; else dport = p.m;
          i = p.next;
        }
        list.push({ transports: tr, sport, dport });
      } else if (k === 'group-object') {
        const s = services.get(t[1]?.v);
        if (!s) throw err(ln, t[1], `unknown service group ${t[1]?.v}`);
        list.push(...s);
      } else w.add(ln, `'${k}' in ${b.kind} ${b.name} not understood`, t[0].col);
    } else if (b.kind === 'object-group protocol') {
      if (k === 'protocol-object') {
        const tr = PROTO[t[1]?.v ?? ''] ?? 'other';
        const cur = protoGroups.get(b.name)!;
        if (tr === 'any' || cur === 'any') protoGroups.set(b.name, 'any');
        else if (tr !== 'other' && cur !== 'other') cur.push(...tr);
      }
    }
    // Other blocks (object-group user, icmp-type, security …) say nothing about TCP/UDP filtering.
  }
  function resolveLater(ln: number, name: Tok | undefined): string[] {
    if (!name) throw err(ln, undefined, 'missing object name');
    return resolveNet(ln, 'object', name);
  }
  function addr(ln: number, t: Tok | undefined): string {
    if (!t || !cidrFamily(t.v)) throw err(ln, t, `invalid address '${t?.v ?? ''}'`);
    return t.v;
  }
  function masked(ln: number, a: Tok | undefined, m: Tok | undefined): string {
    const c = withMask(a?.v ?? '', m?.v ?? '');
    if (!c) throw err(ln, a, `invalid address and mask '${a?.v ?? ''} ${m?.v ?? ''}'`);
    return c;
  }

  const extHits = options.hitCounts ? asaHitCounts(options.hitCounts.text) : undefined;
  const policies: Policy[] = [];
  const bound = new Set(bindings.map((b) => b.acl));
  for (const [name, entries] of acls) if (!bound.has(name)) w.add(entries[0].ln, `access-list ${name} is not bound by access-group; ignored`, 1);

  for (const bnd of bindings) {
    const entries = acls.get(bnd.acl);
    if (!entries) throw err(bnd.ln, undefined, `access-group names unknown access-list ${bnd.acl}`);
    const direction: Direction = bnd.dir === 'out' ? 'out' : 'in';
    const b = new PolicyBuilder(bnd.dir === 'global' ? `${bnd.acl} global` : `${bnd.acl} ${bnd.dir} ${bnd.iface}`, options.kind ?? 'perimeter', 'drop', true);
    let remark = '';
    for (const e of entries) {
      const t = e.t;
      if (t[0].v === 'remark') { remark = [remark, lines[e.ln - 1].slice(t[1]?.col - 1 || lines[e.ln - 1].length).trim()].filter(Boolean).join(' '); continue; }
      if (t[0].v !== 'extended') { w.add(e.ln, `${t[0].v} access-list entry not supported; skipped`, t[0].col); continue; }
      try {
        const r = ace(e.ln, t);
        if (!r) continue;
        const hits = extHits?.get(`${bnd.acl} ${e.seq}`) ?? e.hits;
        const origin = { file, line: e.ln, text: lines[e.ln - 1].trim() };
        for (const m of r.matches) b.add(m, r.action, direction, origin, remark, hits);
        remark = ''; // a remark describes the entry below it (the ASDM convention)
      } catch (x) {
        if (x instanceof Skip) w.add(e.ln, `${x.message}; entry skipped`, t[0].col);
        else throw x;
      }
    }
    policies.push(b.policy);
  }

  /** One `extended` ACE as matches (one per service it names). */
  function ace(ln: number, t: Tok[]): { action: 'accept' | 'drop'; matches: Match[] } | undefined {
    const act = t[1]?.v;
    if (act !== 'permit' && act !== 'deny') throw err(ln, t[1], `expected permit or deny, found '${act ?? 'end of line'}'`);
    let i = 2;
    // Protocol: a keyword, a protocol group, a service object or a service group.
    let svc: Service[];
    let portsFollow = false;
    const p = t[i];
    if (!p) throw err(ln, t[i - 1], 'missing protocol');
    if (p.v === 'object' || p.v === 'object-group') {
      const n = t[i + 1];
      if (!n) throw err(ln, p, 'missing object name');
      if (protoGroups.has(n.v)) { svc = [{ transports: protoGroups.get(n.v)!, sport: ANY_PORT, dport: ANY_PORT }]; portsFollow = true; }
      else if (services.has(n.v)) svc = services.get(n.v)!;
      else throw err(ln, n, `unknown protocol or service ${n.v}`);
      i += 2;
    } else {
      const tr = PROTO[p.v.toLowerCase()];
      svc = [{ transports: tr ?? 'other', sport: ANY_PORT, dport: ANY_PORT }];
      portsFollow = tr !== undefined && tr !== 'any';
      if (tr === undefined) w.add(ln, `protocol ${p.v} is not modelled (TCP and UDP only); entry skipped`, p.col);
      if (tr === undefined) return undefined;
      i += 1;
    }
    const address = (): { m: AddressMatch; fam?: AddressFamily } => {
      const a = t[i];
      if (!a) throw err(ln, t[i - 1], 'missing address');
      if (a.v === 'any') { i++; return { m: ANY_ADDR }; }
      if (a.v === 'any4' || a.v === 'any6') { i++; return { m: ANY_ADDR, fam: a.v === 'any4' ? 'ipv4' : 'ipv6' }; }
      if (a.v === 'host') { i += 2; return { m: { any: false, addresses: [addr(ln, t[i - 1])] } }; }
      if (a.v === 'object' || a.v === 'object-group') {
        const n = t[i + 1];
        if (!n) throw err(ln, a, 'missing object name');
        i += 2;
        return { m: { any: false, addresses: resolveNet(ln, a.v, n), group: n.v } };
      }
      if (a.v === 'interface') throw new Skip(`interface ${t[i + 1]?.v} address not known`);
      if (a.v.includes('/')) { i++; return { m: { any: false, addresses: [addr(ln, a)] } }; }
      if (cidrFamily(a.v)) { i += 2; return { m: { any: false, addresses: [masked(ln, a, t[i - 1])] } }; }
      throw err(ln, a, `unexpected '${a.v}' where an address was expected`);
    };
    let portTransports: L4[] | undefined;
    const ports = (): PortMatch | undefined => {
      if (!portsFollow) return undefined;
      const o = portOp(ln, t, i);
      if (o) { i = o.next; return o.m; }
      if (t[i]?.v === 'object-group' && portGroups.has(t[i + 1]?.v)) {
        const g = portGroups.get(t[i + 1].v)!;
        portTransports = g.transports;
        i += 2;
        return { any: false, ports: mergePorts(g.ports), group: t[i - 1].v };
      }
      return undefined;
    };
    const src = address();
    const sp = ports();
    const dst = address();
    const dp = ports();
    for (; i < t.length; i++) {
      const v = t[i].v;
      if (v === 'inactive') { w.add(ln, 'inactive entry: not in effect', t[i].col); return undefined; }
      if (v === 'log') { while (/^(\d+|interval|disable|default|emergencies|alerts|critical|errors|warnings|notifications|informational|debugging)$/.test(t[i + 1]?.v ?? '')) i++; continue; }
      if (v === 'time-range') { w.add(ln, `time-range ${t[i + 1]?.v} ignored: entry treated as always active`, t[i].col); i++; continue; }
      w.add(ln, `'${v}' in access-list entry not understood; ignored`, t[i].col);
    }
    const fam = src.fam ?? dst.fam ?? 'any';
    const matches: Match[] = [];
    for (const s of svc) {
      if (s.transports === 'other') { w.add(ln, 'a non-TCP/UDP service of this entry is not modelled', t[2].col); continue; }
      const sport = sp ?? s.sport, dport = dp ?? s.dport;
      // A port group declared tcp or udp narrows a tcp-udp or ip protocol.
      const transports = portTransports ? (s.transports === 'any' ? portTransports : s.transports.filter((x) => portTransports!.includes(x))) : s.transports;
      matches.push({ family: fam, transports, source: src.m, sourcePorts: sport, destination: dst.m, destinationPorts: dport });
    }
    return { action: act === 'permit' ? 'accept' : 'drop', matches };
  }

  w.list.sort((a, b) => a.line - b.line);
  return { policies, warnings: w.list };
};
