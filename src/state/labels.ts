/** Words for scenarios: short descriptions, "edited" status, pin labels. */
import { INTERPRETATIONS, PARAM_BY_ID, POLICIES, RESPONSES, shiftMode } from '../model/parameters';
import type { Scenario } from '../model/types';
import { currentRange, formatValue, sameModel } from './edits';
import { findPreset } from './presets';
import type { AppState } from './types';

/** "Deprioritized · Free hits · Reverse on trigger" */
export function describeScenario(s: Scenario): string {
  return [INTERPRETATIONS[s.interpretation].shortLabel, RESPONSES[s.response].label, POLICIES[s.policy.kind].label].join(' · ');
}

/** Whether the scenario differs from the preset it started from. */
export function isEdited(state: AppState, presets?: readonly Scenario[]): boolean {
  const preset = findPreset(state.presetId, presets);
  return !preset || !sameModel(preset, state.scenario);
}

/**
 * The title to show for the current scenario: the preset's title, or what it
 * has become. A scenario that is no preset's (imported, saved, from a link
 * with an embedded scenario), or that has a title of its own (a file that
 * starts from a preset's id under an analyst's title), keeps its own title.
 */
/** A title the app made for an edited preset ("Deprioritized · Free hits · Indefinite (edited)"), as an exported file carries it. */
const GENERATED_TITLE = /^[^·]+ · [^·]+ · [^·]+ \(edited\)$/;

export function scenarioTitle(state: AppState, presets?: readonly Scenario[]): string {
  const preset = findPreset(state.presetId, presets);
  // A title of the scenario's own is kept; one the app generated is generated afresh, so it follows later edits.
  const own = state.scenario.title && state.scenario.title !== preset?.title && !GENERATED_TITLE.test(state.scenario.title);
  if (!preset || own) return state.scenario.title || describeScenario(state.scenario);
  return isEdited(state, presets) ? `${describeScenario(state.scenario)} (edited)` : preset.title;
}

/**
 * The parameters a scenario sets away from their defaults, as "Escalation
 * ceiling 2 (default 1.2)"; a range that is narrower or wider than the
 * default's, not only moved with its most likely value (a file can set one),
 * is given too: "Restraint depth range 0.1–0.3 (default 0.2–0.6)".
 */
export function changedParameters(s: Scenario): string[] {
  return Object.keys(s.parameters).flatMap((id) => {
    const def = PARAM_BY_ID.get(id);
    if (!def) return [];
    const r = currentRange(s, id);
    const fallback = def.byInterpretation && s.interpretation !== 'none' ? def.byInterpretation[s.interpretation] : def.range;
    // The range a slider gives for this most likely value (the default's moved with it, clamped to the domain): anything else was set.
    const slid = shiftMode(def, fallback, r.mode);
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    const reshaped = !near(r.low, slid.low) || !near(r.high, slid.high);
    const span = (x: typeof r) => `${formatValue(x.low)}–${formatValue(x.high)}`;
    if (r.mode === fallback.mode) {
      if (!reshaped) return [];
      return [`${def.label} range ${span(r)} (default ${span(fallback)})`];
    }
    if (!reshaped) return [`${def.label} ${formatValue(r.mode)} (default ${formatValue(fallback.mode)})`];
    return [`${def.label} ${formatValue(r.mode)}, range ${span(r)} (default ${formatValue(fallback.mode)}, range ${span(fallback)})`];
  });
}
