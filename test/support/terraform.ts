// `terraform fmt` as a syntax judge where a terraform binary exists (Debian does not package it;
// `terraform validate` would need providers, which cannot be downloaded here).
import { spawnSync } from 'node:child_process';

export function terraformFmt(text: string): { available: boolean; ok: boolean; output: string } {
  const r = spawnSync('terraform', ['fmt', '-no-color', '-'], { input: text, encoding: 'utf8' });
  if (r.error) return { available: false, ok: false, output: String(r.error) };
  return { available: true, ok: r.status === 0 && r.stdout === text, output: `${r.stdout}${r.stderr}` };
}
