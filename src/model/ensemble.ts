/**
 * Ensembles (MODEL.md section 5). Member i draws from its own substream of
 * (seed, i) in a fixed order: parameters (PARAMETERS order, each from a
 * substream split off the member's), branch, collapse month, then six
 * Poisson uniforms a month. Its no-pause twin shares every
 * draw (common random numbers), so the pause effect is a paired difference.
 *
 * All members are stepped together one month at a time (PathSet: one typed
 * array per quantity, one entry per member), and each month is summarised
 * by selection as soon as it is computed, so memory grows with the number
 * of members, not with members × months × series.
 */
import { HIGH_FROM, PARAMETERS, SECTOR_IDS, type SectorId } from './parameters';
import { PathSet, PARAM_INDEX, SECTOR_PARAMS, allocatePath, compileScenario, roundIntegers, type CompiledScenario, type PathDraws, type SectorValues } from './engine';
import { PertShape, Stream, poissonInverse, seedToInt } from './random';
import { ArrayPool, freshArray, type Allocate } from './arrays';
import { summarizeFrom } from './stats';
import { assertEnsembleOptions, assertScenario } from './validate';
import type { Band, Dist, EnsembleOptions, EnsembleSummary, Scenario, ScalarSummary } from './types';

const NP = PARAMETERS.length;
const NS = SECTOR_IDS.length;

/** The draws of members 0 … runs − 1, and their generators' states for the monthly Poisson draws. */
export interface MemberDraws {
  /** One array per parameter; the sector parameters' are views into `sectors`. */
  values: Float64Array[];
  sectors: SectorValues;
  draws: PathDraws;
  /** sfc32 state of each member after its fixed draws (4 words a member). */
  streamState: Uint32Array;
  /**
   * The uniforms behind the branch (restraint when below p) and the collapse
   * month (from h): the chance in those draws apart from p and h, for the
   * variance ranking, which needs inputs independent of each other.
   */
  uniforms: { branch: Float64Array; collapse: Float64Array };
}

/**
 * Draw the parameters, branch and collapse month of members from … from + runs − 1,
 * in that order, each from its own substream (seed, member index).
 */
export function drawMembers(c: CompiledScenario, seed: number, runs: number, from = 0, allocate: Allocate = freshArray): MemberDraws {
  // Sector parameters are drawn straight into their packed arrays (no second copy for the step).
  const sectors: SectorValues = { base: allocate(NS * runs), share: allocate(NS * runs), unitCost: allocate(NS * runs) };
  const values: Float64Array[] = new Array(NP);
  for (const [key, idx] of Object.entries(SECTOR_PARAMS) as [keyof SectorValues, number[]][]) {
    idx.forEach((j, k) => (values[j] = sectors[key].subarray(k * runs, (k + 1) * runs)));
  }
  for (let j = 0; j < NP; j++) values[j] ??= allocate(runs);
  const branch = new Uint8Array(runs);
  const collapse = allocate(runs);
  const uniforms = { branch: allocate(runs), collapse: allocate(runs) };
  const streamState = new Uint32Array(4 * runs);
  const st = new Stream(seed, 0);
  // Each parameter from a substream of its own (Stream.splitFrom): member i's other draws are the same
  // whatever any parameter's range, so scenarios that differ in a range share every other draw.
  const sub = new Stream(seed, 0);
  const vector = new Float64Array(NP);
  const shapes = c.ranges.map((r) => new PertShape(r.low, r.mode, r.high));
  for (let i = 0; i < runs; i++) {
    st.reset(seed, from + i);
    for (let j = 0; j < NP; j++) {
      sub.splitFrom(st);
      vector[j] = sub.pertOf(shapes[j]);
    }
    roundIntegers(vector);
    for (let j = 0; j < NP; j++) values[j][i] = vector[j];
    const ub = st.uniform();
    branch[i] = ub < vector[PARAM_INDEX.reciprocationChance] ? 1 : 0;
    const h = vector[PARAM_INDEX.restraintFragility];
    const u = st.uniform();
    uniforms.branch[i] = ub;
    uniforms.collapse[i] = u;
    // Geometric on 1, 2, … with hazard h: P(G > t) = (1 − h)^t.
    collapse[i] = h <= 0 ? Infinity : h >= 1 ? 1 : Math.max(1, Math.ceil(Math.log(u) / Math.log(1 - h)));
    st.saveTo(streamState, i);
  }
  return { values, sectors, draws: { expected: false, restraintBranch: branch, collapseMonth: collapse }, streamState, uniforms };
}

