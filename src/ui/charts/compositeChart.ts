/** View model of the composite threat chart: reversal markers and the note under it. */
import type { EnsembleSummary, Run } from '../../model/types';
import { formatter } from './format';
import type { Marker } from './fanChart';

const pct = formatter('.0%');

/**
 * Markers at the expected path's reversal decision and re-engagement. The
 * share of runs that reverse is in the note, not on the marker: "79% of
 * runs by month 24" drawn at month 6 read as 79% reversing at month 6.
 */
export function reversalMarkers(run: Run): Marker[] {
  const markers: Marker[] = [];
  if (run.reversalMonth != null) markers.push({ month: run.reversalMonth, label: 'expected path: reversal decided' });
  if (run.reengageMonth != null) markers.push({ month: run.reengageMonth, label: 'expected path: operations resume' });
  return markers;
}

/** Said instead of the reversal note for the no-pause baseline, where there is nothing to reverse. */
export const NO_PAUSE_NOTE = 'There is no pause in this scenario (it is the no-pause baseline), so nothing is reversed.';

/**
 * A sentence for the reversal: what the expected path does and how often
 * runs reverse; for the no-pause baseline (`noPause`), that there is no pause.
 */
export function reversalNote(run: Run, summary: EnsembleSummary | null, noPause = false): string {
  if (noPause) return NO_PAUSE_NOTE;
  const H = run.horizonMonths;
  const path =
    run.reversalMonth == null
      ? 'On the expected path the pause is never reversed'
      : `On the expected path the reversal is decided in month ${run.reversalMonth}` +
        (run.reengageMonth != null ? ` and operations resume in month ${run.reengageMonth}` : '');
  const p = summary?.probReversedBy[H];
  return p == null ? `${path}.` : `${path}; ${pct(p)} of runs decide a reversal by month ${H}.`;
}
