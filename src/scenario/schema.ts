/**
 * The scenario FILE shape (what authors write in scenarios/*.yaml), as a
 * valibot schema. parse.ts runs it and then applies the checks that need
 * more than one field (parameter domains, months within the horizon, option
 * ids); jsonSchema.ts turns it into scenarios/schema.json for authors.
 *
 * Every schema and action carries, as its message, a phrase saying what is
 * allowed ("a whole number from 6 to 60"); parse.ts composes that phrase
 * with the field's path and the offending value into the final message.
 */
import * as v from 'valibot';
import { withoutDirectionControls } from './directionControls';
import {
  HORIZON,
  INTERPRETATION_IDS,
  PARAM_BY_ID,
  POLICY_KINDS,
  RESPONSE_IDS,
  SECTOR_IDS,
  describeDomain,
  type Domain,
} from '../model/parameters';

/** Size limits: generous for real scenarios, small enough that a hostile file fails fast. */
export const LIMITS = {
  id: 80,
  title: 200,
  prose: 5000,
  quote: 1000,
  quotes: 20,
  injects: 200,
  effects: 20,
  options: 10,
  parameters: 100,
  objectives: 20,
  modules: 50,
  questions: 30,
  question: 1000,
  /** sectorShock factor: ×100 is already far beyond any plausible event. */
  shockFactor: 100,
  /** adversaryShift amount, in units of pre-pause activity. */
  shiftAmount: 10,
} as const;

export const EFFECT_TYPES = ['sectorShock', 'adversaryShift', 'coverageShock', 'restraintCollapse', 'reverse'] as const;

// ---------------------------------------------------------------------------
// Side tables read by the issue formatter in parse.ts.

/** Candidate names per issue (allowed fields, allowed values), for "did you mean". */
const CANDIDATES = new WeakMap<object, readonly string[]>();
/** The "what is allowed" phrase of schemas whose message is a function. */
const EXPECTATIONS = new WeakMap<object, string>();

/** Allowed names recorded for an issue (field names for unknown keys, values for picklists). */
export function issueCandidates(issue: object): readonly string[] | undefined {
  return CANDIDATES.get(issue);
}

/** The phrase describing what a schema accepts, e.g. "a whole number from 6 to 60". */
export function expectationOf(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as { message?: unknown; wrapped?: unknown; pipe?: unknown[] };
  if (typeof s.message === 'string') return s.message;
  const known = EXPECTATIONS.get(s);
  if (known) return known;
  if (s.pipe?.[0] && s.pipe[0] !== s) return expectationOf(s.pipe[0]);
  return s.wrapped ? expectationOf(s.wrapped) : undefined;
}

// ---------------------------------------------------------------------------
// Building blocks.

/** Adds a JSON Schema description when there is one (nested pipes are flattened by the converter). */
function described<S extends v.GenericSchema>(schema: S, description?: string) {
  return description ? v.pipe(schema, v.description(description)) : schema;
}

