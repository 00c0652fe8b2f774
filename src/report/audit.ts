// The audit report as text, JSON and SARIF 2.1.0 (for code-scanning tools to show inline).
import type { Decider } from '../analysis/coverage.ts';
import type { Packet } from '../analysis/box.ts';
import type { AuditReport } from '../audit/run.ts';
import { addressText, citationText, portText } from '../flows/format.ts';
import type { Flow } from '../flows/types.ts';
import { textTable } from '../text/table.ts';

const where = (d: Decider, file: string) => (d === 'default policy' ? 'default policy' : `${d.id} (${d.origin ? `${d.origin.file}:${d.origin.line}` : file})`);
const packet = (p: Packet) => `${p.protocol} ${p.source}:${p.sourcePort} -> ${p.destination}:${p.destinationPort}`;
const flowText = (f: Flow) => `${f.transport} ${addressText(f.source)}:${portText(f.sourcePort)} -> ${addressText(f.destination)}:${portText(f.destinationPort)} ${f.application}`;

export function auditText(r: AuditReport): string {
  const out: string[] = [`audit of ${r.config} (${r.platform}) against the required flows of firewall ${r.firewall}`, ''];
  for (const s of r.sections) {
    out.push(`== ${s.policy} (sees ${s.sees === 'both' ? 'both directions' : `direction ${s.sees}`})`);
    out.push(textTable(['verdict', 'requirement', 'flow', 'dropped by', 'example packet dropped'],
      s.result.flows.map((v) => [v.verdict, v.requirement, flowText(v.flow), v.dropped.map((d) => where(d.by, r.config)).join(', '), v.dropped[0] ? packet(v.dropped[0].example) : ''])));
    if (s.result.overPermissive.length) {
      out.push('over-permissive (accepted, no required flow asks for it):');
      out.push(textTable(['risk', 'rule', 'why', 'ranges', 'example packet'],
        s.result.overPermissive.map((o) => [o.risk, where(o.rule, r.config), o.reasons.join('; '), `${o.ranges.slice(0, 3).map((x) => `${o.protocol} ${x.source}:${x.sourcePorts.from}-${x.sourcePorts.to} -> ${x.destination}:${x.destinationPorts.from}-${x.destinationPorts.to}`).join(', ')}${o.rangeCount > 3 ? ` (+${o.rangeCount - 3} more)` : ''}`, packet(o.example)])));
    }
    if (s.result.shadowed.length) {
      out.push('shadowed / redundant rules (covered by the union of earlier rules):');
      out.push(textTable(['kind', 'rule', 'covered by'], s.result.shadowed.map((x) => [x.kind, where(x.rule, r.config), x.by.map((b) => where(b, r.config)).join(', ') + (x.byCount > x.by.length ? ` (+${x.byCount - x.by.length})` : '')])));
    }
    if (s.result.unused.length) out.push(`unused rules (hit counter 0): ${s.result.unused.map((u) => where(u.rule, r.config)).join(', ')}`);
    out.push('');
  }
  if (r.unaudited.length) out.push(`not audited: no filter in the configuration sees ${r.unaudited.length} required flow(s): ${[...new Set(r.unaudited.map((f) => `${f.direction} direction${f.family === 'any' ? '' : ` ${f.family}`}`))].join(', ')}`);
  if (r.unbound.length) out.push(`filters not bound to a direction (ignored): ${r.unbound.join('; ')}`);
  for (const w of r.warnings) out.push(`${r.config}:${w.line}${w.col ? `:${w.col}` : ''}: warning: ${w.message}`);
  const flows = r.sections.flatMap((s) => s.result.flows);
  const count = (v: string) => flows.filter((f) => f.verdict === v).length;
  const high = r.sections.flatMap((s) => s.result.overPermissive).filter((o) => o.risk === 'high').length;
  out.push(`${flows.length} required flow(s): ${count('allowed')} allowed, ${count('partial')} partly allowed, ${count('blocked')} blocked; ${r.unaudited.length} not audited; ` +
    `${r.sections.reduce((n, s) => n + s.result.overPermissive.length, 0)} over-permission(s) (${high} high risk); ${r.sections.reduce((n, s) => n + s.result.shadowed.length, 0)} shadowed/redundant; ${r.sections.reduce((n, s) => n + s.result.unused.length, 0)} unused`);
  return out.join('\n') + '\n';
}

