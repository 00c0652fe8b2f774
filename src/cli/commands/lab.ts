// `portolan lab up|verify|down TOPOLOGY`: the namespace lab (root). See docs/lab.md.
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.ts';
import type { Command } from '../command.ts';
import { STDIN } from '../../input.ts';
import type { Io } from '../io.ts';
import { isUp, labDown, labUp, labVerify, labVerifyOnce, LabError, requireRoot, stateDir } from '../../lab/control.ts';
import { formatReport } from '../../lab/verify.ts';
import { loadAnyTopology } from '../../import/load.ts';
import { planLab } from '../../lab/addressing.ts';

const HELP = `usage: portolan lab up|verify|down TOPOLOGY [--verbose]

A miniature of the deployment in Linux network namespaces (root required): internet, external
firewall, perimeter (edge nodes, reverse proxy, hardware load balancer), internal firewall,
corporate network. The rendered nftables rules run on both firewalls; kamailio, coturn, prosody,
nginx and dnsmasq stand in for the Lync services.

  up       build the lab and keep it running (a supervisor in its own unshare tree)
  verify   probe every required flow of the external and internal firewalls from its own source,
           and a generated set of forbidden flows that must be blocked. With no lab up, builds
           one, verifies and tears it down in a single run.
  down     stop the lab; every namespace, link and server disappears with it

options:
  --verbose   verify: list every probe, not only failures

Exit status: 0 all flows proven, 1 a failure, 2 bad input, usage, or not root.

TOPOLOGY may be a topology YAML or a Topology Builder / Get-CsTopology -AsXml file
(docs/import.md); --overlay and --resolve are not taken here: import it to YAML first.
`;

export const labCommand: Command = {
  name: 'lab',
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { verbose: { type: 'boolean' } } });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const [action, file, ...rest] = parsed.positionals;
    if (!action || !['up', 'verify', 'down'].includes(action) || !file || rest.length) throw new UsageError('lab takes up|verify|down and one TOPOLOGY file');
    if (file === STDIN) throw new UsageError("lab needs a TOPOLOGY file, not '-': the lab's state is kept per file path");
    try {
      requireRoot();
      // Bad input (also a topology the lab cannot build): exit 2 with file:line:col before any namespace is made.
      planLab(loadAnyTopology(file));
      const state = stateDir(file);
      if (action === 'up') {
        const ms = await labUp(file, state);
        io.stdout(`lab up for ${file} in ${ms} ms (state ${state})\n`);
        return 0;
      }
      if (action === 'down') {
        await labDown(state);
        io.stdout(`lab down for ${file}\n`);
        return 0;
      }
      if (!isUp(state)) return await labVerifyOnce(file, !!parsed.values.verbose, state);
      const r = await labVerify(state);
      io.stdout(formatReport(r, !!parsed.values.verbose));
      return r.failures.length || (r.nat && !r.nat.passed) ? 1 : 0;
    } catch (e) {
      if (e instanceof LabError) {
        io.stderr(`lab: ${e.message}\n`);
        return e.exitCode;
      }
      throw e;
    }
  },
};

export default labCommand;
