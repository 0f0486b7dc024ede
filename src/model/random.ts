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

/** A seed as typed by a person ("42", "exercise-3") or a number, as 32 bits. */
export function seedToInt(seed: string | number): number {
  return typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : hashString(String(seed));
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

  /** Gamma(shape, 1) by Marsaglia and Tsang; shape ≥ 1 here (PERT shapes are ≥ 1). */
  gamma(shape: number): number {
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a)
      return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(a, b) for a, b ≥ 1 (see `BetaShape`). */
  beta(a: number, b: number): number {
    return this.betaOf(new BetaShape(a, b));
  }

  /**
   * A Beta draw with the shape's constants already worked out: Cheng's
   * algorithm BB when both exponents exceed 1, the closed-form inverse when
   * one equals 1 (a PERT mode at an end of its range).
   */
  betaOf(shape: BetaShape): number {
    const { lo, hi, sum, bb, gg } = shape;
    if (shape.kind === BETA_A_IS_1) return 1 - Math.pow(this.uniform(), 1 / shape.b);
    if (shape.kind === BETA_B_IS_1) return Math.pow(this.uniform(), 1 / shape.a);
    for (;;) {
      const u1 = this.uniform();
      const u2 = this.uniform();
      const v = bb * Math.log(u1 / (1 - u1));
      const w = lo * Math.exp(v);
      const z = u1 * u1 * u2;
      const r = gg * v - 1.3862943611198906; // ln 4
      const s = lo + r - w;
      if (s + 2.6094379124341003 >= 5 * z || s >= Math.log(z) || r + sum * Math.log(sum / (hi + w)) >= Math.log(z)) {
        return shape.loIsA ? w / (hi + w) : hi / (hi + w);
      }
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

const BETA_CHENG = 0;
const BETA_A_IS_1 = 1;
const BETA_B_IS_1 = 2;

/**
 * The constants of Beta(a, b) sampling, worked out once per parameter rather
 * than once per draw (an ensemble draws each parameter once per member).
 */
export class BetaShape {
  readonly kind: number;
  readonly lo: number;
  readonly hi: number;
  readonly sum: number;
  readonly bb: number;
  readonly gg: number;
  readonly loIsA: boolean;
  constructor(readonly a: number, readonly b: number) {
    this.kind = a <= 1 ? BETA_A_IS_1 : b <= 1 ? BETA_B_IS_1 : BETA_CHENG;
    this.lo = Math.min(a, b);
    this.hi = Math.max(a, b);
    this.sum = this.lo + this.hi;
    this.bb = this.kind === BETA_CHENG ? Math.sqrt((this.sum - 2) / (2 * this.lo * this.hi - this.sum)) : NaN;
    this.gg = this.lo + 1 / this.bb;
    this.loIsA = this.lo === a;
  }
}

/** PERT(low, mode, high), shape 4, as a Beta on [low, high]; `beta` is null when low = high. */
export class PertShape {
  readonly span: number;
  readonly beta: BetaShape | null;
  constructor(readonly low: number, readonly mode: number, high: number) {
    this.span = high - low;
    this.beta = high > low ? new BetaShape(1 + (4 * (mode - low)) / this.span, 1 + (4 * (high - mode)) / this.span) : null;
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
