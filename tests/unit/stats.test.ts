import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted, mean } from 'd3-array';
import { summarize, summarizeFrom, distOf, medianMargin } from '../../src/model/stats';
import { runEnsemble } from '../../src/model/ensemble';
import { APP_PRESETS } from '../../src/state/presets';
import { BetaShape, PertShape, Stream, betaShape, poissonInverse, normalQuantile } from '../../src/model/random';

const PS = [0.05, 0.25, 0.5, 0.75, 0.95];

describe('percentiles by selection', () => {
  it('property: match sorted quantiles (type 7) for any data, ties and sizes', () => {
    const data = fc.oneof(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3000 }),
      fc.array(fc.constantFrom(50, 50, 50, 1e9, -3), { minLength: 1, maxLength: 3000 }),
    );
    fc.assert(
      fc.property(data, (xs) => {
        const sorted = Float64Array.from(xs).sort();
        const out = new Float64Array(6);
        summarize(Float64Array.from(xs), xs.length, out);
        PS.forEach((p, q) => {
          const ref = quantileSorted(Array.from(sorted), p)!;
          expect(Math.abs(out[q] - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
        });
        expect(out[5]).toBeCloseTo(mean(xs)!, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a guessed range never changes the result, only the work, and receives the true range', () => {
    // Long arrays too: binning starts at 64 values, and fast-check's default size keeps arrays short.
    const data = fc.oneof(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 2000, size: 'max' }),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 100 }),
      fc.array(fc.constantFrom(0, 1, 2, 50, 1e9, -3, Infinity, -Infinity), { minLength: 1, maxLength: 2000, size: 'max' }),
      // Smooth data, like an ensemble's (fast-check's doubles cluster at special values).
      fc.tuple(fc.nat(), fc.integer({ min: 64, max: 3000 })).map(([seed, n]) => {
        const st = new Stream(seed, n);
        return Array.from({ length: n }, () => 40 + 10 * st.normal());
      }),
    );
    // Guesses near the data (each end moved by up to the data's span either
    // way, often by a little, so some values fall outside), and any pair of
    // numbers at all.
    const shift = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true }));
    const near = fc.tuple(shift, shift, fc.constant('near' as const));
    const any = fc.tuple(fc.double(), fc.double(), fc.constant('any' as const));
    fc.assert(
      fc.property(data, fc.oneof(near, near, any), (xs, [a, b, kind]) => {
        const values = Float64Array.from(xs);
        const min = Math.min(...xs);
        const max = Math.max(...xs);
        const span = Number.isFinite(max - min) ? max - min : 1;
        const [lo, hi] = kind === 'near' ? [min + a * span, max + b * span] : [a, b];
        const plain = new Float64Array(6);
        summarizeFrom(values, 0, values.length, plain);
        const hinted = new Float64Array(6);
        const range = new Float64Array([7, lo, hi]);
        summarizeFrom(values, 0, values.length, hinted, range, 1);
        expect(Array.from(hinted)).toEqual(Array.from(plain));
        expect(range[0]).toBe(7);
        expect([range[1], range[2]]).toEqual([min, max]);
      }),
      { numRuns: 400 },
    );
  });

  it('a range carried month to month gives the same summaries as none', () => {
    const s = new Stream(11, 4);
    const range = new Float64Array([NaN, NaN]);
    let level = 0;
    for (let month = 0; month < 30; month++) {
      // A drifting series whose spread jumps now and then, so some months rebin.
      level += s.normal();
      const spread = month % 7 === 3 ? 100 : 1;
      const xs = Float64Array.from({ length: 5000 }, () => level + spread * s.normal());
      const a = new Float64Array(6);
      const b = new Float64Array(6);
      summarizeFrom(xs, 0, xs.length, a);
      summarizeFrom(xs, 0, xs.length, b, range);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });

  it('summarises a slice where it lies, leaving the array unchanged', () => {
    const s = new Stream(7, 1);
    const all = Float64Array.from({ length: 3 * 500 }, () => s.normal());
    const before = all.slice();
    const out = new Float64Array(6);
    summarizeFrom(all, 500, 500, out);
    expect(all).toEqual(before);
    const slice = all.slice(500, 1000).sort();
    PS.forEach((p, q) => expect(out[q]).toBeCloseTo(quantileSorted(Array.from(slice), p)!, 12));
    // Small slices take the sorting path, which must not sort the source either.
    summarizeFrom(all, 10, 20, out);
    expect(all).toEqual(before);
    expect(out[2]).toBeCloseTo(quantileSorted(Array.from(all.slice(10, 30).sort()), 0.5)!, 12);
  });

  it('works on 100,000 values with a long tail', () => {
    const s = new Stream(1, 2);
    const xs = Float64Array.from({ length: 100_000 }, () => Math.exp(10 * s.uniform()));
    const d = distOf(xs);
    const sorted = Float64Array.from(xs).sort();
    expect(d.p95).toBeCloseTo(quantileSorted(Array.from(sorted), 0.95)!, 9);
    expect(d.p5).toBeCloseTo(quantileSorted(Array.from(sorted), 0.05)!, 9);
  });
});

