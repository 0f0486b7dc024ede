/** View model of the summary cards: headline numbers from the ensemble, or the expected path until it arrives. */
import { max, sum } from 'd3-array';
import { bandOf, HIGH_FROM, SECTOR_IDS } from '../../model/parameters';
import type { Dist, EnsembleSummary, Run } from '../../model/types';
import { medianMargin } from '../../model/stats';
import { formatMillionsUsd, formatter, threatNumber } from './format';

export type CardId = 'incidents' | 'cost' | 'peak' | 'high';

export interface SummaryCard {
  id: CardId;
  title: string;
  /** The main number, as text. */
  value: string;
  /** Where the number comes from and its 90% interval. */
  range: string;
  /** The difference from the no-pause baseline, when known. */
  versus: string | null;
  /** A caveat the number must carry. */
  note: string | null;
}

const count = formatter(',.0f');
const signed = formatter('+,.0f');

/**
 * A threat index to the nearest point, or with as many decimals as it takes
 * not to cross into another band (59.7 is not "60, Elevated"; 59.96 is not "60.0").
 */
export function threatText(v: number): string {
  return threatNumber(v, 0);
}

/** Months 1 … H of a per-month series (month 0 is the pre-pause state). */
const pauseMonths = (a: number[]) => a.slice(1);

/** Expected-path totals, matching the ensemble's scalars (months 1 … H). */
export function pathTotals(run: Run) {
  const months = pauseMonths(run.composite);
  return {
    incidents: sum(SECTOR_IDS, (k) => sum(pauseMonths(run.incidents[k]))),
    cost: sum(pauseMonths(run.cost)),
    peak: max(months) ?? run.composite[0],
    high: months.filter((v) => v >= HIGH_FROM).length,
  };
}

function between(d: Dist, f: (n: number) => string, unit = ''): string {
  return `90% between ${f(d.p5)} and ${f(d.p95)}${unit}`;
}

/** "±280 from sampling": how far a median of `runs` runs could move with another seed (medianMargin). */
function sampling(d: Dist, runs: number, f: (n: number) => string): string {
  return `±${f(medianMargin(d, runs))} from sampling`;
}

const meanTwoFigures = formatter('+,.2~r');

function versusText(
  d: Dist | null, runs: number, diff: number | null, f: (n: number) => string, margin: (n: number) => string, meanFormat: (n: number) => string = meanTwoFigures,
): string | null {
  // A measure the pause moves in fewer than one run in ten: "+0 (±0; 90%: 0 to 0)" says nothing, and the mean
  // tells whether the rest matter (a one-sided tail is the lesson, not "no effect").
  if (d && d.p5 === 0 && d.p95 === 0) return `the same as with no pause in at least 90% of runs (mean ${d.mean === 0 ? '0' : meanFormat(d.mean)})`;
  if (d) return `${f(d.p50)} vs no pause (${sampling(d, runs, margin)}; 90%: ${f(d.p5)} to ${f(d.p95)})`;
  if (diff != null) return `${f(diff)} vs no pause (expected paths)`;
  return null;
}

/**
 * Cumulative incidents, cumulative cost, peak composite threat and months at
 * High or worse. `baselineRun` (the no-pause expected path) gives a
 * difference before the ensemble arrives.
 */
export function summaryCards(run: Run, summary: EnsembleSummary | null, baselineRun: Run | null = null, noPause = false): SummaryCard[] {
  const H = run.horizonMonths;
  const path = pathTotals(run);
  const base = baselineRun ? pathTotals(baselineRun) : null;
  const s = summary?.scalars;
  const e = summary?.pauseEffect.scalars;
  const runs = summary?.runs ?? 0;
  // Margins to two significant figures: they are estimates, and "±0.31" says more than "±0".
  const twoFigures = formatter(',.2~r');
  // A median of whole months moves by whole months: a margin of a month or more is given in whole months; a smaller
  // one as it is, and the card's note says what it means.
  const wholeMonths = (n: number) => (n >= 1 ? count(Math.ceil(n)) : twoFigures(n));
  const source = (d: Dist, f: (n: number) => string, unit = '', margin: (n: number) => string = twoFigures) =>
    `median of ${count(runs)} runs (${sampling(d, runs, margin)}); ${between(d, f, unit)}`;
  const pending = 'expected path; ensemble still computing';
  const money = (n: number) => formatMillionsUsd(n);
  const moneySigned = (n: number) => formatMillionsUsd(n, true);
  const peak = s ? s.peakComposite.p50 : path.peak;

  // The no-pause baseline has nothing to compare with: each run is its own twin.
  const versus = (text: string | null) => (noPause ? null : text);
  return [
    {
      id: 'incidents',
      title: `Reported incidents, months 1–${H}`,
      value: count(s ? s.cumulativeIncidents.total.p50 : path.incidents),
      range: s ? source(s.cumulativeIncidents.total, count) : pending,
      versus: versus(versusText(e?.cumulativeIncidents.total ?? null, runs, base && path.incidents - base.incidents, signed, twoFigures)),
      note: 'Reported incidents: a floor on real ones.',
    },
    {
      id: 'cost',
      title: `Cumulative cost, months 1–${H}`,
      value: money(s ? s.cumulativeCost.p50 : path.cost),
      range: s ? source(s.cumulativeCost, money, '', money) : pending,
      versus: versus(versusText(e?.cumulativeCost ?? null, runs, base && path.cost - base.cost, moneySigned, money, moneySigned)),
      note: 'US$, nominal: a rough upper bound on direct costs.',
    },
    {
      id: 'peak',
      title: 'Peak composite threat',
      value: `${threatText(peak)} (${bandOf(peak).label})`,
      range: s ? source(s.peakComposite, threatText) : pending,
      versus: versus(versusText(e?.peakComposite ?? null, runs, base && path.peak - base.peak, signed, twoFigures)),
      // Students compared it with the chart's median line, which peaks lower: a different number.
      note: s
        ? `The median of each run's own highest month (1–${H}), so it can be higher than the chart's median line ever goes.`
        : null,
    },
    {
      id: 'high',
      title: 'Months at High or worse',
      value: `${count(s ? s.monthsHighOrWorse.p50 : path.high)} of ${H}`,
      // A median of whole months moves by whole months: its margin is rounded up to one (±0.25 said it could not move).
      range: s ? source(s.monthsHighOrWorse, count, ' months', wholeMonths) : pending,
      versus: versus(versusText(e?.monthsHighOrWorse ?? null, runs, base && path.high - base.high, signed, wholeMonths)),
      note: `Composite threat at ${HIGH_FROM} or above. A median of whole months moves by a whole month or not at all: the smaller its ±, the rarer a move.`,
    },
  ];
}
