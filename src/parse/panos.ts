// PAN-OS configurations → policy IR: `set` commands (`show config running` in set format, or a
// file of commands) and the XML configuration (`show config running`, an exported
// running-config.xml, the XML API's <response><result><config>). Addresses, address groups,
// services and service groups are resolved; security rules are read in order; zones come from
// options.zones (which side is outside, which inside).
import { InputError } from '../errors.ts';
import { childNamed, childrenNamed, parseXmlDocument, pathOf, type XmlNode } from '../xml/document.ts';
import { cidrFamily } from '../net/address.ts';
import { cidrsBetween } from '../net/address-list.ts';
import { zonesFor } from '../policy/zones.ts';
import { Warnings } from './rules.ts';
import { setWords, values, type SetWord } from './set-lines.ts';
import type { ConfigParser } from './types.ts';
import { emptyZoneConfig, resolveZones, portList, portMatch, type ZoneConfig, type ZoneRuleText, zonePolicies, type ZoneServiceDef } from './zone-rules.ts';

/** Services every PAN-OS firewall has without configuration. */
const PREDEFINED_SERVICES: Record<string, ZoneServiceDef[]> = {
  'service-http': [{ transports: ['TCP'], sport: { any: true }, dport: { any: false, ports: [{ from: 80, to: 80 }, { from: 8080, to: 8080 }] } }],
  'service-https': [{ transports: ['TCP'], sport: { any: true }, dport: { any: false, ports: [{ from: 443, to: 443 }] } }],
};

const ACTIONS: Record<string, ZoneRuleText['action']> = {
  allow: 'accept', deny: 'drop', drop: 'drop', 'reset-client': 'reject', 'reset-server': 'reject', 'reset-both': 'reject',
};

/** Rule fields that take one name or a `[ … ]` list. */
const LIST_FIELDS = new Set(['from', 'to', 'source', 'destination', 'service', 'application', 'source-user', 'category', 'tag', 'hip-profiles', 'source-hip', 'destination-hip']);
/** Rule fields that take one value. */
const SCALAR_FIELDS = new Set(['action', 'description', 'disabled', 'negate-source', 'negate-destination', 'rule-type', 'log-start', 'log-end', 'log-setting', 'schedule', 'group-tag', 'icmp-unreachable', 'uuid']);


interface RuleDraft {
  name: string; line: number; col: number; text: string;
  fields: Map<string, string[]>;
}

function draftToRule(d: RuleDraft): ZoneRuleText {
  const f = (k: string) => d.fields.get(k) ?? [];
  const one = (k: string) => f(k)[0];
  const apps = f('application');
  const services = f('service');
  const yes = (k: string) => one(k) === 'yes';
  const action = ACTIONS[one('action') ?? ''];
  let unevaluable: string | undefined;
  const notes: string[] = [];
  if (!action) unevaluable = one('action') ? `action ${one('action')} is not modelled` : 'no action';
  else if (services.length === 0 || services.includes('application-default')) {
    unevaluable = `service ${services.length ? 'application-default' : '(none)'} takes its ports from the applications (${apps.join(', ') || 'any'}), which Portolan does not know`;
  }
  const narrowing = ['source-user', 'category', 'hip-profiles', 'source-hip', 'destination-hip'].filter((k) => f(k).length && !f(k).includes('any'));
  if (apps.length && !apps.includes('any')) narrowing.unshift('application');
  if (narrowing.length && !unevaluable) {
    if (action === 'accept') notes.push(`matches ${narrowing.join(', ')} as well; read as matching every ${narrowing.join('/')} (an allow rule may allow less than this)`);
    else unevaluable = `a ${one('action')} rule that also matches ${narrowing.join(', ')} cannot be read as a packet filter`;
  }
  return {
    name: d.name, line: d.line, col: d.col, text: d.text,
    from: f('from'), to: f('to'), source: f('source'), destination: f('destination'),
    negateSource: yes('negate-source'), negateDestination: yes('negate-destination'),
    services, action: action ?? 'drop', disabled: yes('disabled'),
    ...(one('description') ? { description: one('description') } : {}),
    ...(unevaluable ? { unevaluable } : {}), ...(notes.length ? { notes } : {}),
  };
}

