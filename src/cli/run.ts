// The program as a process: bin/portolan runs this (compiled, dist/cli/run.js, in the package).
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
