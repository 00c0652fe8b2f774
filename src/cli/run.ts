// The program as a process: bin/portolan runs this (compiled, dist/cli/run.js, in the package).
import { endQuietlyOnClosedPipe } from './io.ts';
import { main } from './main.ts';

// `portolan catalog | head -1`: a closed pipe ends the program quietly.
endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