function addressValue(kind: string, value: string): { ok: true; value: string[] } | { ok: false; why: string } | undefined {
  if (kind === 'ip-netmask') return cidrFamily(value) ? { ok: true, value: [value] } : undefined;
  if (kind === 'ip-range') {
    const [a, b] = value.split('-');
    const r = a && b ? cidrsBetween(a, b) : undefined;
    return r ? { ok: true, value: r } : undefined;
  }
  if (kind === 'fqdn') return { ok: false, why: `FQDN ${value} is resolved by the firewall at run time` };
  if (kind === 'ip-wildcard') return { ok: false, why: `wildcard mask ${value} is not modelled` };
  return undefined;
}

function serviceValue(proto: string, port: string | undefined, sport: string | undefined): ZoneServiceDef | string {
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return `protocol ${proto} is not modelled`;
  if (proto === 'sctp') return 'SCTP is not modelled';
  const num = (s: string) => (/^\d+$/.test(s) && Number(s) <= 65535 ? Number(s) : undefined);
  const d = port === undefined ? undefined : portList(port, num);
  const s = sport === undefined ? undefined : portList(sport, num);
  if (port !== undefined && !d) return `port "${port}" is not a port list`;
  if (sport !== undefined && !s) return `source-port "${sport}" is not a port list`;
  return { transports: [proto === 'tcp' ? 'TCP' : 'UDP'], dport: portMatch(d), sport: portMatch(s) };
}

// ---------------- set commands ----------------

function parseSet(text: string, file: string, w: Warnings): ZoneConfig {
  const c = emptyZoneConfig();
  const drafts = new Map<string, RuleDraft>();
  const order: string[] = [];
  const svcParts = new Map<string, { proto?: string; port?: string; sport?: string; line: number; col: number }>();
  const lines = text.split('\n');
  for (let idx = 0; idx < lines.length; idx++) {
    const raw = lines[idx]!;
    const ln = idx + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const parsed = setWords(raw);
    if ('error' in parsed) throw new InputError(parsed.error, { file, line: ln, col: parsed.col });
    let t = parsed.words;
    const verb = t[0]?.v;
    if (verb !== 'set' && verb !== 'delete' && verb !== 'move') {
      if (verb === 'edit' || verb === 'top' || verb === 'exit' || verb === 'configure' || verb === 'commit') continue;
      throw new InputError(`expected a PAN-OS set command, found '${t[0]!.v}'`, { file, line: ln, col: t[0]!.col });
    }
    t = t.slice(1);
    // Scopes: vsys, shared, Panorama device groups (pre- and post-rulebases in their order).
    if (t[0]?.v === 'vsys' && t[1]) t = t.slice(2);
    else if (t[0]?.v === 'shared') t = t.slice(1);
    else if (t[0]?.v === 'device-group' && t[1]) t = t.slice(2);
    const k = t[0]?.v;
    if (verb === 'delete') {
      if ((k === 'rulebase' || k === 'pre-rulebase' || k === 'post-rulebase') && t[1]?.v === 'security' && t[2]?.v === 'rules' && t[3] && t.length === 4) {
        const key = `${k} ${t[3].v}`;
        drafts.delete(key);
        const i = order.indexOf(key);
        if (i >= 0) order.splice(i, 1);
      } else w.add(ln, 'delete command not applied (only whole security rules are)', t[0]?.col ?? 1);
      continue;
    }
    if (verb === 'move') {
      if ((k === 'rulebase' || k === 'pre-rulebase' || k === 'post-rulebase') && t[1]?.v === 'security' && t[2]?.v === 'rules' && t[3] && t[4]) {
        const key = `${k} ${t[3].v}`;
        const i = order.indexOf(key);
        if (i < 0) { w.add(ln, `move of unknown rule ${t[3].v}`, t[3].col); continue; }
        order.splice(i, 1);
        const where = t[4].v;
        const ref = t[5] ? order.indexOf(`${k} ${t[5].v}`) : -1;
        if (where === 'top') order.unshift(key);
        else if (where === 'bottom') order.push(key);
        else if ((where === 'before' || where === 'after') && ref >= 0) order.splice(where === 'before' ? ref : ref + 1, 0, key);
        else { order.splice(i, 0, key); w.add(ln, `move ${where} ${t[5]?.v ?? ''}: reference rule unknown; order kept`, t[4].col); }
      } else w.add(ln, 'move command not applied', t[0]?.col ?? 1);
      continue;
    }
    if (k === 'address' && t[1]) {
      const name = t[1].v;
      const kind = t[2]?.v;
      if (!kind || kind === 'description' || kind === 'tag') { if (!c.addresses.has(name)) c.addresses.set(name, { ok: false, why: 'has no address' }); continue; }
      const v = addressValue(kind, t[3]?.v ?? '');
      if (!v) {
        // The device would not have accepted it: said where; rules naming it are not evaluated.
        w.add(ln, `address ${name}: ${kind} "${t[3]?.v ?? ''}" is not valid`, t[3]?.col ?? t[2]!.col);
        c.addresses.set(name, { ok: false, why: 'is not valid (see the warning at its definition)' });
        continue;
      }
      c.addresses.set(name, v);
    } else if (k === 'address-group' && t[1]) {
      const name = t[1].v;
      if (t[2]?.v === 'static') c.addressGroups.set(name, [...(c.addressGroups.get(name) ?? []), ...values(t[3]).map((x) => x.v)]);
      else if (t[2]?.v === 'dynamic') c.addresses.set(name, { ok: false, why: 'a dynamic address group is filled at run time' });
    } else if (k === 'service' && t[1]) {
      const name = t[1].v;
      const part = svcParts.get(name) ?? { line: ln, col: t[1].col };
      svcParts.set(name, part);
      // protocol tcp port 443 source-port 1024-65535 (possibly over several lines)
      if (t[2]?.v === 'protocol' && t[3]) {
        part.proto = t[3].v;
        for (let i = 4; i < t.length - 1; i++) {
          if (t[i]!.v === 'port') part.port = t[++i]!.v;
          else if (t[i]!.v === 'source-port') part.sport = t[++i]!.v;
          else if (t[i]!.v === 'override') break;
        }
      }
    } else if (k === 'service-group' && t[1]) {
      if (t[2]?.v === 'members') c.serviceGroups.set(t[1].v, [...(c.serviceGroups.get(t[1].v) ?? []), ...values(t[3]).map((x) => x.v)]);
    } else if ((k === 'rulebase' || k === 'pre-rulebase' || k === 'post-rulebase') && t[1]?.v === 'security' && t[2]?.v === 'rules' && t[3]) {
      const key = `${k} ${t[3].v}`;
      let d = drafts.get(key);
      if (!d) {
        d = { name: t[3].v, line: ln, col: t[3].col, text: trimmed, fields: new Map() };
        drafts.set(key, d);
        order.push(key);
      }
      ruleFields(d, t.slice(4), ln, w);
    }
  }
  for (const [name, p] of svcParts) {
    if (!p.proto) { c.services.set(name, { ok: false, why: 'has no protocol' }); continue; }
    const v = serviceValue(p.proto, p.port, p.sport);
    c.services.set(name, typeof v === 'string' ? { ok: false, why: v } : { ok: true, value: [v] });
  }
  // Panorama: pre-rulebase rules, then the device's own, then post-rulebase rules.
  const rank = (key: string) => (key.startsWith('pre-') ? 0 : key.startsWith('post-') ? 2 : 1);
  const sorted = order.map((key, i) => ({ key, i })).sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i);
  c.rules = sorted.map((x) => draftToRule(drafts.get(x.key)!));
  return c;
}

