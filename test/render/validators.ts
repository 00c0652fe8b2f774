// Runs Debian's own validators on rendered text. Packet-filter checks run inside `unshare --net`
// so they never touch the machine's rule set.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Verdict {
  ok: boolean;
  output: string;
}

function run(cmd: string[], text: string, name: string): Verdict {
  const file = join(mkdtempSync(join(tmpdir(), 'portolan-validate-')), name);
  writeFileSync(file, text);
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

export const nftCheck = (text: string) => run(['unshare', '--net', 'nft', '-c', '-f'], text, 'rules.nft');
export const iptablesCheck = (text: string) => run(['unshare', '--net', 'iptables-restore', '--test'], text, 'rules.v4');
export const ip6tablesCheck = (text: string) => run(['unshare', '--net', 'ip6tables-restore', '--test'], text, 'rules.v6');
/** Well-formedness by libxml2 (a parser that is not ours) for the XML targets. */
export const xmlCheck = (text: string) => run(['xmllint', '--noout'], text, 'config.xml');
export const haproxyCheck = (text: string) => run(['haproxy', '-c', '-f'], text, 'haproxy.cfg');
