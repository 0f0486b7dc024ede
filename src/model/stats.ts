/**
 * Percentiles by selection rather than full sorts: the ensemble summarises
 * hundreds of month slices of up to 100,000 values each.
 */
import type { Dist } from './types';

export const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

// One element type keeps these hot loops monomorphic.
type Numeric = Float64Array;


function swap(a: Numeric, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearrange a[lo..hi] (inclusive) so that a[k] holds the value it would have
 * if sorted, with smaller-or-equal values before it and larger-or-equal after.
 * Hoare-style quickselect with median-of-three pivots.
 */
export function select(a: Numeric, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    if (hi - lo < 16) {
      // insertion sort for small ranges
      for (let i = lo + 1; i <= hi; i++) {
        const x = a[i];
        let j = i - 1;
        while (j >= lo && a[j] > x) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Below this many values, sorting is quicker than binning. */
const BIN_BELOW = 64;
/** At most this many bins; fewer for small inputs (about four values a bin). */
const BINS = 1024;
const binCounts = new Int32Array(BINS);
const binStarts = new Int32Array(BINS + 1);
const RANKS = new Int32Array(10);
const RANK_VALUES = new Float64Array(10);

let binOf = new Uint16Array(0);
/** The values of the wanted bins, gathered bin after bin. */
let gathered = new Float64Array(0);
const slotOfBin = new Int32Array(BINS).fill(-1);
const wantedBins = new Int32Array(10);
const slotStart = new Int32Array(11);
const slotFill = new Int32Array(10);
const rankBin = new Int32Array(10);

/**
 * The value of each wanted order statistic (ranks ascending, 0-based):
 * one pass to bin the values by magnitude, one to gather the few bins that
 * hold a wanted rank, then selection inside those bins only. Allocates
 * nothing once its buffers have grown: it runs hundreds of times a run.
 */
function orderStatistics(a: Numeric, from: number, n: number, lo: number, hi: number, ranks: Int32Array, count: number, out: Float64Array): void {
  const bins = Math.min(BINS, Math.max(16, n >> 2));
  const scale = bins / (hi - lo);
  if (binOf.length < n) binOf = new Uint16Array(n);
  binCounts.fill(0, 0, bins);
  for (let i = 0; i < n; i++) {
    let b = ((a[from + i] - lo) * scale) | 0;
    if (b >= bins) b = bins - 1;
    binOf[i] = b;
    binCounts[b]++;
  }
  binStarts[0] = 0;
  for (let b = 0; b < bins; b++) binStarts[b + 1] = binStarts[b] + binCounts[b];
  // The bins that hold a wanted rank, each given a slot in `gathered`.
  let slots = 0;
  slotStart[0] = 0;
  for (let r = 0, bin = 0; r < count; r++) {
    while (binStarts[bin + 1] <= ranks[r]) bin++;
    rankBin[r] = bin;
    if (slotOfBin[bin] < 0) {
      slotOfBin[bin] = slots;
      wantedBins[slots] = bin;
      slotFill[slots] = slotStart[slots];
      slotStart[slots + 1] = slotStart[slots] + binCounts[bin];
      slots++;
    }
  }
  if (gathered.length < slotStart[slots]) gathered = new Float64Array(Math.max(slotStart[slots], gathered.length * 2));
  for (let i = 0; i < n; i++) {
    const slot = slotOfBin[binOf[i]];
    if (slot >= 0) gathered[slotFill[slot]++] = a[from + i];
  }
  // Ranks ascend, so each selection within a bin starts where the last one ended.
  let left = 0;
  for (let r = 0; r < count; r++) {
    const bin = rankBin[r];
    const slot = slotOfBin[bin];
    const start = slotStart[slot];
    if (r === 0 || rankBin[r - 1] !== bin) left = start;
    const k = start + ranks[r] - binStarts[bin];
    select(gathered, k, left, slotStart[slot + 1] - 1);
    out[r] = gathered[k];
    left = k;
  }
  for (let s = 0; s < slots; s++) slotOfBin[wantedBins[s]] = -1;
}

function valueAt(rank: number, count: number): number {
  for (let r = 0; r < count; r++) if (RANKS[r] === rank) return RANK_VALUES[r];
  return NaN;
}

/**
 * The 5th, 25th, 50th, 75th and 95th percentiles (linear interpolation
 * between order statistics, as d3.quantile and R's type 7) and the mean of
 * `values[from … from + n − 1]`. Leaves `values` as it was, so a month's
 * slice is summarised where it lies, without a copy.
 */
export function summarizeFrom(values: Numeric, from: number, n: number, out: Float64Array): void {
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < from + n; i++) {
    const x = values[i];
    sum += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (n === 0) {
    out.fill(NaN);
    return;
  }
  out[5] = sum / n;
  if (lo === hi || n === 1) {
    out.fill(values[from], 0, 5);
    return;
  }
  // The wanted ranks: floor and floor + 1 of each percentile's position.
  let count = 0;
  for (let q = 0; q < 5; q++) {
    const k = Math.floor((n - 1) * PERCENTILES[q]);
    if (count === 0 || RANKS[count - 1] !== k) RANKS[count++] = k;
    if (k + 1 < n && RANKS[count - 1] !== k + 1) RANKS[count++] = k + 1;
  }
  if (n < BIN_BELOW) {
    const sorted = values.slice(from, from + n).sort();
    for (let r = 0; r < count; r++) RANK_VALUES[r] = sorted[RANKS[r]];
  } else {
    orderStatistics(values, from, n, lo, hi, RANKS, count, RANK_VALUES);
  }
  for (let q = 0; q < 5; q++) {
    const pos = (n - 1) * PERCENTILES[q];
    const k = Math.floor(pos);
    const frac = pos - k;
    const low = valueAt(k, count);
    out[q] = frac === 0 || k + 1 >= n ? low : low + frac * (valueAt(k + 1, count) - low);
  }
}

/** `summarizeFrom` over the first n values. */
export function summarize(values: Numeric, n: number, out: Float64Array): void {
  summarizeFrom(values, 0, n, out);
}

/** Summary of a plain list of numbers. */
export function distOf(values: ArrayLike<number>): Dist {
  const copy = values instanceof Float64Array ? values : Float64Array.from(values);
  const out = new Float64Array(6);
  summarize(copy, copy.length, out);
  return { p5: out[0], p25: out[1], p50: out[2], p75: out[3], p95: out[4], mean: out[5] };
}
