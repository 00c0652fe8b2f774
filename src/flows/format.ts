// Flows as rows: the column contract of DESIGN.md (csv, json, table, markdown).
import type { PortSpec } from '../catalog/types.ts';
import { citationDetail, citationRecord, citationText } from '../catalog/citation-text.ts';
import { source } from '../catalog/sources.ts';
import { csv } from '../text/csv.ts';
import { markdownTable } from '../text/markdown.ts';
import { textTable } from '../text/table.ts';
import type { Flow } from './types.ts';
import { FIREWALL_ORDER } from './compile.ts';
import { formatPortRange } from '../net/port.ts';

export function portText(p: PortSpec): string {
  return p === 'Any' ? 'Any' : formatPortRange(p);
}
export function addressText(a: string[] | 'Any'): string {
  return a === 'Any' ? 'Any' : a.join(' ');
}
export { citationText };

/** A flow's notes on one line (each row's note, verbatim). */
export function notesText(f: Pick<Flow, 'notes'>): string {
  return f.notes.join(' | ');
}

/** A flow's citations on one line, each with the row's own wording where it differs. */
export function citationsDetail(f: Pick<Flow, 'citations'>): string {
  return f.citations.map(citationDetail).join('; ');
}

export const FLOW_COLUMNS = ['firewall', 'direction', 'role', 'source', 'source_port', 'destination', 'destination_port', 'transport', 'application', 'requirement'] as const;

export function flowRecord(f: Flow) {
  return {
    firewall: f.firewall,
    direction: f.direction,
    role: f.role,
    source: addressText(f.source),
    source_port: portText(f.sourcePort),
    destination: addressText(f.destination),
    destination_port: portText(f.destinationPort),
    transport: f.transport,
    application: f.application,
    requirement: f.requirement,
    source_name: f.sourceName,
    destination_name: f.destinationName,
    family: f.family,
    notes: f.notes,
    citations: f.citations.map(citationRecord),
  };
}

function rows(flows: Flow[]): string[][] {
  return flows.map((f) => {
    const r = flowRecord(f);
    return FLOW_COLUMNS.map((k) => String(r[k]));
  });
}

export function flowsCsv(flows: Flow[]): string {
  const header = [...FLOW_COLUMNS, 'notes', 'citations'];
  return csv(header, flows.map((f) => [...rows([f])[0], notesText(f), citationsDetail(f)]));
}

export function flowsJson(flows: Flow[]): string {
  return JSON.stringify(flows.map(flowRecord), null, 2) + '\n';
}

/**
 * The flows as a terminal table. Citations are short keys (A14 = table A, row 14); the legend
 * under the table names each key's article, table and URL.
 */
export function flowsTable(flows: Flow[]): string {
  const keys = new Map<string, string>();
  const legend: string[] = [];
  const keyOf = (document: string, table: string): string => {
    const k = `${document}\u0000${table}`;
    if (!keys.has(k)) {
      const key = legendKey(keys.size);
      keys.set(k, key);
      const s = source(document);
      legend.push(`${key} = ${s.title}, "${table}"${s.url ? ` <${s.url}>` : ''}`);
    }
    return keys.get(k)!;
  };
  const body = flows.map((f) => [...rows([f])[0], f.citations.map((c) => `${keyOf(c.document, c.table)}${c.row}`).join(' ')]);
  return textTable([...FLOW_COLUMNS, 'cites'], body) + (legend.length ? `\nCited rows:\n${legend.map((l) => `  ${l}`).join('\n')}\n` : '');
}

/** A, B, …, Z, AA, AB, … */
function legendKey(n: number): string {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** One section per firewall, in the documents' column order. */
export function flowsMarkdown(flows: Flow[]): string {
  const out: string[] = [];
  for (const fw of FIREWALL_ORDER) {
    const fs = flows.filter((f) => f.firewall === fw);
    if (fs.length === 0) continue;
    out.push(`## Firewall: ${fw}\n`);
    out.push(markdownTable(
      ['Direction', 'Role', 'Source address', 'Source port', 'Destination address', 'Destination port', 'Transport', 'Application', 'Notes', 'Citation'],
      fs.map((f) => [f.direction, f.role, addressText(f.source), portText(f.sourcePort), addressText(f.destination), portText(f.destinationPort), f.transport, f.application, notesText(f), citationsDetail(f)]),
    ));
  }
  return out.join('\n');
}
