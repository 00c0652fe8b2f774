// Writing outputs: a directory or the wrong kind of file where an output goes, a read-only or full
// filesystem (a tiny tmpfs in a private mount namespace) are exit 2 with the reason and leave no
// temporary file; `render -o DIR` writes one generation and reports another render's files;
// a closed pipe ends a command quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { MANIFEST, writeGeneration } from '../../src/files.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'portolan');
const HLB = join(ROOT, 'examples', 'lync2013-scaled-edge-hlb.yaml');
const SERVERS = join(ROOT, 'examples', 'lync2010-internal-servers.yaml');

async function run(...args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false });
  return { code, out, err };
}

const everything = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
const noTemp = (dir: string) => assert.deepEqual(everything(dir).filter((f) => /portolan-\d+|\.tmp$/.test(f)), [], 'no temporary file left');

test('-o at an existing directory, under a file, or at a file where a directory goes: exit 2 with the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-out-'));
  mkdirSync(join(dir, 'adir'));
  mkdirSync(join(dir, 'adir.html'));
  writeFileSync(join(dir, 'afile'), 'mine\n');
  const cases: [string[], RegExp][] = [
    [['render', HLB, '--target', 'nftables', '--firewall', 'external', '-o', join(dir, 'adir')], /cannot write .*adir: it is a directory/],
    [['plan', HLB, '-o', join(dir, 'adir.html')], /cannot write .*adir\.html: it is a directory/],
    [['render', HLB, '--target', 'nftables', '--firewall', 'external', '-o', join(dir, 'afile', 'x.nft')], /cannot write .*x\.nft: .*ENOTDIR|not a directory/],
    [['render', HLB, '--target', 'nftables', '-o', join(dir, 'afile')], /cannot write into .*afile: it exists and is not a directory/],
  ];
  for (const [args, reason] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, reason);
  }
  assert.equal(readFileSync(join(dir, 'afile'), 'utf8'), 'mine\n');
  assert.deepEqual(everything(dir), ['adir', 'adir.html', 'afile']);
});

/** Runs the binary with -o inside a tmpfs of its own (private mount namespace); returns its result and what the tmpfs holds after. */
function inTmpfs(mountOptions: string, args: string[]) {
  const mnt = mkdtempSync(join(tmpdir(), 'portolan-mnt-'));
  const script = `mount -t tmpfs -o ${mountOptions} portolan-test "$1" || exit 99; shift; "$@"; rc=$?; echo "::rc=$rc"; find "${mnt}" -mindepth 1 | sort | sed 's/^/::left /'`;
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', mnt, BIN, ...args.map((a) => a.replace('@mnt', mnt))], { encoding: 'utf8' });
  assert.notEqual(r.status, 99, `mount failed: ${r.stderr}`);
  const rc = Number(/::rc=(\d+)/.exec(r.stdout)![1]);
  const left = [...r.stdout.matchAll(/::left (.*)/g)].map((m) => m[1]!.slice(mnt.length + 1));
  return { rc, stderr: r.stderr, left };
}

test('a read-only filesystem: exit 2, the reason, nothing written', () => {
  const r = inTmpfs('ro,size=1m', ['render', HLB, '--target', 'nftables', '-o', '@mnt/out']);
  assert.equal(r.rc, 2, r.stderr);
  assert.match(r.stderr, /cannot write .*out: the filesystem is read-only \(EROFS\)/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.deepEqual(r.left, []);
});

test('a full disk: exit 2, the reason, no temporary file or half a directory left', () => {
  for (const args of [['render', HLB, '--target', 'nftables', '-o', '@mnt/out'], ['plan', HLB, '-o', '@mnt/plan.html'], ['render', HLB, '--target', 'nftables', '--firewall', 'external', '-o', '@mnt/external.nft']]) {
    const r = inTmpfs('size=4k', args);
    assert.equal(r.rc, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /no space left on the device \(ENOSPC\)/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(r.left, [], `${args.join(' ')} left ${r.left.join(', ')}`);
  }
});

test('render -o DIR: one generation; another topology\'s files are reported and go, the user\'s stay', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'portolan-gen-')), 'out');
  assert.equal((await run('render', HLB, '--target', 'nftables', '-o', dir)).code, 0);
  const first = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  assert.deepEqual(first.files, ['external.nft', 'internal.nft', 'host-edge.nft', 'host-frontend.nft', 'load-balancer.nft']);
  writeFileSync(join(dir, 'NOTES.txt'), 'change 4711\n');
  const r = await run('render', SERVERS, '--target', 'nftables', '-o', dir);
  assert.equal(r.code, 0);
  const second = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  const stale = first.files.filter((f: string) => !second.files.includes(f));
  assert.deepEqual(stale, ['external.nft', 'internal.nft', 'host-edge.nft']);
  for (const f of stale) assert.match(r.err, new RegExp(`removed stale .*${f.replace('.', '\\.')} \\(written by: portolan render .*lync2013-scaled-edge-hlb\\.yaml --target nftables\\)`));
  assert.match(r.err, /kept .*NOTES\.txt/);
  assert.deepEqual(everything(dir), [...second.files, MANIFEST, 'NOTES.txt'].sort());
  assert.equal(readFileSync(join(dir, 'NOTES.txt'), 'utf8'), 'change 4711\n');
  noTemp(join(dir, '..'));
});

test('a write killed between its renames is put back by the next one', () => {
  const base = mkdtempSync(join(tmpdir(), 'portolan-gen-'));
  const dir = join(base, 'out');
  writeGeneration(dir, [{ file: 'a.nft', content: 'old\n' }], 'render old.yaml --target nftables');
  // What a SIGKILL after `rename(dir, old)` leaves: no directory, the old generation beside it.
  const dead = 2 ** 22 + 12345;
  spawnSync('mv', [dir, join(base, `.out.portolan-${dead}-x.old`)]);
  mkdirSync(join(base, `.out.portolan-${dead}-y.tmp`));
  const r = writeGeneration(dir, [{ file: 'b.nft', content: 'new\n' }], 'render new.yaml --target nftables');
  assert.deepEqual(r.stale, [{ file: 'a.nft', writtenBy: 'render old.yaml --target nftables' }]);
  assert.deepEqual(everything(base), ['out', `out/${MANIFEST}`, 'out/b.nft']);
});

test('a closed pipe (portolan catalog | head -1) ends quietly', () => {
  const r = spawnSync('bash', ['-c', `"${BIN}" catalog 2>"$1" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "$1"`, 'bash', join(mkdtempSync(join(tmpdir(), 'portolan-pipe-')), 'err')], { encoding: 'utf8' });
  const [status, ...err] = r.stdout.split('\n');
  assert.equal(status, '0');
  assert.equal(err.join('\n').trim(), '', 'nothing on stderr');
  assert.ok(existsSync(BIN));
});
