// A checkout's way of running Portolan: the TypeScript sources through tsx (a devDependency), so
// edits take effect at once. bin/portolan imports this only where src/ exists; the package ships
// neither, and runs the compiled dist/ instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
