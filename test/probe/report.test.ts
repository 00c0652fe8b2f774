// Reports: the JUnit XML is well-formed (checked by a small strict parser written here, since
// xmllint is not among the installed packages) whatever the summaries contain; one test case per
// flow and destination with its citation; a failure element only for failed required flows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Flow } from '../../src/flows/types.ts';
import type { PlannedProbe } from '../../src/probe/plan.ts';
import type { ProbeResult } from '../../src/probe/runner.ts';
import { escapeXml } from '../../src/xml/escape.ts';
import { formatJson, formatJunit, formatTable } from '../../src/probe/report.ts';

interface El { name: string; attrs: Record<string, string>; children: El[]; text: string }

/** Strict XML 1.0 well-formedness for what JUnit writers emit: declaration, elements, attributes, text, entities. */
function parseXml(xml: string): El {
  let i = 0;
  const fail = (m: string): never => { throw new Error(`${m} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`); };
  const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
  const name = () => { NAME.lastIndex = i; const m = NAME.exec(xml) ?? fail('name expected'); i += m[0].length; return m[0]; };
  const ws = () => { while (/\s/.test(xml[i] ?? '')) i++; };
  const text = (stop: string) => {
    let out = '';
    while (i < xml.length && !stop.includes(xml[i]!)) {
      const c = xml[i]!;
      if (c === '&') {
        const m = /^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/.exec(xml.slice(i)) ?? fail('bad entity');
        out += m[1] === 'lt' ? '<' : m[1] === 'gt' ? '>' : m[1] === 'amp' ? '&' : m[1] === 'quot' ? '"' : m[1] === 'apos' ? "'" : String.fromCodePoint(m[1]!.startsWith('#x') ? parseInt(m[1]!.slice(2), 16) : parseInt(m[1]!.slice(1), 10));
        i += m[0].length;
      } else {
        if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(c)) fail('character not allowed in XML');
        out += c; i++;
      }
    }
    return out;
  };
  const element = (): El => {
    if (xml[i] !== '<') fail('< expected');
    i++;
    const el: El = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      ws();
      if (xml.startsWith('/>', i)) { i += 2; return el; }
      if (xml[i] === '>') { i++; break; }
      const a = name();
      if (a in el.attrs) fail(`duplicate attribute ${a}`);
      ws(); if (xml[i] !== '=') fail('= expected'); i++; ws();
      const q = xml[i]; if (q !== '"' && q !== "'") fail('quote expected'); i++;
      const v = text(`${q}<`); if (xml[i] !== q) fail('unterminated attribute'); i++;
      el.attrs[a] = v;
    }
    for (;;) {
      el.text += text('<');
      if (i >= xml.length) fail(`unclosed <${el.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2; const n = name(); if (n !== el.name) fail(`</${n}> closes <${el.name}>`); ws();
        if (xml[i] !== '>') fail('> expected'); i++; return el;
      }
      el.children.push(element());
    }
  };
  if (xml.startsWith('<?xml')) { const e = xml.indexOf('?>'); if (e < 0) fail('bad declaration'); i = e + 2; }
  ws();
  const root = element();
  ws();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

const NASTY = `<b>&"quoted" 'apos' ]]> \u0001ctl \u0000nul ünïcødé 🛰`;

function flow(requirement: string, firewall: Flow['firewall'] = 'external'): Flow {
  return {
    firewall, direction: 'in', role: 'Access', source: 'Any', sourcePort: 'Any', destination: ['10.45.16.10'],
    destinationPort: { from: 443, to: 443 }, transport: 'TCP', application: 'SIP (TLS)', family: 'ipv4', requirement,
    citations: [{ document: '002_05efe164eb02fb9d.txt', table: `External Ports Settings ${NASTY}`, row: 3 }], note: '', sourceName: 'a', destinationName: 'b',
  };
}

function result(req: string, outcome: ProbeResult['outcome'], required = true): ProbeResult {
  const probe: PlannedProbe = {
    flow: flow(req), requirement: req, citations: flow(req).citations, destination: '10.45.16.10', method: 'SIP OPTIONS over TLS 443',
    required, ...(outcome === 'not-probed' ? { skipped: `not probed (${NASTY})` } : { spec: { kind: 'tcp', host: '10.45.16.10', port: 443 } }),
  };
  if (outcome === 'not-probed') return { probe, outcome };
  return {
    probe, outcome,
    verdict: { kind: outcome === 'pass' ? 'answered' : 'protocol-error', pathOpen: true, ok: outcome === 'pass', summary: `SIP/2.0 403 ${NASTY}`, evidence: { statusLine: NASTY }, elapsedMs: 12 },
  };
}

const RESULTS = [result('req.pass', 'pass'), result('req.fail', 'fail'), result('req.optional', 'fail', false), result('req.not-probed', 'not-probed')];

test('junit: well-formed XML, one test case per flow, failures only for required flows', () => {
  const xml = formatJunit(RESULTS, { kind: 'internet' });
  const root = parseXml(xml);
  assert.equal(root.name, 'testsuites');
  const cases = all(root, 'testcase');
  assert.equal(cases.length, 4);
  assert.deepEqual(cases.map((c) => c.attrs.classname), ['external', 'external', 'external', 'external']);
  assert.deepEqual(cases.map((c) => c.attrs.name), ['req.pass 10.45.16.10:443', 'req.fail 10.45.16.10:443', 'req.optional 10.45.16.10:443', 'req.not-probed 10.45.16.10:443']);
  assert.deepEqual(cases.map((c) => all(c, 'failure').length), [0, 1, 0, 0]);
  assert.equal(all(cases[3]!, 'skipped').length, 1);
  assert.equal(root.attrs.failures, '1');
  const suite = all(root, 'testsuite')[0]!;
  assert.deepEqual([suite.attrs.tests, suite.attrs.failures, suite.attrs.skipped], ['4', '1', '1']);
  // the citation survives the round trip, minus the characters XML cannot carry
  const citation = all(cases[0]!, 'property').find((p) => p.attrs.name === 'citation')!;
  assert.equal(citation.attrs.value, `002_05efe164eb02fb9d.txt: External Ports Settings <b>&"quoted" 'apos' ]]> ctl nul ünïcødé 🛰, row 3`);
  assert.match(all(cases[1]!, 'failure')[0]!.attrs.message!, /^SIP\/2\.0 403 <b>&"quoted"/);
  assert.match(all(cases[0]!, 'system-out')[0]!.text, /002_05efe164eb02fb9d\.txt/);
});

test('escapeXml drops characters XML 1.0 forbids and escapes markup', () => {
  assert.equal(escapeXml('a<b>&"\'\u0000\u001f\ud800z'), 'a&lt;b&gt;&amp;&quot;&apos;z');
  assert.throws(() => parseXml('<a x="1" x="2"/>'), /duplicate attribute/);
  assert.throws(() => parseXml('<a>&bogus;</a>'), /bad entity/);
  assert.throws(() => parseXml('<a><b></a>'), /closes/);
});

test('json and table carry outcome, verdict, requirement and citations', () => {
  const j = JSON.parse(formatJson(RESULTS, { kind: 'address', address: '198.51.100.7' }));
  assert.equal(j.vantage, '198.51.100.7');
  assert.deepEqual(j.summary, { pass: 1, fail: 2, requiredFail: 1, notProbed: 1 });
  assert.deepEqual(j.results.map((r: { outcome: string }) => r.outcome), ['pass', 'fail', 'fail', 'not-probed']);
  assert.equal(j.results[1].verdict.kind, 'protocol-error');
  assert.equal(j.results[0].citations[0].row, 3);
  const table = formatTable(RESULTS, { kind: 'internet' });
  assert.deepEqual(table.split('\n').slice(1, 5).map((l) => l.split(/\s+/)[0]), ['PASS', 'FAIL', 'WARN', 'SKIP']);
  assert.match(table, /4 checks, 1 passed, 2 failed \(1 required\), 1 not probed/);
});