/**
 * Where one side's totals are kept when not in arrays of their own: the
 * whole ensemble's arrays (incidents sector after sector, k·stride + i),
 * of which a block fills members offset … offset + count − 1. Used by
 * shared ensembles, whose parts add up straight into shared memory.
 */
export interface TotalsPlace {
  incidents: Float64Array;
  cost: Float64Array;
  peak: Float64Array;
  high: Float64Array;
  stride: number;
  offset: number;
}

/** Per-member running totals of one side (scenario or its baseline twin). */
export class Totals {
  readonly incidents: Float64Array;
  readonly cost: Float64Array;
  readonly peak: Float64Array;
  readonly high: Float64Array;
  /** Sector k's incidents of member i are at k·stride + offset + i. */
  private readonly stride: number;
  private readonly offset: number;
  constructor(readonly runs: number, allocate: Allocate = freshArray, place?: TotalsPlace) {
    const n = runs;
    if (place) {
      this.incidents = place.incidents;
      this.stride = place.stride;
      this.offset = place.offset;
      const own = (a: Float64Array) => a.subarray(place.offset, place.offset + n);
      this.cost = own(place.cost);
      this.peak = own(place.peak);
      this.high = own(place.high);
    } else {
      this.incidents = allocate(NS * n);
      this.stride = n;
      this.offset = 0;
      this.cost = allocate(n);
      this.peak = allocate(n);
      this.high = allocate(n);
    }
    for (let k = 0; k < NS; k++) this.incidents.fill(0, k * this.stride + this.offset, k * this.stride + this.offset + n);
    this.cost.fill(0);
    this.peak.fill(-Infinity);
    this.high.fill(0);
  }
  /** Add this month's values of members lo … hi − 1 (default: all). */
  add(set: PathSet, counts: Float64Array, lo = 0, hi = this.runs): void {
    const n = this.runs, incidents = this.incidents, stride = this.stride, offset = this.offset;
    for (let k = 0; k < NS; k++) {
      const to = k * stride + offset - k * n;
      for (let j = k * n + lo; j < k * n + hi; j++) incidents[to + j] += counts[j];
    }
    for (let i = lo; i < hi; i++) {
      const x = set.composite[i];
      this.cost[i] += set.cost[i];
      if (x > this.peak[i]) this.peak[i] = x;
      if (x >= HIGH_FROM) this.high[i]++;
    }
  }
}

const emptyBand = (): Band => ({ p5: [], p25: [], p50: [], p75: [], p95: [], mean: [] });

/** Series summarised straight from the scenario's PathSet. */
const PLAIN = ['composite', 'perceived', 'coverage', 'adversary', 'criminal', 'vigilance', 'alliedConfidence', 'cost'] as const;

/**
 * Every series summarised each month, in a fixed order: the scenario's
 * (names as in `EnsembleSummary.series`), then the no-pause composite and the
 * paired pause effects on composite and cost.
 */
export const MONTHLY_SERIES: readonly string[] = [
  ...PLAIN,
  ...SECTOR_IDS.flatMap((k) => [`threat.${k}`, `incidents.${k}`]),
  'baseline.composite',
  'effect.composite',
  'effect.cost',
];
const NSERIES = MONTHLY_SERIES.length;
/** Where each series' values are: [source, sector] (see MemberBlock.values). */
const SERIES_SOURCE = MONTHLY_SERIES.map((name) => {
  const [kind, key] = name.split('.');
  return { kind, sector: key ? SECTOR_IDS.indexOf(key as SectorId) : -1 };
});

/**
 * Members from … from + count − 1 of an ensemble, stepped together month by
 * month: their draws, the scenario's paths and their no-pause twins', the
 * month's incidents and the running totals. An ensemble is one block, or
 * several side by side (sharedEnsemble.ts); member i is the same either way.
 */
export class MemberBlock {
  readonly set: PathSet;
  readonly twin: PathSet;
  readonly totals: Totals;
  readonly twinTotals: Totals;
  /** This month's incidents: λ, or Poisson counts with noise (k·count + i). */
  readonly counts: Float64Array;
  readonly twinCounts: Float64Array;
  /** This month's paired differences, scenario minus twin. */
  readonly effectComposite: Float64Array;
  readonly effectCost: Float64Array;
  /** Where each series' values are (MONTHLY_SERIES order): views made once, not per call. */
  private readonly series: Float64Array[];
  private readonly members: MemberDraws;
  private readonly stream = new Stream(0, 0);

