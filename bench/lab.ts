// `npm run bench -- lab`: for every example with an edge, bring the lab up, verify 3 times, take
// it down. Progress on stderr; the last line is JSON with flows proven, forbidden flows blocked,
// lab start time, first verify time and the median verify time. Root required.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labUp, labVerify, stateDir } from '../src/lab/control.ts';

const EXAMPLES = ['lync2010-single-consolidated-edge', 'lync2013-scaled-edge-dns-lb', 'lync2013-scaled-edge-hlb', 'lync2013-federation-xmpp-pic'];
const base = mkdtempSync(join(tmpdir(), 'portolan-labbench-'));
const results = [];
for (const example of EXAMPLES) {
  const file = `examples/${example}.yaml`;
  const state = stateDir(file, base);
  const t0 = Date.now();
  await labUp(file, state);
  const upMs = Date.now() - t0;
  const times: number[] = [];
  let last;
  try {
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      last = await labVerify(state);
      times.push(Date.now() - t);
    }
  } finally {
    await labDown(state);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.error(`${example}: up ${upMs} ms, verify ${times.join('/')} ms, ${last!.requiredPassed}/${last!.required} required, ${last!.forbiddenBlocked}/${last!.forbidden} forbidden blocked`);
  results.push({ example, flows_proven: last!.requiredPassed, forbidden_blocked: last!.forbiddenBlocked, failures: last!.failures.length, up_ms: upMs, verify_ms: times[0], median_ms: sorted[1] });
}
console.log(JSON.stringify({ name: 'lab', results }));
