// `npm run fuzz -- --minutes N [--seed S] [--out DIR] [--zones]`: fuzzes every command that reads a
// topology and `audit` on every input form (test/fuzz/); `--zones`: only the zone-based readers
// (panos, junos, fortigate, checkpoint, pfsense, opnsense). Failing inputs go to DIR (default
// fuzz-failures/), one folder each with the command line and the reason. Progress on stderr;
// the last line is one JSON object with the counts. Exit 1 when anything failed.
import { parseArgs } from 'node:util';
import { runFuzz } from '../test/fuzz/run.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, seed: { type: 'string' }, out: { type: 'string', default: 'fuzz-failures' }, cases: { type: 'string' }, zones: { type: 'boolean', default: false } } });
const minutes = Number(values.minutes);
if (!(minutes > 0)) {
  console.error('usage: npm run fuzz -- --minutes N [--seed S] [--out DIR] [--cases N] [--zones]');
  process.exit(2);
}
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000;
const t0 = Date.now();
const s = await runFuzz({ seed, durationMs: minutes * 60_000, ...(values.cases ? { maxCases: Number(values.cases) } : {}), outDir: values.out!, only: values.zones ? 'zones' : 'all', log: (l) => console.error(l) });
console.log(JSON.stringify({ name: 'fuzz', minutes: Math.round((Date.now() - t0) / 600) / 100, ...s }));
process.exit(s.failures > 0 ? 1 : 0);