export function auditJson(r: AuditReport): string {
  return JSON.stringify(r, (k, v) => (typeof v === 'bigint' ? v.toString() : k === 'flow' ? { requirement: v.requirement, firewall: v.firewall, direction: v.direction, family: v.family, source: v.source, sourcePort: v.sourcePort, destination: v.destination, destinationPort: v.destinationPort, transport: v.transport, application: v.application } : v), 2) + '\n';
}

const RULES = [
  { id: 'required-flow-blocked', text: 'A required flow is blocked', level: 'error' },
  { id: 'required-flow-partial', text: 'A required flow is only partly allowed', level: 'error' },
  { id: 'over-permissive', text: 'The firewall allows traffic no requirement asks for', level: 'warning' },
  { id: 'shadowed-rule', text: 'A rule is covered by the union of earlier rules', level: 'note' },
  { id: 'unused-rule', text: 'A rule has a zero hit counter', level: 'note' },
  { id: 'not-audited', text: 'No filter in the configuration sees these required flows', level: 'error' },
] as const;

function location(file: string, d: Decider | undefined) {
  const line = d && d !== 'default policy' && d.origin ? d.origin.line : 1;
  return [{ physicalLocation: { artifactLocation: { uri: file }, region: { startLine: Math.max(1, line) } } }];
}

export function auditSarif(r: AuditReport): string {
  const results: unknown[] = [];
  for (const s of r.sections) {
    for (const v of s.result.flows) {
      if (v.verdict === 'allowed') continue;
      const first = v.dropped[0];
      results.push({
        ruleId: v.verdict === 'blocked' ? 'required-flow-blocked' : 'required-flow-partial',
        level: 'error',
        message: { text: `${v.verdict === 'blocked' ? 'Blocked' : 'Partly allowed'}: ${v.requirement} (${flowText(v.flow)}); e.g. ${first ? packet(first.example) : ''} dropped by ${first ? where(first.by, r.config) : ''}. Cites ${v.flow.citations.map(citationText).join('; ')}` },
        locations: location(r.config, first?.by),
        properties: { requirement: v.requirement, citations: v.flow.citations, policy: s.policy },
      });
    }
    for (const o of s.result.overPermissive) {
      results.push({
        ruleId: 'over-permissive', level: o.risk === 'high' ? 'error' : 'warning',
        message: { text: `${o.risk} risk: ${o.reasons.join('; ')}; e.g. ${packet(o.example)} is accepted by ${where(o.rule, r.config)}` },
        locations: location(r.config, o.rule),
        properties: { risk: o.risk, rangeCount: o.rangeCount, policy: s.policy },
      });
    }
    for (const x of s.result.shadowed) {
      results.push({ ruleId: 'shadowed-rule', level: 'note', message: { text: `${x.kind}: ${where(x.rule, r.config)} is covered by ${x.by.map((b) => where(b, r.config)).join(', ')}` }, locations: location(r.config, x.rule), properties: { policy: s.policy } });
    }
    for (const u of s.result.unused) {
      results.push({ ruleId: 'unused-rule', level: 'note', message: { text: `${where(u.rule, r.config)} has hit count ${u.hits}` }, locations: location(r.config, u.rule), properties: { policy: s.policy } });
    }
  }
  for (const f of r.unaudited) {
    results.push({ ruleId: 'not-audited', level: 'error', message: { text: `No filter sees ${f.direction} flow ${f.requirement} (${flowText(f)})${f.family === 'any' ? '' : `, ${f.family}`}` }, locations: location(r.config, undefined), properties: { requirement: f.requirement, citations: f.citations } });
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'portolan', informationUri: 'https://portolan.invalid/docs/audit.md', rules: RULES.map((x) => ({ id: x.id, shortDescription: { text: x.text }, defaultConfiguration: { level: x.level } })) } },
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
