// nftables: `nft -j list ruleset` (libnftables JSON schema) → one policy per base filter chain.
// The text parser (nftables-text.ts) translates `nft list ruleset` into the same objects, so the
// semantics — sets, jump/goto inlining, ct state, counters — live here once.
import type { Direction } from '../catalog/types.ts';
import type { AddressFamily } from '../net/family.ts';
import type { AddressMatch, NetfilterHook, Policy, PolicyKind, PortMatch } from '../policy/types.ts';
import type { PortRange } from '../net/port.ts';
import { parseLocatedJson } from './located-json.ts';
import { ANY_ADDR, ANY_PORT, intersectAddresses, intersectPorts } from '../policy/match.ts';
import { hostFamily, cidrFamily } from '../net/address.ts';
import { complementAddresses, cidrsBetween } from '../net/address-list.ts';
import { complementPorts, mergePorts, parsePortRange, portNumber } from '../net/port.ts';
import { anonymousChainItems } from './nftables-text.ts';
import { type L4, type Match, MATCH_ALL, PolicyBuilder, Warnings, inputError, intersectMatch, subtractMatch } from './rules.ts';
import type { ConfigParser, ParseOptions } from './types.ts';

/** One entry of the `nftables` array with where it came from. */
export interface NftItem {
  obj: Record<string, any>;
  line: number;
  col: number;
  /** Configuration text for reports (the rule line, or its compact JSON). */
  text: string;
}

type Verdict =
  | { kind: 'accept' | 'drop' | 'reject' | 'return' | 'none' }
  | { kind: 'jump' | 'goto'; target: string };

interface Evaluated {
  match: Match;
  verdict: Verdict;
  hits?: number;
  notes: string[];
  ct?: { op: string; states: string[] };
}

class Unsupported extends Error {}

const FAMILY_OF_TABLE: Record<string, AddressFamily | 'any'> = { ip: 'ipv4', ip6: 'ipv6', inet: 'any' };
/** How many packet-space branches the conditional returns of one base chain may open. */
export const MAX_RETURN_BRANCHES = 1024;

const HOOK_DIRECTION: Record<string, Direction | 'forward'> = {
  prerouting: 'in', input: 'in', forward: 'forward', output: 'out', postrouting: 'out', ingress: 'in',
};

/** nftables' named priorities of the ip, ip6 and inet families (nft(8), CHAINS). */
const NAMED_PRIORITY: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };

/** A chain's priority: a number (`nft -j`), or text such as `filter`, `filter+10`, `-150`. */
export function chainPriority(prio: unknown): number {
  if (typeof prio === 'number') return prio;
  const m = /^([a-z]+)?(?:([+-])(\d+))?$|^(-?\d+)$/.exec(String(prio ?? '0').replace(/\s+/g, ''));
  if (!m) return 0;
  if (m[4] !== undefined) return Number(m[4]);
  const base = m[1] ? NAMED_PRIORITY[m[1]] ?? 0 : 0;
  return base + (m[3] ? (m[2] === '-' ? -1 : 1) * Number(m[3]) : 0);
}

