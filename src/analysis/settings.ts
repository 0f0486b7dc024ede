/**
 * The analyst tools' settings: plain data that can travel in a share link.
 * `validateAnalysisSettings` accepts anything and never throws; it keeps what
 * it can and lists what it dropped. The URL fields all start with `a.`:
 *
 *   a.metric=peak
 *   a.obs=health:1:25,health:2:31        sector:month:count, comma-separated
 *   a.prior=diplomatic/restraint:2,…     world:weight, only when not uniform
 *   a.pol=none,indefinite,trigger-56     only when not every policy
 *   a.weigh=posterior                    the policy table's weights, only when not the priors
 *
 * Fields equal to their defaults are not written, so a link without analysis
 * settings stays as short as before.
 */
import { HORIZON, SECTOR_IDS, type SectorId } from '../model/parameters';
import { METRIC_IDS, isMetricId, type MetricId } from './metrics';
import { POLICY_OPTION_IDS } from './policies';
import type { Observation } from './signposts';
import { WORLD_IDS, isWorldId, type WorldId } from './worlds';

export interface AnalysisSettings {
  /** The outcome the tornado, the ranking and the policy table measure. */
  metric: MetricId;
  /** Observed monthly counts for the signposts (at most MAX_OBSERVATIONS). */
  observations: Observation[];
  /** Relative prior weight of each world (≥ 0; normalised when used). */
  priors: Record<WorldId, number>;
  /** Policy ids compared, in POLICY_OPTIONS order. */
  policies: string[];
  /**
   * What weighs the worlds in the policy table: the priors, or the signposts'
   * posterior (used only while the counts give one; the priors otherwise).
   */
  weighting: Weighting;
}

export const WEIGHTINGS = ['priors', 'posterior'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

export const MAX_OBSERVATIONS = 120;
/** Largest month (the model's longest horizon) and count accepted. */
export const MAX_OBSERVATION_MONTH = HORIZON.max;
export const MAX_COUNT = 1_000_000;
export const MAX_PRIOR = 1_000;

export const URL_KEYS = { metric: 'a.metric', observations: 'a.obs', priors: 'a.prior', policies: 'a.pol', weighting: 'a.weigh' } as const;

export function defaultAnalysisSettings(): AnalysisSettings {
  return {
    metric: 'incidents',
    observations: [],
    priors: Object.fromEntries(WORLD_IDS.map((id) => [id, 1])) as Record<WorldId, number>,
    policies: [...POLICY_OPTION_IDS],
    weighting: 'priors',
  };
}

export interface Validated {
  value: AnalysisSettings;
  /** What was dropped or repaired, in words (empty when the input was clean). */
  errors: string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A value in a message, in quotation marks and cut to 40 characters: a link can carry any text, of any length. */
function shown(x: unknown): string {
  const text = String(x);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 8;
function listed(errors: string[]): string[] {
  return errors.length <= MAX_LISTED ? errors : [...errors.slice(0, MAX_LISTED), `and ${errors.length - MAX_LISTED} more problems`];
}

function validObservation(o: unknown): Observation | string {
  if (!isRecord(o)) return 'an observation must be { sector, month, count }';
  const { sector, month, count } = o;
  if (typeof sector !== 'string' || !(SECTOR_IDS as readonly string[]).includes(sector)) return `unknown sector ${shown(sector)}`;
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 0 || month > MAX_OBSERVATION_MONTH)
    return `month ${shown(month)} is not a whole number from 0 to ${MAX_OBSERVATION_MONTH}`;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_COUNT)
    return `count ${shown(count)} is not a whole number from 0 to ${MAX_COUNT}`;
  return { sector: sector as SectorId, month, count };
}

/** Settings from anything (stored state, a decoded link); never throws. */
export function validateAnalysisSettings(input: unknown): Validated {
  const v = validateAll(input);
  return { value: v.value, errors: listed(v.errors) };
}

/** As `validateAnalysisSettings`, with every problem (the caller lists them, once). */
function validateAll(input: unknown): Validated {
  const value = defaultAnalysisSettings();
  const errors: string[] = [];
  if (input === undefined || input === null) return { value, errors };
  if (!isRecord(input)) return { value, errors: ['analysis settings must be an object; defaults used'] };

  if (input.metric !== undefined) {
    if (isMetricId(input.metric)) value.metric = input.metric;
    else errors.push(`metric: unknown ${shown(input.metric)}; use one of ${METRIC_IDS.join(', ')}`);
  }

  if (input.observations !== undefined) {
    if (!Array.isArray(input.observations)) errors.push('observations: must be a list');
    else {
      const byCell = new Map<string, Observation>();
      input.observations.forEach((o, i) => {
        const v = validObservation(o);
        if (typeof v === 'string') errors.push(`observations[${i}]: ${v}`);
        else byCell.set(`${v.sector}:${v.month}`, v); // a later count for the same cell wins
      });
      let list = [...byCell.values()];
      if (list.length > MAX_OBSERVATIONS) {
        errors.push(`observations: only the first ${MAX_OBSERVATIONS} are kept`);
        list = list.slice(0, MAX_OBSERVATIONS);
      }
      value.observations = list.sort((a, b) => a.month - b.month || SECTOR_IDS.indexOf(a.sector) - SECTOR_IDS.indexOf(b.sector));
    }
  }

  if (input.priors !== undefined) {
    if (!isRecord(input.priors)) errors.push('priors: must be an object of world → weight');
    else {
      for (const [id, w] of Object.entries(input.priors)) {
        if (!isWorldId(id)) errors.push(`priors: unknown world ${shown(id)}`);
        else if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_PRIOR)
          errors.push(`priors.${id}: ${shown(w)} is not a number from 0 to ${MAX_PRIOR}`);
        else value.priors[id] = w;
      }
      if (WORLD_IDS.every((id) => value.priors[id] === 0)) {
        errors.push('priors: every weight is 0; uniform priors used');
        for (const id of WORLD_IDS) value.priors[id] = 1;
      }
    }
  }

  if (input.policies !== undefined) {
    if (!Array.isArray(input.policies)) errors.push('policies: must be a list of policy ids');
    else {
      const asked: unknown[] = input.policies;
      for (const p of asked) if (!POLICY_OPTION_IDS.includes(p as string)) errors.push(`policies: unknown ${shown(p)}`);
      const kept = POLICY_OPTION_IDS.filter((id) => asked.includes(id));
      if (kept.length >= 2) value.policies = kept;
      else errors.push('policies: compare at least two; every policy used');
    }
  }

  if (input.weighting !== undefined) {
    if ((WEIGHTINGS as readonly unknown[]).includes(input.weighting)) value.weighting = input.weighting as Weighting;
    else errors.push(`weighting: unknown ${shown(input.weighting)}; use ${WEIGHTINGS.join(' or ')}`);
  }
  return { value, errors };
}

