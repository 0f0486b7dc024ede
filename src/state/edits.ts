/**
 * Every change the controls can make to the app state, as Immer recipes.
 * An edit either changes the draft and returns null, or leaves it untouched
 * and returns a message saying why it was refused (naming the allowed range).
 */
import { produce } from 'immer';
import {
  HORIZON,
  INTERPRETATION_IDS,
  PARAM_BY_ID,
  POLICY_KINDS,
  RESPONSE_IDS,
  SECTOR_IDS,
  defaultRange,
  describeDomain,
  describeNumberDomain,
  inDomain,
  shiftMode,
  type InterpretationId,
  type PolicyKind,
  type Range,
  type ResponseId,
  type SectorId,
} from '../model/parameters';
import type { Scenario } from '../model/types';
import { hasDirectionControls } from '../scenario/directionControls';
import type { AnalysisSettings } from '../analysis/settings';
import { APP_PRESETS, cloneScenario, findPreset } from './presets';
import { MAX_PINNED, MAX_PIN_LABEL, RUNS, SEED, VIEWS, type AppState, type View } from './types';

/** A recipe over a draft of the state: null when applied, else why it was refused (draft untouched). */
export type Edit = (draft: AppState) => string | null;

/** Apply an edit outside the store (tests, previews): the new state and the refusal message, if any. */
export function applyEdit(state: AppState, edit: Edit): { state: AppState; error: string | null } {
  let error: string | null = null;
  const next = produce(state, (draft) => {
    error = edit(draft as AppState);
  });
  return { state: next, error };
}

/** Format a number for a message: at most 6 significant digits, no float noise. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

/** The state the app starts in: the first preset (or the given one), default ensemble settings. */
export function initialState(presetId?: string, presets: readonly Scenario[] = APP_PRESETS): AppState {
  const preset = (presetId ? findPreset(presetId, presets) : undefined) ?? presets[0];
  return {
    scenario: cloneScenario(preset),
    presetId: preset.id,
    ensemble: { runs: RUNS.default, seed: SEED.default, noise: true },
    pinned: [],
    view: 'explore',
    explainTarget: { month: Math.min(12, preset.horizonMonths), target: 'composite' },
  };
}

/** The current (low, mode, high) of a parameter in a scenario: its override or its default. */
export function currentRange(scenario: Scenario, id: string) {
  const def = PARAM_BY_ID.get(id);
  if (!def) throw new RangeError(`Unknown parameter "${id}"`);
  return scenario.parameters[id] ?? defaultRange(def, scenario.interpretation);
}

/**
 * A scenario read another way. Overrides of the interpretation-specific
 * parameters (m, s, δ) belong to the old reading, so they are dropped.
 */
export function withInterpretation(scenario: Scenario, id: InterpretationId): Scenario {
  return produce(scenario, (d) => {
    applyInterpretation(d, id);
  });
}

function applyInterpretation(s: Scenario, id: InterpretationId): void {
  if (s.interpretation === id) return;
  s.interpretation = id;
  for (const key of Object.keys(s.parameters)) {
    if (PARAM_BY_ID.get(key)?.byInterpretation) delete s.parameters[key];
  }
}

/** Choose how the order is read (one of Chris Gray's three readings, or the no-pause baseline). */
export const setInterpretation =
  (id: InterpretationId): Edit =>
  (d) => {
    if (!INTERPRETATION_IDS.includes(id)) return `Unknown interpretation "${String(id)}"; use one of ${INTERPRETATION_IDS.join(', ')}`;
    applyInterpretation(d.scenario, id);
    return null;
  };

/** Choose Russia's answer. */
export const setResponse =
  (id: ResponseId): Edit =>
  (d) => {
    if (!RESPONSE_IDS.includes(id)) return `Unknown adversary response "${String(id)}"; use one of ${RESPONSE_IDS.join(', ')}`;
    d.scenario.response = id;
    return null;
  };

/** Choose how the pause ends (its months and thresholds are parameters: fixedMonths, triggerThreshold, triggerMonths). */
export const setPolicy =
  (kind: PolicyKind): Edit =>
  (d) => {
    if (!POLICY_KINDS.includes(kind)) return `Unknown US policy "${String(kind)}"; use one of ${POLICY_KINDS.join(', ')}`;
    d.scenario.policy = { ...d.scenario.policy, kind };
    return null;
  };

