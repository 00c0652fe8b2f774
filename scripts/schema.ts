// Writes docs/topology.schema.json from the schema the loader validates with.
import { writeFileSync } from 'node:fs';
import { TOPOLOGY_SCHEMA } from '../src/topology/schema.ts';

writeFileSync('docs/topology.schema.json', JSON.stringify(TOPOLOGY_SCHEMA, null, 2) + '\n');
console.log('wrote docs/topology.schema.json');
