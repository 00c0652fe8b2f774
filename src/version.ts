// Portolan's own version, from package.json (printed on plans and diagrams).
import { createRequire } from 'node:module';

export const PORTOLAN_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
