// Fuzz cases: fast-check generators for topologies (shipped examples mutated as text and as
// data, and schema-shaped ones with adverse values) and for each audit input form (shipped
// configurations and golden outputs mutated, and structures nested or chained very deep).
// Topology Builder XML is mutated and nested the same way (import and the commands that read it).
// A case is files to write and the command line to run on them; `@name` stands for a file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as yamlText } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

export interface FuzzCase {
  kind: string;
  files: Record<string, string>;
  args: string[];
}

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `examples/${f}`);

/** Values the outputs' own tools are picky about, and values that stress the readers. */
const ADVERSE_STRINGS = [
  '', ' ', 'fe80::1%eth0', '0.0.0.0/0', '::/0', '255.255.255.255', '10.0.0.1/33', '2001:db8::/129', '1.2.3', '::ffff:10.0.0.1',
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`, '_sip._tls.contoso.com', `${'x'.repeat(70)}.contoso.com`,
  'contoso..com', '-bad.contoso.com', 'ünïcode.example', 'a b', '"quoted"', "it's", '${HOME}', '$(reboot)', ';', '\\', '\u0000', '\u202e',
  '*none', '&a', '!!binary', '{', '[', 'null', '~', 'yes', '0x10', '1e400', '-1', '65536', '99999999999999999999',
];
const ADVERSE_VALUES: unknown[] = [...ADVERSE_STRINGS, 0, -1, 65536, 1.5, true, null, [], {}, [[]], { a: { b: { c: 1 } } }, Array.from({ length: 300 }, (_, i) => `10.9.${i >> 8}.${i & 255}`)];

// ---------------------------------------------------------------------------------------------
// Text mutations (any input form)

const arbTextMutation = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip-char' as const), at: fc.nat(), char: fc.constantFrom(...'{}[]():;,"\'#-_*&!|>%@$\\\n\t 0 9 a Z / . \u0000'.split('')) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...ADVERSE_STRINGS) }),
  fc.record({ op: fc.constant('replace-token' as const), at: fc.nat(), text: fc.constantFrom(...ADVERSE_STRINGS) }),
);
type TextMutation = typeof arbTextMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateText(text: string, m: TextMutation): string {
  const lines = text.split('\n');
  const li = (n: number) => n % Math.max(1, lines.length);
  switch (m.op) {
    case 'delete-line': lines.splice(li(m.at), 1); return lines.join('\n');
    case 'duplicate-line': lines.splice(li(m.at), 0, lines[li(m.at)]!); return lines.join('\n');
    case 'swap-lines': { const a = li(m.at), b = li(m.to); [lines[a], lines[b]] = [lines[b]!, lines[a]!]; return lines.join('\n'); }
    case 'truncate': return text.slice(0, m.at % (text.length + 1));
    case 'flip-char': { const at = m.at % (text.length + 1); return text.slice(0, at) + m.char + text.slice(at + 1); }
    case 'insert': { const at = m.at % (text.length + 1); return text.slice(0, at) + m.text + text.slice(at); }
    case 'replace-token': {
      // A word-like token (address, name, number) replaced by an adverse value.
      const tokens = [...text.matchAll(/[A-Za-z0-9_.:/-]{2,}/g)];
      if (tokens.length === 0) return text;
      const t = tokens[m.at % tokens.length]!;
      return text.slice(0, t.index!) + m.text + text.slice(t.index! + t[0].length);
    }
  }
}

const arbMutations = fc.array(arbTextMutation, { minLength: 1, maxLength: 4 });

// ---------------------------------------------------------------------------------------------
// Topologies

/** Every scalar's path in a parsed document. */
function scalarPaths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => scalarPaths(x, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) scalarPaths(x, [...path, k], out);
  else out.push(path);
  return out;
}

function setAt(v: unknown, path: (string | number)[], value: unknown): void {
  let o = v as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]!] = value;
}

/** Commands that load a topology, with the other arguments each needs. */
const TOPOLOGY_COMMANDS: string[][] = [
  ['check'], ['flows', '--format', 'csv'], ['flows', '--format', 'json'], ['plan'], ['dns', '--format', 'bind'], ['dns', '--format', 'dnsmasq'],
  ['certs', '--format', 'openssl'], ['certs', '--format', 'certreq'],
  ['render', '--target', 'nftables', '-o', '@out'], ['render', '--target', 'iptables', '-o', '@out'], ['render', '--target', 'haproxy', '-o', '@out'],
  ['render', '--target', 'cisco-asa', '-o', '@out'], ['render', '--target', 'windows', '-o', '@out'], ['render', '--target', 'aws', '-o', '@out'], ['render', '--target', 'azure', '-o', '@out'],
];

const arbCommand = fc.constantFrom(...TOPOLOGY_COMMANDS);

const topologyCase = (kind: string, text: string, command: string[]): FuzzCase => ({
  kind, files: { 'topology.yaml': text }, args: [command[0]!, '@topology.yaml', ...command.slice(1)],
});

/** An example with its text mutated. */
const arbTopologyText = fc.tuple(fc.constantFrom(...EXAMPLES), arbMutations, arbCommand).map(([ex, ms, cmd]) =>
  topologyCase('topology-text', ms.reduce(mutateText, read(ex)), cmd));

/** An example with values replaced (still YAML; often schema-valid, which reaches lint and the renderers). */
const arbTopologyData = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ADVERSE_VALUES)), { minLength: 1, maxLength: 3 }), arbCommand).map(([ex, edits, cmd]) => {
  const data = parseYaml(read(ex)) as unknown;
  const paths = scalarPaths(data);
  for (const [at, value] of edits) if (paths.length) setAt(data, paths[at % paths.length]!, structuredClone(value));
  return topologyCase('topology-data', yamlText(data), cmd);
});

/** Schema-shaped topologies with n edge nodes and generated names and addresses. */
const arbTopologyShape = fc.tuple(
  fc.integer({ min: 1, max: 12 }), fc.constantFrom('none', 'dns', 'hardware'), fc.boolean(), fc.constantFrom('lync2010', 'lync2013'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}\.(com|net|org)$/), arbCommand,
).map(([n, lb, v6, version, domain, cmd]) => {
  const nodes = Array.from({ length: n }, (_, i) => ({
    name: `edge${i + 1}`,
    external: { access: [`131.107.${i}.10`, ...(v6 ? [`2001:db8:1::${(i + 1).toString(16)}0`] : [])], webConferencing: `131.107.${i}.11`, av: `131.107.${i}.12` },
    internal: `172.25.33.${10 + i}`,
  }));
  const t: Record<string, unknown> = {
    version, sipDomains: [domain],
    edgePools: [{ name: 'edgepool', loadBalancing: n > 1 && lb === 'none' ? 'dns' : lb, nextHop: 'pool1', nodes,
      ...(lb === 'hardware' ? { vips: { access: '131.107.200.10', webConferencing: '131.107.200.11', av: '131.107.200.12', internal: '172.25.33.200' } } : {}) }],
    frontEndPools: [{ name: 'pool1', servers: [{ name: 'fe1', address: '10.0.0.10' }] }],
  };
  return topologyCase('topology-shape', yamlText(t), cmd);
});

/** Nesting, aliases and sizes that break readers. */
const arbTopologyHostile = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('block', 'flow', 'seq', 'alias-bomb', 'alias-missing', 'long-line'), arbCommand).map(([n, shape, cmd]) => {
  const text =
    shape === 'block' ? `version: lync2013\nsipDomains: [a.com]\nedgePools:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 1)}- \n`).join('')}` :
    shape === 'flow' ? `version: lync2013\nsipDomains: ${'['.repeat(n)}${']'.repeat(n)}\n` :
    shape === 'seq' ? `${'- '.repeat(n)}x\n` :
    shape === 'alias-bomb' ? ['version: lync2013', 'a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`), 'sipDomains: [a.com]', ''].join('\n') :
    shape === 'alias-missing' ? read(EXAMPLES[0]!).replace(/loadBalancing: \w+/, 'loadBalancing: *none') :
    `version: lync2013\nsipDomains: [${'a'.repeat(n * 10)}.com]\n`;
  return topologyCase('topology-hostile', text, cmd);
});

