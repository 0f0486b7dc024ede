/**
 * Ensembles (MODEL.md section 5). Member i draws from its own substream of
 * (seed, i) in a fixed order: parameters (PARAMETERS order), branch, collapse
 * month, then six Poisson uniforms a month. Its no-pause twin shares every
 * draw (common random numbers), so the pause effect is a paired difference.
 *
 * All members are stepped together one month at a time (PathSet: one typed
 * array per quantity, one entry per member), and each month is summarised
 * by selection as soon as it is computed, so memory grows with the number
 * of members, not with members × months × series.
 */
import { PARAMETERS, SECTOR_IDS, type SectorId } from './parameters';
import { PathSet, PARAM_INDEX, allocatePath, compileScenario, roundIntegers, type CompiledScenario, type PathDraws } from './engine';
import { PertShape, Stream, poissonInverse, seedToInt } from './random';
import { summarizeFrom } from './stats';
import { assertEnsembleOptions, assertScenario } from './validate';
import type { Band, Dist, EnsembleOptions, EnsembleSummary, Scenario, ScalarSummary } from './types';

const NP = PARAMETERS.length;
const NS = SECTOR_IDS.length;

/** The draws of members 0 … runs − 1, and their generators' states for the monthly Poisson draws. */
export interface MemberDraws {
  values: Float64Array[];
  draws: PathDraws;
  /** sfc32 state of each member after its fixed draws (4 words a member). */
  streamState: Uint32Array;
}

/** Draw every member's parameters, branch and collapse month, in that order, from its own substream. */
export function drawMembers(c: CompiledScenario, seed: number, runs: number): MemberDraws {
  const values = PARAMETERS.map(() => new Float64Array(runs));
  const branch = new Uint8Array(runs);
  const collapse = new Float64Array(runs);
  const streamState = new Uint32Array(4 * runs);
  const st = new Stream(seed, 0);
  const vector = new Float64Array(NP);
  const shapes = c.ranges.map((r) => new PertShape(r.low, r.mode, r.high));
  for (let i = 0; i < runs; i++) {
    st.reset(seed, i);
    for (let j = 0; j < NP; j++) vector[j] = st.pertOf(shapes[j]);
    roundIntegers(vector);
    for (let j = 0; j < NP; j++) values[j][i] = vector[j];
    branch[i] = st.uniform() < vector[PARAM_INDEX.reciprocationChance] ? 1 : 0;
    const h = vector[PARAM_INDEX.restraintFragility];
    const u = st.uniform();
    // Geometric on 1, 2, … with hazard h: P(G > t) = (1 − h)^t.
    collapse[i] = h <= 0 ? Infinity : h >= 1 ? 1 : Math.max(1, Math.ceil(Math.log(u) / Math.log(1 - h)));
    st.saveTo(streamState, i);
  }
  return { values, draws: { expected: false, restraintBranch: branch, collapseMonth: collapse }, streamState };
}

/** Per-member running totals of one side (scenario or its baseline twin). */
class Totals {
  readonly incidents: Float64Array;
  readonly cost: Float64Array;
  readonly peak: Float64Array;
  readonly high: Float64Array;
  constructor(readonly runs: number) {
    this.incidents = new Float64Array(NS * runs);
    this.cost = new Float64Array(runs);
    this.peak = new Float64Array(runs).fill(-Infinity);
    this.high = new Float64Array(runs);
  }
  add(set: PathSet, counts: Float64Array): void {
    const n = this.runs;
    for (let j = 0; j < NS * n; j++) this.incidents[j] += counts[j];
    for (let i = 0; i < n; i++) {
      const x = set.composite[i];
      this.cost[i] += set.cost[i];
      if (x > this.peak[i]) this.peak[i] = x;
      if (x >= 60) this.high[i]++;
    }
  }
}