/** Drop float noise (0.4000000000000001 → 0.4) so ranges read and compare cleanly. */
const tidy = (x: number) => Number(x.toPrecision(12));

/**
 * The range whose spread an edit keeps: the preset's own range for the
 * parameter when the scenario is still read the preset's way, else the
 * default. Using a fixed reference (not the current, possibly clamped range)
 * means dragging a slider to the end of its domain and back loses nothing.
 */
export function referenceRange(state: AppState, id: string, presets: readonly Scenario[] = APP_PRESETS): Range {
  const def = PARAM_BY_ID.get(id);
  if (!def) throw new RangeError(`Unknown parameter "${id}"`);
  const preset = findPreset(state.presetId, presets);
  const own = preset && (!def.byInterpretation || preset.interpretation === state.scenario.interpretation) ? preset.parameters[id] : undefined;
  return own ?? defaultRange(def, state.scenario.interpretation);
}

/**
 * Move a parameter's most likely value (its mode); low and high keep their
 * distance from it (shiftMode on the reference range). A value that is not a
 * number or lies outside the parameter's domain is refused:
 * "Escalation ceiling must be at least 0; kept 1.2". Whole-number parameters
 * are rounded half up first.
 */
export const setParameterMode =
  (id: string, value: number): Edit =>
  (d) => {
    const def = PARAM_BY_ID.get(id);
    if (!def) return `Unknown parameter "${id}"`;
    const now = currentRange(d.scenario, id);
    const allowed = describeDomain(def.domain);
    const kept = `kept ${formatValue(now.mode)}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${def.label} must be ${describeNumberDomain(def.domain)}; ${kept}`;
    // Whole numbers are rounded after an edit (MODEL.md section 4), so 2.6 months is accepted as 3.
    if (!inDomain(value, { ...def.domain, integer: false })) return `${def.label} must be ${allowed}; ${kept}`;
    const shifted = shiftMode(def, referenceRange(d, id), value);
    const next = { low: tidy(shifted.low), mode: tidy(shifted.mode), high: tidy(shifted.high) };
    const fallback = defaultRange(def, d.scenario.interpretation);
    if (next.low === fallback.low && next.mode === fallback.mode && next.high === fallback.high) delete d.scenario.parameters[id];
    else d.scenario.parameters[id] = next;
    return null;
  };

/** Put a parameter back to its default range. */
export const resetParameter =
  (id: string): Edit =>
  (d) => {
    if (!PARAM_BY_ID.has(id)) return `Unknown parameter "${id}"`;
    delete d.scenario.parameters[id];
    return null;
  };

/** Months simulated, a whole number from 6 to 60; never shorter than the scenario's last event. */
export const setHorizon =
  (months: number): Edit =>
  (d) => {
    const kept = `kept ${d.scenario.horizonMonths}`;
    if (!Number.isInteger(months) || months < HORIZON.min || months > HORIZON.max)
      return `Horizon must be a whole number of months from ${HORIZON.min} to ${HORIZON.max}; ${kept}`;
    const lastEvent = Math.max(0, ...d.scenario.injects.map((i) => i.month));
    if (months < lastEvent) return `Horizon must be at least ${lastEvent} months: this scenario has an event in month ${lastEvent}; ${kept}`;
    d.scenario.horizonMonths = months;
    if (d.explainTarget.month > months) d.explainTarget.month = months;
    return null;
  };

/** Ensemble size, a whole number from 100 to 100,000. */
export const setRuns =
  (runs: number): Edit =>
  (d) => {
    if (!Number.isInteger(runs) || runs < RUNS.min || runs > RUNS.max)
      return `Ensemble size must be a whole number from ${RUNS.min.toLocaleString('en-US')} to ${RUNS.max.toLocaleString('en-US')}; kept ${d.ensemble.runs.toLocaleString('en-US')}`;
    d.ensemble.runs = runs;
    return null;
  };

/** The random seed: any text of 1 to 200 characters (surrounding spaces are dropped). */
export const setSeed =
  (seed: string): Edit =>
  (d) => {
    const s = typeof seed === 'string' ? seed.trim() : '';
    if (s.length === 0 || s.length > SEED.maxLength) return `Seed must be 1 to ${SEED.maxLength} characters; kept "${d.ensemble.seed}"`;
    // Removing them would change the draws; shown beside the app's words they would reverse them.
    if (hasDirectionControls(s)) return `Seed must not hold direction-changing characters (U+202A–202E, U+2066–2069); kept "${d.ensemble.seed}"`;
    d.ensemble.seed = s;
    return null;
  };

