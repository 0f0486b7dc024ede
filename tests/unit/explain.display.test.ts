/** Display rounding of explanations: the shown parts add up exactly to the shown value. */
import { describe, expect, it } from 'vitest';
import { explain, explanationSentence, largestRemainder, roundExplanation, type Explanation } from '../../src/model/explain';
import { SECTOR_IDS } from '../../src/model/parameters';
import { explanationDecimals, waterfallSteps } from '../../src/ui/charts/waterfall';
import { DISK_PRESETS } from '../helpers/presets';

/** Parse "−1.1" / "+1.7" / "50" as shown. */
const num = (t: string) => Number(t.replace('−', '-'));

/** 50.1 = 50 − 1.14 + 1.66 − 0.42: each part rounded alone gives 50 − 1.1 + 1.7 − 0.4 = 50.2. */
const naive: Explanation = {
  month: 3,
  target: 'composite',
  value: 50.1,
  base: 50,
  parts: [
    { id: 'activity', label: 'adversary activity', value: -1.14 },
    { id: 'blindSpots', label: 'blind spots', value: 1.66 },
    { id: 'vigilance', label: 'private vigilance', value: -0.42 },
    { id: 'injects', label: 'exercise injects', value: 0 },
    { id: 'clamp', label: 'held at the 0–100 limits', value: 0 },
  ],
};

/** The terms of "68 = 50 + 12 a − 3 b" as numbers: [total, start, ...signed parts]. */
function sentenceNumbers(s: string): { total: number; terms: number[] } {
  const [lhs, rhs] = s.split(' = ');
  const terms = [...rhs.matchAll(/(^|[+−]) ?([\d.]+)/g)].map((m) => (m[1] === '−' ? -1 : 1) * Number(m[2]));
  return { total: Number(lhs), terms };
}

/** Sum in units of 10^−d, exactly. */
const unitsSum = (xs: number[], d: number) => xs.reduce((a, x) => a + Math.round(x * 10 ** d), 0);

describe('largestRemainder', () => {
  it('rounds to the nearest unit and moves the fewest values one unit to hit the rounded total', () => {
    expect(largestRemainder([-1.14, 1.66, -0.42], 0.1, 1)).toEqual([-11, 16, -4]);
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3], 1, 1)).toEqual([4, 3, 3]);
    expect(largestRemainder([12, 9, -3], 18, 1)).toEqual([120, 90, -30]);
    expect(largestRemainder([0.04, 0.04, 0.04], 0.12, 1)).toEqual([1, 0, 0]);
  });
});

describe('explanation display', () => {
  it('the sentence adds up: "50.1 = 50 − 1.1 + 1.6 − 0.4", not a sum of 50.2', () => {
    const s = explanationSentence(naive);
    expect(s).toBe('50.1 = 50 − 1.1 adversary activity + 1.6 blind spots − 0.4 private vigilance');
    const { total, terms } = sentenceNumbers(s);
    expect(unitsSum(terms, 1)).toBe(unitsSum([total], 1));
  });

  it('the waterfall adds up the same way', () => {
    const steps = waterfallSteps(naive);
    expect(steps.map((s) => s.valueText)).toEqual(['50', '−1.1', '+1.6', '−0.4', '50.1']);
  });

  it('a value near a band edge keeps the decimals it needs, everywhere', () => {
    const e: Explanation = { ...naive, value: 59.9929, parts: [{ id: 'activity', label: 'adversary activity', value: 9.9929 }] };
    expect(explanationDecimals(e)).toBe(2);
    expect(explanationSentence(e, 2)).toBe('59.99 = 50 + 9.99 adversary activity');
    expect(waterfallSteps(e).at(-1)!.valueText).toBe('59.99');
  });

  // Every preset, several months, every sector and the composite.
  const targets = ['composite', ...SECTOR_IDS] as const;
  const cases = DISK_PRESETS.flatMap((sc) => {
    const H = sc.horizonMonths;
    const months = [...new Set([0, 1, 3, 6, 9, 12, 18, H].filter((m) => m <= H))];
    return [[sc.id, sc, months] as const];
  });
  it.each(cases)('%s: shown parts add up exactly to the shown total, at every month and target', (_id, sc, months) => {
    let checked = 0;
    for (const m of months) {
      for (const t of targets) {
        const e = explain(sc, m, t);
        const d = explanationDecimals(e);
        const r = roundExplanation(e, d);
        // The total shown is the value rounded; 50 and the shown parts make it exactly.
        expect(Math.round(r.total * 10 ** d)).toBe(Math.round(e.value * 10 ** d));
        expect(unitsSum([r.base, ...r.parts.map((p) => p.shown)], d)).toBe(Math.round(r.total * 10 ** d));
        // No shown part is more than one unit from its exact value.
        for (const p of r.parts) expect(Math.abs(p.shown - p.value)).toBeLessThanOrEqual(10 ** -d + 1e-9);
        // The sentence and the waterfall show the same sum.
        const { total, terms } = sentenceNumbers(explanationSentence(e, d));
        expect(unitsSum(terms, d)).toBe(unitsSum([total], d));
        const steps = waterfallSteps(e, d);
        const shown = steps.slice(0, -1).map((s) => num(s.valueText));
        expect(unitsSum(shown, d)).toBe(unitsSum([num(steps.at(-1)!.valueText)], d));
        checked++;
      }
    }
    expect(checked).toBe(months.length * targets.length);
  });
});
