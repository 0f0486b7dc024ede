/**
 * Exercise scripts the facilitator opened from a file travel with their
 * session (autosave, facilitator link) in file shape; the app's own scripts
 * are named by id only. Kept apart from script.ts so that the player's page,
 * which never holds a script, does not load the scenario parser.
 */
import type { Scenario } from '../model/types';
import { parseScenario } from '../scenario/parse';
import type { ScenarioFile } from '../scenario/schema';
import { scenarioToFile } from '../scenario/serialize';

/**
 * The script a saved session or a link names: its own copy (a script the
 * facilitator opened from a file, kept in file shape beside the session), or
 * else the app's script of that id. A sentence saying what is wrong otherwise.
 */
export function resolveScript(
  scriptId: unknown, own: unknown, exercises: readonly Scenario[],
): { ok: true; script: Scenario } | { ok: false; error: string } {
  if (typeof scriptId !== 'string') return { ok: false, error: 'it does not say which exercise it belongs to (scriptId)' };
  if (own !== undefined) {
    // An own copy may not stand in for one of the app's scripts: it would take that script's place in the chooser for good.
    if (exercises.some((s) => s.id === scriptId)) return { ok: false, error: `its own script has the id of one of the app's exercises ("${scriptId.slice(0, 80)}")` };
    const parsed = parseScenario(own);
    if (!parsed.ok) return { ok: false, error: `its own exercise script is not valid (${parsed.errors[0]?.message ?? 'unknown error'})` };
    if (parsed.value.id !== scriptId || !parsed.value.exercise) return { ok: false, error: 'its own exercise script does not match the session' };
    return { ok: true, script: parsed.value };
  }
  const script = exercises.find((s) => s.id === scriptId);
  if (!script) return { ok: false, error: `it belongs to the exercise "${scriptId.slice(0, 80)}", which this app does not have` };
  return { ok: true, script };
}

/** The script in file shape when it is not one of the app's own (it travels with the session), else undefined. */
export function ownScriptFile(script: Scenario, exercises: readonly Scenario[]): ScenarioFile | undefined {
  return exercises.includes(script) ? undefined : scenarioToFile(script);
}
