// The policy IR and required flows as boxes of the packet space.
import { InputError } from '../errors.ts';
import type { Flow } from '../flows/types.ts';
import { familyMax, type AddressFamily } from '../net/family.ts';
import { parseAddress, readIPv4Block } from '../net/address.ts';
import { IntervalSet, type Interval } from '../net/interval-set.ts';
import type { Policy, PolicyRule } from '../policy/types.ts';
import { resolvedFamily } from '../policy/expand.ts';
import { type Box, MAX_PORT, type PortSpan, type Protocol, type SetBox, type TaggedBox, expandSetBox, planeOf, setBoxSize } from './box.ts';
import type { PlaneData } from './grid.ts';

type AddressList = readonly string[] | 'any';

const WHOLE: Record<AddressFamily, Interval> = {
  ipv4: { lo: 0n, hi: familyMax('ipv4') },
  ipv6: { lo: 0n, hi: familyMax('ipv6') },
};

/** Per family, the merged intervals of an address list ('any': the whole family). */
function addressSets(list: AddressList, families: readonly AddressFamily[]): Record<AddressFamily, readonly Interval[]> {
  const out: Record<AddressFamily, Interval[]> = { ipv4: [], ipv6: [] };
  if (list === 'any') {
    for (const f of families) out[f].push(WHOLE[f]);
    return out;
  }
  for (const text of list) {
    const r = parseAddress(text);
    if (!families.includes(r.family)) throw new InputError(`address ${text} is ${r.family}, but the match is ${families.join('/')} only`);
    out[r.family].push({ lo: r.lo, hi: r.hi });
  }
  // One address needs no merging; most rules have one.
  if (out.ipv4.length > 1) out.ipv4 = [...IntervalSet.from(out.ipv4).intervals];
  if (out.ipv6.length > 1) out.ipv6 = [...IntervalSet.from(out.ipv6).intervals];
  return out;
}

const ALL_PORTS: readonly PortSpan[] = [{ from: 0, to: MAX_PORT }];

function portSpans(ports: 'any' | readonly PortSpan[]): readonly PortSpan[] {
  if (ports === 'any') return ALL_PORTS;
  for (const p of ports) {
    if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && 0 <= p.from && p.from <= p.to && p.to <= MAX_PORT)) {
      throw new InputError(`bad port range ${p.from}-${p.to}`);
    }
  }
  if (ports.length === 1) return [{ from: ports[0]!.from, to: ports[0]!.to }];
  return IntervalSet.from(ports.map((p) => ({ lo: BigInt(p.from), hi: BigInt(p.to) }))).intervals.map((i) => ({ from: Number(i.lo), to: Number(i.hi) }));
}

/** The product of per-dimension lists as disjoint boxes. */
/** The per-dimension lists as one set box per family and protocol (none where a list is empty). */
function setBoxes(
  families: readonly AddressFamily[],
  protocols: readonly Protocol[],
  src: AddressList,
  srcPorts: 'any' | readonly PortSpan[],
  dst: AddressList,
  dstPorts: 'any' | readonly PortSpan[],
): SetBox[] {
  const s = addressSets(src, families);
  const d = addressSets(dst, families);
  const sp = portSpans(srcPorts);
  const dp = portSpans(dstPorts);
  const out: SetBox[] = [];
  for (const family of families) {
    for (const protocol of protocols) {
      const set = { family, protocol, src: s[family], srcPorts: sp, dst: d[family], dstPorts: dp };
      if (setBoxSize(set) > 0) out.push(set);
    }
  }
  return out;
}

export const BOTH_FAMILIES: readonly AddressFamily[] = ['ipv4', 'ipv6'];
export const BOTH_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP'];

const IPV4_MAX = 4294967295;

const simpleAddress = (m: PolicyRule['source'], out: number[]): boolean => {
  if (m.any) {
    out.push(0, IPV4_MAX);
    return true;
  }
  return m.addresses.length === 1 && readIPv4Block(m.addresses[0]!, out);
};

const simplePorts = (m: PolicyRule['sourcePorts'], out: number[]): boolean => {
  if (m.any) {
    out.push(0, MAX_PORT);
    return true;
  }
  if (m.ports.length !== 1) return false;
  const p = m.ports[0]!;
  if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && 0 <= p.from && p.from <= p.to && p.to <= MAX_PORT)) return false;
  out.push(p.from, p.to);
  return true;
};

const simpleScratch: number[] = [];

/**
 * An IPv4 rule of one box per protocol (one address or any a side, one port range or any):
 * its boxes straight into the planes, as ruleBoxes would make them. False: not that simple.
 */
export function pushSimpleRule(planes: { data: PlaneData; tags: number[] }[], rule: PolicyRule, tag: number): boolean {
  if (rule.family !== 'ipv4') return false;
  const v = simpleScratch;
  v.length = 0;
  if (!simpleAddress(rule.source, v) || !simplePorts(rule.sourcePorts, v) || !simpleAddress(rule.destination, v) || !simplePorts(rule.destinationPorts, v)) return false;
  for (const protocol of rule.transport === 'any' ? BOTH_PROTOCOLS : [rule.transport]) {
    const p = planes[planeOf('ipv4', protocol)]!;
    p.data.n++;
    p.data.ports.push(v[2]!, v[3]!, v[6]!, v[7]!);
    p.data.addr4.push(v[0]!, v[1]!, v[4]!, v[5]!);
    p.tags.push(tag);
  }
  return true;
}

/** What a rule matches, as disjoint boxes (none when an address or port list is empty). */
export function ruleBoxes(rule: PolicyRule): Box[] {
  return ruleSetBoxes(rule).flatMap(expandSetBox);
}

/** What a rule matches, one set box per plane it reaches. */
export function ruleSetBoxes(rule: PolicyRule): SetBox[] {
  try {
    return setBoxes(
      rule.family === 'any' ? BOTH_FAMILIES : [rule.family],
      rule.transport === 'any' ? BOTH_PROTOCOLS : [rule.transport],
      rule.source.any ? 'any' : rule.source.addresses,
      rule.sourcePorts.any ? 'any' : rule.sourcePorts.ports,
      rule.destination.any ? 'any' : rule.destination.addresses,
      rule.destinationPorts.any ? 'any' : rule.destinationPorts.ports,
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const o = rule.origin;
    throw new InputError(`rule ${rule.id}: ${e.message}`, o && { file: o.file, line: o.line, col: 1 });
  }
}

/** The packets a required flow needs, as disjoint boxes. */
export function flowBoxes(flow: Flow): Box[] {
  return flowSetBoxes(flow).flatMap(expandSetBox);
}

/** The packets a required flow needs, one set box per plane. */
export function flowSetBoxes(flow: Flow): SetBox[] {
  try {
    return setBoxes(
      ((f) => (f === 'any' ? BOTH_FAMILIES : [f]))(resolvedFamily(flow)),
      [flow.transport],
      flow.source === 'Any' ? 'any' : flow.source,
      flow.sourcePort === 'Any' ? 'any' : [flow.sourcePort],
      flow.destination === 'Any' ? 'any' : flow.destination,
      flow.destinationPort === 'Any' ? 'any' : [flow.destinationPort],
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(`flow ${flow.requirement}: ${e.message}`);
  }
}

/** Every rule's boxes in rule order, tagged with the rule's position. */
export function policyBoxes(policy: Policy): TaggedBox[] {
  return policy.rules.flatMap((rule, tag) => ruleBoxes(rule).map((box) => ({ box, tag })));
}
