// Writes dist/results.schema.json from the built schema, so the published JSON Schema can never drift
// from the validator that reads results files.
import { writeFileSync } from 'node:fs';
import { resultsJsonSchema } from '../dist/schema.js';

const target = new URL('../dist/results.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`);
