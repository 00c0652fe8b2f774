// Interrupting the lab at random points leaves nothing of it: `up`, a one-shot `verify` and
// `down` get SIGINT (or SIGKILL) at a random moment, inside a private PID and network namespace
// of the test's own, so "nothing remains" is exact: afterwards the namespace holds no process but
// the test's shell, the state directory holds nothing, and `lab down` finds no lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'portolan');
const TOPOLOGY = join(ROOT, 'examples', 'lync2010-single-consolidated-edge.yaml');

/** Seeded, so a failure can be replayed: PORTOLAN_SIGNAL_SEED=n. */
const seed = Number(process.env.PORTOLAN_SIGNAL_SEED ?? Date.now() % 100_000);
let state = seed;
const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);

/** Runs a bash script as PID 1's child in a private PID/net/mount namespace; returns its output. */
function inPrivateNamespace(script: string): string {
  const full = [
    'set -u', 'ip link set lo up', 'export PORTOLAN_LAB_DIR=$(mktemp -d /tmp/portolan-lab-signals-XXXXXX)', script,
    'sleep 1',
    // What is left: every process but this shell and ps, and every file under the state base.
    // (Forks of this script itself carry its text, with the mktemp template in it: not the lab's.)
    'echo "::procs"; ps -eo pid=,args= | awk -v self=$$ \'$1 != 1 && $1 != self && $2 != "ps" && $2 != "awk" && index($0, "signals-XXXXXX") == 0\'',
    'echo "::files"; find "$PORTOLAN_LAB_DIR" -mindepth 1',
    `echo "::down"; "${BIN}" lab down "${TOPOLOGY}" 2>&1; echo "rc=$?"`,
    'rm -rf "$PORTOLAN_LAB_DIR"',
  ].join('\n');
  const r = spawnSync('unshare', ['--pid', '--net', '--mount', '--fork', '--mount-proc', '--kill-child', 'bash', '-c', full], { cwd: ROOT, encoding: 'utf8', timeout: 400_000 });
  return r.stdout + r.stderr;
}

function assertNothingLeft(out: string, what: string) {
  const procs = /::procs\n([\s\S]*?)::files/.exec(out)![1]!.trim();
  const files = /::files\n([\s\S]*?)::down/.exec(out)![1]!.trim();
  const down = /::down\n([\s\S]*)$/.exec(out)![1]!;
  assert.equal(procs, '', `${what} (seed ${seed}): processes left:\n${procs}\n${out}`);
  assert.equal(files, '', `${what} (seed ${seed}): files left:\n${files}`);
  assert.match(down, /no lab is up[\s\S]*rc=2/, `${what} (seed ${seed}): lab down after the interruption:\n${down}`);
}

test(`interrupting lab up at a random point tears down what was started (seed ${seed})`, { timeout: 420_000 }, () => {
  const delay = (0.2 + 12 * random()).toFixed(1);
  const signal = random() < 0.8 ? 'INT' : 'TERM';
  const out = inPrivateNamespace(`"${BIN}" lab up "${TOPOLOGY}" & pid=$!; sleep ${delay}; kill -${signal} $pid; wait $pid; echo "up rc=$?"; "${BIN}" lab down "${TOPOLOGY}" >/dev/null 2>&1 || true`);
  // Interrupted before it was up, the lab is gone; if it came up first, `down` took it away: either way nothing remains.
  assertNothingLeft(out, `lab up, SIG${signal} after ${delay} s`);
});

test(`interrupting a one-shot lab verify leaves nothing, its children included (seed ${seed})`, { timeout: 420_000 }, () => {
  const delay = (0.2 + 15 * random()).toFixed(1);
  const signal = random() < 0.5 ? 'INT' : 'KILL';
  const out = inPrivateNamespace(`"${BIN}" lab verify "${TOPOLOGY}" >/dev/null 2>&1 & pid=$!; sleep ${delay}; kill -${signal} $pid; wait $pid; echo "verify rc=$?"; sleep 2`);
  assertNothingLeft(out, `lab verify, SIG${signal} after ${delay} s`);
});

test(`interrupting lab down, then down again: nothing remains, no lab is lost track of (seed ${seed})`, { timeout: 420_000 }, () => {
  const delay = (0.05 + 1.5 * random()).toFixed(2);
  const out = inPrivateNamespace(`"${BIN}" lab up "${TOPOLOGY}" >/dev/null || echo "up failed"; "${BIN}" lab down "${TOPOLOGY}" & pid=$!; sleep ${delay}; kill -INT $pid; wait $pid; "${BIN}" lab down "${TOPOLOGY}" >/dev/null 2>&1; echo "second down rc=$?"`);
  assert.doesNotMatch(out, /up failed/, out);
  assertNothingLeft(out, `lab down, SIGINT after ${delay} s`);
});