// ---------------------------------------------------------------------------------------------
// Topology Builder and published topology XML (portolan import, and every command reading XML)

const IMPORT_FIXTURES: { xml: string; overlay: string }[] = [
  { xml: 'test/fixtures/import/lync2010-reference-architecture-1.tbxml', overlay: 'test/fixtures/import/lync2010-reference-architecture-1.overlay.yaml' },
  { xml: 'test/fixtures/import/sfb2015-scaled-edge-single-address.tbxml', overlay: 'test/fixtures/import/sfb2015-scaled-edge-single-address.overlay.yaml' },
  { xml: 'test/fixtures/import/sfb2019-edge-nat.tbxml', overlay: 'test/fixtures/import/sfb2019-edge-nat.overlay.yaml' },
  { xml: 'test/fixtures/import/lync2013-director-mediation-pstn.xml', overlay: 'test/fixtures/import/lync2013-director-mediation-pstn.overlay.yaml' },
];

const XML_COMMANDS: string[][] = [['import'], ['check'], ['flows', '--format', 'csv'], ['render', '--target', 'nftables', '-o', '@out']];

const importCase = (kind: string, xml: string, overlay: string | undefined, command: string[]): FuzzCase => ({
  kind, files: { 'topology.xml': xml, ...(overlay !== undefined ? { 'overlay.yaml': overlay } : {}) },
  args: [command[0]!, '@topology.xml', ...(overlay !== undefined && command[0] !== 'import' ? ['--overlay', '@overlay.yaml'] : []), ...command.slice(1)],
});

