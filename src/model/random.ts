/**
 * Seeded randomness. Every ensemble member has its own substream derived from
 * (seed, member index), so member i is the same whatever the ensemble size or
 * however members are split between workers. Nothing here uses the
 * unseeded global generator.
 */

/** 32-bit FNV-1a hash of a string, used to turn a text seed into a number. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seed as typed by a person ("42", "exercise-3") or a number, as 32 bits.
 * A number is taken as its text, so 42 and "42" give the same ensemble: the
 * summary reports the seed as text, and a reader cannot tell them apart.
 */
export function seedToInt(seed: string | number): number {
  return hashString(String(seed));
}

/** Final mixer of splitmix32-style hashing: decorrelates nearby integers. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * Small fast generator (sfc32) whose 128-bit state is derived from the seed
 * and the member index. Returns uniforms in (0, 1), never exactly 0 or 1.
 */
export class Stream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, member: number) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32((member + 0x7f4a7c15) ^ seed);
    this.c = mix32(Math.imul(member, 0x85ebca6b) ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  reset(seed: number, member: number): void {
    this.spare = NaN;
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32((member + 0x7f4a7c15) ^ seed);
    this.c = mix32(Math.imul(member, 0x85ebca6b) ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /**
   * Start this generator from two numbers of `parent`: a substream that
   * takes a fixed amount from its parent however many uniforms are drawn
   * from it. A parameter drawn by rejection takes a varying number; drawn
   * from the parent, every later draw of the member shifted when one
   * parameter's range changed (another reading of the order, a pinned
   * value), and runs that should be common to two scenarios were not.
   * Words of a full-period generator need no warm-up.
   */
  splitFrom(parent: Stream): void {
    this.spare = NaN;
    // Two words: a 64-bit key, so no two substreams of an ensemble start alike.
    const w1 = parent.nextU32() | 0;
    const w2 = parent.nextU32() | 0;
    this.a = w1;
    this.b = w2;
    this.c = w1 ^ Math.imul(w2, 0x85ebca6b) ^ 0x5bd1e995;
    this.d = 1;
  }

  /** Save the generator's state into slot i of a Uint32Array of 4·n entries. */
  saveTo(state: Uint32Array, i: number): void {
    state[4 * i] = this.a;
    state[4 * i + 1] = this.b;
    state[4 * i + 2] = this.c;
    state[4 * i + 3] = this.d;
  }

  /** Continue from a state saved with saveTo. */
  loadFrom(state: Uint32Array, i: number): void {
    this.a = state[4 * i] | 0;
    this.b = state[4 * i + 1] | 0;
    this.c = state[4 * i + 2] | 0;
    this.d = state[4 * i + 3] | 0;
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  private spare = NaN;

  /** Standard normal by Box–Muller; the pair's second value is kept for the next call. */
  normal(): number {
    if (this.spare === this.spare) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    const u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * A Beta draw, exact by rejection: a cell of the shape's envelope is
   * chosen in proportion to its height (alias method), x is uniform in the
   * cell, and it is accepted under the squeeze (the density's lowest value
   * in the cell) without evaluating the density, which is needed only for
   * the few points between squeeze and envelope: about 3 uniforms a draw,
   * and a density (two logarithms and an exponential) in one draw of 15.
   * Cheng's algorithm BB, which this replaced, needed those three every draw:
   * drawing 1,000 members' 37 parameters took 4.6 ms with it and 2.3 ms with
   * this (fastest of 180 runs).
   * When a or b is 1 (a PERT mode at an end of its range) the inverse CDF is closed-form.
   */
  betaOf(shape: BetaShape): number {
    if (shape.kind === BETA_A_IS_1) return 1 - Math.pow(this.uniform(), 1 / shape.b);
    if (shape.kind === BETA_B_IS_1) return Math.pow(this.uniform(), 1 / shape.a);
    const { prob, alias, upper, lower } = shape;
    for (;;) {
      const t = this.uniform() * CELLS;
      let j = t | 0;
      if (t - j >= prob[j]) j = alias[j];
      const x = (j + this.uniform()) / CELLS;
      const y = this.uniform() * upper[j];
      if (y <= lower[j] || y <= shape.density(x)) return x;
    }
  }

  /** PERT(low, mode, high) with shape 4 (MODEL.md section 4); low = high returns the mode. */
  pert(low: number, mode: number, high: number): number {
    return this.pertOf(new PertShape(low, mode, high));
  }

  /** A PERT draw from a prepared shape: the same uniforms, and the same value, as `pert`. */
  pertOf(p: PertShape): number {
    if (p.beta === null) return p.mode;
    return p.low + p.span * this.betaOf(p.beta);
  }
}

const BETA_TABLE = 0;
const BETA_A_IS_1 = 1;
const BETA_B_IS_1 = 2;

/** Equal-width cells of [0, 1] in a Beta envelope. */
const CELLS = 64;
/** ln(j / CELLS) for j = 0 … CELLS (ln 0 = −∞): the density at the cell edges costs one exp each. */
const LN_EDGE = Float64Array.from({ length: CELLS + 1 }, (_, j) => Math.log(j / CELLS));

/**
 * Beta(a, b) for a, b ≥ 1, prepared once per parameter rather than once per
 * draw (an ensemble draws each parameter once per member): the density
 * relative to its mode, and a step envelope and squeeze over CELLS cells.
 * The density is unimodal, so on a cell its highest value is at an edge or
 * at the mode, and its lowest at an edge; both bounds are widened by 1e-12
 * so that rounding in `density` cannot cross them.
 */
export class BetaShape {
  readonly kind: number;
  /** Envelope (highest) and squeeze (lowest) density of each cell. */
  readonly upper = new Float64Array(CELLS);
  readonly lower = new Float64Array(CELLS);
  /** Alias table over the cells, weights ∝ upper. */
  readonly prob = new Float64Array(CELLS);
  readonly alias = new Int32Array(CELLS);
  private readonly lnModeTerm: number;
  constructor(readonly a: number, readonly b: number) {
    this.kind = a <= 1 ? BETA_A_IS_1 : b <= 1 ? BETA_B_IS_1 : BETA_TABLE;
    const mode = (a - 1) / (a + b - 2);
    this.lnModeTerm = this.kind === BETA_TABLE ? (a - 1) * Math.log(mode) + (b - 1) * Math.log(1 - mode) : 0;
    if (this.kind !== BETA_TABLE) return;
    const edge = EDGE_DENSITY;
    for (let j = 0; j <= CELLS; j++) edge[j] = Math.exp((a - 1) * LN_EDGE[j] + (b - 1) * LN_EDGE[CELLS - j] - this.lnModeTerm);
    for (let j = 0; j < CELLS; j++) {
      const holdsMode = j / CELLS < mode && mode < (j + 1) / CELLS;
      this.upper[j] = (holdsMode ? 1 : Math.max(edge[j], edge[j + 1])) * (1 + 1e-12);
      this.lower[j] = Math.min(edge[j], edge[j + 1]) * (1 - 1e-12);
    }
    buildAlias(this.upper, this.prob, this.alias);
  }

  /** The density at x in (0, 1), relative to its value at the mode. */
  density(x: number): number {
    return Math.exp((this.a - 1) * Math.log(x) + (this.b - 1) * Math.log(1 - x) - this.lnModeTerm);
  }
}

/**
 * Vose's alias method: cell j is kept when the fraction of a uniform scaled
 * to the cells is below prob[j], and otherwise gives way to alias[j]; each
 * cell is then chosen in proportion to its weight.
 */
function buildAlias(weights: Float64Array, prob: Float64Array, alias: Int32Array): void {
  const n = weights.length;
  let total = 0;
  for (let j = 0; j < n; j++) total += weights[j];
  const scaled = prob; // worked in place: prob[j] is final once j leaves the small list
  const small = ALIAS_SMALL;
  const large = ALIAS_LARGE;
  let ns = 0;
  let nl = 0;
  for (let j = 0; j < n; j++) {
    scaled[j] = (weights[j] * n) / total;
    if (scaled[j] < 1) small[ns++] = j;
    else large[nl++] = j;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[nl - 1];
    alias[s] = l;
    scaled[l] -= 1 - scaled[s];
    if (scaled[l] < 1) small[ns++] = large[--nl];
  }
  // What is left has weight 1 up to rounding: always kept.
  while (ns > 0) prob[small[--ns]] = 1;
  while (nl > 0) prob[large[--nl]] = 1;
}
const ALIAS_SMALL = new Int32Array(CELLS);
const ALIAS_LARGE = new Int32Array(CELLS);
const EDGE_DENSITY = new Float64Array(CELLS + 1);

/** Shapes already prepared: an ensemble re-runs with the same ranges far more often than not (another seed, size or part). */
const shapes = new Map<string, BetaShape>();
const SHAPES_KEPT = 512;

/** Beta(a, b), prepared once (a shape is never changed after it is made). */
export function betaShape(a: number, b: number): BetaShape {
  const key = `${a}/${b}`;
  let shape = shapes.get(key);
  if (!shape) {
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    shapes.set(key, (shape = new BetaShape(a, b)));
  }
  return shape;
}

/** PERT(low, mode, high), shape 4, as a Beta on [low, high]; `beta` is null when low = high. */
export class PertShape {
  readonly span: number;
  readonly beta: BetaShape | null;
  constructor(readonly low: number, readonly mode: number, high: number) {
    this.span = high - low;
    this.beta = high > low ? betaShape(1 + (4 * (mode - low)) / this.span, 1 + (4 * (high - mode)) / this.span) : null;
  }
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Below this mean, Poisson counts are drawn by exact inversion. */
export const POISSON_EXACT_BELOW = 30;

/**
 * Poisson(λ) by inversion of one uniform, so that a scenario member and its
 * baseline twin (common random numbers) get monotonically coupled counts.
 * Exact for λ < 30; above that a Cornish–Fisher normal approximation with
 * continuity correction (error well under one count at these means).
 */
export function poissonInverse(lambda: number, u: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < POISSON_EXACT_BELOW) {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    while (u > cdf && k < 1000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
  const z = normalQuantile(u);
  const x = lambda + Math.sqrt(lambda) * z + (z * z - 1) / 6;
  return Math.max(0, Math.floor(x + 0.5));
}
