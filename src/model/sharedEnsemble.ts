/**
 * One ensemble computed by several threads at once over shared memory
 * (MODEL.md section 5: member i is the same however members are split
 * between workers). Each part steps its own block of members through a
 * chunk of months, copying its members' values into one shared array per
 * series and month; the parts meet, then take the series one at a time and
 * summarise each over all members, month by month. The summaries are exact (every
 * member's value is in the shared array, in member order), so the result
 * equals `runEnsemble`'s bit for bit, and tests check that it does.
 *
 * Meeting costs a thread wake-up, so chunks are as long as the memory
 * allows (see `chunkPlan`): a 1,000-member ensemble meets twice in all
 * instead of twice a month.
 *
 * Pure logic with no thread API: the caller starts the parts (Node worker
 * threads in the command line and the benchmark) and hands each the same
 * job. Needs a SharedArrayBuffer and Atomics.wait, so in a browser only in a
 * cross-origin-isolated page.
 */
import { SECTOR_IDS } from './parameters';
import { compileScenario } from './engine';
import {
  MONTHLY_SERIES, MemberBlock, PRIMER, PRIMER_OPTIONS, SCALAR_NUMBERS, type TotalsPlace, assembleSummary, monthlyResultsLength, pauseEffectScalars, scalarsFromArray,
  scalarsToArray, seriesRanges, shareHighOrWorse, stepMonths, summariseSeries,
} from './ensemble';
import { ArrayPool } from './arrays';
import { seedToInt } from './random';
import { assertEnsembleOptions, assertScenario } from './validate';
import type { EnsembleOptions, EnsembleSummary, Scenario } from './types';

const NS = SECTOR_IDS.length;
const NSERIES = MONTHLY_SERIES.length;

/** What every part of one ensemble gets (structured-cloneable: the buffer is shared, not copied). */
export interface SharedEnsembleJob {
  scenario: Scenario;
  options: EnsembleOptions;
  parts: number;
  buffer: SharedArrayBuffer;
  /** How long a part waits for the others at a meeting point before giving up, ms. */
  timeoutMs?: number;
  /** Shared memory for a chunk of months' series (default SERIES_BUDGET_BYTES; tests make it small to chunk). */
  seriesBudgetBytes?: number;
}

/** Optional settings of `sharedEnsembleJob`. */
export interface JobSettings {
  reuse?: SharedArrayBuffer | null;
  timeoutMs?: number;
  seriesBudgetBytes?: number;
}

/** The shared arrays, laid out one after another in the job's buffer. */
interface Layout {
  control: Int32Array;
  series: Float64Array;
  results: Float64Array;
  highOrWorse: Float64Array;
  sides: { incidents: Float64Array; cost: Float64Array; peak: Float64Array; high: Float64Array }[];
  reversalMonth: Float64Array;
  reengageMonth: Float64Array;
  /** The pause effect's distributions, worked out by part 1 while part 0 assembles the rest. */
  effectScalars: Float64Array;
  /** Each series' range last month (see `seriesRanges`): whichever part summarises a series next starts from it. */
  ranges: Float64Array;
}

/** Control words: parts arrived at the meeting, its generation, a part failed, the next series to take. */
const ARRIVED = 0, GENERATION = 1, FAILED = 2, NEXT_SERIES = 3;
const CONTROL_WORDS = 4;

/**
 * Shared memory for the series of a chunk of months, at most (but one
 * month's share of the series is always needed). Long chunks let each part
 * step its members in turns through many months (`stepMonths`) and meet
 * less often. Measured with both plans' thread pools in one process,
 * alternating: at 10,000 members all 25 months in one chunk (46 MB) took
 * 0.97–0.99 of the time of 11-month chunks, and 6-month chunks 1.02; at
 * 100,000 members a month's series take 18.4 MB, so this holds 2 months,
 * 0.88 of the time of 1 month a chunk. The two-thread benchmark's peak
 * stays under 300 MB.
 */
export const SERIES_BUDGET_BYTES = 48 * 2 ** 20;

/**
 * How the months and series pass through shared memory: `months` a chunk,
 * `buffers` chunks in memory, and the series of a month in `groups` turns.
 * With two buffers the parts step the next chunk into one while the other
 * is still being summarised, so they meet once a chunk; with one they meet
 * twice, so no part overwrites values another is still summarising. When a
 * month's series alone exceed the budget (a small budget; 100,000 members take 18.4 MB), they go
 * through a month's shared array a group at a time.
 */
export interface ChunkPlan {
  months: number;
  buffers: 1 | 2;
  groups: number;
}

export function chunkPlan(runs: number, horizon: number, budget = SERIES_BUDGET_BYTES): ChunkPlan {
  const monthBytes = 8 * NSERIES * runs;
  const fit = Math.floor(budget / monthBytes);
  if (fit >= horizon + 1) return { months: horizon + 1, buffers: 1, groups: 1 };
  if (fit >= 4) return { months: Math.floor(fit / 2), buffers: 2, groups: 1 };
  // Two or three months: stepping members in turns through them pays more than a second buffer.
  if (fit >= 2) return { months: fit, buffers: 1, groups: 1 };
  const seriesThatFit = Math.max(1, Math.floor(budget / (8 * runs)));
  return { months: 1, buffers: 1, groups: Math.ceil(NSERIES / seriesThatFit) };
}