/** Shortest decimal text of a number (no float noise). */
const num = (x: number) => String(Number(x.toPrecision(10)));

/** Write the non-default fields into `params` (removing stale ones); returns `params`. */
export function encodeAnalysisSettings(settings: AnalysisSettings, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const d = defaultAnalysisSettings();
  for (const key of Object.values(URL_KEYS)) params.delete(key);
  if (settings.metric !== d.metric) params.set(URL_KEYS.metric, settings.metric);
  if (settings.observations.length) {
    params.set(URL_KEYS.observations, settings.observations.map((o) => `${o.sector}:${o.month}:${o.count}`).join(','));
  }
  const weights = WORLD_IDS.map((id) => settings.priors[id] ?? 1);
  if (weights.some((w) => w !== weights[0])) {
    params.set(URL_KEYS.priors, WORLD_IDS.map((id, i) => `${id}:${num(weights[i])}`).join(','));
  }
  const policies = POLICY_OPTION_IDS.filter((id) => settings.policies.includes(id));
  if (policies.length !== d.policies.length) params.set(URL_KEYS.policies, policies.join(','));
  if (settings.weighting !== d.weighting) params.set(URL_KEYS.weighting, settings.weighting);
  return params;
}

const parseNumber = (s: string): number => (/^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(s) ? Number(s) : NaN);

/** Settings from URL fields; missing fields take their defaults; never throws. */
export function decodeAnalysisSettings(params: URLSearchParams): Validated {
  const input: Record<string, unknown> = {};
  const errors: string[] = [];
  const metric = params.get(URL_KEYS.metric);
  if (metric !== null) input.metric = metric;
  const obs = params.get(URL_KEYS.observations);
  if (obs !== null && obs.trim() !== '') {
    const malformed: string[] = [];
    input.observations = obs.split(',').flatMap((part, i) => {
      const [sector, month, count, ...rest] = part.split(':');
      if (rest.length || count === undefined) {
        malformed.push(`${URL_KEYS.observations} item ${i + 1} ${shown(part)} is not sector:month:count`);
        return [];
      }
      return [{ sector, month: parseNumber(month), count: parseNumber(count) }];
    });
    // Three are enough to show what is wrong; the other fields' problems must not drown behind them.
    errors.push(...malformed.slice(0, 3));
    if (malformed.length > 3) errors.push(`${URL_KEYS.observations}: ${malformed.length - 3} more items are not sector:month:count`);
  }
  const prior = params.get(URL_KEYS.priors);
  if (prior !== null && prior.trim() !== '') {
    const priors: Record<string, number> = {};
    for (const part of prior.split(',')) {
      const at = part.lastIndexOf(':');
      if (at < 0) errors.push(`${URL_KEYS.priors} item ${shown(part)} is not world:weight`);
      else priors[part.slice(0, at)] = parseNumber(part.slice(at + 1));
    }
    input.priors = priors;
  }
  const pol = params.get(URL_KEYS.policies);
  if (pol !== null) input.policies = pol.split(',').filter((s) => s !== '');
  const weighting = params.get(URL_KEYS.weighting);
  if (weighting !== null) input.weighting = weighting;
  const v = validateAll(input);
  return { value: v.value, errors: listed([...errors, ...v.errors]) };
}

/** Settings equal (for skipping needless `onchange` calls). */
export function sameAnalysisSettings(a: AnalysisSettings, b: AnalysisSettings): boolean {
  return encodeAnalysisSettings(a).toString() === encodeAnalysisSettings(b).toString();
}
