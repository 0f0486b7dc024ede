/** The app's state: plain, serialisable data, updated only through Immer (see store.svelte.ts). */
import type { SectorId } from '../model/parameters';
import type { Scenario } from '../model/types';
import type { AnalysisSettings } from '../analysis/settings';

/** The four views of the app. */
export const VIEWS = ['explore', 'compare', 'explain', 'analysis', 'model'] as const;
export type View = (typeof VIEWS)[number];

/** How the ensemble is run. */
export interface EnsembleSettings {
  /** Number of members, 100 … 100,000. */
  runs: number;
  /** Seed of the random streams; the same seed gives the same numbers. */
  seed: string;
  /** Draw reported incidents as Poisson counts (true) or use their expectations. */
  noise: boolean;
}

/** A scenario kept for side-by-side comparison. */
export interface PinnedScenario {
  id: string;
  label: string;
  scenario: Scenario;
}

/** Which number the Explain view takes apart. */
export interface ExplainTarget {
  month: number;
  target: SectorId | 'composite';
}

export interface AppState {
  scenario: Scenario;
  /** The preset the scenario started from; "Reset to preset" returns to it. */
  presetId: string;
  ensemble: EnsembleSettings;
  /** At most MAX_PINNED scenarios. */
  pinned: PinnedScenario[];
  view: View;
  explainTarget: ExplainTarget;
  /** Analyst tools' settings (metric, observations, priors, policies); absent means the defaults. */
  analysis?: AnalysisSettings;
}

export const MAX_PINNED = 4;
/** Longest pin label: labels travel in share links, which keep this many characters. */
export const MAX_PIN_LABEL = 120;
export const RUNS = { min: 100, max: 100_000, default: 1_000, choices: [100, 1_000, 10_000, 100_000] } as const;
export const SEED = { default: 'stand-down', maxLength: 200 } as const;
