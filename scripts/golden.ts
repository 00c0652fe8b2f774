// Regenerates test/golden/<target>/<example>/<firewall><ext> for every target and example.
// Run explicitly (`npm run golden`) and review the diff: the golden test never rewrites them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenOutputs, GOLDEN_DIR } from '../test/render/golden-outputs.ts';

rmSync(GOLDEN_DIR, { recursive: true, force: true });
let n = 0;
for (const g of goldenOutputs()) {
  mkdirSync(join(GOLDEN_DIR, g.target, g.example), { recursive: true });
  writeFileSync(join(GOLDEN_DIR, g.target, g.example, g.file), g.content);
  n++;
}
console.log(`wrote ${n} golden files under ${GOLDEN_DIR}`);
