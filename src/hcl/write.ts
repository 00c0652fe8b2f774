// HCL output shared by the Terraform renderers (aws, azure): string literals, resource labels,
// and blocks laid out as `terraform fmt` writes them.

/** HCL string literal: escapes quotes, backslashes and template sequences. */
export function hclString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${body}"`;
}

/** Terraform resource label: letters, digits, underscores; starts with a letter. */
export function tfLabel(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(s) ? s : `r_${s}`;
}

/**
 * An HCL block laid out as `terraform fmt` writes it: `=` aligned within each run of one-line
 * attributes; a multi-line value ends the run and is not padded.
 */
export function block(head: string, attrs: [string, string][]): string {
  const lines = [`${head} {`];
  for (let i = 0; i < attrs.length; ) {
    if (attrs[i]![1].includes('\n')) {
      lines.push(`  ${attrs[i]![0]} = ${attrs[i]![1]}`);
      i++;
      continue;
    }
    let j = i;
    while (j < attrs.length && !attrs[j]![1].includes('\n')) j++;
    const run = attrs.slice(i, j);
    const width = Math.max(...run.map(([k]) => k.length));
    for (const [k, v] of run) lines.push(`  ${k.padEnd(width)} = ${v}`);
    i = j;
  }
  lines.push('}');
  return lines.join('\n');
}