/** Series a turn: all of them, or a group's worth. */
const seriesPerTurn = (plan: ChunkPlan) => Math.ceil(NSERIES / plan.groups);

function layout(buffer: SharedArrayBuffer | null, runs: number, horizon: number, budget?: number): { size: number; views: Layout | null } {
  const chunks = chunkPlan(runs, horizon, budget);
  const plan: [string, number][] = [
    ['series', chunks.months * chunks.buffers * seriesPerTurn(chunks) * runs],
    ['results', monthlyResultsLength(horizon)],
    ['highOrWorse', horizon + 1],
    ['incidents0', NS * runs], ['cost0', runs], ['peak0', runs], ['high0', runs],
    ['incidents1', NS * runs], ['cost1', runs], ['peak1', runs], ['high1', runs],
    ['reversalMonth', runs],
    ['reengageMonth', runs],
    ['effectScalars', SCALAR_NUMBERS],
    ['ranges', 2 * NSERIES],
  ];
  let offset = 8 * Math.ceil((CONTROL_WORDS * 4) / 8);
  const at: Record<string, Float64Array> = {};
  for (const [name, length] of plan) {
    if (buffer) at[name] = new Float64Array(buffer, offset, length);
    offset += 8 * length;
  }
  if (!buffer) return { size: offset, views: null };
  return {
    size: offset,
    views: {
      control: new Int32Array(buffer, 0, CONTROL_WORDS),
      series: at.series,
      results: at.results,
      highOrWorse: at.highOrWorse,
      sides: [0, 1].map((k) => ({ incidents: at[`incidents${k}`], cost: at[`cost${k}`], peak: at[`peak${k}`], high: at[`high${k}`] })),
      reversalMonth: at.reversalMonth,
      reengageMonth: at.reengageMonth,
      effectScalars: at.effectScalars,
      ranges: at.ranges,
    },
  };
}

/** Bytes of shared memory one ensemble needs. */
export function sharedEnsembleBytes(runs: number, horizon: number, budget?: number): number {
  return layout(null, runs, horizon, budget).size;
}

/**
 * Validate the inputs and make the job for `parts` parts. `reuse` is the
 * buffer of an earlier job that has finished: taken when it is large enough
 * (every part overwrites what it reads), so that repeated ensembles do not
 * leave a large buffer behind each. `timeoutMs` and `seriesBudgetBytes` as
 * in SharedEnsembleJob.
 */
export function sharedEnsembleJob(
  scenario: Scenario, options: EnsembleOptions, parts: number,
  { reuse = null, timeoutMs = 120_000, seriesBudgetBytes = SERIES_BUDGET_BYTES }: JobSettings = {},
): SharedEnsembleJob {
  assertScenario(scenario);
  assertEnsembleOptions(options);
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`parts: expected a whole number of at least 1, got ${parts}`);
  const bytes = sharedEnsembleBytes(options.runs, scenario.horizonMonths, seriesBudgetBytes);
  const buffer = reuse && reuse.byteLength >= bytes ? reuse : new SharedArrayBuffer(bytes);
  const views = layout(buffer, options.runs, scenario.horizonMonths, seriesBudgetBytes).views!;
  views.control.fill(0);
  views.ranges.set(seriesRanges());
  return { scenario, options, parts: Math.min(parts, options.runs), buffer, timeoutMs, seriesBudgetBytes };
}

/** Members of part p of n: a contiguous block, sizes differing by at most one. */
export function partRange(runs: number, parts: number, p: number): { from: number; count: number } {
  const from = Math.floor((runs * p) / parts);
  return { from, count: Math.floor((runs * (p + 1)) / parts) - from };
}

/** This thread's arrays for its parts: the previous part's, when it had as many members. */
const pool = new ArrayPool();

/** Thrown by every part when another part failed or did not arrive in time. */
export class SharedEnsembleAborted extends Error {}

