/**
 * Parse, don't trust: the one door through which scenario files, imports and
 * hand-built objects become a validated `Scenario`. Nothing here throws; every
 * problem comes back as a `ScenarioError` that names the field, shows the
 * offending value and says what is allowed.
 */
import * as v from 'valibot';
import {
  PARAMETERS,
  PARAM_BY_ID,
  defaultRange,
  describeDomain,
  inDomain,
  roundInteger,
  shiftMode,
  type InterpretationId,
  type ParamDef,
  type Range,
} from '../model/parameters';
import type { Decision, DecisionOption, Exercise, Inject, InjectEffect, Scenario } from '../model/types';
import {
  didYouMean,
  fieldName,
  formatPath,
  preview,
  shownNameHint,
  suggest,
  truncate,
  type PathSegment,
  type Problem,
} from './messages';
import { toPlainData, errorText } from './sanitize';
import { findExcessiveNesting } from './textDepth';
import {
  ScenarioFileSchema,
  issueCandidates,
  type EffectFile,
  type ParameterValueFile,
  type ScenarioFileOutput,
} from './schema';

export { scenarioToFile } from './serialize';

/** One problem with a scenario, located as precisely as possible. */
export interface ScenarioError {
  /** Path of the field, e.g. `injects[2].effects[0].factor`; empty for the whole scenario. */
  path: string;
  /** Sentence naming the field, the offending value and what is allowed. */
  message: string;
  /** Short preview (≤ ~60 characters) of the offending value, when there is one. */
  value?: string;
  /** 1-based line in the scenario text, when parsed from text. */
  line?: number;
  /** File name or other origin given by the caller. */
  source?: string;
}

export type ParseResult = { ok: true; value: Scenario } | { ok: false; errors: ScenarioError[] };

export interface ParseOptions {
  /** Where the input came from (a file name); copied into every error. */
  source?: string;
}

export interface ParseTextOptions extends ParseOptions {
  /** Defaults to JSON for a `source` ending in `.json`, YAML otherwise (YAML also reads most JSON). */
  format?: 'yaml' | 'json';
}

/** Text larger than this is refused before parsing (real scenarios are a few kB). */
export const MAX_TEXT_LENGTH = 1_000_000;
/** YAML aliases expanded at most this often; guards against "billion laughs" files. */
export const MAX_YAML_ALIASES = 100;
/** Nesting levels allowed in scenario text; real files use fewer than ten. */
export const MAX_TEXT_NESTING = 64;
/** Errors listed at most; the rest are summarised in one last entry. */
export const MAX_ERRORS = 50;

/** Maps a field path to its 1-based line in the source text (parseText.ts). */
export type Locate = (segments: readonly PathSegment[]) => number | undefined;
export type Core = { ok: true; value: Scenario } | { ok: false; problems: Problem[] };

/**
 * Validate a scenario in file shape (see schema.ts) and convert it to the
 * domain type: parameter overrides become full ranges, policy shorthand is
 * folded into parameters, injects get ids and `effects` lists. Never throws.
 */
export function parseScenario(input: unknown, options: ParseOptions = {}): ParseResult {
  return finish(() => parseCore(input), sourceOf(options));
}

