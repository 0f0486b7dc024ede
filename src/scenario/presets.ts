/**
 * The preset scenarios and exercise scripts: every scenarios/*.yaml, bundled
 * as text at build time by Vite and parsed once when this module loads (see
 * load.ts, which throws naming the file when a preset is broken).
 */
import type { Scenario } from '../model/types';
import { deepFreeze, loadPresets } from './load';

export { comparePresets, loadPresets, type PresetCollection } from './load';

const FILES = import.meta.glob<string>('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true });
const LOADED = loadPresets(FILES);

/** Preset scenarios: pause scenarios grouped by interpretation, the no-pause baseline last. */
export const PRESETS: Scenario[] = deepFreeze(LOADED.presets);

/** Exercise scripts (files with an `exercise` key), by id. */
export const EXERCISES: Scenario[] = deepFreeze(LOADED.exercises);

/** A preset or exercise script by id. */
export function presetById(id: string): Scenario | undefined {
  return PRESETS.find((s) => s.id === id) ?? EXERCISES.find((s) => s.id === id);
}
