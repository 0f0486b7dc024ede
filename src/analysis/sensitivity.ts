/**
 * Sensitivity analysis of the current scenario (pure).
 *
 * (a) Tornado: each uncertain parameter (low < high) swung to its low and
 *     its high end with every other parameter at its mode, on the
 *     deterministic expected path (the same equations as `simulate` with that
 *     parameter's range pinned to one value). All 2P + 1 paths are stepped
 *     together as one PathSet, which is what `simulate` does with one path.
 * (b) Variance-based ranking: first-order sensitivity indices
 *     S_i = Var(E[Y | X_i]) / Var(Y) from an ensemble's members, estimated by
 *     the correlation ratio over ~20 equal-count bins of X_i (tied values stay
 *     in one bin, so whole-number parameters and the branch draw work), with
 *     the small-sample bias removed (ε², see `correlationRatio`).
 */
import { PARAMETERS, type ParamDef } from '../model/parameters';
import { normalQuantile } from '../model/random';
import { PARAM_INDEX, compileScenario, roundIntegers } from '../model/engine';
import { assertEnsembleOptions, assertScenario } from '../model/validate';
import type { EnsembleOptions, Scenario } from '../model/types';
import { METRIC_IDS, type MetricId, type MetricValues } from './metrics';
import { memberMetrics, stepMembers, type MemberTotals } from './members';

/** A parameter as the tornado and the ranking label it. */
export interface ParamInfo {
  id: string;
  label: string;
  symbol: string;
  unit: string;
}

const info = (def: ParamDef): ParamInfo => ({ id: def.id, label: def.label, symbol: def.symbol, unit: def.unit });

/** One parameter's deterministic outcomes at the two ends of its range. */
export interface TornadoRow {
  param: ParamInfo;
  /** The parameter's low and high values (whole numbers rounded half up, as the engine does). */
  low: number;
  high: number;
  /** Its mode, where every other row holds it. */
  mode: number;
  atLow: MetricValues;
  atHigh: MetricValues;
}

/** Tornado rows for every metric at once (one computation serves the metric select). */
export interface TornadoData {
  horizon: number;
  /** Every parameter at its mode: the expected path's values. */
  base: MetricValues;
  rows: TornadoRow[];
}

/** One bar of a tornado chart for one metric. */
export interface TornadoBar {
  param: ParamInfo;
  low: number;
  high: number;
  valueAtLow: number;
  valueAtHigh: number;
  /** max − min of the metric over {at low, base, at high}: how far this parameter alone can move it. */
  swing: number;
}

export interface Tornado {
  metric: MetricId;
  base: number;
  /** Bars with a swing above zero, largest first. */
  bars: TornadoBar[];
  /** Uncertain parameters that do not move this metric in this scenario (e.g. the trigger threshold under an indefinite pause). */
  inert: ParamInfo[];
}

function metricValues(t: MemberTotals, i: number): MetricValues {
  return { incidents: t.incidents[i], peak: t.peak[i], high: t.high[i], cost: t.cost[i] };
}

/** Deterministic tornado rows for every uncertain parameter of a scenario. Throws on an invalid scenario. */
export function computeTornado(scenario: Scenario): TornadoData {
  assertScenario(scenario);
  const c = compileScenario(scenario);
  const uncertain = PARAMETERS.map((def, j) => ({ def, j, r: c.ranges[j] })).filter(({ r }) => r.high > r.low);
  const n = 1 + 2 * uncertain.length;
  const values = PARAMETERS.map((_, j) => new Float64Array(n).fill(c.modes[j]));
  const vector = new Float64Array(PARAMETERS.length);
  uncertain.forEach(({ j, r }, u) => {
    for (const [member, x] of [[1 + 2 * u, r.low], [2 + 2 * u, r.high]] as const) {
      vector.set(c.modes);
      vector[j] = x;
      roundIntegers(vector);
      values[j][member] = vector[j];
    }
  });
  // The expected path: random parts replaced by their expectations, as in `simulate`.
  const draws = { expected: true, restraintBranch: new Uint8Array(n).fill(1), collapseMonth: new Float64Array(n).fill(Infinity) };
  const totals = stepMembers(c, { values, draws, streamState: new Uint32Array(4 * n) });
  return {
    horizon: c.horizon,
    base: metricValues(totals, 0),
    rows: uncertain.map(({ def, j }, u) => ({
      param: info(def),
      low: values[j][1 + 2 * u],
      high: values[j][2 + 2 * u],
      mode: values[j][0],
      atLow: metricValues(totals, 1 + 2 * u),
      atHigh: metricValues(totals, 2 + 2 * u),
    })),
  };
}

/** Swings below this share of the base (or of 1, if larger) count as none: float noise, not an effect. */
const INERT = 1e-9;

