/**
 * Writes scenarios/schema.json (the JSON Schema for scenario authors) from
 * the valibot schema in src/scenario/schema.ts. Run with `npm run schema`
 * after changing the scenario format or the parameter table.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/jsonSchema';

const out = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
writeFileSync(out, scenarioJsonSchemaText());
console.log(`Wrote ${out}`);
