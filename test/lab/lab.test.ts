// `lab up && lab verify && lab down` for every example with an edge (root; real servers).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labUp, labVerify, stateDir } from '../../src/lab/control.ts';
import { formatReport } from '../../src/lab/verify.ts';

const EXAMPLES = [
  'lync2010-single-consolidated-edge', 'lync2013-scaled-edge-dns-lb', 'lync2013-scaled-edge-hlb', 'lync2013-federation-xmpp-pic',
  'lync2013-single-edge-public', 'sfb2015-scaled-edge-dns-lb-xmpp', 'sfbse-scaled-edge-hlb', 'sfb2019-single-edge-nat',
];
const base = mkdtempSync(join(tmpdir(), 'portolan-labtest-'));

for (const ex of EXAMPLES) {
  test(`lab up, verify, down: ${ex}`, { timeout: 180_000 }, async () => {
    const file = `examples/${ex}.yaml`;
    const state = stateDir(file, base);
    await labUp(file, state);
    try {
      // A second `up` of the same lab is a usage error (exit 2), and leaves the running lab alone.
      if (ex === EXAMPLES[0]) await assert.rejects(labUp(file, state), (e: { exitCode?: number; message: string }) => e.exitCode === 2 && /already up/.test(e.message));
      const r = await labVerify(state);
      assert.equal(r.failures.length, 0, formatReport(r));
      assert.ok(r.required > 20 && r.forbidden > 100, formatReport(r));
      if (ex.endsWith('-nat')) {
        // The external firewall's 1:1 NAT: the internet reached the public addresses, and the edge
        // saw the client's own source address, never the firewall's.
        assert.ok(r.nat && r.nat.passed && r.nat.inboundTasks >= 4 && r.nat.clientPackets > 0 && r.nat.firewallPackets === 0, formatReport(r));
      } else {
        assert.equal(r.nat, undefined);
      }
    } finally {
      await labDown(state);
    }
  });
}