/** The tornado of one metric: bars sorted by swing, largest first (ties by parameter order). */
export function tornadoFor(data: TornadoData, metric: MetricId): Tornado {
  const base = data.base[metric];
  const tolerance = INERT * Math.max(1, Math.abs(base));
  const bars: TornadoBar[] = [];
  const inert: ParamInfo[] = [];
  for (const row of data.rows) {
    const a = row.atLow[metric];
    const b = row.atHigh[metric];
    const swing = Math.max(a, b, base) - Math.min(a, b, base);
    if (swing > tolerance) bars.push({ param: row.param, low: row.low, high: row.high, valueAtLow: a, valueAtHigh: b, swing });
    else inert.push(row.param);
  }
  bars.sort((p, q) => q.swing - p.swing);
  return { metric, base, bars, inert };
}

/** Tornado of one metric for a scenario. */
export function tornado(scenario: Scenario, metric: MetricId): Tornado {
  return tornadoFor(computeTornado(scenario), metric);
}

/** Result of a correlation-ratio estimate. */
export interface CorrelationRatio {
  /** Bias-corrected estimate of Var(E[Y|X]) / Var(Y), clamped to [0, 1]. */
  index: number;
  /**
   * The same estimate before clamping: slightly negative for an input that
   * does nothing about half the time, so that summed over many such inputs
   * their chance scatter cancels instead of adding up (see `firstOrderTotal`).
   */
  corrected: number;
  /** The plain binned correlation ratio η² (biased upwards by about (bins − 1)/N). */
  raw: number;
  /** Number of bins actually used (fewer when X has few distinct values). */
  bins: number;
}

/**
 * First-order sensitivity index of Y to X by binning: sort the members by X,
 * cut them into `bins` groups of about equal size (never splitting tied X
 * values), and compare the spread of the group means with the spread of Y:
 *
 *   η² = SS_between / SS_total,  SS_between = Σ_g n_g (ȳ_g − ȳ)²,  SS_total = Σ_i (y_i − ȳ)².
 *
 * η² is biased upwards: even an X that does nothing gets group means that
 * scatter by chance. The index subtracts that expected scatter (ε², the
 * analysis-of-variance correction): (SS_between − (G − 1)·SS_within/(N − G)) / SS_total.
 * A constant Y gives 0.
 */
export function correlationRatio(x: ArrayLike<number>, y: ArrayLike<number>, bins = 20): CorrelationRatio {
  const n = Math.min(x.length, y.length);
  if (n < 2) return { index: 0, corrected: 0, raw: 0, bins: 0 };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) ssTotal += (y[i] - mean) * (y[i] - mean);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : a - b));
  let ssBetween = 0;
  let groups = 0;
  let count = 0;
  let sum = 0;
  const close = () => {
    if (count === 0) return;
    const m = sum / count;
    ssBetween += count * (m - mean) * (m - mean);
    groups++;
    count = 0;
    sum = 0;
  };
  const B = Math.max(1, Math.floor(bins));
  for (let r = 0; r < n; r++) {
    const i = order[r];
    // A new group starts at the next quantile boundary, unless that would split tied values.
    if (count > 0 && r >= Math.round(((groups + 1) * n) / B) && x[i] !== x[order[r - 1]]) close();
    count++;
    sum += y[i];
  }
  close();
  if (!(ssTotal > 1e-12 * Math.max(1, mean * mean) * n) || groups < 2) return { index: 0, corrected: 0, raw: 0, bins: groups };
  const raw = Math.min(1, ssBetween / ssTotal);
  const ssWithin = Math.max(0, ssTotal - ssBetween);
  const corrected = n > groups ? (ssBetween - ((groups - 1) * ssWithin) / (n - groups)) / ssTotal : raw;
  return { index: Math.min(1, Math.max(0, corrected)), corrected, raw, bins: groups };
}

/**
 * The share of the variance the inputs explain on their own: the sum of the
 * unclamped estimates, within [0, 1]. Summing the clamped indices instead
 * adds up the positive half of every idle input's chance scatter (about
 * +0.003 each at 1,000 runs, +0.014 at 200), which over some 37 inputs made
 * the inputs seem to explain far more than they do.
 */
export function firstOrderTotal(entries: readonly Pick<CorrelationRatio, 'corrected'>[]): number {
  const sum = entries.reduce((s, e) => s + e.corrected, 0);
  return Math.min(1, Math.max(0, sum));
}

/** One input of a variance ranking. */
export interface RankingEntry {
  /**
   * Parameter id, or `@branch` / `@collapse` for the chance in the two draws
   * that are not parameters: the uniforms behind the branch and the collapse
   * month, which are independent of p and h (the branch and the month
   * themselves are not, and first-order indices of dependent inputs count
   * the same variance twice).
   */
  id: string;
  label: string;
  symbol: string;
  index: number;
  corrected: number;
  raw: number;
  bins: number;
}

