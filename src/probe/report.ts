// A probe run as a table for people, JSON for tools, or JUnit XML for CI dashboards (one test case
// per flow and destination, the citation beside it, a <failure> only for required flows).
import { citationText, portText } from '../flows/format.ts';
import { textTable } from '../text/table.ts';
import { escapeXml } from '../xml/escape.ts';
import type { Vantage } from './plan.ts';
import type { ProbeResult } from './runner.ts';

export type ReportFormat = 'table' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'junit'];

function vantageText(v: Vantage): string {
  return v.kind === 'address' ? v.address : v.kind;
}

function port(r: ProbeResult): string {
  return portText(r.probe.flow.destinationPort);
}

/** The word a person scans for: PASS, FAIL, WARN (failed but optional), SKIP (not probed). */
function status(r: ProbeResult): string {
  if (r.outcome === 'not-probed') return 'SKIP';
  if (r.outcome === 'pass') return 'PASS';
  return r.probe.required ? 'FAIL' : 'WARN';
}

export function formatTable(results: readonly ProbeResult[], vantage: Vantage): string {
  const head = ['status', 'firewall', 'dir', 'transport', 'destination', 'port', 'application', 'verdict', 'requirement', 'detail'];
  const rows = results.map((r) => [
    status(r), r.probe.flow.firewall, r.probe.flow.direction, r.probe.flow.transport, r.probe.destination, port(r),
    r.probe.flow.application, r.verdict?.kind ?? '-', r.probe.requirement, r.verdict?.summary ?? r.probe.skipped ?? '',
  ]);
  const counts = tally(results);
  return [
    // The detail column is last and not padded, so long summaries do not widen every line.
    textTable(head, rows, { rule: false }).slice(0, -1),
    '',
    `from ${vantageText(vantage)}: ${results.length} checks, ${counts.pass} passed, ${counts.fail} failed (${counts.requiredFail} required), ${counts.notProbed} not probed`,
    '',
  ].join('\n');
}

function tally(results: readonly ProbeResult[]) {
  return {
    pass: results.filter((r) => r.outcome === 'pass').length,
    fail: results.filter((r) => r.outcome === 'fail').length,
    requiredFail: results.filter((r) => r.outcome === 'fail' && r.probe.required).length,
    notProbed: results.filter((r) => r.outcome === 'not-probed').length,
  };
}

export function formatJson(results: readonly ProbeResult[], vantage: Vantage): string {
  const out = {
    vantage: vantageText(vantage),
    summary: tally(results),
    results: results.map((r) => ({
      outcome: r.outcome,
      required: r.probe.required,
      requirement: r.probe.requirement,
      firewall: r.probe.flow.firewall,
      direction: r.probe.flow.direction,
      role: r.probe.flow.role,
      source: r.probe.flow.source === 'Any' ? 'Any' : r.probe.flow.source.join(' '),
      destination: r.probe.destination,
      destination_port: port(r),
      transport: r.probe.flow.transport,
      application: r.probe.flow.application,
      method: r.probe.method,
      ...(r.probe.skipped ? { skipped: r.probe.skipped } : {}),
      ...(r.verdict ? { verdict: r.verdict } : {}),
      citations: r.probe.citations.map(({ document, table, row }) => ({ document, table, row })),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

export function formatJunit(results: readonly ProbeResult[], vantage: Vantage): string {
  const counts = tally(results);
  const failures = results.filter((r) => r.outcome === 'fail' && r.probe.required).length;
  const time = (ms: number) => (ms / 1000).toFixed(3);
  const total = results.reduce((s, r) => s + (r.verdict?.elapsedMs ?? 0), 0);
  const a = escapeXml;
  const cases = results.map((r) => {
    const p = r.probe;
    const lines = [
      `    <testcase classname="${a(p.flow.firewall)}" name="${a(`${p.requirement} ${p.destination}:${port(r)}`)}" time="${time(r.verdict?.elapsedMs ?? 0)}">`,
      '      <properties>',
      ...p.citations.map((c) => `        <property name="citation" value="${a(citationText(c))}"/>`),
      `        <property name="application" value="${a(`${p.flow.transport} ${p.flow.application}`)}"/>`,
      `        <property name="method" value="${a(p.method)}"/>`,
      `        <property name="required" value="${p.required}"/>`,
      ...(r.verdict ? [`        <property name="verdict" value="${a(r.verdict.kind)}"/>`, `        <property name="pathOpen" value="${a(String(r.verdict.pathOpen))}"/>`] : []),
      '      </properties>',
    ];
    if (r.outcome === 'not-probed') lines.push(`      <skipped message="${a(p.skipped ?? 'not probed')}"/>`);
    else if (r.outcome === 'fail' && p.required) {
      lines.push(`      <failure type="${a(r.verdict!.kind)}" message="${a(r.verdict!.summary)}">${a(JSON.stringify(r.verdict!.evidence, null, 2))}</failure>`);
    }
    lines.push(`      <system-out>${a(`${r.verdict?.summary ?? p.skipped ?? ''}\n${p.citations.map(citationText).join('\n')}`)}</system-out>`);
    lines.push('    </testcase>');
    return lines.join('\n');
  });
  const name = `portolan probe from ${vantageText(vantage)}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${a(name)}" tests="${results.length}" failures="${failures}" skipped="${counts.notProbed}" time="${time(total)}">`,
    `  <testsuite name="${a(name)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${counts.notProbed}" time="${time(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function formatReport(format: ReportFormat, results: readonly ProbeResult[], vantage: Vantage): string {
  return format === 'json' ? formatJson(results, vantage) : format === 'junit' ? formatJunit(results, vantage) : formatTable(results, vantage);
}