  constructor(
    c: CompiledScenario, cb: CompiledScenario, seed: number, readonly from: number, readonly count: number, readonly noise: boolean,
    allocate: Allocate = freshArray,
    /** Where the scenario's and the twin's totals are kept, when not in arrays of the block's own. */
    places?: readonly [TotalsPlace, TotalsPlace],
  ) {
    this.members = drawMembers(c, seed, count, from, allocate);
    this.set = new PathSet(c, this.members.values, this.members.draws, this.members.sectors, allocate);
    this.twin = new PathSet(cb, this.members.values, this.members.draws, this.members.sectors, allocate);
    this.totals = new Totals(count, allocate, places?.[0]);
    this.twinTotals = new Totals(count, allocate, places?.[1]);
    // Without noise the incidents are λ itself: no copies (at 100,000 members each is 4.8 MB a month).
    this.counts = noise ? allocate(NS * count) : this.set.lambda;
    this.twinCounts = noise ? allocate(NS * count).fill(0) : this.twin.lambda;
    this.effectComposite = allocate(count);
    this.effectCost = allocate(count);
    // Month 0: the pre-pause state (incidents at month 0 are the baseline rates, never drawn).
    if (noise) this.counts.set(this.set.lambda);
    this.differences();
    this.series = SERIES_SOURCE.map(({ kind, sector }, s) => {
      switch (kind) {
        case 'threat':
          return this.set.threat.subarray(sector * count, (sector + 1) * count);
        case 'incidents':
          return this.counts.subarray(sector * count, (sector + 1) * count);
        case 'baseline':
          return this.twin.composite;
        case 'effect':
          return MONTHLY_SERIES[s] === 'effect.composite' ? this.effectComposite : this.effectCost;
        default:
          return this.set[kind as (typeof PLAIN)[number]];
      }
    });
  }

  /**
   * Step members lo … hi − 1 (default: all) to month t, draw their incidents
   * and add them up. Members are independent, so a range of them can be
   * taken through several months before the next range (see `stepMonths`).
   */
  advance(t: number, lo = 0, hi = this.count): void {
    this.set.step(t, lo, hi);
    this.twin.step(t, lo, hi);
    this.drawCounts(lo, hi);
    this.differences(lo, hi);
    this.totals.add(this.set, this.counts, lo, hi);
    this.twinTotals.add(this.twin, this.twinCounts, lo, hi);
  }

  /** This month's values of series s (MONTHLY_SERIES order), one per member of the block. */
  values(s: number): Float64Array {
    return this.series[s];
  }

  /** Incidents this month: Poisson counts from one shared uniform per member, sector and month. */
  private drawCounts(lo: number, hi: number): void {
    if (!this.noise) return;
    const n = this.count, set = this.set, twin = this.twin, counts = this.counts, twinCounts = this.twinCounts;
    const stream = this.stream, state = this.members.streamState;
    for (let i = lo; i < hi; i++) {
      stream.loadFrom(state, i);
      for (let k = 0; k < NS; k++) {
        const u = stream.uniform();
        counts[k * n + i] = poissonInverse(set.lambda[k * n + i], u);
        twinCounts[k * n + i] = poissonInverse(twin.lambda[k * n + i], u);
      }
      stream.saveTo(state, i);
    }
  }

  private differences(lo = 0, hi = this.count): void {
    for (let i = lo; i < hi; i++) this.effectComposite[i] = this.set.composite[i] - this.twin.composite[i];
    for (let i = lo; i < hi; i++) this.effectCost[i] = this.set.cost[i] - this.twin.cost[i];
  }
}

/** Members a turn when stepped through several months: their state stays in the core's cache from month to month. */
export const MEMBERS_A_TURN = 256;

/**
 * Step every member of the block through months start … end (month 0: the
 * state as made), MEMBERS_A_TURN members at a time, and copy each month's
 * series into `out`: series s of month t for member i of the block at
 * `at(t, s) + i`. Stepping a few hundred members through several months
 * keeps their ~70 numbers of state in cache; month by month over all members
 * each month streams them all from memory again (measured at 100,000
 * members: 350–400 ns a member-month month by month, 230–300 ns in turns of
 * 256 members through 3–24 months).
 */
