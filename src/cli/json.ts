// The one JSON envelope of every `--format json` output: which program and version wrote it,
// the envelope's format number (raised when a field changes meaning or goes away), and the
// kind of document, whose fields follow. docs/json.md has a JSON Schema per kind.
import { VERSION } from './version.ts';

/** Raise when a field of any kind changes meaning or disappears (adding fields keeps it). */
export const JSON_FORMAT = 1;

export type JsonKind = 'catalog' | 'discrepancies' | 'check' | 'flows' | 'dns' | 'certs' | 'probe' | 'audit' | 'version';

/** The envelope's own fields, for outputs written in pieces. */
export function jsonEnvelope(kind: JsonKind): { portolan: string; format: number; kind: JsonKind } {
  return { portolan: VERSION, format: JSON_FORMAT, kind };
}

export function jsonDocument(kind: JsonKind, body: Record<string, unknown>): string {
  return JSON.stringify({ ...jsonEnvelope(kind), ...body }, null, 2) + '\n';
}