/** Wait until all parts have arrived (a reusable barrier: arrivals and a generation counter). */
function meet(control: Int32Array, parts: number, timeoutMs: number): void {
  if (Atomics.load(control, FAILED) !== 0) throw new SharedEnsembleAborted('another part of the ensemble failed');
  const generation = Atomics.load(control, GENERATION);
  if (Atomics.add(control, ARRIVED, 1) === parts - 1) {
    // The last to arrive: every part is past the series it took, so the count starts again.
    Atomics.store(control, NEXT_SERIES, 0);
    Atomics.store(control, ARRIVED, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(control, GENERATION) === generation) {
    if (Atomics.load(control, FAILED) !== 0) throw new SharedEnsembleAborted('another part of the ensemble failed');
    const left = deadline - Date.now();
    if (left <= 0) {
      fail(control);
      throw new SharedEnsembleAborted(`the other parts of the ensemble did not arrive within ${timeoutMs} ms`);
    }
    Atomics.wait(control, GENERATION, generation, Math.min(left, 1000));
  }
}

/** Tell the other parts to stop waiting (a part threw). */
function fail(control: Int32Array): void {
  Atomics.store(control, FAILED, 1);
  Atomics.add(control, GENERATION, 1);
  Atomics.notify(control, GENERATION);
}

let primed = false;

/** Tiny one-part ensembles before this thread's first real part: see `primeThread` in ensemble.ts. */
function primeThread(): void {
  if (primed) return;
  primed = true;
  for (const options of PRIMER_OPTIONS) runSharedPart(sharedEnsembleJob(PRIMER, options, 1), 0);
}

/**
 * Compute part p of the job. Every part must be run, each on its own thread,
 * at the same time; part 0 returns the ensemble's summary, the others null.
 */
export function runSharedPart(job: SharedEnsembleJob, p: number): EnsembleSummary | null {
  primeThread();
  const { scenario, options, parts } = job;
  const runs = options.runs;
  const H = scenario.horizonMonths;
  const views = layout(job.buffer, runs, H, job.seriesBudgetBytes).views!;
  const timeoutMs = job.timeoutMs ?? 120_000;
  try {
    const c = compileScenario(scenario);
    const cb = compileScenario(scenario, true);
    const { from, count } = partRange(runs, parts, p);
    pool.startEnsemble(count);
    // Totals are added up straight into shared memory, each part in its own members' places.
    const places = views.sides.map((side) => ({ ...side, stride: runs, offset: from })) as [TotalsPlace, TotalsPlace];
    const block = new MemberBlock(c, cb, seedToInt(options.seed), from, count, options.noise ?? false, pool.take, places);
    const chunks = chunkPlan(runs, H, job.seriesBudgetBytes);
    const width = seriesPerTurn(chunks);
    // Where the i-th series of a turn, for the month in slot `slot`, starts in the shared array.
    const at = (slot: number, i: number) => (slot * width + i) * runs;
    for (let start = 0, chunk = 0; start <= H; start += chunks.months, chunk++) {
      const end = Math.min(H, start + chunks.months - 1);
      const firstSlot = (chunk % chunks.buffers) * chunks.months;
      // The part's members in turns through the chunk's months, into shared memory (member i of the block is member from + i).
      if (chunks.groups === 1) stepMonths(block, start, end, views.series, (t, s) => at(firstSlot + t - start, s) + from);
      else for (let t = start; t <= end; t++) if (t > 0) block.advance(t);
      for (let first = 0; first < NSERIES; first += width) {
        const last = Math.min(NSERIES, first + width);
        // With groups, a chunk is one month: the block still holds it.
        if (chunks.groups > 1) for (let s = first; s < last; s++) views.series.set(block.values(s), at(firstSlot, s - first) + from);
        meet(views.control, parts, timeoutMs);
        // The series are taken one at a time, each over every member and the chunk's months in order: a part
        // on a slower core takes fewer (the cores differ by up to half here, minute to minute, and a fixed share
        // left one part waiting up to 2 ms of a 13 ms ensemble at 1,000 members).
        for (let s = first + Atomics.add(views.control, NEXT_SERIES, 1); s < last; s = first + Atomics.add(views.control, NEXT_SERIES, 1)) {
          for (let t = start; t <= end; t++) {
            const slot = firstSlot + t - start;
            summariseSeries(views.results, t, s, views.series, at(slot, s - first), runs, views.ranges);
            if (s === 0) views.highOrWorse[t] = shareHighOrWorse(views.series, at(slot, 0), runs); // series 0 is the composite
          }
        }
        // One buffer: wait until every part is done with it (the very last wait is the one below).
        if (chunks.buffers === 1 && (end < H || last < NSERIES)) meet(views.control, parts, timeoutMs);
      }
    }
    views.reversalMonth.set(block.set.reversalMonth, from);
    views.reengageMonth.set(block.set.reengageMonth, from);
    meet(views.control, parts, timeoutMs);
    // Summarised straight from shared memory: every part is done with it.
    const all = {
      totals: { runs, ...views.sides[0] },
      twinTotals: { runs, ...views.sides[1] },
      reversalMonth: views.reversalMonth,
      reengageMonth: views.reengageMonth,
    };
    if (parts === 1) return assembleSummary(options, H, views.results, views.highOrWorse, all);
    // Part 1 works out the pause effect's distributions while part 0 assembles the rest; they meet once more.
    if (p === 1) scalarsToArray(pauseEffectScalars(all), views.effectScalars);
    if (p !== 0) {
      meet(views.control, parts, timeoutMs);
      return null;
    }
    return assembleSummary(options, H, views.results, views.highOrWorse, all, () => {
      meet(views.control, parts, timeoutMs);
      return scalarsFromArray(views.effectScalars);
    });
  } catch (err) {
    if (!(err instanceof SharedEnsembleAborted)) fail(views.control);
    throw err;
  }
}