export function stepMonths(
  block: MemberBlock, start: number, end: number, out: Float64Array, at: (t: number, s: number) => number,
  /** Called after each turn with the number of members done. */
  onTurn?: (done: number) => void,
): void {
  const n = block.count;
  // A block small enough to stay in cache anyway goes month by month in one turn.
  const turn = n < TURNS_FROM_RUNS ? n : MEMBERS_A_TURN;
  for (let lo = 0; lo < n; lo += turn) {
    const hi = Math.min(n, lo + turn);
    for (let t = start; t <= end; t++) {
      if (t > 0) block.advance(t, lo, hi);
      for (let s = 0; s < NSERIES; s++) out.set(block.values(s).subarray(lo, hi), at(t, s) + lo);
    }
    onTurn?.(hi);
  }
}

/** Six numbers a series and month: p5, p25, p50, p75, p95, mean. */
export const SUMMARY_WIDTH = 6;

/** Room for every month's summaries: (H + 1) × series × 6. */
export const monthlyResultsLength = (horizon: number): number => (horizon + 1) * NSERIES * SUMMARY_WIDTH;

/** Each series' smallest and largest value last month (NaN: not yet), which `summarizeFrom` bins over: 2 numbers a series. */
export const seriesRanges = (): Float64Array => new Float64Array(2 * NSERIES).fill(NaN);

/**
 * Summarise series s of month t (all members' values, in member order) into
 * `results`; `ranges` (from `seriesRanges`) carries each series' range from
 * one month to the next.
 */
export function summariseSeries(results: Float64Array, t: number, s: number, values: Float64Array, from: number, runs: number, ranges: Float64Array): void {
  summarizeFrom(values, from, runs, results.subarray((t * NSERIES + s) * SUMMARY_WIDTH, (t * NSERIES + s + 1) * SUMMARY_WIDTH), ranges, 2 * s);
}

/** Share of members at High or worse (composite ≥ 60). */
export function shareHighOrWorse(composite: Float64Array, from: number, runs: number): number {
  let high = 0;
  for (let i = from; i < from + runs; i++) if (composite[i] >= HIGH_FROM) high++;
  return high / runs;
}

/** One side's running totals for every member (a Totals, or views of shared memory in the same layout). */
export type TotalsArrays = Pick<Totals, 'runs' | 'incidents' | 'cost' | 'peak' | 'high'>;

/** The totals and per-member outcomes an ensemble's scalar summaries are made from, for all its members in order. */
export interface EnsembleTotals {
  totals: TotalsArrays;
  twinTotals: TotalsArrays;
  reversalMonth: Float64Array;
  reengageMonth: Float64Array;
}

/** The six numbers at a[o … o + 5] as a Dist. */
const distAt = (a: Float64Array, o: number): Dist => ({ p5: a[o], p25: a[o + 1], p50: a[o + 2], p75: a[o + 3], p95: a[o + 4], mean: a[o + 5] });

function dist(values: Float64Array, from: number, n: number, out: Float64Array): Dist {
  summarizeFrom(values, from, n, out);
  return distAt(out, 0);
}

function scalars(side: TotalsArrays, minus: TotalsArrays | undefined, out: Float64Array): ScalarSummary {
  const n = side.runs;
  // A plain loop: Float64Array.map with a callback took half of this function's time at 100,000 members.
  const diff = (a: Float64Array, b?: Float64Array) => {
    if (!b) return a;
    const d = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
    return d;
  };
  const inc = diff(side.incidents, minus?.incidents);
  const total = new Float64Array(n);
  for (let k = 0; k < NS; k++) for (let i = 0; i < n; i++) total[i] += inc[k * n + i];
  const perSector = Object.fromEntries(SECTOR_IDS.map((k, j) => [k, dist(inc, j * n, n, out)])) as Record<SectorId, Dist>;
  return {
    cumulativeIncidents: { ...perSector, total: dist(total, 0, n, out) },
    cumulativeCost: dist(diff(side.cost, minus?.cost), 0, n, out),
    peakComposite: dist(diff(side.peak, minus?.peak), 0, n, out),
    monthsHighOrWorse: dist(diff(side.high, minus?.high), 0, n, out),
  };
}

/** The paired pause effect's distributions: scenario minus its no-pause twin, member by member. */
export function pauseEffectScalars(all: Pick<EnsembleTotals, 'totals' | 'twinTotals'>): ScalarSummary {
  return scalars(all.totals, all.twinTotals, new Float64Array(SUMMARY_WIDTH));
}

