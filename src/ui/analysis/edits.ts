/**
 * Pure edits of the analysis settings made by the view's inputs, and the
 * ensemble sizes each tool uses. Every edit returns new settings (the view
 * hands them to `onchange`); invalid input leaves the settings as they were.
 */
import { MAX_COUNT, MAX_OBSERVATION_MONTH, MAX_PRIOR, type AnalysisSettings } from '../../analysis/settings';
import type { WorldId } from '../../analysis/worlds';
import { POLICY_OPTION_IDS } from '../../analysis/policies';
import { SECTOR_IDS, type SectorId } from '../../model/parameters';
import type { Run } from '../../model/types';
import { commaHint, parseTyped } from '../controls/numeric';

/** Members each tool runs, from the app's ensemble size: ranking 500–2,000, policy grid 100–1,000 per world, signposts 100–500 per world. */
export function analysisSizes(runs: number): { ranking: number; policies: number; signposts: number } {
  const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));
  return { ranking: clamp(runs, 500, 2000), policies: clamp(runs, 100, 1000), signposts: clamp(runs / 2, 100, 500) };
}

/** The count observed for a sector and month, or null. */
export function observedCount(s: AnalysisSettings, sector: SectorId, month: number): number | null {
  return s.observations.find((o) => o.sector === sector && o.month === month)?.count ?? null;
}

/** Set (a whole number ≥ 0) or clear (empty text) one observed count. */
export function setObservation(s: AnalysisSettings, sector: SectorId, month: number, text: string): AnalysisSettings {
  const rest = s.observations.filter((o) => !(o.sector === sector && o.month === month));
  const trimmed = text.trim();
  if (trimmed === '') return { ...s, observations: rest };
  const count = Number(trimmed);
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT || month < 0 || month > MAX_OBSERVATION_MONTH) return s;
  const observations = [...rest, { sector, month, count }].sort(
    (a, b) => a.month - b.month || SECTOR_IDS.indexOf(a.sector) - SECTOR_IDS.indexOf(b.sector),
  );
  return { ...s, observations };
}

/** Months shown in the observations table: 0 (before the pause) … at least 3, and up to the last one observed. */
export function observationMonths(s: AnalysisSettings, extra: number, horizon: number): number[] {
  const last = Math.max(3 + extra, ...s.observations.map((o) => o.month));
  return Array.from({ length: Math.min(last, horizon) + 1 }, (_, m) => m);
}

/** Counts a world like the current scenario's expected path would report (λ rounded), months 0 … `months`. */
export function exampleObservations(s: AnalysisSettings, run: Run, months: number): AnalysisSettings {
  const observations = [];
  for (let m = 0; m <= Math.min(months, run.horizonMonths); m++) {
    for (const k of SECTOR_IDS) observations.push({ sector: k, month: m, count: Math.round(run.incidents[k][m]) });
  }
  return { ...s, observations };
}

/** Why a world's prior weight cannot be `text`, or null when it can (a number from 0 to MAX_PRIOR, not the last world above 0). */
export function priorProblem(s: AnalysisSettings, world: WorldId, text: string): string | null {
  const w = parseTyped(text);
  const range = `a weight is a number from 0 to ${MAX_PRIOR.toLocaleString('en-US')}`;
  if (Number.isNaN(w)) return text.trim() === '' ? range : `${commaHint(text) ?? 'not a number'}: ${range}`;
  if (w < 0 || w > MAX_PRIOR) return range;
  if (w === 0 && Object.entries(s.priors).every(([id, x]) => id === world || x === 0))
    return 'at least one world must keep a weight above 0';
  return null;
}

/** Set a world's prior weight; unchanged settings when priorProblem names a problem. */
export function setPrior(s: AnalysisSettings, world: WorldId, text: string): AnalysisSettings {
  return priorProblem(s, world, text) ? s : { ...s, priors: { ...s.priors, [world]: parseTyped(text) } };
}

/** Every world back to weight 1. */
export function equalPriors(s: AnalysisSettings): AnalysisSettings {
  return { ...s, priors: Object.fromEntries(Object.keys(s.priors).map((id) => [id, 1])) as Record<WorldId, number> };
}

/** Include or leave out a policy; at least two stay. */
export function togglePolicy(s: AnalysisSettings, id: string, on: boolean): AnalysisSettings {
  const next = POLICY_OPTION_IDS.filter((p) => (p === id ? on : s.policies.includes(p)));
  return next.length >= 2 ? { ...s, policies: next } : s;
}