/** Prose of `min`…`max` characters, trimmed (YAML block scalars end with a newline). */
function text(max: number, description?: string, min = 1) {
  const phrase = min > 0 ? `text of 1 to ${max} characters` : `text of at most ${max} characters`;
  const base = v.pipe(v.string(phrase), v.maxLength(max, phrase), v.transform(withoutDirectionControls), v.trim());
  return described(min > 0 ? v.pipe(base, v.minLength(min, phrase)) : base, description);
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A short identifier: letters, digits, `-` and `_` (inject and option ids travel in share links). */
function name(description: string) {
  const phrase = `a name of 1 to ${LIMITS.id} letters, digits, "-" or "_"`;
  return v.pipe(v.string(phrase), v.maxLength(LIMITS.id, phrase), v.regex(NAME, phrase), v.description(description));
}

function int(min: number, max: number, description?: string) {
  const phrase = `a whole number from ${min} to ${max}`;
  return described(
    v.pipe(v.number(phrase), v.integer(phrase), v.minValue(min, phrase), v.maxValue(max, phrase)),
    description,
  );
}

function real(min: number, max: number, description?: string) {
  const phrase = `a number from ${min} to ${max}`;
  return described(
    v.pipe(v.number(phrase), v.finite(phrase), v.minValue(min, phrase), v.maxValue(max, phrase)),
    description,
  );
}

/** A number within a parameter's domain (policy shorthand); whole-number domains are rounded later. */
function domainNumber(paramId: string, description: string) {
  const def = PARAM_BY_ID.get(paramId);
  if (!def) throw new Error(`schema.ts: unknown parameter ${paramId}`);
  const d: Domain = def.domain;
  const phrase = describeDomain(d);
  const base = v.pipe(v.number(phrase), v.finite(phrase));
  const low = d.minOpen
    ? v.pipe(base, v.gtValue(d.min, phrase))
    : v.pipe(base, v.minValue(d.min, phrase));
  if (!Number.isFinite(d.max)) return v.pipe(low, v.description(description));
  const high = d.maxOpen ? v.pipe(low, v.ltValue(d.max, phrase)) : v.pipe(low, v.maxValue(d.max, phrase));
  return v.pipe(high, v.description(description));
}

/** One of a fixed list of names; the list is kept for "did you mean". */
function oneOf<const T extends readonly string[]>(options: T, description: string) {
  const phrase = `one of ${options.map((o) => `"${o}"`).join(', ')}`;
  const schema = v.picklist(options, (issue) => {
    CANDIDATES.set(issue, options);
    return phrase;
  });
  EXPECTATIONS.set(schema, phrase);
  return v.pipe(schema, v.description(description));
}

/**
 * A strict object: unknown keys are reported (never silently dropped). The
 * message function tells the formatter which fields are allowed and, for a
 * missing field, what it should hold.
 */
function strict<const E extends v.ObjectEntries>(entries: E, phrase: string, description?: string) {
  const keys = Object.keys(entries);
  const schema = v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') {
      CANDIDATES.set(issue, keys);
      return `one of the fields ${keys.join(', ')}`;
    }
    const key = issue.path?.[0]?.key;
    if (issue.input === undefined && typeof key === 'string' && Object.hasOwn(entries, key)) {
      return expectationOf(entries[key]) ?? 'given';
    }
    return phrase;
  });
  EXPECTATIONS.set(schema, phrase);
  return description ? v.pipe(schema, v.description(description)) : schema;
}

function list<const S extends v.GenericSchema>(item: S, max: number, what: string, description: string, min = 0) {
  const phrase = min > 0 ? `a list of ${min} to ${max} ${what}` : `a list of at most ${max} ${what}`;
  const base = v.pipe(v.array(item, phrase), v.maxLength(max, phrase));
  return v.pipe(min > 0 ? v.pipe(base, v.minLength(min, phrase)) : base, v.description(description));
}

/** Optional field. Defaults that are objects are given as functions so parsed scenarios never share (and Immer never freezes) one default array. */
const opt = v.optional;

// ---------------------------------------------------------------------------
// Effects (MODEL.md section 7).

const SectorShockSchema = strict(
  {
    type: v.literal('sectorShock'),
    sector: oneOf(SECTOR_IDS, 'The sector hit.'),
    factor: real(0, LIMITS.shockFactor, 'Multiplies the sector\'s incidents (2 = twice as many, 0.5 = half).'),
    months: int(1, HORIZON.max, 'How many months the shock lasts, starting with the inject\'s month.'),
  },
  'a sectorShock effect { type, sector, factor, months }',
  'Multiplies the incidents of one sector for some months (a world event; kept in the baseline).',
);

const AdversaryShiftSchema = strict(
  {
    type: v.literal('adversaryShift'),
    amount: real(-LIMITS.shiftAmount, LIMITS.shiftAmount, 'Added to Russian state activity R (1 = pre-pause level); R relaxes back afterwards.'),
  },
  'an adversaryShift effect { type, amount }',
  'A jump in Russian state activity (a world event; kept in the baseline).',
);

const CoverageShockSchema = strict(
  {
    type: v.literal('coverageShock'),
    share: real(0, 1, 'Share of remaining exploitation access lost (0 to 1).'),
  },
  'a coverageShock effect { type, share }',
  'Lost footholds in Russian networks: multiplies access E by (1 − share).',
);

const RestraintCollapseSchema = strict(
  { type: v.literal('restraintCollapse') },
  'a restraintCollapse effect { type }',
  'Reciprocal restraint collapses into free hits from this month.',
);

const ReverseSchema = strict(
  { type: v.literal('reverse') },
  'a reverse effect { type }',
  'The US decides to reverse the pause at the end of this month.',
);