/** A Topology Builder or published topology file mutated as text, alone or with its overlay (itself mutated now and then). */
const arbImportText = fc.tuple(fc.constantFrom(...IMPORT_FIXTURES), arbMutations, fc.constantFrom(...XML_COMMANDS), fc.boolean(), fc.option(arbMutations, { freq: 3 }))
  .map(([f, ms, cmd, withOverlay, overlayMs]) => importCase('import-text', ms.reduce(mutateText, read(f.xml)), withOverlay ? (overlayMs ?? []).reduce(mutateText, read(f.overlay)) : undefined, cmd));

/** XML nested, repeated or declared beyond reason: deep elements, many machines, entities, huge attributes. */
const arbImportHostile = fc.tuple(fc.integer({ min: 100, max: 20000 }), fc.constantFrom('deep', 'machines', 'entities', 'attribute', 'unclosed'), fc.constantFrom(...XML_COMMANDS)).map(([n, shape, cmd]) => {
  const m = Math.min(n, 6000);
  const base = read(IMPORT_FIXTURES[0]!.xml);
  const text =
    shape === 'deep' ? base.replace(/<[A-Za-z][^>]*>/, (root) => `${root}${'<Site>'.repeat(m)}${'</Site>'.repeat(m)}`) :
    shape === 'machines' ? base.replace(/(<Machine\b[\s\S]*?<\/Machine>)/, (x) => x.repeat(Math.min(m, 3000))) :
    shape === 'entities' ? `<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${'&a' + (i ? i : '') + ';'}${('&a' + (i ? i : '') + ';').repeat(9)}">`).join('')}]>\n<TopologyBuilder>&a9;</TopologyBuilder>\n` :
    shape === 'attribute' ? base.replace(/<([A-Za-z][\w:.-]*)/, (open) => `${open} x="${'a'.repeat(m * 100)}"`) :
    base.slice(0, Math.floor(base.length / 2)) + '<'.repeat(m % 7);
  return importCase('import-hostile', text, undefined, cmd);
});

// ---------------------------------------------------------------------------------------------
// Audit inputs: eight forms

const AUDIT_TOPOLOGY = 'test/fixtures/audit/lync2010-dual-stack-edge.yaml';
const FORMS: { platform: string; file: string; sources: string[] }[] = [
  { platform: 'nftables', file: 'fw.nft', sources: ['test/fixtures/audit/nftables-external.nft', 'test/fixtures/configs/nftables-edge.nft'] },
  { platform: 'nftables', file: 'fw.json', sources: ['test/fixtures/audit/nftables-external.json'] },
  { platform: 'iptables', file: 'fw.rules', sources: ['test/fixtures/audit/iptables-external.rules', 'test/fixtures/configs/iptables-edge.rules', 'test/fixtures/audit/ip6tables-external.rules'] },
  { platform: 'cisco-asa', file: 'fw.cfg', sources: ['test/fixtures/audit/asa-external.cfg', 'test/fixtures/configs/asa-edge.cfg'] },
  { platform: 'aws', file: 'sg.json', sources: ['test/fixtures/audit/aws-external.json', 'test/fixtures/configs/aws-security-groups.json'] },
  { platform: 'azure', file: 'nsg.json', sources: ['test/fixtures/audit/azure-external.json', 'test/fixtures/configs/azure-nsg.json'] },
  { platform: 'aws-terraform', file: 'main.tf', sources: ['test/golden/aws/lync2013-scaled-edge-dns-lb/internal.tf'] },
  { platform: 'azure-terraform', file: 'main.tf', sources: ['test/golden/azure/lync2013-scaled-edge-dns-lb/external.tf'] },
];

/** The zone-based readers: what render writes (default zone names, so parsing goes deep) and third-party forms. */
const G = 'test/golden', TP = 'test/fixtures/third-party';
export const ZONE_FORMS: { platform: string; file: string; sources: string[] }[] = [
  { platform: 'panos', file: 'fw.set', sources: [`${G}/panos/lync2010-single-consolidated-edge/external.set`, 'test/fixtures/configs/panos-edge.set', `${TP}/panos/batfish-rulebase.set`, `${TP}/panos/batfish-address-groups-nested.set`] },
  { platform: 'panos', file: 'fw.xml', sources: [`${G}/panos/lync2010-single-consolidated-edge/external.xml`, 'test/fixtures/configs/panos-edge.xml'] },
  { platform: 'junos', file: 'fw.conf', sources: ['test/fixtures/configs/junos-edge.conf', `${TP}/junos/batfish-security-policy.conf`, `${TP}/junos/batfish-firewall-zone-address-book-inline.conf`] },
  { platform: 'junos', file: 'fw.set', sources: [`${G}/junos/lync2010-single-consolidated-edge/external.set`, 'test/fixtures/configs/junos-edge.set'] },
  { platform: 'fortigate', file: 'fw.conf', sources: [`${G}/fortigate/lync2010-single-consolidated-edge/external.conf`, 'test/fixtures/configs/fortigate-edge.conf', `${TP}/fortigate/batfish-firewall_policy.conf`, `${TP}/fortigate/batfish-service_custom.conf`] },
  { platform: 'checkpoint', file: 'rulebase.json', sources: ['test/fixtures/configs/checkpoint-rulebase.json', `${TP}/checkpoint/batfish-show-access-rulebase.json`] },
  { platform: 'checkpoint', file: 'fw.sh', sources: [`${G}/checkpoint/lync2010-single-consolidated-edge/external.sh`] },
  { platform: 'pfsense', file: 'config.xml', sources: [`${G}/pfsense/lync2010-single-consolidated-edge/external.xml`, 'test/fixtures/configs/pfsense-config.xml', `${TP}/pfsense/pfsense-conf.default-config.xml`] },
  { platform: 'opnsense', file: 'config.xml', sources: ['test/fixtures/configs/opnsense-config.xml', `${TP}/opnsense/opnsense-core-config.xml.sample.xml`] },
];

const auditCase = (kind: string, platform: string, file: string, text: string, format: string): FuzzCase => ({
  kind, files: { 'topology.yaml': read(AUDIT_TOPOLOGY), [file]: text },
  args: ['audit', '@topology.yaml', '--config', `@${file}`, '--platform', platform, '--format', format],
});

const arbFormat = fc.constantFrom('table', 'json', 'sarif');

const arbAuditText = fc.tuple(fc.constantFrom(...FORMS), fc.nat(), arbMutations, arbFormat).map(([form, at, ms, format]) =>
  auditCase(`audit-${form.platform}`, form.platform, form.file, ms.reduce(mutateText, read(form.sources[at % form.sources.length]!)), format));

/** The zone-based readers' inputs mutated; now and then with zone names of their own (--outside / --inside). */
const arbAuditZones = fc.tuple(fc.constantFrom(...ZONE_FORMS), fc.nat(), arbMutations, arbFormat, fc.option(fc.tuple(fc.constantFrom(...ADVERSE_STRINGS, 'untrust', 'trust', 'outside', 'port1'), fc.constantFrom('trust', 'inside', 'lan', 'port2')), { freq: 4 }))
  .map(([form, at, ms, format, zones]) => {
    const c = auditCase(`audit-${form.platform}`, form.platform, form.file, ms.reduce(mutateText, read(form.sources[at % form.sources.length]!)), format);
    return zones ? { ...c, args: [...c.args, `--outside=${zones[0]}`, `--inside=${zones[1]}`] } : c;
  });

/** Structures nested or repeated beyond reason in the zone-based forms: XML, Junos braces, set lines, FortiOS blocks. */
const arbAuditZonesDeep = fc.tuple(fc.integer({ min: 100, max: 20000 }), fc.constantFrom('xml-pfsense', 'xml-panos', 'junos-braces', 'junos-set', 'fortios-edit', 'checkpoint-json'), arbFormat).map(([n, shape, format]) => {
  const m = Math.min(n, 6000);
  if (shape === 'xml-pfsense') return auditCase('audit-zones-deep', 'pfsense', 'config.xml', `<?xml version="1.0"?>\n<pfsense><filter>${'<rule>'.repeat(m)}${'</rule>'.repeat(m)}</filter></pfsense>\n`, format);
  if (shape === 'xml-panos') return auditCase('audit-zones-deep', 'panos', 'fw.xml', `<config><devices><entry name="x">${'<a>'.repeat(m)}${'</a>'.repeat(m)}</entry></devices></config>\n`, format);
  if (shape === 'junos-braces') return auditCase('audit-zones-deep', 'junos', 'fw.conf', `security {\n${'policies {\n'.repeat(m)}${'}\n'.repeat(m)}}\n`, format);
  if (shape === 'junos-set') return auditCase('audit-zones-deep', 'junos', 'fw.set', Array.from({ length: m }, (_, i) => `set security policies from-zone untrust to-zone trust policy p${i} match source-address any`).join('\n') + '\n', format);
  if (shape === 'fortios-edit') return auditCase('audit-zones-deep', 'fortigate', 'fw.conf', `config firewall policy\n${'    edit 1\n'.repeat(m)}${'    next\n'.repeat(m)}end\n`, format);
  return auditCase('audit-zones-deep', 'checkpoint', 'rulebase.json', `{"rulebase":${'[{"rulebase":'.repeat(m)}[]${'}]'.repeat(m)}}`, format);
});

/** Structures nested or chained deep: JSON, HCL, nftables and iptables user chains. */
const arbAuditDeep = fc.tuple(fc.integer({ min: 100, max: 20000 }), fc.constantFrom('json-array', 'json-object', 'hcl', 'nft-chains', 'ipt-chains'), arbFormat).map(([n, shape, format]) => {
  if (shape === 'json-array') return auditCase('audit-deep', 'aws', 'sg.json', `${'['.repeat(n)}${']'.repeat(n)}`, format);
  if (shape === 'json-object') return auditCase('audit-deep', 'azure', 'nsg.json', `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, format);
  if (shape === 'hcl') {
    const m = Math.min(n, 6000);
    return auditCase('audit-deep', 'aws-terraform', 'main.tf', `resource "aws_security_group" "x" {\n  tags = ${'{ a = '.repeat(m)}1${' }'.repeat(m)}\n}\n`, format);
  }
  const m = Math.min(n, 6000);
  if (shape === 'nft-chains') {
    const chains = Array.from({ length: m }, (_, i) => `  chain c${i} {\n    ${i + 1 < m ? `jump c${i + 1}` : 'tcp dport 5061 accept'}\n  }`).join('\n');
    return auditCase('audit-deep', 'nftables', 'fw.nft', `table inet filter {\n${chains}\n  chain forward {\n    type filter hook forward priority 0; policy drop;\n    jump c0\n  }\n}\n`, format);
  }
  const decl = Array.from({ length: m }, (_, i) => `:c${i} - [0:0]`).join('\n');
  const rules = Array.from({ length: m }, (_, i) => (i + 1 < m ? `-A c${i} -j c${i + 1}` : `-A c${i} -p tcp --dport 5061 -j ACCEPT`)).join('\n');
  return auditCase('audit-deep', 'iptables', 'fw.rules', `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${decl}\n-A FORWARD -j c0\n${rules}\nCOMMIT\n`, format);
});