export function nftPolicies(items: NftItem[], file: string, options: ParseOptions, w: Warnings): Policy[] {
  const key = (f: string, t: string, n: string) => `${f} ${t} ${n}`;
  const sets = new Map<string, { obj: any; item: NftItem }>();
  const chains = new Map<string, { obj: any; item: NftItem; rules: NftItem[] }>();
  for (const item of items) {
    const [kind] = Object.keys(item.obj);
    const o = item.obj[kind];
    switch (kind) {
      case 'metainfo': case 'table': break;
      case 'set': sets.set(key(o.family, o.table, o.name), { obj: o, item }); break;
      case 'chain': chains.set(key(o.family, o.table, o.name), { obj: o, item, rules: [] }); break;
      case 'rule': {
        const c = chains.get(key(o.family, o.table, o.chain));
        if (!c) throw inputError(file, item.line, item.col, `rule for unknown chain ${o.family} ${o.table} ${o.chain}`);
        c.rules.push(item);
        break;
      }
      default: w.add(item.line, `${kind} ${o?.name ?? ''} not supported; ignored`.replace('  ', ' '), item.col);
    }
  }

  const policies: Policy[] = [];
  for (const [name, c] of chains) {
    const o = c.obj;
    if (!o.hook) continue; // regular chains are reached through jump/goto only
    const tableFamily = FAMILY_OF_TABLE[o.family];
    if (tableFamily === undefined) { w.add(c.item.line, `chain ${name}: family ${o.family} not supported; ignored`, c.item.col); continue; }
    if (o.type === 'nat') { w.add(c.item.line, `chain ${name}: nat chain ignored (address translation is not filtering)`, c.item.col); continue; }
    const hd = HOOK_DIRECTION[o.hook] ?? 'in';
    const direction: Direction = hd === 'forward' ? options.forwardDirection ?? 'in' : hd;
    const kind: PolicyKind = options.kind ?? (hd === 'forward' ? 'perimeter' : 'host');
    const defaultAction = o.policy === 'drop' ? 'drop' : 'accept';
    const b = new PolicyBuilder(name, kind, defaultAction);
    // Bound by its hook and priority, whatever the chain is called.
    b.policy.binding = { hook: { name: o.hook as NetfilterHook, priority: chainPriority(o.prio) }, interfaces: [], family: tableFamily, attachment: 'chain' };
    b.policy.defaultOrigin = { file, line: c.item.line, text: c.item.text };
    const base: Match = { ...MATCH_ALL, family: tableFamily };

    // Inline a chain's rules under the conditions that led there (first match is preserved
    // because each rule of the called chain is placed exactly at the call point).
    let branches = 0;
    const overBudget = new Set<NftItem>();
    const emit = (chainKey: string, ctx: Match, depth: number, stack: string[], from = 0): void => {
      const ch = chains.get(chainKey)!;
      const lookup = (s: string) => sets.get(key(ch.obj.family, ch.obj.table, s));
      for (let idx = from; idx < ch.rules.length; idx++) {
        const item = ch.rules[idx]!;
        let ev: Evaluated;
        try {
          ev = evaluate(item, ch.obj, lookup, file);
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
          w.add(item.line, `unsupported ${e.message}; rule skipped`, item.col);
          continue;
        }
        if (ev.ct) {
          const r = ctDecision(ev, b, w, item);
          if (r === 'handled') continue;
        }
        const protoNote = partialTransports(ev.match);
        if (ev.verdict.kind === 'none') continue; // counters and logs decide nothing
        if (protoNote && ev.match.transports !== 'any' && ev.match.transports.length === 0) { w.add(item.line, protoNote, item.col); continue; }
        const m = intersectMatch(ctx, ev.match);
        if (!m) continue;
        const ruleComment = item.obj.rule.comment;
        const comment = ev.notes.length === 0 && depth === 0 ? (ruleComment ? String(ruleComment) : '')
          : [ruleComment, ...ev.notes, depth > 0 ? `chain ${ch.obj.name}` : ''].filter(Boolean).join('; ');
        const origin = { file, line: item.line, text: item.text };
        const v = ev.verdict;
        if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject') {
          if (ev.notes.some((n) => /^(iif|oif)(name)? "?lo"?$/.test(n))) { w.add(item.line, 'rule for the loopback interface ignored (loopback traffic is not between hosts)', item.col); continue; }
          if (protoNote) w.add(item.line, protoNote, item.col);
          b.add(m, v.kind, direction, origin, comment, ev.hits, handleId(item));
        } else if (v.kind === 'jump' || v.kind === 'goto') {
          const target = key(ch.obj.family, ch.obj.table, v.target);
          if (!chains.has(target)) throw inputError(file, item.line, item.col, `${v.kind} to unknown chain ${v.target}`);
          if (stack.includes(target)) throw inputError(file, item.line, item.col, `chain loop through ${v.target}`);
          if (depth + 1 > MAX_JUMP_DEPTH) throw inputError(file, item.line, item.col, `${v.kind} ${v.target}: chains jump more than ${MAX_JUMP_DEPTH} deep`);
          if (v.kind === 'goto' && depth > 0) {
            // A goto pushes no return address: what the goto'd chain leaves undecided returns to
            // the caller of this chain, as a return here would. Budgeted like one.
            if (overBudget.has(item) || branches >= MAX_RETURN_BRANCHES) {
              if (!overBudget.has(item)) w.add(item.line, `goto ${v.target} inside a called chain: more than ${MAX_RETURN_BRANCHES} branches to follow in this chain; rule skipped`, item.col);
              overBudget.add(item);
              continue;
            }
            emit(target, m, depth + 1, [...stack, target]);
            leave(chainKey, ctx, ev.match, depth, stack, idx);
            return;
          }
          emit(target, m, depth + 1, [...stack, target]);
          // A goto from the base chain never comes back: what the goto'd chain leaves undecided
          // meets the base chain's policy.
          if (v.kind === 'goto') b.add(m, defaultAction, direction, origin, `end of goto ${v.target}: chain policy`, undefined, handleId(item));
        } else if (v.kind === 'return') {
          if (ev.notes.some((n) => /^(iif|oif)(name)? "?lo"?$/.test(n))) { w.add(item.line, 'rule for the loopback interface ignored (loopback traffic is not between hosts)', item.col); continue; }
          if (ev.notes.length) w.add(item.line, `return on ${ev.notes.join(', ')}: interfaces are not matched, so it is read as a return for every interface`, item.col);
          // The packets it returns leave this chain; the rest of the chain sees only the others.
          if (depth === 0) { b.add(m, defaultAction, direction, origin, 'return from the base chain: chain policy', ev.hits, handleId(item)); continue; }
          // Each conditional return splits what follows; past a bound, the return is skipped
          // (said so) rather than let the branches multiply without end.
          if (branches >= MAX_RETURN_BRANCHES) {
            if (!overBudget.has(item)) w.add(item.line, `conditional return: more than ${MAX_RETURN_BRANCHES} branches to follow in this chain; rule skipped`, item.col);
            overBudget.add(item);
            continue;
          }
          leave(chainKey, ctx, ev.match, depth, stack, idx);
          return;
        }
      }
    };
    /**
     * The packets of `ctx` that `left` matches leave this called chain (a return, or a goto's
     * chain that came back): the rest of the chain, from rule idx + 1, sees only the others.
     */
    const leave = (chainKey: string, ctx: Match, left: Match, depth: number, stack: string[], idx: number): void => {
      const rests = subtractMatch(ctx, left);
      branches += rests.length;
      for (const rest of rests) emit(chainKey, rest, depth, stack, idx + 1);
    };
    emit(name, base, 0, [name]);
    policies.push(b.policy);
  }
  w.list.sort((a, b) => a.line - b.line || (a.col ?? 0) - (b.col ?? 0));
  return policies;
}

