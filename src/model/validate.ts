/**
 * Guards at the engine's door: `simulate` and `runEnsemble` accept only a
 * validated Scenario, but callers may hand-build one, so they re-check the
 * fields the engine relies on and throw an Error naming the field.
 */
import {
  ENSEMBLE,
  HORIZON,
  INTERPRETATION_IDS,
  PARAM_BY_ID,
  POLICY_KINDS,
  RESPONSE_IDS,
  SECTOR_IDS,
  describeDomain,
  inDomain,
} from './parameters';
import type { EnsembleOptions, Scenario } from './types';

export class ModelInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ModelInputError';
  }
}

function fail(field: string, message: string): never {
  throw new ModelInputError(field, message);
}

export function assertScenario(s: Scenario): void {
  if (!s || typeof s !== 'object') fail('scenario', 'expected a scenario object');
  if (!INTERPRETATION_IDS.includes(s.interpretation)) fail('interpretation', `unknown "${String(s.interpretation)}"; use one of ${INTERPRETATION_IDS.join(', ')}`);
  if (!RESPONSE_IDS.includes(s.response)) fail('response', `unknown "${String(s.response)}"; use one of ${RESPONSE_IDS.join(', ')}`);
  if (!s.policy || !POLICY_KINDS.includes(s.policy.kind)) fail('policy.kind', `use one of ${POLICY_KINDS.join(', ')}`);
  const H = s.horizonMonths;
  if (!Number.isInteger(H) || H < HORIZON.min || H > HORIZON.max) fail('horizonMonths', `${H} is not a whole number from ${HORIZON.min} to ${HORIZON.max}`);
  for (const [id, r] of Object.entries(s.parameters ?? {})) {
    const def = PARAM_BY_ID.get(id);
    if (!def) fail(`parameters.${id}`, 'unknown parameter');
    for (const key of ['low', 'mode', 'high'] as const) {
      if (!inDomain(r?.[key], { ...def.domain, integer: false })) fail(`parameters.${id}.${key}`, `${r?.[key]} is outside ${describeDomain(def.domain)}`);
    }
    if (!(r.low <= r.mode && r.mode <= r.high)) fail(`parameters.${id}`, `needs low ≤ mode ≤ high (got ${r.low}, ${r.mode}, ${r.high})`);
  }
  (s.injects ?? []).forEach((inj, i) => {
    if (!Number.isInteger(inj.month) || inj.month < 1 || inj.month > H) fail(`injects[${i}].month`, `${inj.month} is not a month from 1 to ${H}`);
    for (const e of inj.effects ?? []) {
      if (e.type === 'sectorShock' && (!SECTOR_IDS.includes(e.sector) || !(e.factor >= 0) || !Number.isFinite(e.factor) || !(e.months >= 1)))
        fail(`injects[${i}].effects`, 'sectorShock needs a known sector, factor ≥ 0 and months ≥ 1');
      if (e.type === 'coverageShock' && !(e.share >= 0 && e.share <= 1)) fail(`injects[${i}].effects`, 'coverageShock share must be from 0 to 1');
      if (e.type === 'adversaryShift' && !Number.isFinite(e.amount)) fail(`injects[${i}].effects`, 'adversaryShift amount must be a finite number');
    }
  });
}

export function assertEnsembleOptions(o: EnsembleOptions): void {
  if (!o || typeof o !== 'object') fail('options', 'expected { runs, seed }');
  if (!Number.isInteger(o.runs) || o.runs < ENSEMBLE.minRuns || o.runs > ENSEMBLE.maxRuns)
    fail('runs', `${o.runs} is not a whole number from ${ENSEMBLE.minRuns} to ${ENSEMBLE.maxRuns}`);
  if (typeof o.seed === 'number' ? !Number.isFinite(o.seed) : typeof o.seed !== 'string' || o.seed.length > 200)
    fail('seed', 'must be a finite number or a text of at most 200 characters');
  if (o.noise !== undefined && typeof o.noise !== 'boolean') fail('noise', 'must be true or false');
}