/** Every kind of case, weighted toward the cheap ones. */
export const arbCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { arbitrary: arbTopologyText, weight: 4 },
  { arbitrary: arbTopologyData, weight: 4 },
  { arbitrary: arbTopologyShape, weight: 2 },
  { arbitrary: arbTopologyHostile, weight: 1 },
  { arbitrary: arbAuditText, weight: 5 },
  { arbitrary: arbAuditDeep, weight: 1 },
  { arbitrary: arbAuditZones, weight: 4 },
  { arbitrary: arbAuditZonesDeep, weight: 1 },
  { arbitrary: arbImportText, weight: 3 },
  { arbitrary: arbImportHostile, weight: 1 },
);

/** Only the zone-based readers (`npm run fuzz -- --zones`, and the bounded run in npm test). */
export const arbZoneCase: fc.Arbitrary<FuzzCase> = fc.oneof({ arbitrary: arbAuditZones, weight: 6 }, { arbitrary: arbAuditZonesDeep, weight: 1 });

/** The i-th case of a run with this seed (deterministic). */
export function caseAt(seed: number, i: number, only: 'all' | 'zones' = 'all'): FuzzCase {
  return fc.sample(only === 'zones' ? arbZoneCase : arbCase, { seed: (seed * 1_000_003 + i) | 0, numRuns: 1 })[0]!;
}
