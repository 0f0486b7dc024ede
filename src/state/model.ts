/** Running the deterministic model for the app, turning exceptions into messages. */
import { compileScenario } from '../model/engine';
import { simulate } from '../model/simulate';
import { explain, type Explanation } from '../model/explain';
import { WORLD_EFFECTS, type InjectEffect, type Run, type Scenario } from '../model/types';
import type { ExplainTarget } from './types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

function attempt<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The expected path of a scenario, or why it could not be computed. */
export function expectedPath(scenario: Scenario): Outcome<Run> {
  return attempt(() => simulate(scenario));
}

/** The explanation of one number of the expected path. */
export function explainTarget(scenario: Scenario, target: ExplainTarget): Outcome<Explanation> {
  const month = Math.min(Math.max(0, target.month), scenario.horizonMonths);
  return attempt(() => explain(scenario, month, target.target));
}

/**
 * The month (1 … H) in which the expected path's threat index for `target`
 * is highest, the first such month on a tie; null when it cannot be computed.
 * Month 0 is the pre-pause 50, never a peak (as everywhere in the app).
 */
export function expectedPeakMonth(scenario: Scenario, target: ExplainTarget['target']): number | null {
  const run = expectedPath(scenario);
  if (!run.ok || scenario.horizonMonths < 1) return null;
  const series = target === 'composite' ? run.value.composite : run.value.threat[target];
  let best = 1;
  for (let m = 2; m < series.length; m++) if (series[m] > series[best]) best = m;
  return best;
}

/**
 * The month an event reverses the pause whatever the policy (a `reverse`
 * effect, of an inject or of a decision's chosen option, within the
 * horizon), as the engine reads it; null when none does.
 */
export function forcedReversalMonth(scenario: Scenario): number | null {
  const compiled = attempt(() => compileScenario(scenario));
  return compiled.ok && Number.isFinite(compiled.value.reverseInjectMonth) ? compiled.value.reverseInjectMonth : null;
}

/**
 * The no-pause twin of a scenario (MODEL.md section 5): same horizon,
 * parameters and world events (sector shocks, adversary shifts), no pause
 * and no policy injects.
 */
export function baselineScenario(s: Scenario): Scenario {
  const world = (effects: InjectEffect[]) => effects.filter((e) => WORLD_EFFECTS.has(e.type));
  return {
    ...s,
    id: `${s.id}-baseline`,
    title: 'No pause',
    interpretation: 'none',
    injects: s.injects.map((inj) => ({
      ...inj,
      effects: world(inj.effects),
      decision: inj.decision && { ...inj.decision, options: inj.decision.options.map((o) => ({ ...o, effects: world(o.effects) })) },
    })),
  };
}