class Summarizer {
  private readonly out = new Float64Array(6);
  constructor(private readonly runs: number) {}
  dist(values: Float64Array, from = 0, n = this.runs): Dist {
    summarizeFrom(values, from, n, this.out);
    const o = this.out;
    return { p5: o[0], p25: o[1], p50: o[2], p75: o[3], p95: o[4], mean: o[5] };
  }
  /** Append this month's distribution to a band. */
  push(band: Band, values: Float64Array, from = 0): void {
    const d = this.dist(values, from);
    band.p5.push(d.p5);
    band.p25.push(d.p25);
    band.p50.push(d.p50);
    band.p75.push(d.p75);
    band.p95.push(d.p95);
    band.mean.push(d.mean);
  }
  scalars(side: Totals, minus?: Totals): ScalarSummary {
    const n = side.runs;
    const diff = (a: Float64Array, b?: Float64Array) => (b ? a.map((x, i) => x - b[i]) : a);
    const inc = diff(side.incidents, minus?.incidents);
    const total = new Float64Array(n);
    for (let k = 0; k < NS; k++) for (let i = 0; i < n; i++) total[i] += inc[k * n + i];
    const perSector = Object.fromEntries(SECTOR_IDS.map((k, j) => [k, this.dist(inc, j * n, n)])) as Record<SectorId, Dist>;
    return {
      cumulativeIncidents: { ...perSector, total: this.dist(total) },
      cumulativeCost: this.dist(diff(side.cost, minus?.cost)),
      peakComposite: this.dist(diff(side.peak, minus?.peak)),
      monthsHighOrWorse: this.dist(diff(side.high, minus?.high)),
    };
  }
}

const emptyBand = (): Band => ({ p5: [], p25: [], p50: [], p75: [], p95: [], mean: [] });

/** Series summarised straight from the scenario's PathSet. */
const PLAIN = ['composite', 'perceived', 'coverage', 'adversary', 'criminal', 'vigilance', 'alliedConfidence', 'cost'] as const;

/**
 * Run an ensemble and return chart-ready summaries. Throws an Error naming
 * the field when the scenario or the options are invalid.
 */
