// Writes docs/topology.schema.json from the schema the loader validates with, and the compiled
// validator the loader uses (src/topology/validate.generated.ts).
import { writeFileSync } from 'node:fs';
import { TOPOLOGY_SCHEMA } from '../src/topology/schema.ts';
import { topologyValidatorSource } from './topology-validator.ts';

writeFileSync('docs/topology.schema.json', JSON.stringify(TOPOLOGY_SCHEMA, null, 2) + '\n');
console.log('wrote docs/topology.schema.json');
writeFileSync('src/topology/validate.generated.ts', topologyValidatorSource());
console.log('wrote src/topology/validate.generated.ts');
