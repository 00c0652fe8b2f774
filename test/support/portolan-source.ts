// `portolan` as a process, from the TypeScript sources (tests that need a real terminal or real
// standard input run this, so they test the code in the worktree, not a stale dist/).
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