/**
 * The kernel's nftables jump stack holds 16 calls (NFT_JUMP_STACK_SIZE) and refuses deeper
 * rulesets; iptables has no fixed bound but no real ruleset comes near. Inlining recurses per
 * level, so past this a located error instead of a stack overflow.
 */
export const MAX_JUMP_DEPTH = 64;

/** nft -j rules are all on one line: their handle names them better than the line. */
function handleId(item: NftItem): string | undefined {
  const h = item.obj.rule?.handle;
  return h === undefined ? undefined : `h${h}`;
}

function isMatchAll(m: Match): boolean {
  return m.transports === 'any' && m.source.any && m.destination.any && m.sourcePorts.any && m.destinationPorts.any;
}

/** Returns a warning when only part of a protocol set is TCP/UDP (the rest is not modelled). */
function partialTransports(m: Match & { others?: string[] }): string | undefined {
  const others = (m as { others?: string[] }).others;
  if (!others?.length) return undefined;
  return m.transports !== 'any' && m.transports.length === 0
    ? `protocol ${others.join(', ')} is not modelled (TCP and UDP only); rule ignored`
    : `protocol ${others.join(', ')} of this rule is not modelled (TCP and UDP only)`;
}

/** ct state rules: established,related accept → stateful; invalid drop → no effect on new flows. */
function ctDecision(ev: Evaluated, b: PolicyBuilder, w: Warnings, item: NftItem): 'handled' | 'keep' {
  const { op, states } = ev.ct!;
  const neg = op === '!=';
  if (!neg && states.every((s) => s === 'established' || s === 'related') && ev.verdict.kind === 'accept') {
    if (!isMatchAll(ev.match) || ev.notes.length) w.add(item.line, 'ct state established,related accept with further conditions: policy treated as stateful for all traffic', item.col);
    b.policy.stateful = true;
    return 'handled';
  }
  if (!neg && states.every((s) => s === 'invalid' || s === 'untracked')) return 'handled';
  if (!neg && states.includes('new')) return 'keep'; // every new connection passes this condition
  w.add(item.line, `ct state ${neg ? '!= ' : ''}${states.join(',')} not modelled; rule skipped`, item.col);
  return 'handled';
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object' && 'set' in v) return (v as { set: unknown[] }).set;
  return [v];
}

