/**
 * A peak is an outcome of the pause: it is taken over months 1 … H, never
 * month 0's pre-pause 50, and a threat index in words never crosses into
 * another band by rounding (found in a review of the numbers).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate';
import { outcomeFacts } from '../../src/exercise/report';
import { APP_PRESETS } from '../../src/state/presets';
import { fanReadout } from '../../src/ui/charts/fanChart';
import { threatFormat } from '../../src/ui/charts/format';
import { summaryCards } from '../../src/ui/charts/summaryCards';
import type { Band, EnsembleSummary } from '../../src/model/types';

const preset = (id: string) => APP_PRESETS.find((p) => p.id === id)!;

describe('peaks', () => {
  it('the report takes the peak over the months played, not the pre-pause month', () => {
    // The diplomatic signal with no change stays below 50 after month 0.
    const run = simulate(preset('diplomatic-skeptic'));
    expect(Math.max(...run.composite.slice(1))).toBeLessThan(50);
    const first = outcomeFacts(run, 6)[0];
    expect(first).not.toMatch(/in month 0/);
    const best = Math.max(...run.composite.slice(1, 7));
    expect(first).toContain(`in month ${run.composite.indexOf(best)}`);
    // Nothing played yet: no peak to speak of.
    expect(outcomeFacts(run, 0)[0]).not.toMatch(/peak/);
    // A peak of 59.96 is not "60.0" (High) in the report either.
    const edge = { ...run, composite: run.composite.map((x, m) => (m === 3 ? 59.96 : x)) };
    expect(outcomeFacts(edge, 6)[0]).toContain('peak 59.96 in month 3');
  });

  it("the peak card's 90% range and the chart readouts keep a threat index in its band", () => {
    const run = simulate(preset('deprioritized-free-hits-trigger'));
    const d = { p5: 51.8, p25: 54, p50: 55.8, p75: 57.9, p95: 59.51, mean: 55.7 };
    const scalars = { cumulativeIncidents: { total: d }, cumulativeCost: d, peakComposite: d, monthsHighOrWorse: d };
    const summary = { runs: 1000, scalars, pauseEffect: { scalars } } as unknown as EnsembleSummary;
    const peak = summaryCards(run, summary).find((c) => c.id === 'peak')!;
    expect(peak.range).toContain('90% between 52 and 59.5');
    expect(peak.note).toMatch(/median of each run's own highest month/);

    const band: Band = { p5: [52], p25: [56], p50: [58], p75: [59.88], p95: [61], mean: [58] };
    const text = fanReadout({ band, expected: [59.7], perceived: null, baseline: null, overlays: [] }, 0, threatFormat(0));
    expect(text).toContain('middle half 56 to 59.9');
    expect(text).toContain('expected path 59.7');
  });
});
