/**
 * JSON Schema of the scenario file, for authors (editor completion and
 * checks in VS Code's YAML extension via the `$schema` comment at the top of
 * each file). Generated from the valibot schema, then enriched with the
 * parameter table so authors see every allowed parameter id and its domain.
 * `npm run schema` writes it to scenarios/schema.json; a unit test fails when
 * the committed file is stale.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import {
  INTERPRETATIONS,
  PARAMETERS,
  describeDomain,
  type ParamDef,
  type PauseInterpretationId,
} from '../model/parameters';
import {
  DecisionOptionSchema,
  DecisionSchema,
  EffectSchema,
  ExerciseModuleSchema,
  ExerciseSchema,
  InjectSchema,
  PolicySchema,
  QuoteSchema,
  RangeSchema,
  ScenarioFileSchema,
} from './schema';

type Json = Record<string, unknown>;

const fmt = (x: number) => String(Number(x.toPrecision(6)));
const rangeText = (r: { low: number; mode: number; high: number }) => `${fmt(r.mode)} (${fmt(r.low)}–${fmt(r.high)})`;

/** Number constraints of a parameter's domain, in JSON Schema terms. */
function domainConstraints(def: ParamDef): Json {
  const d = def.domain;
  const out: Json = { type: 'number' };
  out[d.minOpen ? 'exclusiveMinimum' : 'minimum'] = d.min;
  if (Number.isFinite(d.max)) out[d.maxOpen ? 'exclusiveMaximum' : 'maximum'] = d.max;
  return out;
}

function parameterDescription(def: ParamDef): string {
  const defaults = def.byInterpretation
    ? (Object.keys(def.byInterpretation) as PauseInterpretationId[])
        .map((k) => `${INTERPRETATIONS[k].shortLabel.toLowerCase()} ${rangeText(def.byInterpretation![k])}`)
        .join(', ')
    : rangeText(def.range);
  const rounding = def.domain.integer ? ' Rounded to a whole number.' : '';
  return `${def.label} (${def.symbol}, ${def.unit}). ${def.help} Allowed: ${describeDomain(def.domain)}.${rounding} Default: ${defaults}. Source: ${def.source}.`;
}

function parameterProperty(def: ParamDef): Json {
  const n = domainConstraints(def);
  return {
    description: parameterDescription(def),
    anyOf: [
      { ...n, description: 'The new most likely value; low and high keep their distance from it.' },
      {
        allOf: [{ $ref: '#/$defs/range' }],
        properties: { low: n, mode: n, high: n },
      },
    ],
  };
}

/** The JSON Schema object (draft-07) of a scenario file. */
export function scenarioJsonSchema(): Json {
  const schema = toJsonSchema(ScenarioFileSchema, {
    target: 'draft-07',
    errorMode: 'throw',
    // Trimming and removing direction controls are the parser's own doing, and JSON numbers are always finite.
    ignoreActions: ['trim', 'finite', 'transform'],
    definitions: {
      effect: EffectSchema,
      inject: InjectSchema,
      decision: DecisionSchema,
      decisionOption: DecisionOptionSchema,
      range: RangeSchema,
      quote: QuoteSchema,
      policy: PolicySchema,
      exercise: ExerciseSchema,
      exerciseModule: ExerciseModuleSchema,
    },
  }) as Json;

  const properties = schema.properties as Record<string, Json>;
  const parameters = properties.parameters;
  delete parameters.propertyNames;
  delete parameters.additionalProperties;
  properties.parameters = {
    ...parameters,
    properties: Object.fromEntries(PARAMETERS.map((def) => [def.id, parameterProperty(def)])),
    additionalProperties: false,
  };

  const { $schema, description, ...rest } = schema;
  return {
    $schema,
    title: 'Stand-Down scenario',
    description: `${String(description)} Generated from src/scenario/schema.ts by \`npm run schema\`; do not edit by hand.`,
    ...rest,
  };
}

/** The schema as the text committed in scenarios/schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