function protoName(v: unknown): string {
  const s = String(v).toLowerCase();
  return s === '6' ? 'tcp' : s === '17' ? 'udp' : s === '1' ? 'icmp' : s === '58' ? 'ipv6-icmp' : s;
}

type SetLookup = (name: string) => { obj: any; item: NftItem } | undefined;

const unwrap = (e: any): any => (e && typeof e === 'object' && 'elem' in e ? e.elem.val : e);

/** An element as nft writes it (`10.0.0.0/8`, `1-2`), for messages: never the JSON object. */
function elemText(e: any): string {
  if (e && typeof e === 'object' && 'prefix' in e) return `${e.prefix.addr}/${e.prefix.len}`;
  if (e && typeof e === 'object' && 'range' in e && Array.isArray(e.range)) return `${e.range[0]}-${e.range[1]}`;
  return typeof e === 'string' || typeof e === 'number' ? String(e) : JSON.stringify(e);
}
const TH_PROTOCOLS = new Set(['tcp', 'udp', 'th']);
const OTHER_PROTOCOLS = new Set(['icmp', 'icmpv6', 'sctp', 'dccp', 'esp', 'ah', 'igmp']);
const INTERFACE_KEYS = new Set(['iifname', 'oifname', 'iif', 'oif']);

/** A right-hand side's elements, following @set references. */
interface Elements { elems: unknown[]; setName?: string }

/** The state of one rule's evaluation (methods rather than closures: one allocation a rule). */
class RuleEval {
  family: AddressFamily | 'any';
  protos: Set<string> | 'any' = 'any';
  source: AddressMatch = ANY_ADDR;
  destination: AddressMatch = ANY_ADDR;
  sourcePorts: PortMatch = ANY_PORT;
  destinationPorts: PortMatch = ANY_PORT;
  verdict: Verdict = NO_VERDICT;
  hits: number | undefined;
  ct: Evaluated['ct'];
  readonly notes: string[] = [];

  constructor(
    private readonly item: NftItem,
    chain: any,
    private readonly set: SetLookup,
    private readonly file: string,
  ) {
    this.family = FAMILY_OF_TABLE[chain.family] ?? 'any';
  }

  fail(msg: string): Error {
    return inputError(this.file, this.item.line, this.item.col, msg);
  }

  restrictProtos(p: string[]): void {
    const cur = this.protos;
    // Already exactly this one protocol (e.g. -p tcp, then --dport): nothing changes.
    if (cur !== 'any' && p.length === 1 && cur.size === 1 && cur.has(p[0]!)) return;
    this.protos = cur === 'any' ? new Set(p) : new Set(p.filter((x) => cur.has(x)));
  }

