// pfSense and OPNsense config.xml → policy IR. Interface rules (<filter><rule>) filter traffic as it
// enters an interface, first match wins, unmatched traffic is blocked: flows `in` meet the rules of
// the outside interface, flows `out` those of the inside one (options.zones name them). Aliases:
// pfSense's <aliases><alias> (space-separated) and OPNsense's <OPNsense><Firewall><Alias>
// (newline-separated <content>). Floating rules are reported and not evaluated.
import { InputError } from '../errors.ts';
import type { AddressFamily } from '../net/family.ts';
import { pfsenseInterfaces } from '../policy/zones.ts';
import { childNamed, childrenNamed, parseXmlDocument, pathOf, type XmlNode } from '../xml/document.ts';
import { cidrFamily } from '../net/address.ts';
import { cidrsBetween } from '../net/address-list.ts';
import { portNumber } from '../net/port.ts';
import { Warnings } from './rules.ts';
import type { ConfigParser } from './types.ts';
import { emptyZoneConfig, portMatch, resolveZones, type ZoneConfig, type ZoneRuleText, zonePolicies } from './zone-rules.ts';
import type { PortRange } from '../net/port.ts';

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
      else if (/^[\d.:a-fA-F]+-[\d.:a-fA-F]+$/.test(item) && cidrsBetween(...(item.split('-') as [string, string]))) members.push(...cidrsBetween(...(item.split('-') as [string, string]))!);
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

/** One rule side, from either form: <source><address>…</address><port>…</port><not/></source> or source_net/source_port/source_not. */
interface Side { any: boolean; address?: string; network?: string; not: boolean; port?: string }

/** A rule of either form, as the reader needs it. */
interface RuleText {
  node: XmlNode; name: string; interfaces: string[]; action: string; disabled: boolean; family: string;
  floating: boolean; direction: string; protocol: string; source: Side; destination: Side; description: string;
}

/** pfSense and legacy OPNsense `<filter><rule>`. */
function legacyRule(r: XmlNode, n: number): RuleText {
  const side = (name: string): Side => {
    const s = childNamed(r, name);
    if (!s) return { any: true, not: false };
    const address = text(childNamed(s, 'address')), network = text(childNamed(s, 'network')), port = text(childNamed(s, 'port'));
    return { any: !!childNamed(s, 'any') || (!address && !network), ...(address ? { address } : {}), ...(network ? { network } : {}), not: flag(childNamed(s, 'not')), ...(port ? { port } : {}) };
  };
  return {
    node: r, name: text(childNamed(r, 'tracker')) || `#${n}`,
    interfaces: text(childNamed(r, 'interface')).split(',').map((x) => x.trim()).filter(Boolean),
    action: text(childNamed(r, 'type')) || 'pass',
    disabled: flag(childNamed(r, 'disabled')) || (childNamed(r, 'enabled') !== undefined && !flag(childNamed(r, 'enabled'))),
    family: text(childNamed(r, 'ipprotocol')) || 'inet', floating: flag(childNamed(r, 'floating')),
    direction: text(childNamed(r, 'direction')) || 'in', protocol: text(childNamed(r, 'protocol')).toLowerCase(),
    source: side('source'), destination: side('destination'), description: text(childNamed(r, 'descr')),
  };
}

/** OPNsense's MVC rules (<OPNsense><Firewall><Filter><rules><rule>, OPNsense 24.7 and later). */
function mvcRule(r: XmlNode, n: number): RuleText {
  const f = (k: string) => text(childNamed(r, k));
  const side = (k: 'source' | 'destination'): Side => {
    const net = f(`${k}_net`) || 'any';
    const port = f(`${k}_port`);
    const literal = net === 'any' ? {} : cidrFamily(net) || /^[\d.:a-fA-F]+-[\d.:a-fA-F]+$/.test(net) || !/^(lan|wan|opt\d+|\(self\)|[a-z]+ip)$/.test(net) ? { address: net } : { network: net };
    return { any: net === 'any', ...literal, not: f(`${k}_not`) === '1', ...(port ? { port } : {}) };
  };
  const interfaces = f('interface').split(',').map((x) => x.trim()).filter(Boolean);
  return {
    node: r, name: `#${n}`, interfaces,
    action: f('action') || 'pass', disabled: childNamed(r, 'enabled') !== undefined && !flag(childNamed(r, 'enabled')),
    family: f('ipprotocol') || 'inet', floating: interfaces.length === 0 || f('interfacenot') === '1',
    direction: f('direction') || 'in', protocol: f('protocol').toLowerCase(),
    source: side('source'), destination: side('destination'), description: f('description'),
  };
}