/** One inject effect, told apart by `type`. */
export const EffectSchema = (() => {
  const objectPhrase = `an effect object with a "type" field, one of ${EFFECT_TYPES.map((t) => `"${t}"`).join(', ')}`;
  const typePhrase = `one of ${EFFECT_TYPES.map((t) => `"${t}"`).join(', ')}`;
  const schema = v.variant(
    'type',
    [SectorShockSchema, AdversaryShiftSchema, CoverageShockSchema, RestraintCollapseSchema, ReverseSchema],
    (issue) => {
      if (!issue.path) return objectPhrase;
      CANDIDATES.set(issue, EFFECT_TYPES);
      return typePhrase;
    },
  );
  EXPECTATIONS.set(schema, objectPhrase);
  return schema;
})();

const effectList = (description: string) => list(EffectSchema, LIMITS.effects, 'effects', description);

// ---------------------------------------------------------------------------
// Injects and decisions.

export const DecisionOptionSchema = strict(
  {
    id: name('Option id, unique within the decision.'),
    label: text(LIMITS.title, 'What the players see on the option.'),
    effect: opt(EffectSchema),
    effects: opt(effectList('What choosing this option does (give either effect or effects).')),
    expectedEffect: opt(text(LIMITS.prose, 'Facilitator-only note on what this choice is expected to do.')),
  },
  'a decision option { id, label, effects? }',
);

export const DecisionSchema = strict(
  {
    question: text(LIMITS.question, 'The question put to the players.'),
    options: list(DecisionOptionSchema, LIMITS.options, 'options', 'The choices (at least two).', 2),
    default: opt(name('Id of the option applied when the team does not decide.')),
    chosen: opt(name('Id of the option the team chose (filled in during an exercise).')),
  },
  'a decision { question, options, default? }',
  'A decision point for the players.',
);

export const InjectSchema = strict(
  {
    id: opt(name('Inject id, unique in the scenario; "inject-<n>" when left out.')),
    month: int(1, HORIZON.max, 'Month in which the inject happens (1 … horizonMonths).'),
    title: text(LIMITS.title, 'Short title shown to players.'),
    text: opt(text(LIMITS.prose, 'Player-facing text.')),
    notes: opt(text(LIMITS.prose, 'Facilitator-only notes, never shown to players.')),
    effect: opt(EffectSchema),
    effects: opt(effectList('What the inject does to the model (give either effect or effects, or neither for narrative only).')),
    decision: opt(DecisionSchema),
  },
  'an inject { month, title, … }',
  'An event at a given month: narrative, model effects, or a decision for the players.',
);

// ---------------------------------------------------------------------------
// Parameters, quotes, policy, exercise.

/**
 * A number for a parameter: finiteness and the domain are checked by parse.ts,
 * which knows the parameter and can say "from 0 (exclusive) to 1".
 */
function paramNumber(description?: string) {
  return described(v.number('a number'), description);
}

/** A full uncertainty range of a parameter. */
export const RangeSchema = strict(
  {
    low: paramNumber('Lowest plausible value.'),
    mode: paramNumber('Most likely value (used by the expected path).'),
    high: paramNumber('Highest plausible value.'),
  },
  'a range { low, mode, high }',
  'An uncertainty range: low ≤ mode ≤ high, all within the parameter\'s domain.',
);

const PARAM_VALUE_PHRASE = 'a number (the new most likely value) or a range { low, mode, high }';
export const ParameterValueSchema = v.union([paramNumber(), RangeSchema], PARAM_VALUE_PHRASE);

export const QuoteSchema = strict(
  {
    speaker: text(LIMITS.title, 'Who said it, as named in the article.'),
    text: text(LIMITS.quote, 'The exact words quoted from the article (keep it short).'),
  },
  'a quote { speaker, text }',
  'A short, exact quotation from the source article.',
);

export const PolicySchema = (() => {
  const kinds = POLICY_KINDS;
  const objectPhrase = `a policy object with a "kind" field, one of ${kinds.map((k) => `"${k}"`).join(', ')}`;
  const kindPhrase = `one of ${kinds.map((k) => `"${k}"`).join(', ')}`;
  const schema = v.variant(
    'kind',
    [
      strict({ kind: v.literal('indefinite') }, 'an indefinite policy { kind }', 'The pause stays in place "for the foreseeable future".'),
      strict(
        {
          kind: v.literal('fixed'),
          months: opt(domainNumber('fixedMonths', 'Shorthand for parameters.fixedMonths: the month at whose end the pause is reversed.')),
        },
        'a fixed policy { kind, months? }',
        'The reversal is decided at the end of a set month.',
      ),
      strict(
        {
          kind: v.literal('trigger'),
          threshold: opt(domainNumber('triggerThreshold', 'Shorthand for parameters.triggerThreshold: the perceived threat (50 = pre-pause) that triggers a reversal.')),
          months: opt(domainNumber('triggerMonths', 'Shorthand for parameters.triggerMonths: months in a row at or above the threshold.')),
        },
        'a trigger policy { kind, threshold?, months? }',
        'The reversal is decided once the perceived threat has stayed at or above a threshold for some months.',
      ),
    ],
    (issue) => {
      if (!issue.path) return objectPhrase;
      CANDIDATES.set(issue, kinds);
      return kindPhrase;
    },
  );
  EXPECTATIONS.set(schema, objectPhrase);
  return schema;
})();

