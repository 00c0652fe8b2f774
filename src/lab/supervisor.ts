// The lab's supervisor: the one process that owns a lab. It is started as
//   unshare --net --mount --pid --fork --kill-child --mount-proc node --import tsx supervisor.ts …
// so it lives in fresh network, mount and PID namespaces: /run/netns and the servers' files are
// private tmpfs mounts, every lab namespace hangs off this tree, and when the supervisor exits
// (`lab down`, a crash, SIGKILL) the kernel tears down every namespace, veth and server with it.
// It answers `lab verify` / `lab down` (and the mutation test) on a UNIX socket in the state
// directory; a pathname socket works across network namespaces.
import { spawnSync } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { must } from './exec.ts';
import { Lab } from './lab.ts';
import { privateNetnsDir } from './namespaces.ts';
import { formatReport } from './verify.ts';

export const SOCKET = 'ctl.sock';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { state: { type: 'string' }, topology: { type: 'string' }, once: { type: 'boolean' }, verbose: { type: 'boolean' } } });
  const state = values.state!, file = values.topology!;
  const log = (s: string) => process.stderr.write(`lab: ${s}\n`);
  if (process.pid !== 1) throw new Error('the supervisor must run as PID 1 of its own unshare tree');
  // A one-shot run lives only as long as the command that started it: its stdin is a pipe from
  // that command, which closes when it dies however it dies (even SIGKILL).
  if (values.once) {
    // The command cannot clean up after a SIGKILL: its run's own directory goes with the run
    // (the tmpfs is only mounted in this namespace; detached, the directory is a plain one).
    const orphaned = () => {
      spawnSync('umount', ['-l', join(state, 'run')]);
      rmSync(state, { recursive: true, force: true });
      process.exit(1);
    };
    process.stdin.on('end', orphaned);
    process.stdin.on('close', orphaned);
    process.stdin.resume();
  }
  await privateNetnsDir();
  // servers' configuration and runtime files: a tmpfs only this mount namespace sees
  const runDir = join(state, 'run');
  mkdirSync(runDir, { recursive: true });
  await must(['mount', '-t', 'tmpfs', '-o', 'size=64m', 'portolan-lab-run', runDir]);
  const lab = await Lab.build(file, runDir, log);
  log(`up in ${lab.upMs} ms`);
  if (values.once) {
    const r = await lab.verify();
    process.stdout.write(formatReport(r, values.verbose));
    lab.close();
    return r.failures.length || (r.nat && !r.nat.passed) ? 1 : 0;
  }
  const sock = join(state, SOCKET);
  rmSync(sock, { force: true });
  let zone = 1;
  const server = createServer((c: Socket) => {
    createInterface({ input: c }).on('line', async (line) => {
      const req = JSON.parse(line);
      const reply = (x: object) => c.write(JSON.stringify(x) + '\n');
      try {
        switch (req.op) {
          case 'info': return reply({ ok: true, info: lab.info(), upMs: lab.upMs });
          case 'verify': return reply({ ok: true, report: await lab.verify({ ids: req.ids, timeoutMs: req.timeoutMs }) });
          case 'nft': await lab.loadRuleset(req.firewall, req.text); return reply({ ok: true });
          case 'zone': zone = req.zone ?? zone + 1; await lab.setZone(zone); return reply({ ok: true, zone });
          case 'down':
            reply({ ok: true });
            c.end(() => { lab.close(); rmSync(sock, { force: true }); process.exit(0); });
            return;
          default: return reply({ ok: false, error: `unknown request ${req.op}` });
        }
      } catch (e) {
        reply({ ok: false, error: (e as Error).message });
      }
    });
    c.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(sock, ok));
  writeFileSync(join(state, 'ready'), `${lab.upMs}\n`);
  log(`ready: ${sock}`);
  return new Promise(() => {}); // serve until `down` (or until killed: the kernel cleans up)
}

main().then((code) => process.exit(code), (e) => { process.stderr.write(`lab: ${(e as Error).stack ?? e}\n`); process.exit(1); });
