/** Text for the Compare view's tables. */
import { formatMillionsUsd, signed1, threatNumber } from '../charts/format';
import { HIGH_FROM } from '../../model/parameters';
import type { EnsembleSummary } from '../../model/types';
import type { KeyNumbers, Spread } from '../../state/compare';

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const n1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
/** A threat index to one decimal, more near a band edge (59.96 is not "60.0"). */
const threat1 = (x: number) => (Number.isFinite(x) ? threatNumber(x, 1) : '—');

/** "58.6 (54.1–63.0)" */
export function spreadText(s: Spread, f: (x: number) => string = n1): string {
  return `${f(s.median)} (${f(s.low)}–${f(s.high)})`;
}

/** "+6.2 (90%: +2.1 to +9.8)" */
export function effectText(s: Spread): string {
  const p = effectParts(s);
  return `${p.median} (90%: ${p.band})`;
}

/** { median: "+6.2", band: "+2.1 to +9.8" } */
export function effectParts(s: Spread): { median: string; band: string } {
  return { median: signed1(s.median), band: `${signed1(s.low)} to ${signed1(s.high)}` };
}

export interface KeyRow {
  label: string;
  cell: (k: KeyNumbers) => string;
}

/** The rows of the side-by-side table. */
export const KEY_ROWS: KeyRow[] = [
  { label: 'Peak composite threat', cell: (k) => spreadText(k.peakComposite, threat1) },
  { label: `Months at High or worse (≥ ${HIGH_FROM})`, cell: (k) => spreadText(k.monthsHighOrWorse, n0) },
  { label: 'Reported incidents, all sectors, cumulative', cell: (k) => spreadText(k.cumulativeIncidents, n0) },
  {
    label: 'Cumulative direct cost (rough upper bound)',
    cell: (k) => `${formatMillionsUsd(k.cumulativeCost.median)} (${formatMillionsUsd(k.cumulativeCost.low)}–${formatMillionsUsd(k.cumulativeCost.high)})`,
  },
  {
    // The median month is over the runs that reverse: when most never do, that comes first, so it is not read as the typical run.
    label: 'Reversal decided (median month of the runs that reverse)',
    cell: (k) => {
      if (k.reversal.median === null) return 'never';
      const month = `month ${n0(k.reversal.median)}`;
      const never = Math.round(k.reversal.probNever * 100);
      if (k.reversal.probNever >= 0.5) return `never in ${never}% of runs; the rest: ${month}`;
      return `${month}${k.reversal.probNever > 0.005 ? ` (never in ${never}% of runs)` : ''}`;
    },
  },
];

/** One scenario of the side-by-side table. */
export interface CompareColumn {
  /** Scenario title shown as the column header. */
  title: string;
  /** Its ensemble, or null while computing. */
  summary: EnsembleSummary | null;
  /** Why it could not be computed. */
  error?: string;
  /** Overlay colour index on the composite chart (0-based); none for the current scenario. */
  overlay?: number;
}

