/** View model of the reversal chart: probabilities by month and the expected path's markers. */
import type { EnsembleSummary, Run } from '../../model/types';
import type { Marker, Overlay } from './fanChart';
import { formatter } from './format';

const pct = formatter('.0%');

export const REVERSAL_LABEL = 'reversal decided';
export const RESUMED_LABEL = 'operations resumed';

/** The two cumulative probability lines, or none while the ensemble computes. */
export function reversalLines(summary: EnsembleSummary | null): Overlay[] {
  if (!summary) return [];
  return [
    { label: REVERSAL_LABEL, values: summary.probReversedBy },
    { label: RESUMED_LABEL, values: summary.probReengagedBy },
  ];
}

/** Where the expected path reverses and resumes. */
export function expectedPathMarkers(run: Run): Marker[] {
  const m: Marker[] = [];
  if (run.reversalMonth != null) m.push({ month: run.reversalMonth, label: 'expected path: reversal decided' });
  if (run.reengageMonth != null) m.push({ month: run.reengageMonth, label: 'expected path: operations resume' });
  return m;
}

/** "By month 24, 64% of runs decide a reversal and 45% have resumed operations." */
export function reversalHeadline(run: Run, summary: EnsembleSummary | null): string {
  const H = run.horizonMonths;
  const path =
    run.reversalMonth == null
      ? 'the expected path never reverses'
      : `the expected path decides a reversal in month ${run.reversalMonth}`;
  if (!summary) return `Chance of reversal: ensemble still computing; ${path}.`;
  return (
    `Chance of reversal: by month ${H}, ${pct(summary.probReversedBy[H])} of runs decide a reversal and ` +
    `${pct(summary.probReengagedBy[H])} have resumed operations; ${path}.`
  );
}
