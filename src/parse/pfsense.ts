// pfSense and OPNsense config.xml → policy IR. Interface rules (<filter><rule>) filter traffic as it
// enters an interface, first match wins, unmatched traffic is blocked: flows `in` meet the rules of
// the outside interface, flows `out` those of the inside one (options.zones name them). Aliases:
// pfSense's <aliases><alias> (space-separated) and OPNsense's <OPNsense><Firewall><Alias>
// (newline-separated <content>). Floating rules are reported and not evaluated.
import { InputError } from '../errors.ts';
import type { AddressFamily } from '../flows/types.ts';
import { pfsenseInterfaces } from '../policy/zones.ts';
import { childNamed, childrenNamed, parseXmlDocument, pathOf, type XmlNode } from '../xml/document.ts';
import { cidrFamily, portNumber, rangeToCidrs } from './net.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';
import { emptyZoneConfig, portMatch, resolveZones, type ZoneConfig, type ZoneRuleText, zonePolicies } from './zone-rules.ts';
import type { PortRange } from '../policy/types.ts';

const text = (n: XmlNode | undefined) => n?.text.trim() ?? '';
/** A flag element: present (pfSense `<disabled/>`), or with a true value (OPNsense `<disabled>1</disabled>`). */
const flag = (n: XmlNode | undefined) => n !== undefined && !/^(0|no|off)$/i.test(n.text.trim());

/** `443`, `50000:59999` or `50000-59999`, or a port alias. */
function ports(value: string, portAliases: Map<string, string[]>, seen = new Set<string>()): PortRange[] | string {
  const alias = portAliases.get(value);
  if (alias) {
    if (seen.has(value)) return [];
    seen.add(value);
    const out: PortRange[] = [];
    for (const item of alias) {
      const r = ports(item, portAliases, seen);
      if (typeof r === 'string') return r;
      out.push(...r);
    }
    return out;
  }
  const [a, b, extra] = value.split(/[:-]/);
  const from = a === undefined ? undefined : portNumber(a), to = b === undefined ? from : portNumber(b);
  if (extra !== undefined || from === undefined || to === undefined || from > to) return `port ${value} is not a port, range or port alias`;
  return [{ from, to }];
}

function readAliases(root: XmlNode, c: ZoneConfig, portAliases: Map<string, string[]>): void {
  const add = (name: string, type: string, items: string[]) => {
    if (type === 'port') { portAliases.set(name, items); return; }
    if (type !== 'host' && type !== 'network' && type !== 'networkgroup') { c.addresses.set(name, { ok: false, why: `a ${type} alias is filled at run time` }); return; }
    const members: string[] = [];
    for (const item of items) {
      if (cidrFamily(item)) members.push(item);
      else if (/^[\d.:a-fA-F]+-[\d.:a-fA-F]+$/.test(item) && rangeToCidrs(...(item.split('-') as [string, string]))) members.push(...rangeToCidrs(...(item.split('-') as [string, string]))!);
      else { c.addressGroups.set(name, [...(c.addressGroups.get(name) ?? []), item]); continue; } // a nested alias, or an FQDN (unknown name: reported when used)
    }
    // Alias names have no spaces, so this key never meets a user's name.
    c.addresses.set(`${name} addresses`, { ok: true, value: members });
    c.addressGroups.set(name, [`${name} addresses`, ...(c.addressGroups.get(name) ?? [])]);
  };
  const pf = childNamed(root, 'aliases');
  for (const a of pf ? childrenNamed(pf, 'alias') : []) {
    add(text(childNamed(a, 'name')), text(childNamed(a, 'type')), text(childNamed(a, 'address')).split(/\s+/).filter(Boolean));
  }
  const opn = pathOf(root, 'OPNsense', 'Firewall', 'Alias', 'aliases');
  for (const a of opn ? childrenNamed(opn, 'alias') : []) {
    const enabled = childNamed(a, 'enabled');
    if (enabled && !flag(enabled)) continue;
    add(text(childNamed(a, 'name')), text(childNamed(a, 'type')), text(childNamed(a, 'content')).split(/[\s,]+/).filter(Boolean));
  }
}

