// The imported topology as YAML, every value commented with the XML element and line it came
// from, so a reviewer can check each against the file. The one topology loader reads it back.
import { stringify } from 'yaml';
import type { Imported } from './to-topology.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const scalar = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();

export function importedYaml(imp: Imported, file: string, form: string): string {
  const unresolved = new Set(imp.unresolved.map((u) => u.path));
  const note = (path: string) => {
    const o = imp.origins.get(path);
    if (!o) return '';
    const why = unresolved.has(path) ? ': no address (0.0.0.0), unresolved: give it here or import with --resolve'
      : imp.inferred.has(path) ? ': inferred from the number of machines (the file does not say; hardware: set it here)' : '';
    return `  # <${o.element}> line ${o.line}${why}`;
  };
  const out: string[] = [
    `# Imported by portolan import from ${file} (${form}).`,
    '# Each value names the XML element and line it came from. What the file does not say (client',
    '# networks, zones, features, federation partners, a reverse proxy, hardware load balancer VIPs)',
    '# belongs in an overlay: portolan COMMAND topology.xml --overlay overlay.yaml (docs/import.md).',
    ...(imp.resolvedBy ? [`# Hosts at 0.0.0.0 in the file were resolved with DNS server ${imp.resolvedBy}.`] : []),
  ];
  const emit = (value: unknown, path: string, indent: string, lead: string): void => {
    // `lead` is what starts the line: "key:" or "- " (an entry) or "- key:".
    if (isObject(value)) {
      const entries = Object.entries(value);
      // The first key of a list entry shares the line with its "- ".
      entries.forEach(([k, v], i) => emitKey(k, v, `${path ? `${path}.` : ''}${k}`, indent, i === 0 && lead.endsWith('- ') ? lead : indent));
      return;
    }
    out.push(`${lead}${scalar(value)}${note(path)}`);
  };
  const emitKey = (k: string, v: unknown, path: string, indent: string, prefix: string) => {
    if (isObject(v)) {
      out.push(`${prefix}${k}:${note(path)}`);
      emit(v, path, `${indent}  `, `${indent}  `);
    } else if (Array.isArray(v)) {
      out.push(`${prefix}${k}:${note(path)}`);
      v.forEach((item, i) => {
        if (isObject(item)) emit(item, `${path}.${i}`, `${indent}    `, `${indent}  - `);
        else out.push(`${indent}  - ${scalar(item)}${note(`${path}.${i}`)}`);
      });
    } else {
      out.push(`${prefix}${k}: ${scalar(v)}${note(path)}`);
    }
  };
  emit(imp.data, '', '', '');
  return `${out.join('\n')}\n`;
}