function ruleFields(d: RuleDraft, t: SetWord[], ln: number, w: Warnings): void {
  for (let i = 0; i < t.length; ) {
    const key = t[i]!.v;
    if (LIST_FIELDS.has(key)) {
      const vals = values(t[i + 1]).map((x) => x.v);
      // Several `set … source X` lines add members, as the CLI does.
      d.fields.set(key, [...(d.fields.get(key) ?? []), ...vals]);
      i += 2;
    } else if (SCALAR_FIELDS.has(key)) {
      d.fields.set(key, [t[i + 1]?.v ?? '']);
      i += 2;
    } else if (key === 'profile-setting') {
      // group NAME | profiles (virus X | spyware X | …)*
      if (t[i + 1]?.v === 'group') i += 3;
      else { i += 2; while (i < t.length && /^(virus|spyware|vulnerability|url-filtering|file-blocking|wildfire-analysis|data-filtering)$/.test(t[i]!.v)) i += 2; }
    } else if (key === 'option') {
      i += 3;
    } else if (key === 'target' || key === 'qos') {
      return; // device targets (Panorama), QoS marking: nothing a packet filter sees
    } else {
      w.add(ln, `rule ${d.name}: field ${key} not understood; the rest of the line is ignored`, t[i]!.col);
      return;
    }
  }
}

// ---------------- XML ----------------

function members(n: XmlNode | undefined): string[] {
  if (!n) return [];
  const ms = childrenNamed(n, 'member').map((m) => m.text.trim());
  return ms.length ? ms : n.text.trim() ? [n.text.trim()] : [];
}

