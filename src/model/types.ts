/** Domain types shared by the engine, the scenario format and the app. */
import type { InterpretationId, PolicyKind, Quote, Range, ResponseId, SectorId } from './parameters';

/** The effects an inject or a decision option can have (MODEL.md section 7). */
export type InjectEffect =
  | { type: 'sectorShock'; sector: SectorId; factor: number; months: number }
  | { type: 'adversaryShift'; amount: number }
  | { type: 'coverageShock'; share: number }
  | { type: 'restraintCollapse' }
  | { type: 'reverse' };

export type EffectType = InjectEffect['type'];

/** World events stay in the no-pause baseline; policy effects are dropped from it. */
export const WORLD_EFFECTS: ReadonlySet<EffectType> = new Set(['sectorShock', 'adversaryShift']);

export interface DecisionOption {
  id: string;
  label: string;
  effects: InjectEffect[];
  /** What the facilitator expects this choice to do (shown to the facilitator only). */
  expectedEffect?: string;
}

/** A question put to the players; `chosen` is the id of the option they picked, if any. */
export interface Decision {
  question: string;
  options: DecisionOption[];
  /** Option applied when the team does not decide. */
  defaultOption?: string;
  chosen?: string;
}

export interface Inject {
  id: string;
  /** Month 1 … H in which the inject happens. */
  month: number;
  title: string;
  /** Player-facing text. */
  text?: string;
  /** Facilitator-only notes; never shown to players. */
  notes?: string;
  effects: InjectEffect[];
  decision?: Decision;
}

export type Policy = { kind: PolicyKind };

/** Exercise material carried by exercise scripts (tabletop mode). */
export interface ExerciseModule {
  title: string;
  fromMonth: number;
  toMonth: number;
  minutes: number;
  questions: string[];
}

export interface Exercise {
  audience?: string;
  minutes?: number;
  objectives: string[];
  modules: ExerciseModule[];
}

/** A validated scenario; `parameters` holds only the overrides, as full ranges. */
export interface Scenario {
  id: string;
  title: string;
  summary: string;
  quotes: Quote[];
  interpretation: InterpretationId;
  response: ResponseId;
  policy: Policy;
  horizonMonths: number;
  parameters: Record<string, Range>;
  injects: Inject[];
  exercise?: Exercise;
}

export type SectorSeries = Record<SectorId, number[]>;

/** The deterministic "expected path" (MODEL.md sections 2, 5 and 9). Arrays have H + 1 entries. */
export interface Run {
  horizonMonths: number;
  composite: number[];
  perceived: number[];
  coverage: number[];
  blindSpots: number[];
  readiness: number[];
  access: number[];
  monitoring: number[];
  sharing: number[];
  deterrence: number[];
  adversary: number[];
  criminal: number[];
  vigilance: number[];
  alliedConfidence: number[];
  cost: number[];
  threat: SectorSeries;
  incidents: SectorSeries;
  reversalMonth: number | null;
  reengageMonth: number | null;
}

/** Percentile band of one series: one value per month (or a single value for scalars). */
export interface Band {
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
  mean: number[];
}

/** Distribution of a scalar across members. */
export interface Dist {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
}

export const SUMMARY_SERIES = [
  'composite', 'perceived', 'coverage', 'blindSpots', 'adversary', 'criminal', 'vigilance', 'alliedConfidence', 'cost',
] as const;
export type SummarySeriesName = (typeof SUMMARY_SERIES)[number];

export interface ScalarSummary {
  cumulativeIncidents: Record<SectorId, Dist> & { total: Dist };
  cumulativeCost: Dist;
  peakComposite: Dist;
  monthsHighOrWorse: Dist;
}

export interface EnsembleSummary {
  runs: number;
  seed: string;
  noise: boolean;
  horizonMonths: number;
  /** Keys: SUMMARY_SERIES plus `threat.<sector>` and `incidents.<sector>`. */
  series: Record<string, Band>;
  /** The no-pause baseline's composite (common random numbers). */
  baseline: { composite: Band };
  /** P(reversal decided at or before month t), t = 0 … H. */
  probReversedBy: number[];
  /** P(offensive operations resumed at or before month t). */
  probReengagedBy: number[];
  /** P(composite ≥ 60) per month. */
  probHighOrWorse: number[];
  scalars: ScalarSummary & {
    /** Reversal month among members that reverse; `probNever` is the share that never do. */
    reversalMonth: Dist & { probNever: number };
  };
  /** Scenario minus baseline, member by member (paired). */
  pauseEffect: { series: { composite: Band; cost: Band }; scalars: ScalarSummary };
}

export interface EnsembleOptions {
  runs: number;
  seed: string | number;
  noise?: boolean;
}
