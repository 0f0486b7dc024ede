/** Numbers for the Compare view: key figures of a scenario and the interpretation × response grid. */
import { INTERPRETATIONS, RESPONSES, type PauseInterpretationId, type ResponseId } from '../model/parameters';
import type { Dist, EnsembleSummary, Scenario } from '../model/types';
import { withInterpretation } from './edits';

/** A median with its 90% band (5th–95th percentile). */
export interface Spread {
  median: number;
  low: number;
  high: number;
}

const spread = (d: Dist): Spread => ({ median: d.p50, low: d.p5, high: d.p95 });

export interface KeyNumbers {
  peakComposite: Spread;
  monthsHighOrWorse: Spread;
  cumulativeIncidents: Spread;
  cumulativeCost: Spread;
  /** Median month of the reversal decision among members that reverse, and the share that never do. */
  reversal: { median: number | null; probNever: number };
}

/** The side-by-side table's figures for one ensemble. */
export function keyNumbers(summary: EnsembleSummary): KeyNumbers {
  const s = summary.scalars;
  const r = s.reversalMonth;
  return {
    peakComposite: spread(s.peakComposite),
    monthsHighOrWorse: spread(s.monthsHighOrWorse),
    cumulativeIncidents: spread(s.cumulativeIncidents.total),
    cumulativeCost: spread(s.cumulativeCost),
    reversal: { median: r.probNever >= 1 || !Number.isFinite(r.p50) ? null : r.p50, probNever: r.probNever },
  };
}

/** The pause effect on the composite (scenario minus its no-pause twin) at the final month. */
export function finalPauseEffect(summary: EnsembleSummary): Spread {
  const b = summary.pauseEffect.series.composite;
  const t = b.p50.length - 1;
  return { median: b.p50[t], low: b.p5[t], high: b.p95[t] };
}

/**
 * The paired pause effect on each run's peak composite (its highest month):
 * a response that sets off an early reversal can end level with no pause at
 * the horizon and still have raised the threat on the way.
 */
export function peakPauseEffect(summary: EnsembleSummary): Spread {
  const d = summary.pauseEffect.scalars.peakComposite;
  return { median: d.p50, low: d.p5, high: d.p95 };
}

export const GRID_INTERPRETATIONS: readonly PauseInterpretationId[] = ['deprioritized', 'diplomatic', 'reallocation'];
export const GRID_RESPONSES: readonly ResponseId[] = ['restraint', 'free-hits', 'skeptic'];

export interface GridCell {
  id: string;
  interpretation: PauseInterpretationId;
  response: ResponseId;
  scenario: Scenario;
}

/** The current scenario under every interpretation × response (restraint, free hits, no change), rows by response. */
export function gridCells(base: Scenario): GridCell[] {
  return GRID_RESPONSES.flatMap((response) =>
    GRID_INTERPRETATIONS.map((interpretation) => {
      const s = withInterpretation(base, interpretation);
      return {
        id: `${interpretation}/${response}`,
        interpretation,
        response,
        scenario: { ...s, id: `${base.id}-${interpretation}-${response}`, title: `${INTERPRETATIONS[interpretation].shortLabel}, ${RESPONSES[response].label}`, response },
      };
    }),
  );
}