/** The caller's `source`, read defensively (this module promises never to throw). */
export function sourceOf(options: ParseOptions | undefined): string | undefined {
  try {
    return typeof options?.source === 'string' ? options.source.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

export function fail(segments: PathSegment[], message: string, value?: string): Core {
  return { ok: false, problems: [{ segments, message, ...(value !== undefined ? { value } : {}) }] };
}

export function parseCore(input: unknown): Core {
  const plain = toPlainData(input);
  if (!plain.ok) return plain;
  const result = v.safeParse(ScenarioFileSchema, plain.value, { abortPipeEarly: true });
  if (!result.success) return { ok: false, problems: dedupe(result.issues.flatMap((i) => issueProblems(i, []))) };
  return buildScenario(result.output);
}

/** Run `core`, catching anything unexpected, and turn problems into located errors. */
export function finish(core: () => Core, source: string | undefined, getLocate?: () => Locate | undefined): ParseResult {
  let result: Core;
  try {
    result = core();
  } catch (e) {
    result = { ok: false, problems: [{ segments: [], message: `The scenario could not be checked (${errorText(e)}).` }] };
  }
  if (result.ok) return result;
  const locate = getLocate?.();
  const shown = result.problems.slice(0, MAX_ERRORS);
  const errors = shown.map((p): ScenarioError => {
    let line = p.line;
    if (line === undefined && locate) line = locate(p.segments);
    return {
      path: formatPath(p.segments),
      // Messages about the root start with "the scenario"; make it a sentence.
      message: p.message.startsWith('the scenario') ? `T${p.message.slice(1)}` : p.message,
      ...(p.value !== undefined ? { value: p.value } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(source !== undefined ? { source } : {}),
    };
  });
  const more = result.problems.length - shown.length;
  if (more > 0) {
    errors.push({ path: '', message: `…and ${more} more problems; fix the ones above first.`, ...(source !== undefined ? { source } : {}) });
  }
  return { ok: false, errors };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${formatPath(p.segments)}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Turn one valibot issue into problems with full sentences (see schema.ts for the phrases). */
function issueProblems(issue: v.BaseIssue<unknown>, prefix: PathSegment[]): Problem[] {
  const path = issue.path ?? [];
  const segments = [...prefix, ...path.map((p) => p.key as PathSegment)];
  const last = path.at(-1);

  // A value that is neither a number nor a valid range: report inside the range.
  if (issue.type === 'union' && isObject(issue.input) && issue.issues) {
    const inner = issue.issues.filter((i) => i.path?.length);
    if (inner.length) return inner.flatMap((i) => issueProblems(i, segments));
  }

  // Unknown fields: valibot reports the first per object; list them all.
  if (issue.type === 'strict_object' && issue.expected === 'never' && last && isObject(last.input)) {
    const allowed = issueCandidates(issue) ?? [];
    const parent = segments.slice(0, -1);
    return Object.keys(last.input)
      .filter((k) => !allowed.includes(k))
      .map((k) => ({
        segments: [...parent, k],
        message: `Unknown field "${truncate(k)}" in ${fieldName(parent)}${didYouMean(k, allowed)}; the fields allowed there are ${allowed.join(', ')}.`,
        value: preview(k),
      }));
  }

  const missing =
    issue.input === undefined && last !== undefined && isObject(last.input) && !Object.hasOwn(last.input, last.key as string);
  if (missing) return [{ segments, message: `${fieldName(segments)} is missing; it must be ${issue.message}.` }];

  const value = preview(issue.input);
  const candidates = issueCandidates(issue) ?? [];
  const hint = didYouMean(issue.input, candidates) || shownNameHint(issue.input, candidates);
  return [{ segments, message: `${fieldName(segments)} must be ${issue.message}, but is ${value}${hint}.`, value }];
}

// ---------------------------------------------------------------------------
// From file shape to domain type: the checks that need more than one field.

const PARAM_IDS = PARAMETERS.map((p) => p.id);

/** The policy shorthand fields and the parameters they stand for. */
const POLICY_SHORTHAND: Record<string, Record<string, string>> = {
  fixed: { months: 'fixedMonths' },
  trigger: { threshold: 'triggerThreshold', months: 'triggerMonths' },
};

function buildScenario(file: ScenarioFileOutput): Core {
  const problems: Problem[] = [];
  const H = file.horizonMonths;

  // Parameters.
  const parameters: Record<string, Range> = {};
  for (const [id, raw] of Object.entries(file.parameters)) {
    const def = PARAM_BY_ID.get(id);
    if (!def) {
      problems.push(unknownParameter(id));
      continue;
    }
    const r = toRange(def, raw, file.interpretation, ['parameters', id], problems);
    if (r) parameters[id] = r;
  }

  // Policy shorthand (policy.months, policy.threshold) folds into parameters.
  const { kind, ...shorthand } = file.policy as { kind: string } & Record<string, number | undefined>;
  for (const [field, value] of Object.entries(shorthand)) {
    if (value === undefined) continue;
    const id = POLICY_SHORTHAND[kind]?.[field];
    const def = id ? PARAM_BY_ID.get(id) : undefined;
    if (!id || !def) continue; // the schema already allows only known shorthand
    if (Object.hasOwn(file.parameters, id)) {
      problems.push({
        segments: ['policy', field],
        message: `policy.${field} and parameters.${id} both set the ${def.label.toLowerCase()}; give only one of them.`,
        value: preview(value),
      });
      continue;
    }
    const r = toRange(def, value, file.interpretation, ['policy', field], problems);
    if (r) parameters[id] = r;
  }

  // Injects.
  const explicitIds = new Set(file.injects.flatMap((inj) => (inj.id ? [inj.id] : [])));
  const usedAt = new Map<string, number>();
  const injects: Inject[] = file.injects.map((inj, i) => {
    const at: PathSegment[] = ['injects', i];
    let id = inj.id;
    if (!id) {
      // Generated ids must not collide with ids the author chose.
      id = `inject-${i + 1}`;
      for (let k = 2; explicitIds.has(id); k++) id = `inject-${i + 1}-${k}`;
    }
    const first = usedAt.get(id);
    if (first !== undefined) {
      problems.push({
        segments: [...at, 'id'],
        message: `${formatPath([...at, 'id'])} "${id}" is already the id of injects[${first}]; inject ids must be unique.`,
        value: preview(id),
      });
    } else usedAt.set(id, i);

    if (inj.month > H) {
      problems.push({
        segments: [...at, 'month'],
        message: `${formatPath([...at, 'month'])} must be a whole number from 1 to ${H} (horizonMonths), but is ${inj.month}.`,
        value: String(inj.month),
      });
    }
    const effects = effectsOf(inj, at, problems);
    const out: Inject = { id, month: inj.month, title: inj.title, effects };
    if (inj.text !== undefined) out.text = inj.text;
    if (inj.notes !== undefined) out.notes = inj.notes;
    if (inj.decision) out.decision = buildDecision(inj.decision, [...at, 'decision'], problems);
    return out;
  });

  // Exercise.
  let exercise: Exercise | undefined;
  if (file.exercise) {
    const ex = file.exercise;
    exercise = {
      objectives: [...ex.objectives],
      modules: ex.modules.map((m, i) => {
        const at: PathSegment[] = ['exercise', 'modules', i];
        if (m.toMonth > H) {
          problems.push({
            segments: [...at, 'toMonth'],
            message: `${formatPath([...at, 'toMonth'])} must be a whole number from 0 to ${H} (horizonMonths), but is ${m.toMonth}.`,
            value: String(m.toMonth),
          });
        } else if (m.fromMonth > m.toMonth) {
          problems.push({
            segments: [...at, 'fromMonth'],
            message: `${formatPath([...at, 'fromMonth'])} must not be after toMonth (${m.toMonth}), but is ${m.fromMonth}.`,
            value: String(m.fromMonth),
          });
        }
        return { title: m.title, fromMonth: m.fromMonth, toMonth: m.toMonth, minutes: m.minutes, questions: [...m.questions] };
      }),
    };
    if (ex.audience !== undefined) exercise.audience = ex.audience;
    if (ex.minutes !== undefined) exercise.minutes = ex.minutes;
  }

  if (problems.length) return { ok: false, problems };
  const scenario: Scenario = {
    id: file.id,
    title: file.title,
    summary: file.summary,
    quotes: file.quotes.map((q) => ({ speaker: q.speaker, text: q.text })),
    interpretation: file.interpretation,
    response: file.response,
    policy: { kind: file.policy.kind },
    horizonMonths: H,
    parameters,
    injects,
  };
  if (exercise) scenario.exercise = exercise;
  return { ok: true, value: scenario };
}

function unknownParameter(id: string): Problem {
  const segments: PathSegment[] = ['parameters', id];
  let hint = didYouMean(id, PARAM_IDS);
  // Sector parameters are `<sector>.<name>`: a bare name gets an example.
  if (!hint && !id.includes('.') && id.length <= 100) {
    const sectorIds = PARAM_IDS.filter((p) => p.endsWith(`.${id}`) || suggest(id, [p.split('.')[1] ?? '']) !== undefined);
    if (sectorIds.length) hint = ` (sector parameters are written <sector>.<name>, e.g. "${sectorIds[0]}")`;
  }
  return {
    segments,
    message: `Unknown parameter "${truncate(id)}" in parameters${hint}. See scenarios/schema.json or the model page for the parameter ids.`,
    value: preview(id),
  };
}

/** Check a parameter value (number or range) against its domain and turn it into a full range. */
function toRange(def: ParamDef, raw: ParameterValueFile, interpretation: InterpretationId, at: PathSegment[], problems: Problem[]): Range | undefined {
  // Whole-number parameters are rounded, so the domain check ignores integrality.
  const domain = { ...def.domain, integer: false };
  const allowed = describeDomain(def.domain);
  if (typeof raw === 'number') {
    if (!inDomain(raw, domain)) {
      problems.push({
        segments: at,
        message: `${formatPath(at)} (${def.label.toLowerCase()}) must be ${allowed}, but is ${preview(raw)}.`,
        value: preview(raw),
      });
      return undefined;
    }
    return shiftMode(def, defaultRange(def, interpretation), raw);
  }
  let ok = true;
  for (const key of ['low', 'mode', 'high'] as const) {
    if (!inDomain(raw[key], domain)) {
      problems.push({
        segments: [...at, key],
        message: `${formatPath([...at, key])} (${def.label.toLowerCase()}) must be ${allowed}, but is ${preview(raw[key])}.`,
        value: preview(raw[key]),
      });
      ok = false;
    }
  }
  if (!ok) return undefined;
  const round = (x: number) => (def.domain.integer ? roundInteger(x) : x);
  const r = { low: round(raw.low), mode: round(raw.mode), high: round(raw.high) };
  if (!(r.low <= r.mode && r.mode <= r.high)) {
    problems.push({
      segments: at,
      message: `${formatPath(at)} must have low ≤ mode ≤ high, but is ${preview(raw)}.`,
      value: preview(raw),
    });
    return undefined;
  }
  return r;
}

/** `effect` (one) or `effects` (several), never both; copied in canonical key order. */
function effectsOf(owner: { effect?: EffectFile; effects?: EffectFile[] }, at: PathSegment[], problems: Problem[]): InjectEffect[] {
  if (owner.effect && owner.effects) {
    problems.push({
      segments: [...at, 'effect'],
      message: `${fieldName(at)} gives both effect and effects; use effect for one effect or effects for a list, not both.`,
    });
    return [];
  }
  const list = owner.effect ? [owner.effect] : (owner.effects ?? []);
  return list.map(copyEffect);
}

function copyEffect(e: EffectFile): InjectEffect {
  switch (e.type) {
    case 'sectorShock':
      return { type: e.type, sector: e.sector, factor: e.factor, months: e.months };
    case 'adversaryShift':
      return { type: e.type, amount: e.amount };
    case 'coverageShock':
      return { type: e.type, share: e.share };
    case 'restraintCollapse':
    case 'reverse':
      return { type: e.type };
  }
}

type DecisionFile = NonNullable<ScenarioFileOutput['injects'][number]['decision']>;

function buildDecision(d: DecisionFile, at: PathSegment[], problems: Problem[]): Decision {
  const ids = d.options.map((o) => o.id);
  const options: DecisionOption[] = d.options.map((o, j) => {
    const oat: PathSegment[] = [...at, 'options', j];
    const first = ids.indexOf(o.id);
    if (first !== j) {
      problems.push({
        segments: [...oat, 'id'],
        message: `${formatPath([...oat, 'id'])} "${o.id}" is already the id of options[${first}]; option ids must be unique within a decision.`,
        value: preview(o.id),
      });
    }
    const opt: DecisionOption = { id: o.id, label: o.label, effects: effectsOf(o, oat, problems) };
    if (o.expectedEffect !== undefined) opt.expectedEffect = o.expectedEffect;
    return opt;
  });
  const decision: Decision = { question: d.question, options };
  for (const [field, value] of [['default', d.default], ['chosen', d.chosen]] as const) {
    if (value === undefined) continue;
    if (!ids.includes(value)) {
      problems.push({
        segments: [...at, field],
        message: `${formatPath([...at, field])} must name one of the options (${ids.map((x) => `"${x}"`).join(', ')}), but is ${preview(value)}${didYouMean(value, ids)}.`,
        value: preview(value),
      });
    }
  }
  if (d.default !== undefined) decision.defaultOption = d.default;
  if (d.chosen !== undefined) decision.chosen = d.chosen;
  return decision;
}
