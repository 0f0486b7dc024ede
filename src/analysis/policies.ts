/**
 * Policy comparison (pure): how each US policy for ending the pause fares in
 * each world (3 readings × 3 Russian answers), and which policy is robust.
 *
 * Every cell is an ensemble mean over the same N members: within a world,
 * member i has the same parameter draws, branch, collapse month and Poisson
 * uniforms under every policy (common random numbers), so differences
 * between policies are paired, not noise. A policy changes only what it
 * names: "fixed n" pins the pause length n_D = n, "trigger θ" pins the
 * threshold θ (the months-in-a-row k stay uncertain), "no pause" is the
 * world's no-pause twin (MODEL.md section 5).
 *
 * Regret of policy p in world w: its expected outcome minus the best
 * policy's there (all metrics are "lower is better"). Minimax regret: the
 * policy whose worst regret over the worlds is smallest. Best expected: the
 * policy with the lowest outcome averaged over the worlds with their priors.
 */
import { compileScenario, type CompiledScenario } from '../model/engine';
import { drawMembers } from '../model/ensemble';
import { seedToInt } from '../model/random';
import { assertEnsembleOptions, assertScenario } from '../model/validate';
import type { PolicyKind } from '../model/parameters';
import type { EnsembleOptions, Scenario } from '../model/types';
import { METRIC_IDS, type MetricId } from './metrics';
import { stepMembers, withConstant } from './members';
import { WORLDS, normalisePriors, worldScenario, type WorldDef, type WorldId } from './worlds';

export interface PolicyOption {
  id: string;
  label: string;
  /** null: no pause at all (the counterfactual). */
  kind: PolicyKind | null;
  /** Pause length n_D for `fixed`. */
  months?: number;
  /** Trigger threshold θ for `trigger`. */
  threshold?: number;
}

export const POLICY_OPTIONS: readonly PolicyOption[] = [
  { id: 'none', label: 'No pause', kind: null },
  { id: 'indefinite', label: 'Indefinite pause', kind: 'indefinite' },
  { id: 'fixed-3', label: 'Fixed: 3 months', kind: 'fixed', months: 3 },
  { id: 'fixed-6', label: 'Fixed: 6 months', kind: 'fixed', months: 6 },
  { id: 'fixed-12', label: 'Fixed: 12 months', kind: 'fixed', months: 12 },
  { id: 'trigger-54', label: 'Trigger at 54', kind: 'trigger', threshold: 54 },
  { id: 'trigger-56', label: 'Trigger at 56', kind: 'trigger', threshold: 56 },
  { id: 'trigger-60', label: 'Trigger at 60', kind: 'trigger', threshold: 60 },
];

export const POLICY_OPTION_IDS: readonly string[] = POLICY_OPTIONS.map((p) => p.id);

/** Ensemble means of every metric, policies × worlds. */
export interface PolicyGrid {
  runs: number;
  seed: string;
  noise: boolean;
  horizon: number;
  policies: PolicyOption[];
  worlds: WorldDef[];
  /** values[metric][policy][world]: the ensemble mean. */
  values: Record<MetricId, number[][]>;
}

