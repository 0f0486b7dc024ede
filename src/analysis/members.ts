/**
 * Per-member outcomes of an ensemble, for the analyst tools. `runEnsemble`
 * returns only summaries (charts never see raw samples); sensitivity ranking
 * and policy comparison need each member's totals, paired with its parameter
 * draws. These functions step the engine's own PathSet with the engine's own
 * draws (`drawMembers`, same substreams, same Poisson coupling), so member i
 * here is member i of `runEnsemble` with the same seed: the totals' percentiles
 * equal the ensemble's scalar summaries.
 */
import { SECTOR_IDS } from '../model/parameters';
import { PathSet, PARAM_INDEX, compileScenario, type CompiledScenario } from '../model/engine';
import { drawMembers, type MemberDraws } from '../model/ensemble';
import { Stream, poissonInverse, seedToInt } from '../model/random';
import { assertEnsembleOptions, assertScenario } from '../model/validate';
import type { EnsembleOptions, Scenario } from '../model/types';
import { HIGH_THRESHOLD, type MetricId } from './metrics';

const NS = SECTOR_IDS.length;

export type { MemberDraws };

/** Members to step: drawn ones, or made up (sensitivity's one-at-a-time rows), whose sector parameters are packed when stepped. */
export type StepMembers = Omit<MemberDraws, 'sectors' | 'uniforms'> & Partial<Pick<MemberDraws, 'sectors'>>;

/** Each member's outcome measures, one entry per member. */
export type MemberTotals = { runs: number } & Record<MetricId, Float64Array>;

export interface StepOptions {
  /** Poisson counts (true) or λ (false) for incidents, as in `runEnsemble`. */
  noise?: boolean;
  /** Parameter values to use instead of the members' own (PARAMETERS order, one entry per member). */
  values?: Float64Array[];
  /**
   * Called after month 0 (the pre-pause state) and after every step, with the
   * set holding that month's values and the month's incidents (λ or counts,
   * index k·runs + i). The arrays are reused: copy what you keep.
   */
  onMonth?: (t: number, set: PathSet, incidents: Float64Array) => void;
}

/**
 * Step every member of a compiled scenario through the horizon and return
 * their totals over months 1 … H. The members' generator states are copied,
 * so the same draws can be stepped again (e.g. under another policy: common
 * random numbers).
 */
export function stepMembers(c: CompiledScenario, members: StepMembers, opts: StepOptions = {}): MemberTotals {
  const values = opts.values ?? members.values;
  const runs = values[0].length;
  const set = new PathSet(c, values, members.draws, values === members.values ? members.sectors : undefined);
  const noise = opts.noise ?? false;
  const state = noise ? members.streamState.slice() : null;
  const stream = new Stream(0, 0);
  const counts = noise ? new Float64Array(NS * runs) : set.lambda;
  const totals: MemberTotals = {
    runs,
    incidents: new Float64Array(runs),
    peak: new Float64Array(runs).fill(-Infinity),
    high: new Float64Array(runs),
    cost: new Float64Array(runs),
  };
  opts.onMonth?.(0, set, set.lambda);
  for (let t = 1; t <= c.horizon; t++) {
    set.step(t);
    if (state) {
      // One uniform per member, sector and month, in runEnsemble's order.
      for (let i = 0; i < runs; i++) {
        stream.loadFrom(state, i);
        for (let k = 0; k < NS; k++) counts[k * runs + i] = poissonInverse(set.lambda[k * runs + i], stream.uniform());
        stream.saveTo(state, i);
      }
    }
    for (let k = 0; k < NS; k++) for (let i = 0; i < runs; i++) totals.incidents[i] += counts[k * runs + i];
    for (let i = 0; i < runs; i++) {
      const x = set.composite[i];
      totals.cost[i] += set.cost[i];
      if (x > totals.peak[i]) totals.peak[i] = x;
      if (x >= HIGH_THRESHOLD) totals.high[i]++;
    }
    opts.onMonth?.(t, set, counts);
  }
  return totals;
}

/** The members' values with one parameter replaced by a constant (every member gets `x`). */
export function withConstant(values: Float64Array[], paramId: string, x: number): Float64Array[] {
  const j = PARAM_INDEX[paramId];
  if (j === undefined) throw new Error(`unknown parameter "${paramId}"`);
  const out = values.slice();
  out[j] = new Float64Array(values[j].length).fill(x);
  return out;
}

/** A scenario's members (the same draws as `runEnsemble` with these options) and their totals. */
export function memberMetrics(
  scenario: Scenario,
  opts: EnsembleOptions,
): { compiled: CompiledScenario; members: MemberDraws; totals: MemberTotals } {
  assertScenario(scenario);
  assertEnsembleOptions(opts);
  const compiled = compileScenario(scenario);
  const members = drawMembers(compiled, seedToInt(opts.seed), opts.runs);
  return { compiled, members, totals: stepMembers(compiled, members, { noise: opts.noise }) };
}
