// Flows as rows: the column contract of DESIGN.md (csv, json, table, markdown).
import type { Citation, PortSpec } from '../catalog/types.ts';
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
export function citationText(c: Pick<Citation, 'document' | 'table' | 'row'>): string {
  return `${c.document}: ${c.table}, row ${c.row}`;
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
    note: f.note,
    citations: f.citations.map((c) => ({ document: c.document, table: c.table, row: c.row })),
  };
}

function rows(flows: Flow[]): string[][] {
  return flows.map((f) => {
    const r = flowRecord(f);
    return FLOW_COLUMNS.map((k) => String(r[k]));
  });
}

export function flowsCsv(flows: Flow[]): string {
  const header = [...FLOW_COLUMNS, 'note', 'citations'];
  return csv(header, flows.map((f) => [...rows([f])[0], f.note, f.citations.map(citationText).join('; ')]));
}

export function flowsJson(flows: Flow[]): string {
  return JSON.stringify(flows.map(flowRecord), null, 2) + '\n';
}

export function flowsTable(flows: Flow[]): string {
  return textTable([...FLOW_COLUMNS], rows(flows));
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
      fs.map((f) => [f.direction, f.role, addressText(f.source), portText(f.sourcePort), addressText(f.destination), portText(f.destinationPort), f.transport, f.application, f.note, f.citations.map(citationText).join('; ')]),
    ));
  }
  return out.join('\n');
}
