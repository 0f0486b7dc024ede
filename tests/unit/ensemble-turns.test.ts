/**
 * Large ensembles step members in turns through chunks of months
 * (`stepMonths`) rather than all members month by month. Members are
 * independent, so the summary must be the same to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/model/engine';
import {
  MONTHLY_SERIES, MemberBlock, TURNS_FROM_RUNS, assembleSummary, monthlyResultsLength, monthsInTurns, runEnsemble, seriesRanges,
  shareHighOrWorse, summariseSeries,
} from '../../src/model/ensemble';
import { seedToInt } from '../../src/model/random';
import type { EnsembleOptions, Scenario } from '../../src/model/types';

const scenario = (over: Partial<Scenario> = {}): Scenario => ({
  id: 't', title: '', summary: '', quotes: [], interpretation: 'deprioritized', response: 'mixed', policy: { kind: 'trigger' },
  horizonMonths: 24, parameters: {}, injects: [
    { id: 'shock', month: 5, title: 'A hospital attack', effects: [{ type: 'sectorShock', sector: 'health', factor: 1.6, months: 3 }] },
  ], ...over,
});

/** The ensemble stepped month by month over all members (what runEnsemble does below TURNS_FROM_RUNS). */
function monthByMonth(s: Scenario, opts: EnsembleOptions) {
  const c = compileScenario(s);
  const block = new MemberBlock(c, compileScenario(s, true), seedToInt(opts.seed), 0, opts.runs, opts.noise ?? false);
  const H = s.horizonMonths;
  const results = new Float64Array(monthlyResultsLength(H));
  const high = new Float64Array(H + 1);
  const ranges = seriesRanges();
  for (let t = 0; t <= H; t++) {
    if (t > 0) block.advance(t);
    for (let k = 0; k < MONTHLY_SERIES.length; k++) summariseSeries(results, t, k, block.values(k), 0, opts.runs, ranges);
    high[t] = shareHighOrWorse(block.set.composite, 0, opts.runs);
  }
  return assembleSummary(opts, H, results, high, {
    totals: block.totals, twinTotals: block.twinTotals, reversalMonth: block.set.reversalMonth, reengageMonth: block.set.reengageMonth,
  });
}

const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

describe('stepping members in turns', () => {
  it('takes chunks of months only for large ensembles, as many months as the memory budget holds', () => {
    expect(monthsInTurns(1_000, 24)).toBe(0);
    expect(monthsInTurns(TURNS_FROM_RUNS - 1, 24)).toBe(0);
    expect(monthsInTurns(10_000, 24)).toBeGreaterThanOrEqual(2);
    expect(monthsInTurns(10_000, 24)).toBeLessThanOrEqual(25);
    expect(monthsInTurns(100_000, 24)).toBe(4); // 4 × 18.4 MB within 80 MB
    expect(monthsInTurns(100_000, 24, 8 * 2 ** 20)).toBe(0); // not even one month: month by month
  });

  it('gives the month-by-month summary bit for bit, in one chunk and in several, with and without noise', () => {
    for (const [runs, horizonMonths, noise] of [[TURNS_FROM_RUNS + 300, 24, false], [TURNS_FROM_RUNS + 7, 12, true], [20_000, 24, false]] as const) {
      const s = scenario({ horizonMonths });
      const opts = { runs, seed: 'turns', noise };
      const months = monthsInTurns(runs, horizonMonths);
      expect(months).toBeGreaterThanOrEqual(2);
      if (runs === 20_000) expect(months).toBeLessThan(horizonMonths + 1); // several chunks
      same(runEnsemble(s, opts), monthByMonth(s, opts));
    }
  });

  it('reports progress in months, never backwards, ending at the horizon', () => {
    const seen: number[] = [];
    runEnsemble(scenario(), { runs: 20_000, seed: 1 }, (done, total) => {
      expect(total).toBe(24);
      seen.push(done);
    });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThanOrEqual(102);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen[seen.length - 1]).toBe(24);
  });
});
