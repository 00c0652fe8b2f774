// What the golden files hold: every target rendered for every example, with each refusal
// recorded as a `.refused.txt` file (a target that cannot express a firewall says why).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderAll } from '../../src/cli/commands/render.ts';
import { rendererTargets } from '../../src/platforms/index.ts';
import { loadTopology } from '../../src/topology/load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const GOLDEN_DIR = join(ROOT, 'test', 'golden');
export const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();

export interface GoldenOutput { target: string; example: string; file: string; content: string }

export function goldenOutputs(): GoldenOutput[] {
  const out: GoldenOutput[] = [];
  for (const target of rendererTargets()) {
    for (const file of EXAMPLES) {
      const example = file.replace(/\.yaml$/, '');
      // Paths relative to the repository keep the output independent of the checkout location.
      const { files, skipped } = renderAll(loadTopology(`examples/${file}`), target);
      for (const f of files) out.push({ target, example, file: f.file, content: f.content });
      for (const s of skipped) out.push({ target, example, file: `${s.firewall}.refused.txt`, content: `${s.reason}\n` });
    }
  }
  return out;
}