  elements(right: unknown): Elements {
    if (typeof right === 'string' && right.startsWith('@')) {
      const s = this.set(right.slice(1));
      if (!s) throw this.fail(`unknown set ${right}`);
      if (typeof s.obj.type !== 'string') throw new Unsupported(`set ${right} of type ${JSON.stringify(s.obj.type)}`);
      return { elems: s.obj.elem ?? [], setName: right.slice(1) };
    }
    return { elems: asList(right) };
  }

  addresses(f: AddressFamily, op: string, right: unknown): AddressMatch {
    // The common case first: one address or prefix written inline.
    if (typeof right === 'string' && !right.startsWith('@') && !right.startsWith('$') && (op === '==' || op === 'in') && cidrFamily(right) === f) {
      return { any: false, addresses: [right] };
    }
    const { elems, setName } = this.elements(right);
    const out: string[] = [];
    for (const raw of elems) {
      const e = unwrap(raw);
      if (typeof e === 'string' && cidrFamily(e) === f) out.push(e);
      else if (e && typeof e === 'object' && 'prefix' in e && typeof e.prefix?.addr === 'string' && hostFamily(e.prefix.addr) === f) out.push(`${e.prefix.addr}/${e.prefix.len}`);
      else if (e && typeof e === 'object' && 'range' in e) {
        const r = cidrsBetween(String(e.range[0]), String(e.range[1]));
        if (!r || cidrFamily(r[0]) !== f) throw this.fail(`invalid ${f} address range ${JSON.stringify(e.range)}`);
        out.push(...r);
      } else if (typeof e === 'string' && e.startsWith('$')) throw new Unsupported(`variable ${e}`);
      else throw this.fail(`invalid ${f} address "${elemText(e)}"`);
    }
    if (op === '!=') return { any: false, addresses: complementAddresses(out, f) };
    if (op !== '==' && op !== 'in') throw new Unsupported(`address operator ${op}`);
    return setName ? { any: false, addresses: out, group: setName } : { any: false, addresses: out };
  }