/** Incident noise: Poisson counts on or off. */
export const setNoise =
  (noise: boolean): Edit =>
  (d) => {
    d.ensemble.noise = noise === true;
    return null;
  };

/** Start from a preset: its scenario replaces the current one. */
export const loadPreset =
  (id: string, presets: readonly Scenario[] = APP_PRESETS): Edit =>
  (d) => {
    const preset = findPreset(id, presets);
    if (!preset) return `Unknown preset "${id}"`;
    d.presetId = id;
    d.scenario = cloneScenario(preset);
    if (d.explainTarget.month > preset.horizonMonths) d.explainTarget.month = preset.horizonMonths;
    return null;
  };

/** Undo every change made since the preset was loaded (ensemble settings and pins stay). */
export const resetToPreset =
  (presets: readonly Scenario[] = APP_PRESETS): Edit =>
  (d) =>
    loadPreset(d.presetId, presets)(d);

/** Whether two scenarios would simulate the same (title and notes aside). */
export function sameModel(a: Scenario, b: Scenario): boolean {
  const key = (s: Scenario) =>
    JSON.stringify([s.interpretation, s.response, s.policy, s.horizonMonths, sortedParameters(s), s.injects]);
  return key(a) === key(b);
}

function sortedParameters(s: Scenario) {
  return Object.keys(s.parameters)
    .sort()
    .map((k) => [k, s.parameters[k]]);
}

/** Keep the current scenario for comparison (at most four). */
export const pin =
  (label: string): Edit =>
  (d) => {
    if (d.pinned.length >= MAX_PINNED) return `You can pin at most ${MAX_PINNED} scenarios; unpin one first`;
    const twin = d.pinned.find((p) => sameModel(p.scenario as Scenario, d.scenario as Scenario));
    if (twin) return `This scenario is already pinned as "${twin.label}"`;
    const used = new Set(d.pinned.map((p) => p.id));
    let n = 1;
    while (used.has(`pin-${n}`)) n++;
    // Cut as a link would cut it (so that a shared link shows the label its author saw), and numbered when
    // another pin has the label (two edits of one preset share a title), so columns and legends tell them apart.
    const labels = new Set(d.pinned.map((p) => p.label));
    const text = label.trim() || `Scenario ${n}`;
    const cut = (tail: string) => (text.length + tail.length > MAX_PIN_LABEL ? `${text.slice(0, MAX_PIN_LABEL - tail.length - 1)}…${tail}` : text + tail);
    let base = cut('');
    for (let k = 2; labels.has(base); k++) base = cut(` (${k})`);
    d.pinned.push({ id: `pin-${n}`, label: base, scenario: cloneScenario(d.scenario as Scenario) });
    return null;
  };

/** Remove a pinned scenario. */
export const unpin =
  (id: string): Edit =>
  (d) => {
    const i = d.pinned.findIndex((p) => p.id === id);
    if (i < 0) return `No pinned scenario "${id}"`;
    d.pinned.splice(i, 1);
    return null;
  };

/** Switch view. */
export const setView =
  (view: View): Edit =>
  (d) => {
    if (!VIEWS.includes(view)) return `Unknown view "${String(view)}"`;
    d.view = view;
    return null;
  };

/** Choose the month and the sector (or the composite) the Explain view takes apart. */
export const setExplainTarget =
  (month: number, target: SectorId | 'composite'): Edit =>
  (d) => {
    const H = d.scenario.horizonMonths;
    if (!Number.isInteger(month) || month < 0 || month > H) return `Month must be a whole number from 0 to ${H}`;
    if (target !== 'composite' && !SECTOR_IDS.includes(target)) return `Unknown sector "${String(target)}"`;
    d.explainTarget = { month, target };
    return null;
  };

/** The analyst tools' settings (validated by the analysis view), so they travel in the link. */
export const setAnalysis =
  (settings: AnalysisSettings): Edit =>
  (d) => {
    d.analysis = settings;
    return null;
  };
