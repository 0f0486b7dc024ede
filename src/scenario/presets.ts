/**
 * The preset scenarios and exercise scripts: every scenarios/*.yaml, parsed
 * and validated at build time (build/presets-plugin.ts, which fails naming
 * the file when a preset is broken) and bundled as JSON.
 */
import collection from 'virtual:stand-down-presets';
import type { Scenario } from '../model/types';


const LOADED = collection;

/** Presets are shared by the whole app: freeze them so an accidental edit fails loudly (Immer accepts frozen state). */
function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** Preset scenarios: pause scenarios grouped by interpretation, the no-pause baseline last. */
export const PRESETS: Scenario[] = deepFreeze(LOADED.presets);

/** Exercise scripts (files with an `exercise` key), by id. */
export const EXERCISES: Scenario[] = deepFreeze(LOADED.exercises);

/** A preset or exercise script by id. */
export function presetById(id: string): Scenario | undefined {
  return PRESETS.find((s) => s.id === id) ?? EXERCISES.find((s) => s.id === id);
}