export interface Ranking {
  metric: MetricId;
  /** Inputs, largest first-order index first. */
  entries: RankingEntry[];
  /** Estimated sum of the first-order indices (`firstOrderTotal`): well below 1 means interactions or unattributed noise (Poisson counts). */
  total: number;
  /** Y does not vary across members (every index is 0). */
  constant: boolean;
  /**
   * Indices below this are indistinguishable from chance at this ensemble
   * size: for an input that does nothing, η²·N is roughly χ² with B − 1
   * degrees of freedom, so the corrected index is about (χ² − (B − 1)) / N;
   * the floor is that at the χ² quantile that K such inputs all stay under
   * with 95% chance (1 − 0.05/K each). Three standard deviations of a
   * normal, the floor before, let a do-nothing input through in 0.4–1% of
   * cases (χ² is skewed): over 37 inputs, about one ranking in five (19% in
   * a test of 160) showed one.
   */
  noiseFloor: number;
  /**
   * Sampling error at this ensemble size, as two standard deviations of the
   * estimate of an input that does nothing (2·√(2(B − 1)) / N), and of the
   * total of K such estimates (√K times that). A floor: an input that does
   * matter is estimated less precisely. Two seeds can order inputs closer
   * than `index` apart differently.
   */
  uncertainty: { index: number; total: number };
}

export interface RankingData {
  runs: number;
  seed: string;
  noise: boolean;
  bins: number;
  byMetric: Record<MetricId, Ranking>;
}

/** The inputs whose spread an ensemble member draws: uncertain parameters, and the branch and collapse draws where they matter. */
function rankingInputs(scenario: Scenario, compiled: ReturnType<typeof compileScenario>, members: ReturnType<typeof memberMetrics>['members']) {
  const inputs: { id: string; label: string; symbol: string; x: ArrayLike<number> }[] = [];
  PARAMETERS.forEach((def, j) => {
    const r = compiled.ranges[j];
    if (r.high > r.low) inputs.push({ id: def.id, label: def.label, symbol: def.symbol, x: members.values[j] });
  });
  if (compiled.pause && scenario.response === 'mixed') {
    inputs.push({ id: '@branch', label: 'Which way Russia goes, by chance (apart from p)', symbol: 'branch', x: members.uniforms.branch });
  }
  const h = compiled.ranges[PARAM_INDEX.restraintFragility];
  if (compiled.pause && (scenario.response === 'restraint' || scenario.response === 'mixed') && h.high > 0) {
    inputs.push({ id: '@collapse', label: 'When restraint collapses, by chance (apart from h)', symbol: 'G', x: members.uniforms.collapse });
  }
  return inputs;
}

/** Wilson–Hilferty's χ² quantile: within a few parts in a thousand for the degrees of freedom used here. */
function chiSquareQuantile(p: number, df: number): number {
  const c = 2 / (9 * df);
  return df * (1 - c + normalQuantile(p) * Math.sqrt(c)) ** 3;
}

/** See `Ranking.noiseFloor`: the corrected index K inputs that do nothing all stay under, 95 times in 100. */
export function noiseFloor(runs: number, bins: number, inputs: number): number {
  const df = Math.max(1, bins - 1);
  return (chiSquareQuantile(1 - 0.05 / Math.max(1, inputs), df) - df) / runs;
}

/**
 * Variance-based ranking of the scenario's uncertain inputs, for every metric:
 * the ensemble's members (same draws as `runEnsemble` with `opts`) and their
 * outcomes, first-order index per input. Throws on invalid input.
 */
export function rankParameters(scenario: Scenario, opts: EnsembleOptions, bins = 20): RankingData {
  assertScenario(scenario);
  assertEnsembleOptions(opts);
  const { compiled, members, totals } = memberMetrics(scenario, opts);
  const inputs = rankingInputs(scenario, compiled, members);
  const byMetric = {} as Record<MetricId, Ranking>;
  for (const metric of METRIC_IDS) {
    const y = totals[metric];
    const entries = inputs.map(({ id, label, symbol, x }) => ({ id, label, symbol, ...correlationRatio(x, y, bins) }));
    entries.sort((a, b) => b.index - a.index);
    const constant = entries.every((e) => e.raw === 0);
    const sd = Math.sqrt(2 * (bins - 1)) / opts.runs;
    byMetric[metric] = {
      metric, entries, constant, total: firstOrderTotal(entries), noiseFloor: noiseFloor(opts.runs, bins, entries.length),
      uncertainty: { index: 2 * sd, total: 2 * sd * Math.sqrt(entries.length) },
    };
  }
  return { runs: opts.runs, seed: String(opts.seed), noise: opts.noise ?? false, bins, byMetric };
}