function compilePolicy(world: Scenario, option: PolicyOption): CompiledScenario {
  if (option.kind === null) return compileScenario(world, true);
  return compileScenario({ ...world, policy: { kind: option.kind } });
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Run every chosen policy in every world with `opts.runs` members each.
 * Unknown policy ids are skipped; an empty choice means all. `worldIds`
 * limits the run to some worlds (the others' cells stay NaN), so the grid
 * can be split between workers and put back together with
 * `mergePolicyGrids`: a world's cells do not depend on the other worlds.
 * Throws on an invalid scenario or options.
 */
export function runPolicyGrid(
  scenario: Scenario,
  opts: EnsembleOptions,
  policyIds: readonly string[] = POLICY_OPTION_IDS,
  onProgress?: (done: number, total: number) => void,
  worldIds?: readonly WorldId[],
): PolicyGrid {
  assertScenario(scenario);
  assertEnsembleOptions(opts);
  const chosen = POLICY_OPTIONS.filter((p) => policyIds.includes(p.id));
  const policies = chosen.length ? chosen : [...POLICY_OPTIONS];
  const values = Object.fromEntries(METRIC_IDS.map((m) => [m, policies.map(() => WORLDS.map(() => NaN))])) as Record<MetricId, number[][]>;
  const seed = seedToInt(opts.seed);
  const worlds = WORLDS.map((world, w) => ({ world, w })).filter(({ world }) => !worldIds || worldIds.includes(world.id));
  const total = worlds.length * policies.length;
  worlds.forEach(({ world, w }, done) => {
    const s = worldScenario(scenario, world);
    // Draw once per world: every policy steps the same members (common random numbers).
    const members = drawMembers(compileScenario(s), seed, opts.runs);
    policies.forEach((option, p) => {
      let v = members.values;
      if (option.kind === 'fixed' && option.months != null) v = withConstant(v, 'fixedMonths', option.months);
      if (option.kind === 'trigger' && option.threshold != null) v = withConstant(v, 'triggerThreshold', option.threshold);
      const totals = stepMembers(compilePolicy(s, option), members, { noise: opts.noise, values: v });
      for (const m of METRIC_IDS) values[m][p][w] = mean(totals[m]);
      onProgress?.(done * policies.length + p + 1, total);
    });
  });
  return { runs: opts.runs, seed: String(opts.seed), noise: opts.noise ?? false, horizon: scenario.horizonMonths, policies, worlds: [...WORLDS], values };
}

/**
 * Put a grid split by worlds back together: each cell from the part that
 * computed it. The parts must share policies, runs and seed.
 */
export function mergePolicyGrids(parts: readonly PolicyGrid[]): PolicyGrid {
  if (parts.length === 0) throw new Error('no policy grid to merge');
  const [first] = parts;
  const values = Object.fromEntries(
    METRIC_IDS.map((m) => [m, first.values[m].map((row, p) => row.map((_, w) => parts.find((g) => !Number.isNaN(g.values[m][p][w]))?.values[m][p][w] ?? NaN))]),
  ) as Record<MetricId, number[][]>;
  return { ...first, values };
}

/** The worlds dealt into `n` groups of near-equal size, for splitting the grid. */
export function splitWorlds(n: number): WorldId[][] {
  const groups: WorldId[][] = Array.from({ length: Math.max(1, n) }, () => []);
  WORLDS.forEach((world, w) => groups[w % groups.length].push(world.id));
  return groups.filter((g) => g.length > 0);
}

/** Regret analysis of one metric's policies × worlds table. */
export interface RegretTable {
  /** regret[p][w] = value[p][w] − min over policies of value[·][w] (≥ 0). */
  regret: number[][];
  /** Worst regret of each policy over the worlds not ruled out (weight 0). */
  maxRegret: number[];
  /** Where each policy's worst regret is (the first such world), or −1 when it is never behind. */
  worstWorld: number[];
  /** Each policy's outcome averaged over the worlds with the priors. */
  expected: number[];
  /** Indices of the minimax-regret policies (several when tied). */
  minimaxRegret: number[];
  /** Indices of the best-expected policies (several when tied). */
  bestExpected: number[];
  /** Index of the best policy in each world (the first, when tied). */
  bestInWorld: number[];
  /** The normalised world weights used. */
  priors: number[];
}

/** Indices whose value is within a relative hair of the minimum. */
function argminAll(xs: number[]): number[] {
  const lo = Math.min(...xs);
  const tol = 1e-9 * Math.max(1, Math.abs(lo));
  return xs.flatMap((x, i) => (x - lo <= tol ? [i] : []));
}

/**
 * Regret table of a policies × worlds table of outcomes (lower is better).
 * `priors` weights the worlds (normalised here; missing or all-zero: uniform).
 */
export function regretTable(values: number[][], priors?: number[]): RegretTable {
  const P = values.length;
  const W = P ? values[0].length : 0;
  const raw = Array.from({ length: W }, (_, w) => {
    const x = priors?.[w];
    return x === undefined ? 1 : Number.isFinite(x) && x > 0 ? x : 0;
  });
  const sum = raw.reduce((a, b) => a + b, 0);
  const weights = sum > 0 ? raw.map((x) => x / sum) : raw.map(() => 1 / Math.max(1, W));
  const best = Array.from({ length: W }, (_, w) => Math.min(...values.map((row) => row[w])));
  const regret = values.map((row) => row.map((x, w) => Math.max(0, x - best[w])));
  // A world given weight 0 is ruled out: it no longer decides the worst case either.
  const counted = (row: number[]) => row.map((r, w) => (weights[w] > 0 ? r : -Infinity));
  const maxRegret = regret.map((row) => Math.max(...counted(row)));
  const worstWorld = regret.map((row, p) => (maxRegret[p] > 0 ? counted(row).indexOf(maxRegret[p]) : -1));
  const expected = values.map((row) => row.reduce((s, x, w) => s + weights[w] * x, 0));
  return {
    regret,
    maxRegret,
    worstWorld,
    expected,
    minimaxRegret: P ? argminAll(maxRegret) : [],
    bestExpected: P ? argminAll(expected) : [],
    bestInWorld: best.map((b, w) => values.findIndex((row) => row[w] === b)),
    priors: weights,
  };
}

/** The regret table of one metric of a policy grid, with the worlds weighted by these priors. */
export function comparePolicies(grid: PolicyGrid, metric: MetricId, priors?: Partial<Record<WorldId, number>>): RegretTable {
  return regretTable(grid.values[metric], normalisePriors(priors, grid.worlds));
}