describe('random streams', () => {
  it('PERT draws stay in range with the PERT mean (low + 4·mode + high) / 6', () => {
    const s = new Stream(42, 0);
    for (const [lo, m, hi] of [[0, 0.3, 1], [0.15, 0.25, 0.4], [1, 1, 6], [0, 0.1, 0.1], [53, 56, 65]]) {
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      const n = 40_000;
      for (let i = 0; i < n; i++) {
        const x = s.pert(lo, m, hi);
        min = Math.min(min, x);
        max = Math.max(max, x);
        sum += x;
      }
      expect(min).toBeGreaterThanOrEqual(lo);
      expect(max).toBeLessThanOrEqual(hi);
      expect(sum / n).toBeCloseTo((lo + 4 * m + hi) / 6, 2);
    }
    expect(s.pert(3, 3, 3)).toBe(3);
  });

  it('Beta draws follow the Beta CDF (Kolmogorov–Smirnov), across PERT shapes', () => {
    // The exact CDF by integrating the density (Simpson's rule on a fine grid).
    const cdfOf = (shape: BetaShape) => {
      const N = 20_000;
      const cdf = new Float64Array(N + 1);
      const f = (x: number) => (x <= 0 || x >= 1 ? 0 : shape.density(x));
      for (let i = 0; i < N; i++) {
        const x0 = i / N;
        const x1 = (i + 1) / N;
        cdf[i + 1] = cdf[i] + ((x1 - x0) / 6) * (f(x0) + 4 * f((x0 + x1) / 2) + f(x1));
      }
      return (x: number) => {
        const t = Math.min(N, Math.max(0, x * N));
        const i = Math.min(N - 1, Math.floor(t));
        return (cdf[i] + (t - i) * (cdf[i + 1] - cdf[i])) / cdf[N];
      };
    };
    const s = new Stream(99, 5);
    const sub = new Stream(0, 0);
    const n = 100_000;
    // a = 1 + 4(mode − low)/(high − low), b = 6 − a: modes near an end, in the middle, at an end.
    // Each shape twice: from one stream, and each draw from a substream just split off (as an ensemble draws a parameter).
    for (const [a, split] of [1, 1.05, 1.6, 2.667, 3, 4.2, 4.97, 5].flatMap((x) => [[x, false], [x, true]] as const)) {
      const shape = new BetaShape(a, 6 - a);
      const cdf = a === 1 || a === 5 ? (x: number) => (a === 1 ? 1 - (1 - x) ** 5 : x ** 5) : cdfOf(shape);
      const draw = () => {
        if (!split) return s.betaOf(shape);
        sub.splitFrom(s);
        return sub.betaOf(shape);
      };
      const xs = Float64Array.from({ length: n }, draw).sort();
      expect(xs[0]).toBeGreaterThan(0);
      expect(xs[n - 1]).toBeLessThan(1);
      let d = 0;
      xs.forEach((x, i) => {
        const F = cdf(x);
        d = Math.max(d, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
      });
      // Critical value at the 0.1 % level: 1.95 / √n. A seeded stream, so the test is repeatable.
      expect(d, `Beta(${a}, ${6 - a})${split ? ', split' : ''}`).toBeLessThan(1.95 / Math.sqrt(n));
    }
  });

  it('property: the Beta envelope is above and the squeeze below the density in every cell', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.000001, max: 4.999999, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, u) => {
        const shape = new BetaShape(a, 6 - a);
        const cells = shape.upper.length;
        for (let j = 0; j < cells; j++) {
          const x = (j + Math.min(Math.max(u, 1e-9), 1 - 1e-9)) / cells;
          const f = shape.density(x);
          expect(f).toBeLessThanOrEqual(shape.upper[j]);
          expect(f).toBeGreaterThanOrEqual(shape.lower[j]);
        }
        // Alias probabilities are probabilities and aliases are cells.
        for (let j = 0; j < cells; j++) {
          expect(shape.prob[j]).toBeGreaterThanOrEqual(0);
          expect(shape.prob[j]).toBeLessThanOrEqual(1);
          expect(shape.alias[j]).toBeGreaterThanOrEqual(0);
          expect(shape.alias[j]).toBeLessThan(cells);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('prepares a Beta shape once for the same exponents, and draws the same from a kept one', () => {
    expect(betaShape(2.5, 3.5)).toBe(betaShape(2.5, 3.5));
    expect(betaShape(2.5, 3.5)).not.toBe(betaShape(2.5, 3.5000000000000004));
    expect(new PertShape(0, 0.375, 1).beta).toBe(betaShape(2.5, 3.5));
    const kept = new Stream(5, 5);
    const fresh = new Stream(5, 5);
    const a = Array.from({ length: 100 }, () => kept.betaOf(betaShape(2.5, 3.5)));
    const b = Array.from({ length: 100 }, () => fresh.betaOf(new BetaShape(2.5, 3.5)));
    expect(a).toEqual(b);
  });

  it('substreams differ between members and repeat for the same (seed, member)', () => {
    const a = new Stream(7, 1);
    const b = new Stream(7, 1);
    const c = new Stream(7, 2);
    const xa = [a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform()]).toEqual(xa);
    expect(c.uniform()).not.toBe(xa[0]);
  });

  it('Poisson inversion: exact below 30, close in mean and variance above', () => {
    expect(poissonInverse(0, 0.5)).toBe(0);
    expect(poissonInverse(2, Math.exp(-2) - 1e-12)).toBe(0);
    expect(poissonInverse(2, Math.exp(-2) + 1e-12)).toBe(1);
    const s = new Stream(3, 3);
    for (const lambda of [4, 21, 212]) {
      let sum = 0;
      let sq = 0;
      const n = 50_000;
      for (let i = 0; i < n; i++) {
        const k = poissonInverse(lambda, s.uniform());
        sum += k;
        sq += k * k;
      }
      const m = sum / n;
      expect(m / lambda).toBeGreaterThan(0.98);
      expect(m / lambda).toBeLessThan(1.02);
      expect((sq / n - m * m) / lambda).toBeGreaterThan(0.95);
      expect((sq / n - m * m) / lambda).toBeLessThan(1.05);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });
});

describe('medianMargin', () => {
  it("is about twice the spread of a median across seeds (so '±' means what the cards say)", () => {
    const scenario = APP_PRESETS[0];
    const runs = 200;
    const peaks: number[] = [];
    const incidents: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const s = runEnsemble(scenario, { runs, seed, noise: true });
      peaks.push(s.scalars.peakComposite.p50);
      incidents.push(s.scalars.cumulativeIncidents.total.p50);
    }
    const sd = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    };
    const one = runEnsemble(scenario, { runs, seed: 'margin', noise: true });
    // The margin is 1.96 standard errors; 40 seeds estimate the standard error to within about ±25%.
    for (const [xs, d] of [[peaks, one.scalars.peakComposite], [incidents, one.scalars.cumulativeIncidents.total]] as const) {
      const ratio = medianMargin(d, runs) / 1.96 / sd(xs);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.7);
    }
    expect(medianMargin({ p25: 3, p75: 3 }, 100)).toBe(0);
  });
});