/** The <entry> elements of a container child (`<address><entry …/>…</address>`). */
function entries(scope: XmlNode, container: string): XmlNode[] {
  const n = childNamed(scope, container);
  return n ? childrenNamed(n, 'entry') : [];
}

function readXmlScope(scope: XmlNode, c: ZoneConfig, rules: { node: XmlNode; rank: number }[], w: Warnings): void {
  for (const e of entries(scope, 'address')) {
    const name = e.attrs.name ?? '';
    const kindNode = e.children.find((x) => ['ip-netmask', 'ip-range', 'fqdn', 'ip-wildcard'].includes(x.name));
    if (!kindNode) { c.addresses.set(name, { ok: false, why: 'has no address' }); continue; }
    const v = addressValue(kindNode.name, kindNode.text.trim());
    if (!v) {
      w.add(kindNode.line, `address ${name}: ${kindNode.name} "${kindNode.text.trim()}" is not valid`, kindNode.col);
      c.addresses.set(name, { ok: false, why: 'is not valid (see the warning at its definition)' });
      continue;
    }
    c.addresses.set(name, v);
  }
  for (const e of entries(scope, 'address-group')) {
    const name = e.attrs.name ?? '';
    if (childNamed(e, 'dynamic')) c.addresses.set(name, { ok: false, why: 'a dynamic address group is filled at run time' });
    else c.addressGroups.set(name, members(childNamed(e, 'static')));
  }
  for (const e of entries(scope, 'service')) {
    const name = e.attrs.name ?? '';
    const proto = childNamed(e, 'protocol')?.children[0];
    if (!proto) { c.services.set(name, { ok: false, why: 'has no protocol' }); continue; }
    const port = childNamed(proto, 'port')?.text.trim();
    const sport = childNamed(proto, 'source-port')?.text.trim();
    const v = serviceValue(proto.name, port, sport);
    c.services.set(name, typeof v === 'string' ? { ok: false, why: v } : { ok: true, value: [v] });
  }
  for (const e of entries(scope, 'service-group')) {
    c.serviceGroups.set(e.attrs.name ?? '', members(childNamed(e, 'members')));
  }
  for (const [base, rank] of [['pre-rulebase', 0], ['rulebase', 1], ['post-rulebase', 2]] as const) {
    const rs = pathOf(scope, base, 'security', 'rules');
    for (const e of rs ? childrenNamed(rs, 'entry') : []) rules.push({ node: e, rank });
  }
}

function parseXml(text: string, file: string, w: Warnings): ZoneConfig {
  const doc = parseXmlDocument(text, file);
  const config = doc.name === 'config' ? doc : doc.name === 'response' ? pathOf(doc, 'result', 'config') : undefined;
  if (!config) throw new InputError(`expected a PAN-OS configuration (<config> or <response><result><config>), found <${doc.name}>`, { file, line: doc.line, col: doc.col });
  const c = emptyZoneConfig();
  const rules: { node: XmlNode; rank: number }[] = [];
  const shared = childNamed(config, 'shared');
  if (shared) readXmlScope(shared, c, rules, w);
  for (const dev of entries(config, 'devices')) {
    for (const group of ['vsys', 'device-group']) for (const scope of entries(dev, group)) readXmlScope(scope, c, rules, w);
  }
  rules.sort((a, b) => a.rank - b.rank);
  c.rules = rules.map(({ node: e }) => {
    const fields = new Map<string, string[]>();
    for (const ch of e.children) {
      if (LIST_FIELDS.has(ch.name)) fields.set(ch.name, members(ch));
      else if (SCALAR_FIELDS.has(ch.name)) fields.set(ch.name, [ch.text.trim()]);
    }
    return draftToRule({ name: e.attrs.name ?? '', line: e.line, col: e.col, text: `<entry name="${e.attrs.name ?? ''}">`, fields });
  });
  return c;
}

export const parsePanos: ConfigParser = (text, file, options = {}) => {
  const w = new Warnings();
  const isXml = /^\s*</.test(text);
  const c = isXml ? parseXml(text, file, w) : parseSet(text, file, w);
  for (const [name, def] of Object.entries(PREDEFINED_SERVICES)) if (!c.services.has(name)) c.services.set(name, { ok: true, value: def });
  const { policies } = zonePolicies(c, resolveZones(options, zonesFor), w, file);
  return { policies, warnings: w.list };
};
