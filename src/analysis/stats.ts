/** Small numeric helpers of the analyst tools: log-space arithmetic, Poisson and negative binomial pmfs, weighted percentiles. */
import { PERCENTILES } from '../model/stats';
import type { Band } from '../model/types';

const LOG_FACTORIAL = (() => {
  const t = new Float64Array(256);
  for (let n = 2; n < 256; n++) t[n] = t[n - 1] + Math.log(n);
  return t;
})();

/** ln(n!) for a whole n ≥ 0: a table below 256, Stirling's series above (error < 1e-12). */
export function logFactorial(n: number): number {
  if (n < 256) return LOG_FACTORIAL[n];
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(N = n) for N ~ Poisson(λ); λ = 0 gives 0 for n = 0 and −∞ otherwise. */
export function poissonLogPmf(n: number, lambda: number): number {
  if (!(lambda > 0)) return n === 0 ? 0 : -Infinity;
  return n * Math.log(lambda) - lambda - logFactorial(n);
}

/** ln Σ exp(x_i), safe against overflow; −∞ for an empty list or all −∞. */
export function logSumExp(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] > m) m = xs[i];
  if (m === -Infinity) return -Infinity;
  if (m === Infinity) return Infinity;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp(xs[i] - m);
  return m + Math.log(s);
}

/**
 * Counts of one world: Poisson(μ) when its members agree on λ, else the
 * negative binomial with the same mean and variance μ + v (v: the spread of
 * λ across the world's members), the usual moment-matched stand-in for a
 * Poisson whose rate is itself uncertain.
 */
export interface CountModel {
  mean: number;
  /** Variance of λ across members (0: plain Poisson). */
  extraVariance: number;
}

/** No extra variance worth the name: the count is plain Poisson. */
const isPoisson = (m: CountModel): boolean => !(m.extraVariance > 1e-9 * Math.max(1, m.mean));

/** ln P(N = n) under a count model. */
export function countLogPmf(n: number, m: CountModel): number {
  const mu = m.mean;
  const v = m.extraVariance;
  if (isPoisson(m)) return poissonLogPmf(n, mu);
  const r = (mu * mu) / v;
  const p = mu / (mu + v);
  return logGamma(n + r) - logGamma(r) - logFactorial(n) + r * Math.log(p) + n * Math.log1p(-p);
}

/**
 * P(N = n) for n = lo … hi into `out` (length hi − lo + 1), by the pmf's
 * ratio recursion outward from its mode, so neither tail underflows the other.
 */
export function countPmfRange(m: CountModel, lo: number, hi: number, out: Float64Array): void {
  const mu = m.mean;
  const v = m.extraVariance;
  const poisson = isPoisson(m);
  const r = poisson ? 0 : (mu * mu) / v;
  const q = poisson ? 0 : v / (mu + v); // 1 − p
  // P(n+1)/P(n): μ/(n+1) for Poisson, (n + r)(1 − p)/(n + 1) for the negative binomial.
  const ratio = (n: number) => (poisson ? mu / (n + 1) : ((n + r) * q) / (n + 1));
  const mode = Math.min(hi, Math.max(lo, Math.floor(poisson ? mu : ((r - 1) * q) / (1 - q))));
  out.fill(0);
  if (!(mu > 0)) {
    if (lo === 0) out[0] = 1;
    return;
  }
  let p = Math.exp(countLogPmf(mode, m));
  out[mode - lo] = p;
  for (let n = mode; n < hi; n++) {
    p *= ratio(n);
    out[n + 1 - lo] = p;
  }
  p = out[mode - lo];
  for (let n = mode - 1; n >= lo; n--) {
    p /= ratio(n);
    out[n - lo] = p;
  }
}

/**
 * Member indices sorted by value, month by month, for a member-major series
 * (`values[m·(H+1) + t]`): `order[t·M + r]` is the member of rank r in month
 * t. Computed once per ensemble, it makes every reweighting linear.
 */
export function sortMembersByMonth(values: Float64Array, members: number, horizon: number): Uint32Array {
  const H1 = horizon + 1;
  const order = new Uint32Array(H1 * members);
  const column = new Float64Array(members);
  const idx = new Uint32Array(members);
  for (let t = 0; t <= horizon; t++) {
    for (let m = 0; m < members; m++) {
      column[m] = values[m * H1 + t];
      idx[m] = m;
    }
    idx.sort((a, b) => column[a] - column[b]);
    order.set(idx, t * members);
  }
  return order;
}

/**
 * Weighted percentiles and mean per month of a member-major series
 * (`values[m·(H+1) + t]`), with members in the order `sortMembersByMonth`
 * gives: percentile p is the smallest value whose cumulative weight reaches
 * p of the total (weights need not be normalised; zero weights never count).
 * This is the weighted form of the inverse empirical distribution, not the
 * interpolated percentiles of the Explore fan (model/stats.ts): with equal
 * weights the two differ by at most the gap between neighbouring runs.
 */
export function weightedBand(values: Float64Array, weights: ArrayLike<number>, horizon: number, order: Uint32Array): Band {
  const H1 = horizon + 1;
  const M = weights.length;
  let total = 0;
  for (let m = 0; m < M; m++) if (weights[m] > 0) total += weights[m];
  const band: Band = { p5: [], p25: [], p50: [], p75: [], p95: [], mean: [] };
  const keys = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;
  for (let t = 0; t <= horizon; t++) {
    let mean = 0;
    for (let m = 0; m < M; m++) if (weights[m] > 0) mean += weights[m] * values[m * H1 + t];
    band.mean.push(total > 0 ? mean / total : NaN);
    let acc = 0;
    let r = 0;
    let last = -1;
    const base = t * M;
    for (let q = 0; q < PERCENTILES.length; q++) {
      const target = PERCENTILES[q] * total;
      // Advance to the first member (by value) whose cumulative weight reaches the target.
      while (r < M) {
        const m = order[base + r];
        const w = weights[m] > 0 ? weights[m] : 0;
        if (w > 0) last = m;
        if (w > 0 && acc + w >= target) break;
        acc += w;
        r++;
      }
      if (r >= M) r = M; // rounding left the target a hair above the total: the largest live member
      band[keys[q]].push(total > 0 && last >= 0 ? values[(r < M ? order[base + r] : last) * H1 + t] : NaN);
    }
  }
  return band;
}
