/**
 * scenarios/schema.json is generated from the valibot schema; it must be
 * current, and it must show authors every parameter id.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARAMETERS, SECTOR_IDS } from '../../src/model/parameters';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/jsonSchema';

const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));

type Json = Record<string, any>;

describe('scenarios/schema.json', () => {
  it('is up to date with src/scenario/schema.ts and the parameter table', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === scenarioJsonSchemaText(), 'scenarios/schema.json is stale: run npm run schema').toBe(true);
  });

  it('lists every parameter id with its domain and help text', () => {
    const schema = scenarioJsonSchema() as Json;
    const parameters = schema.properties.parameters;
    expect(Object.keys(parameters.properties)).toEqual(PARAMETERS.map((p) => p.id));
    expect(parameters.additionalProperties).toBe(false);
    const responseSpeed = parameters.properties.responseSpeed;
    expect(responseSpeed.description).toContain('from 0 (exclusive) to 1');
    expect(responseSpeed.anyOf[0]).toMatchObject({ type: 'number', exclusiveMinimum: 0, maximum: 1 });
    expect(parameters.properties.reengageLag.description).toContain('Rounded to a whole number');
    expect(parameters.properties.monitoringRetained.description).toMatch(/diplomatic signal 0\.95 \(0\.85–1\)/);
  });

  it('describes the file: required keys, closed objects, known ids', () => {
    const schema = scenarioJsonSchema() as Json;
    expect(schema.required).toEqual(['id', 'title', 'interpretation', 'response', 'policy']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.interpretation.enum).toEqual(['deprioritized', 'diplomatic', 'reallocation', 'none']);
    expect(schema.$defs.effect.oneOf.map((o: Json) => o.properties.type.const)).toEqual([
      'sectorShock', 'adversaryShift', 'coverageShock', 'restraintCollapse', 'reverse',
    ]);
    expect(schema.$defs.effect.oneOf[0].properties.sector.enum).toEqual([...SECTOR_IDS]);
    // Every $ref points at a definition that exists.
    const refs = JSON.stringify(schema).match(/"#\/\$defs\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(schema.$defs).toHaveProperty(ref.slice(9, -1));
  });
});
