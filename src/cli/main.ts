// Entry point: dispatches to one command; user errors become one line and exit status 2.
// Only the command that runs is loaded (registry.ts).
import { isUserError } from '../errors.ts';
import { processIo, type Io } from './io.ts';
import { COMMANDS } from './registry.ts';
import { VERSION } from './version.ts';

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: portolan COMMAND [options]',
    '       portolan --version',
    '',
    'Firewall rules, audits and wire probes for Lync Server 2010/2013 and Skype for Business',
    "Server 2015/2019/Subscription Edition deployments, computed from Microsoft's published port",
    'tables.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'portolan COMMAND --help' for a command's options. A file argument of '-' reads",
    'standard input. Tables fit the terminal (long cells wrap); --wide, or output that is not',
    'a terminal, gives full-width tables. Exit status: 0 all good, 1 findings, 2 bad input or',
    'usage.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  // --wide applies to every command's tables: taken here, so commands never see it.
  if (argv.includes('--wide')) {
    argv = argv.filter((a) => a !== '--wide');
    io = { ...io, columns: undefined };
  }
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`portolan ${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`portolan: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : command.help + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`portolan ${name}: ${e.render()}\n`);
      return 2;
    }
    throw e;
  }
}