  ports(op: string, right: unknown): PortMatch {
    // The common case first: one port number written inline.
    if (typeof right === 'number' && (op === '==' || op === 'in') && Number.isInteger(right) && right >= 0 && right <= 65535) {
      return { any: false, ports: [{ from: right, to: right }] };
    }
    const { elems, setName } = this.elements(right);
    const out: PortRange[] = [];
    for (const raw of elems) {
      const e = unwrap(raw);
      if (typeof e === 'string' && e.startsWith('$')) throw new Unsupported(`variable ${e}`);
      if (e && typeof e === 'object' && 'concat' in e) throw new Unsupported('concatenated set elements');
      if (e && typeof e === 'object' && 'range' in e) {
        const a = portNumber(e.range[0]), z = portNumber(e.range[1]);
        if (a === undefined || z === undefined || a > z) throw this.fail(`invalid port range "${elemText(e)}"`);
        out.push({ from: a, to: z });
      } else {
        const r = typeof e === 'string' && /^\d+-\d+$/.test(e) ? parsePortRange(e) : portNumber(e as string | number) !== undefined ? { from: portNumber(e as string)!, to: portNumber(e as string)! } : undefined;
        if (!r) throw this.fail(`invalid port "${elemText(e)}"`);
        out.push(r);
      }
    }
    if (op === '!=') return { any: false, ports: complementPorts(out) };
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      const n = out[0].from;
      const r = op === '<' ? { from: 0, to: n - 1 } : op === '<=' ? { from: 0, to: n } : op === '>' ? { from: n + 1, to: 65535 } : { from: n, to: 65535 };
      return { any: false, ports: [r] };
    }
    if (op !== '==' && op !== 'in') throw new Unsupported(`port operator ${op}`);
    return setName ? { any: false, ports: mergePorts(out), group: setName } : { any: false, ports: mergePorts(out) };
  }

  setFamily(f: AddressFamily): void {
    if (this.family !== 'any' && this.family !== f) throw new Unsupported(`rule mixes ${this.family} and ${f}`);
    this.family = f;
  }

  match(v: any): void {
    const { op, left, right } = v;
    if (left?.payload) {
      const { protocol, field } = left.payload;
      if ((protocol === 'ip' || protocol === 'ip6') && (field === 'saddr' || field === 'daddr')) {
        const f: AddressFamily = protocol === 'ip' ? 'ipv4' : 'ipv6';
        this.setFamily(f);
        const a = this.addresses(f, op, right);
        if (field === 'saddr') this.source = andAddr(this.source, a); else this.destination = andAddr(this.destination, a);
      } else if ((protocol === 'ip' && field === 'protocol') || (protocol === 'ip6' && field === 'nexthdr')) {
        this.setFamily(protocol === 'ip' ? 'ipv4' : 'ipv6');
        const p = this.elements(right).elems.map(unwrap).map(protoName);
        if (op === '!=') throw new Unsupported(`${protocol} ${field} !=`);
        this.restrictProtos(p);
      } else if (TH_PROTOCOLS.has(protocol) && (field === 'sport' || field === 'dport')) {
        if (protocol !== 'th') this.restrictProtos([protocol]);
        else if (this.protos === 'any') this.protos = new Set(['tcp', 'udp']);
        const p = this.ports(op, right);
        if (field === 'sport') this.sourcePorts = andPort(this.sourcePorts, p); else this.destinationPorts = andPort(this.destinationPorts, p);
      } else if (OTHER_PROTOCOLS.has(protocol)) {
        this.restrictProtos([protocol === 'icmpv6' ? 'ipv6-icmp' : protocol]);
      } else throw new Unsupported(`match on ${protocol} ${field}`);
    } else if (left?.meta) {
      const key = left.meta.key;
      if (key === 'l4proto') {
        if (op === '!=') throw new Unsupported('meta l4proto !=');
        // The common case first: one protocol written inline.
        if (typeof right === 'string' && !right.startsWith('@')) this.restrictProtos([protoName(right)]);
        else this.restrictProtos(this.elements(right).elems.map(unwrap).map(protoName));
      } else if (key === 'nfproto') {
        const f = String(right) === 'ipv6' ? 'ipv6' : String(right) === 'ipv4' ? 'ipv4' : undefined;
        if (!f || op === '!=') throw new Unsupported(`meta nfproto ${op} ${JSON.stringify(right)}`);
        this.setFamily(f);
      } else if (INTERFACE_KEYS.has(key)) {
        this.notes.push(`${key} ${op === '!=' ? '!= ' : ''}${asList(right).map(String).join(',')}`);
      } else throw new Unsupported(`match on meta ${key}`);
    } else if (left?.ct?.key === 'state') {
      this.ct = { op, states: asList(right).map(String) };
    } else if (left?.ct?.key === 'status') {
      // Translated by this firewall's NAT: every flow the audit asks about through the NAT is; the
      // packet model has no NAT dimension, so the rule is read as matching them, with a note.
      const status = asList(right).map(String);
      if (op === '!=' || status.length === 0 || !status.every((s) => s === 'dnat' || s === 'snat')) throw new Unsupported(`ct status ${op === '!=' ? '!= ' : ''}${status.join(',')}`);
      this.notes.push(`ct status ${status.join(',')}`);
    } else throw new Unsupported(`match on ${JSON.stringify(left)}`);
  }

  result(): Evaluated {
    let transports: L4[] | 'any' = 'any';
    let others: string[] = [];
    const protos = this.protos;
    if (protos !== 'any') {
      const ps = [...protos];
      transports = ps.filter((p) => p === 'tcp' || p === 'udp').map((p) => p.toUpperCase() as L4);
      others = ps.filter((p) => p !== 'tcp' && p !== 'udp');
    }
    const match = {
      family: this.family, transports, source: this.source, sourcePorts: this.sourcePorts,
      destination: this.destination, destinationPorts: this.destinationPorts, others,
    } as Match;
    return { match, verdict: this.verdict, hits: this.hits, notes: this.notes, ct: this.ct };
  }
}

