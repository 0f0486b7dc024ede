/**
 * The preset scenarios the app offers (scenarios/*.yaml, loaded by
 * src/scenario/presets.ts), and the default one.
 */
import { PRESETS } from '../scenario/presets';
import { current, isDraft } from 'immer';
import type { Scenario } from '../model/types';

/** The scenario the app opens with when it exists: the article's worst case with an exit. */
export const DEFAULT_PRESET_ID = 'deprioritized-free-hits-trigger';

function ordered(): readonly Scenario[] {
  const first = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID);
  return first ? [first, ...PRESETS.filter((p) => p !== first)] : PRESETS;
}

/** Every preset, in the order the picker lists them. The first is the default. */
export const APP_PRESETS: readonly Scenario[] = ordered();

/** The preset with this id, if any. */
export function findPreset(id: string, presets: readonly Scenario[] = APP_PRESETS): Scenario | undefined {
  return presets.find((p) => p.id === id);
}

/** A fresh, unfrozen copy of a scenario (presets are frozen; Immer freezes what it is given). */
export function cloneScenario(s: Scenario): Scenario {
  return structuredClone(isDraft(s) ? current(s) : s) as Scenario;
}