export function runEnsemble(
  scenario: Scenario,
  opts: EnsembleOptions,
  onProgress?: (done: number, total: number) => void,
): EnsembleSummary {
  assertScenario(scenario);
  assertEnsembleOptions(opts);
  const runs = opts.runs;
  const noise = opts.noise ?? false;
  const c = compileScenario(scenario);
  const cb = compileScenario(scenario, true);
  const H = c.horizon;
  const members = drawMembers(c, seedToInt(opts.seed), runs);
  const set = new PathSet(c, members.values, members.draws);
  const twin = new PathSet(cb, members.values, members.draws, set);

  const series: Record<string, Band> = {};
  for (const name of PLAIN) series[name] = emptyBand();
  for (const k of SECTOR_IDS) {
    series[`threat.${k}`] = emptyBand();
    series[`incidents.${k}`] = emptyBand();
  }
  const baselineComposite = emptyBand();
  const effectComposite = emptyBand();
  const effectCost = emptyBand();
  const probHighOrWorse: number[] = [];
  const sum = new Summarizer(runs);
  const totals = new Totals(runs);
  const twinTotals = new Totals(runs);
  // Without noise the incidents are λ itself: no copies (at 100,000 members each is 4.8 MB a month).
  const counts = noise ? new Float64Array(NS * runs) : set.lambda;
  const twinCounts = noise ? new Float64Array(NS * runs) : twin.lambda;
  const diff = new Float64Array(runs);
  const stream = new Stream(0, 0);

  /** Incidents this month: λ, or Poisson counts from one shared uniform per member, sector and month. */
  const drawCounts = () => {
    if (!noise) return;
    for (let i = 0; i < runs; i++) {
      stream.loadFrom(members.streamState, i);
      for (let k = 0; k < NS; k++) {
        const u = stream.uniform();
        counts[k * runs + i] = poissonInverse(set.lambda[k * runs + i], u);
        twinCounts[k * runs + i] = poissonInverse(twin.lambda[k * runs + i], u);
      }
      stream.saveTo(members.streamState, i);
    }
  };

  const summariseMonth = () => {
    for (const name of PLAIN) sum.push(series[name], set[name]);
    for (let k = 0; k < NS; k++) {
      sum.push(series[`threat.${SECTOR_IDS[k]}`], set.threat, k * runs);
      sum.push(series[`incidents.${SECTOR_IDS[k]}`], counts, k * runs);
    }
    sum.push(baselineComposite, twin.composite);
    for (let i = 0; i < runs; i++) diff[i] = set.composite[i] - twin.composite[i];
    sum.push(effectComposite, diff);
    for (let i = 0; i < runs; i++) diff[i] = set.cost[i] - twin.cost[i];
    sum.push(effectCost, diff);
    let high = 0;
    for (let i = 0; i < runs; i++) if (set.composite[i] >= 60) high++;
    probHighOrWorse.push(high / runs);
  };

  // Month 0: the pre-pause state (incidents at month 0 are the baseline rates, never drawn).
  if (noise) counts.set(set.lambda);
  summariseMonth();
  for (let t = 1; t <= H; t++) {
    set.step(t);
    twin.step(t);
    drawCounts();
    summariseMonth();
    totals.add(set, counts);
    twinTotals.add(twin, twinCounts);
    onProgress?.(t, H);
  }

  // Blind spots B = 1 − C: its percentiles mirror coverage's.
  const cov = series.coverage;
  const flip = (xs: number[]) => xs.map((x) => 1 - x);
  series.blindSpots = { p5: flip(cov.p95), p25: flip(cov.p75), p50: flip(cov.p50), p75: flip(cov.p25), p95: flip(cov.p5), mean: flip(cov.mean) };

  const byMonth = (months: Float64Array) => {
    const counts = new Float64Array(H + 1);
    for (const m of months) if (m <= H) counts[m]++;
    let acc = 0;
    return Array.from(counts, (x) => (acc += x) / runs);
  };
  const reversed = set.reversalMonth.filter((m) => m <= H);
  const reversalDist = reversed.length > 0 ? new Summarizer(reversed.length).dist(reversed) : { p5: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN, mean: NaN };

  return {
    runs,
    seed: String(opts.seed),
    noise,
    horizonMonths: H,
    series,
    baseline: { composite: baselineComposite },
    probReversedBy: byMonth(set.reversalMonth),
    probReengagedBy: byMonth(set.reengageMonth),
    probHighOrWorse,
    scalars: { ...sum.scalars(totals), reversalMonth: { ...reversalDist, probNever: 1 - reversed.length / runs } },
    pauseEffect: {
      series: { composite: effectComposite, cost: effectCost },
      scalars: sum.scalars(totals, twinTotals),
    },
  };
}

/**
 * One member's paths (scenario and its no-pause twin), for tests and for
 * checking that member i does not depend on the ensemble size.
 */
export function memberPaths(scenario: Scenario, seed: string | number, i: number) {
  assertScenario(scenario);
  const c = compileScenario(scenario);
  const cb = compileScenario(scenario, true);
  const all = drawMembers(c, seedToInt(seed), i + 1);
  const values = all.values.map((a) => a.subarray(i, i + 1));
  const draws: PathDraws = { expected: false, restraintBranch: all.draws.restraintBranch.subarray(i, i + 1), collapseMonth: all.draws.collapseMonth.subarray(i, i + 1) };
  const path = allocatePath(c.horizon);
  const base = allocatePath(c.horizon);
  const set = new PathSet(c, values, draws);
  const twin = new PathSet(cb, values, draws);
  set.record(0, 0, path);
  twin.record(0, 0, base);
  for (let t = 1; t <= c.horizon; t++) {
    set.step(t);
    twin.step(t);
    set.record(0, t, path);
    twin.record(0, t, base);
  }
  return { values: Float64Array.from(values, (a) => a[0]), collapseMonth: draws.collapseMonth[0], restraintBranch: draws.restraintBranch[0] === 1, path, base, ...set.outcome(0) };
}