const NO_VERDICT: Verdict = { kind: 'none' };
const VERDICTS: Record<string, Verdict> = { accept: { kind: 'accept' }, drop: { kind: 'drop' }, return: { kind: 'return' }, reject: { kind: 'reject' } };

function andAddr(cur: AddressMatch, next: AddressMatch): AddressMatch {
  return intersectAddresses(cur, next) ?? { any: false as const, addresses: [] };
}
function andPort(cur: PortMatch, next: PortMatch): PortMatch {
  return intersectPorts(cur, next) ?? { any: false as const, ports: [] };
}

/** Object.keys(o)[0] without the array. */
function firstKey(o: any): string | undefined {
  if (o === null || typeof o !== 'object') return Object.keys(o)[0];
  for (const key in o) if (Object.hasOwn(o, key)) return key;
  return undefined;
}

/** One rule's expressions as a match, a verdict and its counter. */
function evaluate(item: NftItem, chain: any, set: SetLookup, file: string): Evaluated {
  const ev = new RuleEval(item, chain, set, file);
  for (const expr of item.obj.rule.expr ?? []) {
    const k = firstKey(expr);
    const v = expr[k as string];
    switch (k) {
      case 'match': ev.match(v); break;
      case 'counter':
        if (v && typeof v === 'object' && typeof v.packets === 'number') ev.hits = v.packets;
        break;
      case 'log': break; // logging does not decide
      case 'limit': ev.notes.push('rate limited'); break;
      case 'accept': case 'drop': case 'return': case 'reject': ev.verdict = VERDICTS[k]; break;
      case 'continue': ev.verdict = NO_VERDICT; break;
      case 'jump': case 'goto': ev.verdict = { kind: k, target: v.target }; break;
      default: throw new Unsupported(`statement ${typeof v === 'string' ? `'${v}'` : k}`);
    }
  }
  return ev.result();
}

/** Compact text of one JSON rule for reports. */
function ruleText(o: any): string {
  const s = JSON.stringify(o);
  return s.length > 400 ? s.slice(0, 397) + '...' : s;
}

export const parseNftablesJson: ConfigParser = (text, file, options = {}) => {
  const j = parseLocatedJson(text, file);
  const root = j.value as any;
  const list = root?.nftables;
  if (!Array.isArray(list)) throw inputError(file, 1, 1, 'not `nft -j list ruleset` output: no top-level "nftables" array');
  const w = new Warnings();
  const items: NftItem[] = list.map((obj: any) => {
    // Point at the inner object (`"rule": {`), which in pretty-printed JSON is the rule's own line.
    const inner = obj && typeof obj === 'object' ? obj[Object.keys(obj)[0]] : undefined;
    const p = j.at(inner) ?? j.at(obj) ?? { line: 1, col: 1 };
    if (!obj || typeof obj !== 'object' || Object.keys(obj).length !== 1) throw inputError(file, p.line, p.col, 'each nftables entry must be an object with one key');
    return { obj, line: p.line, col: p.col, text: ruleText(obj) };
  });
  return { policies: nftPolicies(withAnonymousChains(items, file), file, options, w), warnings: w.list };
};

/** Rules whose `jump { … }` nft -j printed as text get their anonymous chain as items of its own. */
function withAnonymousChains(items: NftItem[], file: string): NftItem[] {
  const out: NftItem[] = [];
  for (const item of items) {
    const r = item.obj.rule;
    const k = Array.isArray(r?.expr) ? r.expr.findIndex((e: unknown) => typeof e === 'string' && /^(jump|goto)\s*\{/.test(e)) : -1;
    if (k < 0) { out.push(item); continue; }
    const anon = anonymousChainItems(r.expr[k], r.family, r.table, item, file)!;
    out.push(...anon.items);
    const target = (anon.items[0]!.obj.chain as { name: string }).name;
    out.push({ ...item, obj: { rule: { ...r, expr: r.expr.map((e: unknown, i: number) => (i === k ? { [anon.verdict]: { target } } : e)) } } });
  }
  return out;
}
