// portolan completion: a completion script for bash, zsh or fish, made from the command list
// and each command's --help (so it never disagrees with the options the commands take).
import { UsageError } from '../../errors.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { COMMANDS, loadCommands } from '../registry.ts';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const HELP = `usage: portolan completion bash|zsh|fish

Prints a completion script for the shell: command names, each command's options, files for
the rest. Install it with, for example:

  bash:  portolan completion bash > ~/.local/share/bash-completion/completions/portolan
  zsh:   portolan completion zsh > "\${fpath[1]}/_portolan"   (then: compinit)
  fish:  portolan completion fish > ~/.config/fish/completions/portolan.fish
`;

export interface CommandOptions {
  name: string;
  summary: string;
  options: string[];
}

/** The long options a command's --help lists, in order of first mention. */
export function optionsOf(help: string): string[] {
  return [...new Set([...help.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]))].concat('--help');
}

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function bashScript(cs: CommandOptions[]): string {
  return [
    '# bash completion for portolan (portolan completion bash)',
    '_portolan() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]}',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W ${sq(['--help', '--version', ...cs.map((c) => c.name)].join(' '))} -- "$cur"))`,
    '    return',
    '  fi',
    '  local opts=',
    '  case ${COMP_WORDS[1]} in',
    ...cs.map((c) => `    ${c.name}) opts=${sq(c.options.join(' '))} ;;`),
    '  esac',
    '  if [[ $cur == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
    '  else',
    '    COMPREPLY=($(compgen -f -- "$cur"))',
    '  fi',
    '}',
    'complete -o filenames -F _portolan portolan',
    '',
  ].join('\n');
}

export function zshScript(cs: CommandOptions[]): string {
  const esc = (s: string) => s.replace(/[:\\]/g, '\\$&');
  return [
    '#compdef portolan',
    '# zsh completion for portolan (portolan completion zsh)',
    '_portolan() {',
    '  local -a commands',
    '  commands=(',
    ...cs.map((c) => `    ${sq(`${c.name}:${esc(c.summary)}`)}`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    '  case $words[2] in',
    ...cs.map((c) => `    ${c.name}) _arguments '*:file:_files' ${c.options.map((o) => sq(`${o}[]`)).join(' ')} ;;`),
    '  esac',
    '}',
    'compdef _portolan portolan',
    '',
  ].join('\n');
}

export function fishScript(cs: CommandOptions[]): string {
  const names = cs.map((c) => c.name).join(' ');
  return [
    '# fish completion for portolan (portolan completion fish)',
    'complete -c portolan -f -n __fish_use_subcommand -l version -d "print the version"',
    ...cs.map((c) => `complete -c portolan -f -n __fish_use_subcommand -a ${c.name} -d ${sq(c.summary)}`),
    ...cs.flatMap((c) => c.options.map((o) => `complete -c portolan -n ${sq(`__fish_seen_subcommand_from ${c.name}`)} -l ${o.slice(2)}`)),
    `complete -c portolan -n ${sq(`__fish_seen_subcommand_from ${names}`)} -F`,
    '',
  ].join('\n');
}

export const completionCommand: Command = {
  name: 'completion',
  help: HELP,
  async run(args, io) {
    const { positionals } = parse(args, {}, { min: 1, max: 1, names: 'shell (bash, zsh or fish)' });
    const shell = positionals[0] as Shell;
    if (!SHELLS.includes(shell)) throw new UsageError(`completion takes one of ${SHELLS.join(', ')}; got '${positionals[0]}'`);
    const loaded = await loadCommands();
    const cs = COMMANDS.map((e, i) => ({ name: e.name, summary: e.summary, options: optionsOf(loaded[i]!.help) }));
    io.stdout({ bash: bashScript, zsh: zshScript, fish: fishScript }[shell](cs));
    return 0;
  },
};