/** A ScalarSummary as numbers (to pass through shared memory): the sectors' incidents, total incidents, cost, peak, months High or worse. */
export const SCALAR_NUMBERS = (NS + 4) * SUMMARY_WIDTH;
const scalarDists = (s: ScalarSummary): Dist[] => [
  ...SECTOR_IDS.map((k) => s.cumulativeIncidents[k]), s.cumulativeIncidents.total, s.cumulativeCost, s.peakComposite, s.monthsHighOrWorse,
];

export function scalarsToArray(s: ScalarSummary, out: Float64Array): void {
  scalarDists(s).forEach((d, j) => out.set([d.p5, d.p25, d.p50, d.p75, d.p95, d.mean], j * SUMMARY_WIDTH));
}

export function scalarsFromArray(a: Float64Array): ScalarSummary {
  const d = (j: number) => distAt(a, j * SUMMARY_WIDTH);
  return {
    cumulativeIncidents: { ...(Object.fromEntries(SECTOR_IDS.map((k, j) => [k, d(j)])) as Record<SectorId, Dist>), total: d(NS) },
    cumulativeCost: d(NS + 1),
    peakComposite: d(NS + 2),
    monthsHighOrWorse: d(NS + 3),
  };
}

/**
 * The chart-ready summary from every month's series summaries and the
 * members' totals. `effectScalars`, when given, supplies the pause effect's
 * distributions (another thread's work); it is called last.
 */
export function assembleSummary(
  opts: EnsembleOptions, horizon: number, results: Float64Array, highOrWorse: ArrayLike<number>, all: EnsembleTotals,
  effectScalars: () => ScalarSummary = () => pauseEffectScalars(all),
): EnsembleSummary {
  const runs = opts.runs;
  const H = horizon;
  const bands = MONTHLY_SERIES.map((_, s) => {
    const band = emptyBand();
    for (let t = 0; t <= H; t++) {
      const o = (t * NSERIES + s) * SUMMARY_WIDTH;
      band.p5.push(results[o]);
      band.p25.push(results[o + 1]);
      band.p50.push(results[o + 2]);
      band.p75.push(results[o + 3]);
      band.p95.push(results[o + 4]);
      band.mean.push(results[o + 5]);
    }
    return band;
  });
  const band = (name: string) => bands[MONTHLY_SERIES.indexOf(name)];
  const series: Record<string, Band> = {};
  for (const name of MONTHLY_SERIES) if (!name.includes('.') || name.startsWith('threat.') || name.startsWith('incidents.')) series[name] = band(name);

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
  const out = new Float64Array(SUMMARY_WIDTH);
  const reversed = all.reversalMonth.filter((m) => m <= H);
  const reversalDist = reversed.length > 0 ? dist(reversed, 0, reversed.length, out) : { p5: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN, mean: NaN };
  const outcomes = scalars(all.totals, undefined, out);
  const effect = effectScalars();

  return {
    runs,
    seed: String(opts.seed),
    noise: opts.noise ?? false,
    horizonMonths: H,
    series,
    baseline: { composite: band('baseline.composite') },
    probReversedBy: byMonth(all.reversalMonth),
    probReengagedBy: byMonth(all.reengageMonth),
    probHighOrWorse: Array.from(highOrWorse),
    scalars: { ...outcomes, reversalMonth: { ...reversalDist, probNever: 1 - reversed.length / runs } },
    pauseEffect: {
      series: { composite: band('effect.composite'), cost: band('effect.cost') },
      scalars: effect,
    },
  };
}

/** Below this many members the whole state stays in cache month by month, and the series need no copy. */
export const TURNS_FROM_RUNS = 2048;
/**
 * Memory for the series of a chunk of months on one thread. At 100,000
 * members a month's series take 18.4 MB, so this holds 4 months: 0.935 of
 * the time of 2 months a chunk (40 MB), 3 months gave 0.96 (each against 2,
 * both in one process, alternating); the benchmark's peak went from 234–240
 * to 270–276 MB.
 */
export const ONE_THREAD_SERIES_BYTES = 80 * 2 ** 20;

/** Months a chunk when `runEnsemble` steps members in turns (`stepMonths`); below 2, it goes month by month instead. */
export function monthsInTurns(runs: number, horizon: number, budget = ONE_THREAD_SERIES_BYTES): number {
  if (runs < TURNS_FROM_RUNS) return 0;
  return Math.min(horizon + 1, Math.floor(budget / (8 * NSERIES * runs)));
}

