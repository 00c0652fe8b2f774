// portolan serve: the local planner in a browser.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, UsageError } from '../../errors.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startPlanner, type Planner } from '../../serve/server.ts';
import { parseTopology } from '../../topology/load.ts';
import { looksLikeXml } from '../../import/read.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';

const HELP = `usage: portolan serve [TOPOLOGY] [--port N] [--host H]

The planner: a local web page with a topology editor (YAML, completion from the topology's JSON
Schema, errors inline at the line and column 'portolan check' reports), the deployment diagram,
the flows table (filter by firewall, role, port; each row cites its document, table and row),
the rendered configuration per target (copy or download), DNS records, certificates, design
findings, and an audit tab (paste or upload a firewall configuration: its findings in a table
and painted on the diagram). The page and its scripts are served from the package: no CDN,
works offline.

Safe by default: listens on ${DEFAULT_HOST} only; refuses requests whose Host or Origin is not its
own (DNS rebinding, cross-site posts); limits request bodies to 2 MiB; writes no file except
TOPOLOGY itself on an explicit Save, atomically, and refuses when the file changed on disk
since it was loaded. Without TOPOLOGY it starts from a template and cannot save. A Topology
Builder file is refused: import it to YAML first (portolan import, docs/import.md).

options:
  --port N   TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H   address to listen on (default ${DEFAULT_HOST}); another address exposes the planner
             to that network, and browsers must then use exactly H in the address bar
Stop with Ctrl-C.
`;

export const serveCommand: Command = {
  name: 'serve',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { port: { type: 'string' }, host: { type: 'string' } }, { min: 0, max: 1, names: 'TOPOLOGY file' });
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a TCP port number (0-65535); got '${values.port}'`);
    const file = positionals[0];
    if (file === '-') throw new UsageError('serve edits a file: give its path (standard input cannot be saved back)');
    if (file !== undefined && !existsSync(file)) throw new InputError('cannot read topology file: ENOENT', { file, line: 1, col: 1 });
    // The planner edits and saves YAML: a Topology Builder file is imported once, then edited.
    if (file !== undefined && looksLikeXml(readFileSync(file))) throw new UsageError(`${file} is Topology Builder XML; the planner edits a topology YAML: portolan import ${file} -o topology.yaml, then portolan serve topology.yaml`);
    let planner: Planner;
    try {
      planner = await startPlanner({ ...(file ? { topologyFile: file } : {}), port, host: values.host ?? DEFAULT_HOST });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UsageError(`cannot listen on ${values.host ?? DEFAULT_HOST}:${port}: ${code}`);
      throw new UsageError((e as Error).message);
    }
    if (file) {
      // Say at once when the file has errors; the page shows them too.
      try { parseTopology(readFileSync(file, 'utf8'), file); } catch { io.stderr(`portolan serve: ${file} has errors; the planner shows them\n`); }
    }
    io.stderr(`portolan serve: the planner is at ${planner.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => { void planner.close().then(resolve); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