export const ExerciseModuleSchema = strict(
  {
    title: text(LIMITS.title, 'Module title.'),
    fromMonth: int(0, HORIZON.max, 'First month the module covers (0 = before the pause).'),
    toMonth: int(0, HORIZON.max, 'Last month the module covers.'),
    minutes: int(1, 600, 'Time allotted, in minutes.'),
    questions: list(text(LIMITS.question), LIMITS.questions, 'questions', 'Discussion questions.'),
  },
  'an exercise module { title, fromMonth, toMonth, minutes, questions }',
  'One module of a tabletop exercise.',
);

export const ExerciseSchema = strict(
  {
    audience: opt(text(LIMITS.title, 'Who the exercise is for.')),
    minutes: opt(int(1, 1440, 'Total length, in minutes.')),
    objectives: list(text(500), LIMITS.objectives, 'objectives', 'What the players should take away.'),
    modules: list(ExerciseModuleSchema, LIMITS.modules, 'modules', 'The exercise, module by module.'),
  },
  'an exercise { objectives, modules, audience?, minutes? }',
  'Tabletop-exercise material; files with this key are exercise scripts, not presets.',
);

/** The whole scenario file. */
export const ScenarioFileSchema = strict(
  {
    id: v.pipe(
      v.string(`a kebab-case id of 1 to ${LIMITS.id} characters (lower-case letters, digits and "-", e.g. "deprioritized-free-hits")`),
      v.maxLength(LIMITS.id, `a kebab-case id of 1 to ${LIMITS.id} characters (lower-case letters, digits and "-", e.g. "deprioritized-free-hits")`),
      v.regex(KEBAB, `a kebab-case id of 1 to ${LIMITS.id} characters (lower-case letters, digits and "-", e.g. "deprioritized-free-hits")`),
      v.description('Kebab-case id; for files in scenarios/ it must equal the file name without ".yaml".'),
    ),
    title: text(LIMITS.title, 'Short title shown to students.'),
    summary: opt(text(LIMITS.prose, 'One plain-language paragraph for a student: what this scenario assumes and what to watch.', 0), ''),
    quotes: opt(list(QuoteSchema, LIMITS.quotes, 'quotes', 'The article quotes the scenario rests on.'), () => []),
    interpretation: oneOf(INTERPRETATION_IDS, 'Which reading of the order (Chris Gray\'s three interpretations, or "none" for the no-pause baseline).'),
    response: oneOf(RESPONSE_IDS, 'How Russia answers the pause.'),
    policy: PolicySchema,
    horizonMonths: opt(int(HORIZON.min, HORIZON.max, 'How many months to simulate.'), HORIZON.default),
    parameters: opt(
      v.pipe(
        v.record(v.string(), ParameterValueSchema, 'a mapping of parameter ids to values'),
        v.maxEntries(LIMITS.parameters, `a mapping of at most ${LIMITS.parameters} parameter ids to values`),
        v.description('Overrides of model parameters: a number moves the most likely value, a range replaces it.'),
      ),
      () => ({}),
    ),
    injects: opt(list(InjectSchema, LIMITS.injects, 'injects', 'Events and decisions, month by month.'), () => []),
    exercise: opt(ExerciseSchema),
  },
  'an object with the fields id, title, interpretation, response, policy, …',
  'A Stand-Down scenario: interpretation × Russian response × US policy × parameter overrides.',
);

/** What an author writes (before defaults). */
export type ScenarioFile = v.InferInput<typeof ScenarioFileSchema>;
/** The file after schema validation (defaults filled, strings trimmed). */
export type ScenarioFileOutput = v.InferOutput<typeof ScenarioFileSchema>;
export type EffectFile = v.InferOutput<typeof EffectSchema>;
export type InjectFile = v.InferOutput<typeof InjectSchema>;
export type ParameterValueFile = v.InferOutput<typeof ParameterValueSchema>;
