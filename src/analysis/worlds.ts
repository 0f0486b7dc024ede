/**
 * The "worlds" the analyst tools weigh against each other: Chris Gray's three
 * readings of the order × Russia's three clear answers (restraint, free hits,
 * no change). `mixed` is left out on purpose: it is itself a blend of two of
 * these worlds, and the signposts tool is what estimates that blend.
 */
import {
  INTERPRETATIONS,
  PARAM_BY_ID,
  RESPONSES,
  type PauseInterpretationId,
  type ResponseId,
} from '../model/parameters';
import type { Scenario } from '../model/types';

export const WORLD_INTERPRETATIONS: readonly PauseInterpretationId[] = ['deprioritized', 'diplomatic', 'reallocation'];
export const WORLD_RESPONSES: readonly ResponseId[] = ['restraint', 'free-hits', 'skeptic'];

/** "deprioritized/free-hits": the same ids as the Compare view's grid cells. */
export type WorldId = `${PauseInterpretationId}/${ResponseId}`;

export interface WorldDef {
  id: WorldId;
  interpretation: PauseInterpretationId;
  response: ResponseId;
  /** "Deprioritized, Free hits". */
  label: string;
}

/** The nine worlds, interpretation-major (deprioritized × restraint, free hits, no change; then diplomatic …). */
export const WORLDS: readonly WorldDef[] = WORLD_INTERPRETATIONS.flatMap((interpretation) =>
  WORLD_RESPONSES.map((response) => ({
    id: `${interpretation}/${response}` as WorldId,
    interpretation,
    response,
    label: `${INTERPRETATIONS[interpretation].shortLabel}, ${RESPONSES[response].label}`,
  })),
);

export const WORLD_IDS: readonly WorldId[] = WORLDS.map((w) => w.id);

export function isWorldId(x: unknown): x is WorldId {
  return typeof x === 'string' && (WORLD_IDS as readonly string[]).includes(x);
}

/**
 * The current scenario moved into a world: its horizon, policy, injects and
 * parameter overrides kept, except overrides of interpretation-specific
 * parameters (m, s, δ), which are dropped when the interpretation changes
 * (they describe the scenario's own reading of the order), as the Compare
 * view's grid does.
 */
export function worldScenario(base: Scenario, world: Pick<WorldDef, 'interpretation' | 'response'>): Scenario {
  const parameters =
    base.interpretation === world.interpretation
      ? base.parameters
      : Object.fromEntries(Object.entries(base.parameters).filter(([id]) => !PARAM_BY_ID.get(id)?.byInterpretation));
  return {
    ...base,
    id: `${base.id}-${world.interpretation}-${world.response}`,
    interpretation: world.interpretation,
    response: world.response,
    parameters,
  };
}

/**
 * Prior weights of `worlds` (default: all nine, in WORLDS order), normalised;
 * a missing weight counts as 1, a negative or non-finite one as 0, and all
 * zero as uniform.
 */
export function normalisePriors(priors: Partial<Record<WorldId, number>> | undefined, worlds: readonly Pick<WorldDef, 'id'>[] = WORLDS): number[] {
  const raw = worlds.map((w) => {
    const x = priors?.[w.id];
    return x === undefined ? 1 : Number.isFinite(x) && x > 0 ? x : 0;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return total > 0 ? raw.map((x) => x / total) : raw.map(() => 1 / raw.length);
}
