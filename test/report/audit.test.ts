// Very large audits: listings capped per kind with the rest counted, JSON written in pieces
// identical to one JSON.stringify, and tables of any length without a stack overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditJson, auditJsonChunks, auditText, auditSarif, MAX_LISTED } from '../../src/report/audit.ts';
import { jsonChunks } from '../../src/report/json-stream.ts';
import { textTable } from '../../src/text/table.ts';
import type { AuditReport } from '../../src/audit/run.ts';
import type { OverPermission } from '../../src/analysis/overpermit.ts';

test('jsonChunks gives exactly JSON.stringify(value, replacer, 2)', () => {
  const replacer = (k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : k === 'secret' ? undefined : v);
  fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (v, depth) => {
    assert.equal([...jsonChunks(v, replacer, depth)].join(''), JSON.stringify(v, replacer, 2) + '\n');
  }), { numRuns: 300 });
  const withBigints = { a: [1n, { secret: 1, b: 2n }], c: { d: [] , e: {} }, f: undefined };
  assert.equal([...jsonChunks(withBigints, replacer, 4)].join(''), JSON.stringify(withBigints, replacer, 2) + '\n');
});

test('a table of 200,000 rows does not overflow the stack', () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => [`r${i}`, 'x'.repeat(i % 7)]);
  const t = textTable(['rule', 'what'], rows);
  assert.equal(t.split('\n').length, 200_003);
});

function hugeReport(n: number): AuditReport {
  const over: OverPermission = {
    rule: { index: 0, id: 'r0', action: 'accept', origin: { file: 'fw.rules', line: 1 } }, risk: 'low', reasons: ['accepted but not required by any flow'],
    family: 'ipv4', protocol: 'TCP', ranges: [{ source: '10.0.0.1', sourcePorts: { from: 0, to: 65535 }, destination: '10.0.0.2', destinationPorts: { from: 80, to: 80 } }], rangeCount: 1,
    example: { family: 'ipv4', protocol: 'TCP', source: '10.0.0.1', sourcePort: 0, destination: '10.0.0.2', destinationPort: 80 },
  };
  const overPermissive = Array.from({ length: n }, (_, i) => ({ ...over, rule: { ...over.rule as object, index: i, id: `r${i}` } as OverPermission['rule'] }));
  const shadowed = Array.from({ length: n }, (_, i) => ({ rule: { index: i, id: `s${i}`, action: 'accept' as const }, kind: 'redundant' as const, by: [], byCount: 0 }));
  return {
    config: 'fw.rules', platform: 'iptables', firewall: 'external', unaudited: [], unbound: [], ok: false, notEvaluated: 0,
    warnings: Array.from({ length: n }, (_, i) => ({ line: i + 1, message: 'unsupported match; rule skipped' })),
    sections: [{ policy: 'filter FORWARD', sees: 'both', result: { firewall: 'filter FORWARD', flows: [], overPermissive, shadowed, unused: [], ok: false } }],
  };
}

test('150,000 findings of each kind: every format lists MAX_LISTED and counts the rest', () => {
  const n = 150_000;
  const r = hugeReport(n);
  const text = auditText(r);
  assert.match(text, new RegExp(`\\(\\+${n - MAX_LISTED} more over-permissions not listed\\)`));
  assert.match(text, new RegExp(`\\(\\+${n - MAX_LISTED} more shadowed/redundant rules not listed\\)`));
  assert.match(text, new RegExp(`\\(\\+${n - MAX_LISTED} more warnings not listed\\)`));
  assert.match(text, new RegExp(`; ${n} over-permission\\(s\\) \\(0 high risk\\); ${n} shadowed/redundant`), 'the summary counts all');
  const json = JSON.parse(auditJson(r));
  assert.equal(json.sections[0].result.overPermissive.length, MAX_LISTED);
  assert.deepEqual(json.sections[0].result.omitted, { overPermissive: n - MAX_LISTED, shadowed: n - MAX_LISTED, unused: 0 });
  assert.deepEqual(json.omitted, { warnings: n - MAX_LISTED });
  assert.equal([...auditJsonChunks(r)].join(''), auditJson(r));
  const sarif = JSON.parse(auditSarif(r));
  assert.equal(sarif.runs[0].results.length, 2 * MAX_LISTED);
});

test('small reports are unchanged: no omitted counts', () => {
  const r = hugeReport(3);
  const json = JSON.parse(auditJson(r));
  assert.equal(json.sections[0].result.omitted, undefined);
  assert.equal(json.omitted, undefined);
  assert.doesNotMatch(auditText(r), /not listed/);
});