/** This thread's arrays for `runEnsemble`: the previous ensemble's, when it had as many members. */
const pool = new ArrayPool();

/**
 * A small ensemble that takes most of the engine's paths: a mixed response
 * under the trigger policy, world and policy injects, more members than
 * summaries sort (64), an odd and an even number of them.
 */
export const PRIMER: Scenario = {
  id: 'primer', title: '', summary: '', quotes: [], interpretation: 'reallocation', response: 'mixed', policy: { kind: 'trigger' },
  horizonMonths: 6, parameters: {},
  injects: [
    { id: 'shock', month: 2, title: '', effects: [{ type: 'sectorShock', sector: 'health', factor: 1.5, months: 2 }, { type: 'adversaryShift', amount: 0.1 }] },
    { id: 'collapse', month: 3, title: '', effects: [{ type: 'restraintCollapse' }] },
  ],
};
/** The primer's ensembles: 130 and 131 members, each without and with noise. */
export const PRIMER_OPTIONS: readonly EnsembleOptions[] = [130, 131].flatMap((runs) => [false, true].map((noise) => ({ runs, seed: 1, noise })));

let primed = false;

/**
 * Run a few tiny ensembles before this thread's first real one. V8
 * compiles a loop while it runs (on-stack replacement); in a function whose
 * first call is a long loop, the code after the loop has not run yet and is
 * compiled without type feedback, and reaching it sends the call back to
 * the interpreter, at the end of every later call too. Measured: 133 of 300
 * calls of `drawMembers` did so; on two threads at 10,000 members the
 * summaries ran partly interpreted, with 6–17 garbage collections an
 * ensemble instead of 1. Tiny ensembles first give every path its feedback
 * (about 2 ms, once a thread).
 */
function primeThread(): void {
  if (primed) return;
  primed = true;
  for (const options of PRIMER_OPTIONS) runEnsemble(PRIMER, options);
}

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
  primeThread();
  const runs = opts.runs;
  const c = compileScenario(scenario);
  const cb = compileScenario(scenario, true);
  const H = c.horizon;
  pool.startEnsemble(runs);
  const block = new MemberBlock(c, cb, seedToInt(opts.seed), 0, runs, opts.noise ?? false, pool.take);
  const results = new Float64Array(monthlyResultsLength(H));
  const highOrWorse = new Float64Array(H + 1);
  const ranges = seriesRanges();

  const months = monthsInTurns(runs, H);
  if (months < 2) {
    // Month by month over all members, each month summarised where it lies:
    // memory grows with the number of members, not with members × months × series.
    for (let t = 0; t <= H; t++) {
      if (t > 0) block.advance(t);
      for (let s = 0; s < NSERIES; s++) summariseSeries(results, t, s, block.values(s), 0, runs, ranges);
      highOrWorse[t] = shareHighOrWorse(block.set.composite, 0, runs);
      if (t > 0) onProgress?.(t, H);
    }
  } else {
    // Chunks of months, members in turns through each (stepMonths), then the chunk's months summarised.
    const series = pool.take(months * NSERIES * runs);
    let reported = 0;
    for (let start = 0; start <= H; start += months) {
      const end = Math.min(H, start + months - 1);
      // Progress in months, fractions of a chunk as its members are stepped, at most a hundred reports in all.
      const progress = onProgress && ((done: number) => {
        const base = Math.max(0, start - 1);
        const month = base + ((end - base) * done) / runs;
        if (month - reported >= H / 100 || done === runs) onProgress((reported = month), H);
      });
      stepMonths(block, start, end, series, (t, s) => ((t - start) * NSERIES + s) * runs, progress);
      for (let t = start; t <= end; t++) {
        const at = (t - start) * NSERIES * runs;
        for (let s = 0; s < NSERIES; s++) summariseSeries(results, t, s, series, at + s * runs, runs, ranges);
        highOrWorse[t] = shareHighOrWorse(series, at, runs); // series 0 is the composite
      }
    }
  }
  return assembleSummary(opts, H, results, highOrWorse, {
    totals: block.totals,
    twinTotals: block.twinTotals,
    reversalMonth: block.set.reversalMonth,
    reengageMonth: block.set.reengageMonth,
  });
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
