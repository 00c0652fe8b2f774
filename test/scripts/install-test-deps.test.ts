// scripts/install-test-deps.sh keeps services from starting while it installs, and leaves the
// machine's policy-rc.d as it found it: absent stays absent, a local one comes back, also when
// the install fails. apt-get is replaced by a recorder on PATH; the policy file by a temp path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'install-test-deps.sh');

function install(opts: { before?: string; aptStatus: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-install-'));
  const policy = join(dir, 'policy-rc.d');
  const log = join(dir, 'apt.log');
  if (opts.before !== undefined) writeFileSync(policy, opts.before);
  // The recorder: what policy-rc.d says while apt-get runs, and the packages asked for.
  writeFileSync(join(dir, 'apt-get'), `#!/bin/sh\n{ echo "apt-get $*"; "${policy}"; echo "policy exit $?"; } >> "${log}"\nexit ${opts.aptStatus}\n`);
  chmodSync(join(dir, 'apt-get'), 0o755);
  const r = spawnSync('bash', [SCRIPT], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, PORTOLAN_POLICY_RC_D: policy } });
  return { r, policy, log: readFileSync(log, 'utf8') };
}

test('no policy-rc.d before: services blocked during the install (exit 101), none after', () => {
  const { r, policy, log } = install({ aptStatus: 0 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(log, /policy exit 101/);
  assert.match(log, /apt-get install .*nftables.*python3-capirca/);
  assert.equal(existsSync(policy), false);
});

test("a machine's own policy-rc.d comes back unchanged, also when apt-get fails", () => {
  const own = '#!/bin/sh\nexit 0\n';
  const { r, policy, log } = install({ before: own, aptStatus: 100 });
  assert.notEqual(r.status, 0);
  assert.match(log, /policy exit 101/);
  assert.equal(readFileSync(policy, 'utf8'), own);
});