export const parsePfsense: ConfigParser = (xml, file, options = {}) => {
  const w = new Warnings();
  const root = parseXmlDocument(xml, file);
  if (root.name !== 'pfsense' && root.name !== 'opnsense') throw new InputError(`expected a pfSense or OPNsense config.xml (<pfsense> or <opnsense>), found <${root.name}>`, { file, line: root.line, col: root.col });
  const c = emptyZoneConfig();
  const portAliases = new Map<string, string[]>();
  readAliases(root, c, portAliases);
  const filter = childNamed(root, 'filter');
  let n = 0;
  for (const r of filter ? childrenNamed(filter, 'rule') : []) {
    n++;
    const name = text(childNamed(r, 'tracker')) || `rule ${n}`;
    const interfaces = text(childNamed(r, 'interface')).split(',').map((s) => s.trim()).filter(Boolean);
    const type = text(childNamed(r, 'type')) || 'pass';
    const rule: ZoneRuleText = {
      name, line: r.line, col: r.col, text: '<rule>', from: interfaces, to: ['any'],
      source: [], destination: [], negateSource: false, negateDestination: false, services: [],
      action: type === 'pass' ? 'accept' : type === 'reject' ? 'reject' : 'drop',
      disabled: flag(childNamed(r, 'disabled')) || (childNamed(r, 'enabled') !== undefined && !flag(childNamed(r, 'enabled'))),
      ...(text(childNamed(r, 'descr')) ? { description: text(childNamed(r, 'descr')) } : {}),
    };
    const fam = text(childNamed(r, 'ipprotocol')) || 'inet';
    const family: AddressFamily | undefined = fam === 'inet' ? 'ipv4' : fam === 'inet6' ? 'ipv6' : undefined;
    if (family) rule.family = family;
    if (flag(childNamed(r, 'floating'))) rule.unevaluable = 'a floating rule (applied before interface rules, possibly on several interfaces) is not modelled';
    else if (text(childNamed(r, 'direction')) === 'out') rule.unevaluable = 'an outbound-direction rule is not modelled';
    const sides: Record<'source' | 'destination', PortRange[] | undefined> = { source: undefined, destination: undefined };
    for (const side of ['source', 'destination'] as const) {
      const s = childNamed(r, side);
      const neg = flag(childNamed(s ?? r, 'not')) && !!s;
      if (side === 'source') rule.negateSource = neg; else rule.negateDestination = neg;
      const addr = text(childNamed(s ?? r, 'address'));
      const net = text(childNamed(s ?? r, 'network'));
      if (!s || childNamed(s, 'any')) rule[side].push('any');
      else if (addr) {
        const key = `rule ${n} ${side}`;
        const r2 = /^[\d.:a-fA-F]+-[\d.:a-fA-F]+$/.test(addr) ? rangeToCidrs(...(addr.split('-') as [string, string])) : undefined;
        if (cidrFamily(addr)) c.addresses.set(key, { ok: true, value: [addr] });
        else if (r2) c.addresses.set(key, { ok: true, value: r2 });
        // Otherwise an alias name: resolved (or reported) with the others.
        rule[side].push(c.addresses.has(key) ? key : addr);
      } else if (net) {
        const key = `"${net}"`;
        c.addresses.set(key, { ok: false, why: 'an interface network or address, which config.xml gives only through the interface settings' });
        rule[side].push(key);
      } else rule[side].push('any');
      const p = text(childNamed(s ?? r, 'port'));
      if (p) {
        const pr = ports(p, portAliases);
        if (typeof pr === 'string') rule.unevaluable ??= pr;
        else sides[side] = pr;
      }
    }
    const proto = text(childNamed(r, 'protocol'));
    const transports = proto === 'tcp' ? ['TCP'] as const : proto === 'udp' ? ['UDP'] as const : proto === 'tcp/udp' ? ['TCP', 'UDP'] as const : proto === '' || proto === 'any' ? 'any' : undefined;
    const svc = `rule ${n} service`;
    if (transports === undefined) c.services.set(svc, { ok: true, value: [{ transports: [], sport: { any: true }, dport: { any: true } }] });
    else c.services.set(svc, { ok: true, value: [{ transports: transports === 'any' ? 'any' : [...transports], sport: portMatch(sides.source), dport: portMatch(sides.destination) }] });
    rule.services.push(svc);
    c.rules.push(rule);
  }
  const { policies } = zonePolicies(c, resolveZones(options, pfsenseInterfaces), w, file);
  return { policies, warnings: w.list };
};
