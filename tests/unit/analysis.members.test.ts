import { describe, expect, it } from 'vitest';
import { memberMetrics, withConstant } from '../../src/analysis/members';
import { runEnsemble } from '../../src/model/ensemble';
import { PARAM_INDEX } from '../../src/model/engine';
import { distOf } from '../../src/model/stats';
import { scenario } from './analysis.helpers';

describe('memberMetrics', () => {
  for (const noise of [false, true]) {
    it(`reproduces runEnsemble's scalar summaries member by member (noise ${noise ? 'on' : 'off'})`, () => {
      const s = scenario({ response: 'mixed' });
      const opts = { runs: 300, seed: 'members', noise };
      const { totals } = memberMetrics(s, opts);
      const e = runEnsemble(s, opts).scalars;
      const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);
      for (const key of ['p5', 'p50', 'p95', 'mean'] as const) {
        close(distOf(totals.incidents)[key], e.cumulativeIncidents.total[key]);
        close(distOf(totals.peak)[key], e.peakComposite[key]);
        close(distOf(totals.high)[key], e.monthsHighOrWorse[key]);
        close(distOf(totals.cost)[key], e.cumulativeCost[key]);
      }
    });
  }

  it('rejects invalid options with a message naming the field', () => {
    expect(() => memberMetrics(scenario(), { runs: 0, seed: 1 })).toThrow(/runs/);
  });
});

describe('withConstant', () => {
  it('replaces one parameter for every member and leaves the others (and the input) alone', () => {
    const values = [new Float64Array([1, 2]), new Float64Array([3, 4])];
    const j = PARAM_INDEX.responseSpeed;
    const all = Array.from({ length: Math.max(j + 1, 2) }, (_, i) => values[i % 2]);
    const out = withConstant(all, 'responseSpeed', 0.5);
    expect(Array.from(out[j])).toEqual([0.5, 0.5]);
    expect(all[j]).not.toBe(out[j]);
    expect(out.filter((_, i) => i !== j).every((a, i) => a === all.filter((_, k) => k !== j)[i])).toBe(true);
    expect(() => withConstant(all, 'nope', 1)).toThrow(/unknown parameter/);
  });
});
