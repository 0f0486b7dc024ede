/**
 * Loading preset scenarios and exercise scripts from file texts. Pure, so
 * Node code (tests, the command line) can use it; presets.ts bundles the
 * files with Vite. A broken preset is a bug in the repository, not a user
 * error, so loading throws (naming the file) instead of skipping it.
 */
import { INTERPRETATION_IDS, POLICY_KINDS, RESPONSE_IDS } from '../model/parameters';
import type { Scenario } from '../model/types';
import { parseScenarioText } from './parseText';

/** What the loader found: pause presets and baseline in `presets`, exercise scripts apart. */
export interface PresetCollection {
  presets: Scenario[];
  exercises: Scenario[];
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Presets in reading order: by interpretation (the baseline last), then response, then policy. */
export function comparePresets(a: Scenario, b: Scenario): number {
  return (
    INTERPRETATION_IDS.indexOf(a.interpretation) - INTERPRETATION_IDS.indexOf(b.interpretation) ||
    RESPONSE_IDS.indexOf(a.response) - RESPONSE_IDS.indexOf(b.response) ||
    POLICY_KINDS.indexOf(a.policy.kind) - POLICY_KINDS.indexOf(b.policy.kind) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Parse preset files given as `{ path: text }`. Throws an Error naming the
 * file when one does not parse, when its id is not its file name, or when two
 * files share an id.
 */
export function loadPresets(files: Record<string, string>): PresetCollection {
  const presets: Scenario[] = [];
  const exercises: Scenario[] = [];
  for (const [path, text] of Object.entries(files)) {
    const name = fileName(path);
    const result = parseScenarioText(text, { source: name });
    if (!result.ok) {
      const details = result.errors.map((e) => `  ${name}${e.line ? `:${e.line}` : ''}: ${e.message}`).join('\n');
      throw new Error(`Preset scenario ${name} is invalid:\n${details}`);
    }
    const s = result.value;
    const expected = name.replace(/\.ya?ml$/, '');
    if (s.id !== expected) throw new Error(`Preset scenario ${name} has id "${s.id}"; the id must equal the file name ("${expected}").`);
    (s.exercise ? exercises : presets).push(s);
  }
  const all = [...presets, ...exercises];
  const ids = new Set<string>();
  for (const s of all) {
    if (ids.has(s.id)) throw new Error(`Two preset files have the id "${s.id}".`);
    ids.add(s.id);
  }
  presets.sort(comparePresets);
  exercises.sort((a, b) => a.id.localeCompare(b.id));
  return { presets, exercises };
}
