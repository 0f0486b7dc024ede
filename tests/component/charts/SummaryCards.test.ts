import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import SummaryCards from '../../../src/ui/charts/SummaryCards.svelte';
import { pathTotals, summaryCards, threatText } from '../../../src/ui/charts/summaryCards';
import { formatMillionsUsd } from '../../../src/ui/charts/format';
import { fakeRun, fakeSummary } from './fixtures';

const card = (title: string | RegExp) => screen.getByRole('heading', { name: title }).closest('li') as HTMLElement;

describe('SummaryCards', () => {
  it('shows medians with 90% intervals and the difference from no pause', () => {
    render(SummaryCards, { run: fakeRun(), summary: fakeSummary() });
    const incidents = card('Reported incidents, months 1–4');
    expect(within(incidents).getByText('11,383')).toBeInTheDocument();
    // The median's sampling margin: 1.96 × IQR / √runs = 1.96 × 2,000 / √200 = 277, to two figures.
    expect(within(incidents).getByText('median of 200 runs (±280 from sampling); 90% between 9,383 and 13,383')).toBeInTheDocument();
    expect(within(incidents).getByText('+2,236 vs no pause (±140 from sampling; 90%: +1,236 to +3,236)')).toBeInTheDocument();
    expect(within(incidents).getByText('Reported incidents: a floor on real ones.')).toBeInTheDocument();

    const cost = card('Cumulative cost, months 1–4');
    expect(within(cost).getByText('$19.6 billion')).toBeInTheDocument();
    expect(within(cost).getByText(/rough upper bound on direct costs/)).toBeInTheDocument();
    expect(within(cost).getByText(/^\+\$3\.1 billion vs no pause \(±\$[\d.,]+ (million|billion) from sampling; 90%: \+\$1\.5 billion to \+\$4\.7 billion\)$/)).toBeInTheDocument();

    expect(within(card('Peak composite threat')).getByText('66 (High)')).toBeInTheDocument();
    expect(within(card('Months at High or worse')).getByText('3 of 4')).toBeInTheDocument();
    expect(within(card('Months at High or worse')).getByText('median of 200 runs (±0.28 from sampling); 90% between 1 and 5 months')).toBeInTheDocument();
    expect(screen.getByText(/Counts are reported incidents, a floor on real ones/)).toBeInTheDocument();
  });

  it("says a measure the pause never moves is the same as with no pause, not '+0 (±0; 90%: 0 to 0)'", () => {
    const summary = fakeSummary();
    // Most runs unchanged, a one-sided tail in the rest (diplomatic × restraint: 44 of 1,000 runs add 1–17 months at High).
    const tail = { p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, mean: 0.282 };
    const none = { ...tail, mean: 0 };
    const scalars = summary.pauseEffect.scalars;
    render(SummaryCards, { run: fakeRun(), summary: { ...summary, pauseEffect: { ...summary.pauseEffect, scalars: { ...scalars, monthsHighOrWorse: tail, peakComposite: none } } } });
    expect(within(card('Months at High or worse')).getByText('the same as with no pause in at least 90% of runs (mean +0.28)')).toBeInTheDocument();
    expect(within(card('Peak composite threat')).getByText('the same as with no pause in at least 90% of runs (mean 0)')).toBeInTheDocument();
    // A margin under a month is given as it is (it shrinks with more runs), and the note says what it means for whole months.
    expect(within(card('Months at High or worse')).getByText(/^median of 200 runs \(±0\.28 from sampling\)/)).toBeInTheDocument();
    expect(within(card('Months at High or worse')).getByText(/moves by a whole month or not at all: the smaller its ±, the rarer a move/)).toBeInTheDocument();
  });

  it('the no-pause baseline compares with nothing: no "vs no pause" lines', () => {
    expect(summaryCards(fakeRun(), fakeSummary(), null, true).every((c) => c.versus === null)).toBe(true);
    expect(summaryCards(fakeRun(), fakeSummary(), null, false).every((c) => c.versus !== null)).toBe(true);
  });

  it('falls back to the expected path while the ensemble computes', () => {
    const run = fakeRun();
    render(SummaryCards, { run, summary: null, baselineRun: fakeRun({ composite: [50, 50, 50, 50, 50] }) });
    const totals = pathTotals(run);
    // Months 1–4 of six sectors with incidents 11k … 14k for k = 1 … 6: 50 × 21 = 1,050.
    expect(totals.incidents).toBe(1050);
    expect(within(card(/^Reported incidents/)).getByText('1,050')).toBeInTheDocument();
    expect(within(card(/^Cumulative cost/)).getByText(formatMillionsUsd(2100))).toBeInTheDocument();
    const peak = card('Peak composite threat');
    expect(within(peak).getByText('63 (High)')).toBeInTheDocument();
    expect(within(peak).getByText('expected path; ensemble still computing')).toBeInTheDocument();
    expect(within(peak).getByText('+13 vs no pause (expected paths)')).toBeInTheDocument();
    expect(within(card('Months at High or worse')).getByText('2 of 4')).toBeInTheDocument();
  });

  it.each([
    [63.2, '63'],
    [60.2, '60'],
    [59.7, '59.7'],
    [79.6, '79.6'],
    [45.5, '46'],
  ])('threat %f reads as %s so the number and its band agree', (v, text) => {
    expect(threatText(v)).toBe(text);
  });

  it('view model: four cards in a fixed order; no difference without a baseline', () => {
    const cards = summaryCards(fakeRun(), null);
    expect(cards.map((c) => c.id)).toEqual(['incidents', 'cost', 'peak', 'high']);
    expect(cards.every((c) => c.versus === null)).toBe(true);
  });
});