export const parsePfsense: ConfigParser = (xml, file, options = {}) => {
  const w = new Warnings();
  const root = parseXmlDocument(xml, file);
  if (root.name !== 'pfsense' && root.name !== 'opnsense') throw new InputError(`expected a pfSense or OPNsense config.xml (<pfsense> or <opnsense>), found <${root.name}>`, { file, line: root.line, col: root.col });
  const c = emptyZoneConfig();
  const portAliases = new Map<string, string[]>();
  readAliases(root, c, portAliases);
  // OPNsense's MVC rules come first (in sequence order), then the <filter> rules.
  const mvc = pathOf(root, 'OPNsense', 'Firewall', 'Filter', 'rules');
  const seq = (r: XmlNode) => Number(text(childNamed(r, 'sequence')) || 0);
  const mvcRules = (mvc ? childrenNamed(mvc, 'rule') : []).map((r, i) => ({ r, i })).sort((a, b) => seq(a.r) - seq(b.r) || a.i - b.i).map((x) => x.r);
  const filter = childNamed(root, 'filter');
  const all = [...mvcRules.map((r, i) => mvcRule(r, i + 1)), ...(filter ? childrenNamed(filter, 'rule') : []).map((r, i) => legacyRule(r, mvcRules.length + i + 1))];
  all.forEach((t, idx) => {
    const n = idx + 1;
    const r = t.node;
    const rule: ZoneRuleText = {
      name: t.name, line: r.line, col: r.col, text: '<rule>', from: t.interfaces, to: ['any'],
      source: [], destination: [], negateSource: t.source.not && !t.source.any, negateDestination: t.destination.not && !t.destination.any, services: [],
      action: t.action === 'pass' ? 'accept' : t.action === 'reject' ? 'reject' : 'drop',
      disabled: t.disabled, ...(t.description ? { description: t.description } : {}),
    };
    const family: AddressFamily | undefined = t.family === 'inet' ? 'ipv4' : t.family === 'inet6' ? 'ipv6' : undefined;
    if (family) rule.family = family;
    if (t.floating) rule.unevaluable = 'a floating rule (applied before interface rules, possibly on several interfaces) is not modelled';
    else if (t.direction === 'out') rule.unevaluable = 'an outbound-direction rule is not modelled';
    const sides: Record<'source' | 'destination', PortRange[] | undefined> = { source: undefined, destination: undefined };
    for (const side of ['source', 'destination'] as const) {
      const s = t[side];
      if (s.any) rule[side].push('any');
      else if (s.address) {
        const key = `rule ${n} ${side}`;
        const r2 = /^[\d.:a-fA-F]+-[\d.:a-fA-F]+$/.test(s.address) ? cidrsBetween(...(s.address.split('-') as [string, string])) : undefined;
        if (cidrFamily(s.address)) c.addresses.set(key, { ok: true, value: [s.address] });
        else if (r2) c.addresses.set(key, { ok: true, value: r2 });
        // Otherwise an alias name: resolved (or reported) with the others.
        rule[side].push(c.addresses.has(key) ? key : s.address);
      } else if (s.network) {
        const key = `"${s.network}"`;
        c.addresses.set(key, { ok: false, why: 'an interface network or address, which config.xml gives only through the interface settings' });
        rule[side].push(key);
      }
      if (s.port) {
        const pr = ports(s.port, portAliases);
        if (typeof pr === 'string') rule.unevaluable ??= pr;
        else sides[side] = pr;
      }
    }
    const proto = t.protocol;
    const transports = proto === 'tcp' ? ['TCP'] as const : proto === 'udp' ? ['UDP'] as const : proto === 'tcp/udp' ? ['TCP', 'UDP'] as const : proto === '' || proto === 'any' ? 'any' : undefined;
    const svc = `rule ${n} service`;
    if (transports === undefined) c.services.set(svc, { ok: true, value: [{ transports: [], sport: { any: true }, dport: { any: true } }] });
    else c.services.set(svc, { ok: true, value: [{ transports: transports === 'any' ? 'any' : [...transports], sport: portMatch(sides.source), dport: portMatch(sides.destination) }] });
    rule.services.push(svc);
    c.rules.push(rule);
  });
  const { policies } = zonePolicies(c, resolveZones(options, pfsenseInterfaces), w, file);
  return { policies, warnings: w.list };
};
